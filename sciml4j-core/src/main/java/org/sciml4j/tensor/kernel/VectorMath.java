package org.sciml4j.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised elementary functions for the hot loops of networks (JDK 17's Vector API TANH and EXP are not
 * intrinsic and are slower than scalar code). Loaded only when {@code jdk.incubator.vector} is present.
 * <p>
 * tanh: for |x| < 0.3 its odd Taylor polynomial to x^25 (truncation below 2e-19 relative); above,
 * 1 - 2 / (exp(2|x|) + 1) with exp computed by Cody-Waite reduction x = k ln2 + r, |r| <= ln2/2, a degree-13
 * polynomial for exp(r) and 2^k added to the exponent bits. Within a few ulps of {@code Math.tanh}.
 */
final class VectorMath {
    private VectorMath() {
    }

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final double INV_LN2 = 1.4426950408889634;
    private static final double LN2_HI = 0x1.62e42fefa3800p-1;
    private static final double LN2_LO = 0x1.ef35793c76730p-45;
    private static final double ROUNDER = 0x1.8p52;
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    /** 1/n! for n = 13 down to 2. */
    private static final double[] EXP_COEFFS = {1.0 / 6227020800L, 1.0 / 479001600, 1.0 / 39916800, 1.0 / 3628800,
        1.0 / 362880, 1.0 / 40320, 1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 0.5};
    /** Taylor coefficients of tanh for x^25 down to x^3. */
    private static final double[] TANH_COEFFS = {1.5918905069328964e-05, -3.927832388331683e-05,
        9.691537956929451e-05, -0.00023912911424355248, 0.000590027440945586, -0.0014558343870513183,
        0.003592128036572481, -0.008863235529902197, 0.021869488536155203, -0.05396825396825397,
        0.13333333333333333, -0.3333333333333333};

    /** {@code out[outOff + i] = tanh(x[off + i])} for i in [0, len). */
    static void tanh(double[] x, int off, int len, double[] out, int outOff) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += S.length()) {
            DoubleVector v = DoubleVector.fromArray(S, x, off + i);
            DoubleVector ax = v.lanewise(VectorOperators.ABS);
            // large branch: 1 - 2 / (exp(2|x|) + 1), |x| capped at 20 where tanh is 1 to double precision
            DoubleVector e = exp(ax.min(20.0).mul(2.0));
            DoubleVector big = DoubleVector.broadcast(S, 2.0).div(e.add(1.0)).neg().add(1.0);
            big = big.blend(big.neg(), v.compare(VectorOperators.LT, 0.0));
            // small branch: x + x^3 P(x^2)
            DoubleVector x2 = v.mul(v);
            DoubleVector p = DoubleVector.broadcast(S, TANH_COEFFS[0]);
            for (int c = 1; c < TANH_COEFFS.length; c++) {
                p = p.fma(x2, DoubleVector.broadcast(S, TANH_COEFFS[c]));
            }
            DoubleVector small = p.mul(x2).fma(v, v);
            VectorMask<Double> isSmall = ax.compare(VectorOperators.LT, 0.3);
            big.blend(small, isSmall).intoArray(out, outOff + i);
        }
        for (; i < len; i++) {
            out[outOff + i] = Elementwise.tanh(x[off + i]);
        }
    }

    /** exp for arguments in [0, 40] (no overflow or underflow handling needed there). */
    private static DoubleVector exp(DoubleVector y) {
        DoubleVector t = y.fma(DoubleVector.broadcast(S, INV_LN2), DoubleVector.broadcast(S, ROUNDER));
        DoubleVector k = t.sub(ROUNDER);
        DoubleVector r = k.neg().fma(DoubleVector.broadcast(S, LN2_HI), y);
        r = k.neg().fma(DoubleVector.broadcast(S, LN2_LO), r);
        DoubleVector p = DoubleVector.broadcast(S, EXP_COEFFS[0]);
        for (int c = 1; c < EXP_COEFFS.length; c++) {
            p = p.fma(r, DoubleVector.broadcast(S, EXP_COEFFS[c]));
        }
        p = p.fma(r, DoubleVector.broadcast(S, 1.0)).fma(r, DoubleVector.broadcast(S, 1.0));
        LongVector kBits = ((LongVector) t.reinterpretAsLongs()).sub(ROUNDER_BITS).lanewise(VectorOperators.LSHL, 52);
        return (DoubleVector) ((LongVector) p.reinterpretAsLongs()).add(kBits).reinterpretAsDoubles();
    }
}
