package org.sciml4j.io;

import java.math.BigInteger;

/**
 * The shortest decimal that reads back to the same double, in {@link Double#toString(double)}'s format ("0.00123",
 * "1.0E-7", "123.5"), computed with 64-bit integer arithmetic only.
 * <p>
 * Why: the text tables a run writes (a {@code loss.tsv} of 10000 epochs holds 40000 numbers) went through JDK 17's
 * {@code Double.toString}, whose exact arithmetic on big integers made up about 7 % of the tutorial's whole forward
 * program (and, once hot, a 90 ms C2 compilation of its own). Newer JDKs ship Raffaello Giulietti's Schubfach
 * algorithm ("The Schubfach way to render doubles", 2020); this is that algorithm, written from the paper. For a
 * normal double v = c 2^q it picks the decimal exponent k for which the rounding interval of v, scaled by 10^-k,
 * holds an integer but at most one multiple of 10; the scaled v and its interval bounds come from one 64 x 126-bit
 * product each, rounded to odd so that comparisons with even integers stay exact. If a multiple of 10 lies in the
 * interval it is the answer (one digit fewer); otherwise the integer nearest the scaled v that lies in it (ties to
 * even). Zeros, subnormals, infinities and NaN keep {@code Double.toString}; the result may be shorter than JDK 17's
 * where that one is not the shortest.
 */
public final class ShortestDecimal {
    private ShortestDecimal() {
    }

    /** Smallest and largest decimal exponents k the normal doubles need. */
    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    private static final long MASK_63 = (1L << 63) - 1;
    /**
     * 10^-k for k in [K_MIN, K_MAX] as 126-bit integers g, rounded up: g 2^(flog2pow10(-k) - 125) >= 10^-k; each made
     * on first use (the numbers of one table need few exponents: the whole table took 7-10 ms of BigInteger
     * arithmetic, interpreted, before a run's first loss table could be written).
     */
    private static final Power[] G = new Power[K_MAX - K_MIN + 1];

    /** g's high 63 bits and low 63 bits; final fields, so an entry is safely seen by any thread that reads it. */
    private record Power(long high, long low) {
    }

    /** The entry of k: g = floor(10^-k 2^(125 - flog2pow10(-k))) + 1. */
    private static Power power(int k) {
        Power p = G[k - K_MIN];
        if (p == null) {
            int e = 125 - flog2pow10(-k);
            BigInteger floor = k <= 0
                    ? (e >= 0 ? BigInteger.TEN.pow(-k).shiftLeft(e) : BigInteger.TEN.pow(-k).shiftRight(-e))
                    : BigInteger.ONE.shiftLeft(e).divide(BigInteger.TEN.pow(k));
            BigInteger g = floor.add(BigInteger.ONE);
            p = new Power(g.shiftRight(63).longValueExact(), g.longValue() & MASK_63);
            G[k - K_MIN] = p; // two threads may both make it: the same value
        }
        return p;
    }

    /** floor(q log10 2), for |q| up to a few thousand. */
    static int flog10pow2(int q) {
        return (int) (q * 661_971_961_083L >> 41);
    }

    /** floor(log10(3/4 2^q)), for |q| up to a few thousand. */
    static int flog10threeQuartersPow2(int q) {
        return (int) (q * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    /** floor(e log2 10), for |e| up to a few thousand. */
    static int flog2pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /** {@code v} as {@link Double#toString(double)} writes it, but always the shortest form. */
    public static String toString(double v) {
        return append(new StringBuilder(24), v).toString();
    }

    /** Appends {@code v} in the form {@link #toString(double)} gives; returns {@code b}. */
    public static StringBuilder append(StringBuilder b, double v) {
        long bits = Double.doubleToRawLongBits(v);
        int biased = (int) (bits >>> 52) & 0x7ff;
        if (biased == 0 || biased == 0x7ff) { // zero, subnormal, infinity, NaN
            return b.append(v);
        }
        if (bits < 0) {
            b.append('-');
        }
        long c = (bits & ((1L << 52) - 1)) | 1L << 52;
        int q = biased - 1075;
        return decimal(b, c, q);
    }

    /** Finds and appends the shortest decimal of the normal double c 2^q. */
    private static StringBuilder decimal(StringBuilder b, long c, int q) {
        long out = c & 1; // the rounding interval is closed for an even c, open for an odd one
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != 1L << 52 || q == -1074) {
            cbl = cb - 2;
            k = flog10pow2(q);
        } else { // at a power of two the gap below is half the gap above
            cbl = cb - 1;
            k = flog10threeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 2;
        Power g = power(k);
        long g1 = g.high();
        long g0 = g.low();
        long vb = roundToOdd(g1, g0, cb << h);
        long vbl = roundToOdd(g1, g0, cbl << h);
        long vbr = roundToOdd(g1, g0, cbr << h);
        long s = vb >> 2;
        if (s >= 100) {
            long sp10 = 10 * Math.multiplyHigh(s, 115_292_150_460_684_698L << 4); // 10 floor(s / 10)
            long tp10 = sp10 + 10;
            boolean upin = vbl + out <= sp10 << 2;
            boolean wpin = (tp10 << 2) + out <= vbr;
            if (upin != wpin) {
                return format(b, upin ? sp10 : tp10, k);
            }
        }
        long t = s + 1;
        boolean uin = vbl + out <= s << 2;
        boolean win = (t << 2) + out <= vbr;
        if (uin != win) {
            return format(b, uin ? s : t, k);
        }
        long cmp = vb - (s + t << 1);
        return format(b, cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : t, k);
    }

    /**
     * The 64 bits above the 127th of {@code cp} times the 126-bit g = g1 2^63 + g0, rounded to odd: the floor, with
     * the last bit set when anything below was not zero.
     */
    private static long roundToOdd(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | ((z & MASK_63) + MASK_63) >>> 63;
    }

    /** Appends f 10^e, f > 0, in {@code Double.toString}'s layout. */
    private static StringBuilder format(StringBuilder b, long f, int e) {
        while (f % 10 == 0) {
            f /= 10;
            e++;
        }
        String digits = Long.toString(f);
        int n = digits.length();
        int point = n + e; // the decimal point sits after this many digits of f (can be <= 0 or > n)
        if (point > -3 && point <= 7) { // 1e-3 <= |v| < 1e7: plain
            if (point <= 0) {
                b.append("0.");
                b.append("0".repeat(-point));
                return b.append(digits);
            }
            if (point >= n) {
                return b.append(digits).append("0".repeat(point - n)).append(".0");
            }
            return b.append(digits, 0, point).append('.').append(digits, point, n);
        }
        b.append(digits.charAt(0)).append('.');
        if (n > 1) {
            b.append(digits, 1, n);
        } else {
            b.append('0');
        }
        return b.append('E').append(point - 1);
    }
}
