package org.sciml4j.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The jet loops (vectorised where the Vector API is present) against the formulas written out element by element. */
class TaylorKernelsTest {
    /** One direction, differentiated twice: blocks u, u', u'' (the single-direction jet of an ODE). */
    private static final int[] ONE_SECOND = {0};
    private static final int[] NONE = {};

    private static double[] random(SplittableRandom rng, int n, double scale) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = (2 * rng.nextDouble() - 1) * scale;
        }
        return a;
    }

    @Test
    void tanhJetAndItsReverseRuleFollowTheFormulas() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int m : new int[] {1, 3, 4, 13, 40, 2041}) { // vector bodies and scalar tails
            double[] z = random(rng, 3 * m, 3);
            double[] y = new double[3 * m];
            TaylorKernels.tanhMultiJet(z, y, m, 1, ONE_SECOND, NONE);
            double[] g = random(rng, 3 * m, 1);
            double[] gz = g.clone();
            TaylorKernels.tanhMultiJetBackward(gz, z, y, m, 1, ONE_SECOND, NONE);
            for (int j = 0; j < m; j++) {
                double f = Math.tanh(z[j]);
                double d1 = 1 - f * f;
                double d2 = -2 * f * d1;
                double d3 = d1 * (4 * f * f - 2 * d1);
                double z1 = z[m + j];
                double z2 = z[2 * m + j];
                assertThat(y[j]).isCloseTo(f, within(1e-15 * Math.abs(f)));
                assertThat(y[m + j]).isCloseTo(d1 * z1, within(1e-14 * Math.abs(z1)));
                assertThat(y[2 * m + j]).isCloseTo(d1 * z2 + d2 * z1 * z1, within(1e-14 * (Math.abs(z2) + z1 * z1)));
                double s = Math.abs(g[j]) + Math.abs(g[m + j]) + Math.abs(g[2 * m + j]);
                double scale = 1e-14 * s * (1 + Math.abs(z1) + Math.abs(z2) + z1 * z1);
                assertThat(gz[j]).isCloseTo(g[j] * d1 + g[m + j] * d2 * z1 + g[2 * m + j] * (d2 * z2 + d3 * z1 * z1),
                        within(scale));
                assertThat(gz[m + j]).isCloseTo(g[m + j] * d1 + 2 * g[2 * m + j] * d2 * z1, within(scale));
                assertThat(gz[2 * m + j]).isCloseTo(g[2 * m + j] * d1, within(scale));
            }
        }
    }

    @Test
    void sinJetAndItsReverseRuleFollowTheFormulas() {
        SplittableRandom rng = new SplittableRandom(9);
        int m = 11;
        double[] z = random(rng, 3 * m, 3);
        double[] y = new double[3 * m];
        double[] d1 = new double[m];
        TaylorKernels.sinMultiJet(z, y, d1, m, 1, ONE_SECOND, NONE);
        double[] g = random(rng, 3 * m, 1);
        double[] gz = g.clone();
        TaylorKernels.sinMultiJetBackward(gz, z, y, d1, m, 1, ONE_SECOND, NONE);
        for (int j = 0; j < m; j++) {
            double s = Math.sin(z[j]);
            double c = Math.cos(z[j]);
            double z1 = z[m + j];
            double z2 = z[2 * m + j];
            assertThat(y[j]).isEqualTo(s);
            assertThat(d1[j]).isEqualTo(c);
            assertThat(y[m + j]).isEqualTo(c * z1);
            assertThat(y[2 * m + j]).isEqualTo(c * z2 - s * z1 * z1);
            assertThat(gz[j]).isEqualTo(g[j] * c + g[m + j] * -s * z1 + g[2 * m + j] * (-s * z2 + -c * z1 * z1));
            assertThat(gz[m + j]).isEqualTo(g[m + j] * c + 2 * g[2 * m + j] * -s * z1);
            assertThat(gz[2 * m + j]).isEqualTo(g[2 * m + j] * c);
        }
    }

    @Test
    void thirdOrderJetsAndTheirReverseRulesFollowTheFormulas() {
        SplittableRandom rng = new SplittableRandom(13);
        int[][][] shapes = { // seconds, thirds (indices into seconds); two first-derivative blocks
            {{0}, {0}}, {{0, 1}, {1}}, {{1, 0}, {0, 1}}};
        for (int[][] shape : shapes) {
            for (boolean tanh : new boolean[] {true, false}) {
                for (int m : new int[] {1, 4, 13, 2041}) { // vector bodies and scalar tails
                    checkThirdOrder(rng, tanh, m, shape[0], shape[1]);
                }
            }
        }
    }

    /**
     * One jet of order 3 against y''' = f' z3 + 3 f'' z1 z2 + f''' z1^3 and its adjoint, f'''' written out
     * independently of the kernels' recurrence (tanh: 16 f f'^2 - 8 f^3 f'; sin: f).
     */
    private static void checkThirdOrder(SplittableRandom rng, boolean tanh, int m, int[] seconds, int[] thirds) {
        int firsts = 2;
        int blocks = 1 + firsts + seconds.length + thirds.length;
        double[] z = random(rng, blocks * m, 2);
        double[] y = new double[blocks * m];
        double[] d1s = new double[m];
        double[] g = random(rng, blocks * m, 1);
        double[] gz = g.clone();
        double[] plain = g.clone(); // the order-2 rule on the blocks before the third ones
        if (tanh) {
            TaylorKernels.tanhMultiJet(z, y, m, firsts, seconds, thirds);
            TaylorKernels.tanhMultiJetBackward(gz, z, y, m, firsts, seconds, thirds);
            TaylorKernels.tanhMultiJetBackward(plain, z, y, m, firsts, seconds, NONE);
        } else {
            TaylorKernels.sinMultiJet(z, y, d1s, m, firsts, seconds, thirds);
            TaylorKernels.sinMultiJetBackward(gz, z, y, d1s, m, firsts, seconds, thirds);
            TaylorKernels.sinMultiJetBackward(plain, z, y, d1s, m, firsts, seconds, NONE);
        }
        for (int j = 0; j < m; j++) {
            double f = tanh ? Math.tanh(z[j]) : Math.sin(z[j]);
            double d1 = tanh ? 1 - f * f : Math.cos(z[j]);
            double d2 = tanh ? -2 * f * d1 : -f;
            double d3 = tanh ? -2 * d1 * d1 + 4 * f * f * d1 : -d1;
            double d4 = tanh ? 16 * f * d1 * d1 - 8 * f * f * f * d1 : f;
            double g0 = plain[j]; // the order-2 terms of the value's cotangent
            double[] expected = plain.clone();
            for (int t = 0; t < thirds.length; t++) {
                int a = (1 + seconds[thirds[t]]) * m + j;
                int b = (1 + firsts + thirds[t]) * m + j;
                int c = (1 + firsts + seconds.length + t) * m + j;
                double z1 = z[a];
                double z2 = z[b];
                double z3 = z[c];
                double y3 = d1 * z3 + 3 * d2 * z1 * z2 + d3 * z1 * z1 * z1;
                assertThat(y[c]).isCloseTo(y3, within(1e-13 * (1 + Math.abs(y3))));
                g0 += g[c] * (d2 * z3 + 3 * d3 * z1 * z2 + d4 * z1 * z1 * z1);
                expected[a] += g[c] * (3 * d2 * z2 + 3 * d3 * z1 * z1);
                expected[b] += 3 * g[c] * d2 * z1;
                expected[c] = g[c] * d1;
            }
            expected[j] = g0;
            for (int k = 0; k < blocks; k++) {
                assertThat(gz[k * m + j]).as("block %d at %d", k, j)
                        .isCloseTo(expected[k * m + j], within(1e-13 * (1 + Math.abs(expected[k * m + j]))));
            }
        }
    }

    @Test
    void biasAndColumnSumsOfTheValueRows() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int cols : new int[] {1, 3, 4, 8, 9, 20, 21}) {
            int rows = 7;
            double[] a = random(rng, 3 * rows * cols, 2); // a whole jet: only the value rows are touched
            double[] b = random(rng, cols, 1);
            double[] expected = a.clone();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    expected[r * cols + c] += b[c];
                }
            }
            TaylorKernels.addBias(a, rows, cols, b);
            assertThat(a).containsExactly(expected);
            double[] sums = new double[cols];
            TaylorKernels.columnSums(a, rows, cols, sums);
            for (int c = 0; c < cols; c++) {
                double s = 0;
                for (int r = 0; r < rows; r++) {
                    s += a[r * cols + c];
                }
                assertThat(sums[c]).as("column %d of %d", c, cols).isEqualTo(s);
            }
        }
    }

    @Test
    void specialisedMultiJetLoopsMatchTheGenericOnesBitForBit() {
        if (!MatMul.VECTOR_API) {
            return;
        }
        SplittableRandom rng = new SplittableRandom(11);
        int[][][] shapes = { // {firsts}, seconds, {1 if a written-out loop takes the shape}
            {{1}, {}, {1}}, {{1}, {0}, {1}}, {{2}, {}, {1}}, {{2}, {0}, {1}}, {{2}, {1}, {1}}, {{3}, {1}, {0}},
            {{2}, {0, 1}, {1}}, {{2}, {1, 0}, {0}}, {{2}, {0, 0}, {0}}, {{3}, {0, 1}, {0}}};
        for (int[][] shape : shapes) {
            int firsts = shape[0][0];
            int[] seconds = shape[1];
            boolean special = shape[2][0] == 1;
            int blocks = 1 + firsts + seconds.length;
            for (int m : new int[] {1, 4, 13, 40, 2041}) {
                double[] z = random(rng, blocks * m, 3);
                double[] y = new double[blocks * m];
                Elementwise.tanh(z, 0, m, y, 0);
                double[] y2 = y.clone();
                int from = VectorJet.tanhMultiJetTailFused(z, y, m, firsts, seconds);
                assertThat(from).isEqualTo(special ? m - m % DoubleVectorLength.L : -1);
                if (!special) {
                    continue;
                }
                assertThat(VectorJet.tanhMultiJetTail(z, y2, m, firsts, seconds, NONE, NONE)).isEqualTo(from);
                assertThat(y).isEqualTo(y2);
                double[] g = random(rng, blocks * m, 1);
                double[] g2 = g.clone();
                assertThat(VectorJet.tanhMultiJetBackwardFused(g, z, y, m, firsts, seconds)).isEqualTo(from);
                assertThat(VectorJet.tanhMultiJetBackward(g2, z, y, m, firsts, seconds, NONE, NONE)).isEqualTo(from);
                assertThat(g).isEqualTo(g2);
            }
        }
    }

    /**
     * The series term out += w x y and its reverse rule, vector bodies and scalar tails at offsets, give the bits of
     * the scalar loops; the reverse rule of a square term (both cotangents into one row) adds both updates in order.
     */
    @Test
    void scaledProductAndItsReverseRuleKeepTheScalarBits() {
        SplittableRandom rng = new SplittableRandom(17);
        for (int len : new int[] {1, 3, 4, 13, 40, 257}) {
            double w = rng.nextDouble() - 0.5;
            double[] x = random(rng, len + 5, 2);
            double[] y = random(rng, len + 3, 2);
            double[] out = random(rng, len + 2, 1);
            double[] expected = out.clone();
            for (int i = 0; i < len; i++) {
                expected[2 + i] += w * x[5 + i] * y[3 + i];
            }
            TaylorKernels.addScaledProduct(w, x, 5, y, 3, out, 2, len);
            assertBits(out, expected);
            double[] g = random(rng, len + 1, 1);
            double[] gx = random(rng, len + 5, 1);
            double[] gy = random(rng, len + 3, 1);
            double[] gxe = gx.clone();
            double[] gye = gy.clone();
            double[] sq = random(rng, len, 1);
            double[] sqe = sq.clone();
            for (int i = 0; i < len; i++) {
                double c = w * g[1 + i];
                gxe[5 + i] += c * y[3 + i];
                gye[3 + i] += c * x[5 + i];
                sqe[i] += c * x[i];
                sqe[i] += c * x[i];
            }
            TaylorKernels.addScaledProductAdjoint(w, g, 1, x, 5, y, 3, gx, 5, gy, 3, len);
            TaylorKernels.addScaledProductAdjoint(w, g, 1, x, 0, x, 0, sq, 0, sq, 0, len);
            assertBits(gx, gxe);
            assertBits(gy, gye);
            assertBits(sq, sqe);
        }
    }

    /** The order-1 and order-2 rows of an activation and their reverse rules keep the scalar formulas' bits. */
    @Test
    void activationRowsAndTheirReverseRulesKeepTheScalarBits() {
        SplittableRandom rng = new SplittableRandom(19);
        for (int len : new int[] {1, 3, 4, 13, 40, 256}) {
            int o1 = 3;
            int o2 = 3 + len + 2;
            int n = o2 + len + 1;
            double[] d1 = random(rng, len, 1);
            double[] d2 = random(rng, len, 1);
            double[] d3 = random(rng, len, 1);
            double[] x = random(rng, n, 2);
            double[] g = random(rng, n, 1);
            double[] y = new double[n];
            double[] ye = new double[n];
            double[] gx = random(rng, n, 1);
            double[] gxe = gx.clone();
            double[] gx0 = random(rng, len + 1, 1);
            double[] gx0e = gx0.clone();
            for (int i = 0; i < len; i++) {
                double x1 = x[o1 + i];
                double g2 = g[o2 + i];
                ye[o1 + i] = d1[i] * x1;
                ye[o2 + i] = d1[i] * x[o2 + i] + 0.5 * d2[i] * x1 * x1;
                gxe[o1 + i] = g[o1 + i] * d1[i];
                gx0e[1 + i] += g[o1 + i] * d2[i] * x1;
                gxe[o1 + i] += g2 * d2[i] * x1;
                gxe[o2 + i] = g2 * d1[i];
                gx0e[1 + i] += g2 * (d2[i] * x[o2 + i] + 0.5 * d3[i] * x1 * x1);
            }
            TaylorKernels.firstOrderRow(d1, x, o1, y, len);
            TaylorKernels.secondOrderRow(d1, d2, x, o1, o2, y, len);
            TaylorKernels.firstOrderRowAdjoint(d1, d2, g, x, o1, gx, gx0, 1, len);
            TaylorKernels.secondOrderRowAdjoint(d1, d2, d3, g, x, o1, o2, gx, gx0, 1, len);
            assertBits(y, ye);
            assertBits(gx, gxe);
            assertBits(gx0, gx0e);
        }
    }

    private static void assertBits(double[] actual, double[] expected) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(Double.doubleToRawLongBits(actual[i])).as("element " + i)
                    .isEqualTo(Double.doubleToRawLongBits(expected[i]));
        }
    }

    /** The lane count of the kernels' species (VectorWidth), as the vector loops use it. */
    private static final class DoubleVectorLength {
        static final int L = Lanes.L;
    }
}
