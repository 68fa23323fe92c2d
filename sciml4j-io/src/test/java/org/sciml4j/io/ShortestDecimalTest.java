package org.sciml4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The shortest decimal against exact arithmetic: it reads back to the same double, no decimal with fewer digits
 * does, and among those with as many digits it is the nearest (ties to even); it is never longer than JDK 17's
 * {@code Double.toString} and keeps its layout.
 */
class ShortestDecimalTest {

    @Test
    void theIntegerLogarithmsAreExactOverTheRangeTheDoublesNeed() {
        BigDecimal log10of2 = new BigDecimal("0.30102999566398119521373889472449302676818988146210854131");
        BigDecimal log10of3quarters = new BigDecimal("-0.12493873660829995313244988619387131289514609950196473052");
        BigDecimal log2of10 = new BigDecimal("3.32192809488736234787031942948939017586483139302458061205");
        for (int q = -1200; q <= 1200; q++) {
            BigDecimal bq = BigDecimal.valueOf(q);
            assertThat(ShortestDecimal.flog10pow2(q)).as("q = %d", q).isEqualTo(floor(bq.multiply(log10of2)));
            assertThat(ShortestDecimal.flog10threeQuartersPow2(q)).as("q = %d", q)
                    .isEqualTo(floor(bq.multiply(log10of2).add(log10of3quarters)));
        }
        for (int e = -400; e <= 400; e++) {
            assertThat(ShortestDecimal.flog2pow10(e)).as("e = %d", e)
                    .isEqualTo(floor(BigDecimal.valueOf(e).multiply(log2of10)));
        }
    }

    @Test
    void randomDoublesOfEveryExponentGetTheShortestNearestDecimal() {
        SplittableRandom rng = new SplittableRandom(2024);
        for (int i = 0; i < 300_000; i++) {
            check(Double.longBitsToDouble(rng.nextLong()));
        }
        for (int i = 0; i < 100_000; i++) { // the loss values and coordinates tables hold
            check(rng.nextDouble(-10, 10) * Math.pow(10, -rng.nextInt(15)));
        }
    }

    @Test
    void edgeCases() {
        double[] cases = {1, 2, 3, 10, 100, 0.1, 0.2, 0.3, 1e-3, 9.999999999999999e-4, 1e7, 9999999.999999998, 1e22,
            1e23, 2e23, 5e-324 * (1L << 52), Double.MIN_NORMAL, Double.MAX_VALUE, Math.PI, Math.E, 1.0 / 3, 2.0 / 3,
            4.35, 0.0054292713366540304, 1.0121639117470154, 9007199254740993.0, 9007199254740991.0, 123456789012.0,
            2.2250738585072014E-308, 1.7976931348623157E308, 4.9e-324 * 3, 0.0, -0.0, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : cases) {
            check(v);
            check(-v);
        }
        for (int e = -1022; e <= 1023; e++) { // the powers of two, whose gap below is half the gap above
            check(Math.scalb(1.0, e));
            check(Math.nextUp(Math.scalb(1.0, e)));
            check(Math.nextDown(Math.scalb(1.0, e)));
        }
        for (int e = -307; e <= 308; e++) {
            double p = Double.parseDouble("1e" + e);
            check(p);
            check(Math.nextUp(p));
            check(Math.nextDown(p));
        }
        assertThat(ShortestDecimal.toString(2e23)).isEqualTo("2.0E23");
        assertThat(ShortestDecimal.toString(1.0E-5)).isEqualTo("1.0E-5");
        assertThat(ShortestDecimal.toString(100)).isEqualTo("100.0");
        assertThat(ShortestDecimal.toString(0.001)).isEqualTo("0.001");
        assertThat(ShortestDecimal.toString(-1234567.5)).isEqualTo("-1234567.5");
        assertThat(ShortestDecimal.toString(1.0E7)).isEqualTo("1.0E7");
        assertThat(ShortestDecimal.toString(2.0E-3)).isEqualTo("0.002");
    }

    private static void check(double v) {
        String s = ShortestDecimal.toString(v);
        String jdk = Double.toString(v);
        if (!Double.isFinite(v) || v == 0 || Math.abs(v) < Double.MIN_NORMAL) {
            assertThat(s).isEqualTo(jdk);
            return;
        }
        assertThat(Double.doubleToRawLongBits(Double.parseDouble(s))).as("%s reads back", s)
                .isEqualTo(Double.doubleToRawLongBits(v));
        BigDecimal ours = new BigDecimal(s);
        BigDecimal exact = new BigDecimal(v);
        int n = ours.stripTrailingZeros().precision();
        // no shorter decimal reads back: the nearest with n - 1 digits does not
        if (n > 1) {
            BigDecimal shorter = exact.round(new MathContext(n - 1, RoundingMode.HALF_EVEN));
            assertThat(Double.parseDouble(shorter.toString())).as("%s is not the shortest for %s", s, jdk)
                    .isNotEqualTo(v);
        }
        // the nearest n-digit decimal, when it reads back
        BigDecimal nearest = exact.round(new MathContext(n, RoundingMode.HALF_EVEN));
        if (Double.parseDouble(nearest.toString()) == v) {
            assertThat(ours.compareTo(nearest)).as("%s is not the nearest (%s)", s, nearest).isZero();
        }
        assertThat(n).as("%s against the JDK's %s", s, jdk)
                .isLessThanOrEqualTo(new BigDecimal(jdk).stripTrailingZeros().precision());
        boolean plain = Math.abs(v) >= 1e-3 && Math.abs(v) < 1e7;
        assertThat(s.contains("E")).as("layout of %s (JDK %s)", s, jdk).isEqualTo(!plain);
        assertThat(s.contains("E")).isEqualTo(jdk.contains("E"));
    }

    private static int floor(BigDecimal x) {
        return x.setScale(0, RoundingMode.FLOOR).intValueExact();
    }
}
