package org.sciml4j.optim;

/** Correctly rounded integer powers, for Adam's bias corrections and the decay schedules. */
final class Powers {
    private Powers() {
    }

    /**
     * {@code base^n} for {@code n >= 0}, rounded correctly in practice: binary powering in double-double arithmetic
     * (error-free products by {@link Math#fma}) keeps about 100 bits, so the one final rounding is the correct one
     * unless the exact power lies within about 2^-95 relative of a rounding boundary. Deterministic on every JVM.
     * {@link StrictMath#pow} is off by one ulp for roughly one in twelve of Adam's {@code beta^t}, and the C
     * library's {@code pow} that Python (so PyTorch) uses is correctly rounded in all but rare cases, so this
     * reproduces PyTorch's scalars far more often.
     */
    static double powInt(double base, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("powInt: negative exponent " + n);
        }
        if (!Double.isFinite(base) || base == 0) {
            return StrictMath.pow(base, n);
        }
        double rh = 1;
        double rl = 0;
        double bh = base;
        double bl = 0;
        int k = n;
        while (k > 0) {
            if ((k & 1) != 0) {
                double p = rh * bh;
                double e = Math.fma(rh, bh, -p) + (rh * bl + rl * bh);
                rh = p + e;
                rl = e - (rh - p);
            }
            k >>>= 1;
            if (k > 0) {
                double p = bh * bh;
                double e = Math.fma(bh, bh, -p) + 2 * bh * bl;
                bh = p + e;
                bl = e - (bh - p);
            }
        }
        double r = rh + rl;
        if (!Double.isFinite(r) || r == 0 || Math.abs(r) < Double.MIN_NORMAL) {
            return StrictMath.pow(base, n); // overflow or underflow: the double-double tail is meaningless there
        }
        return r;
    }
}
