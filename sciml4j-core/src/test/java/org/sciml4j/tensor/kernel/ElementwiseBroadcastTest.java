package org.sciml4j.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Shape;

/**
 * Binary operations on operands broadcast in place give, bit for bit, what the same operation gives on copies
 * expanded to the output's shape ({@link Layout#expand}): every operation, broadcasting along leading, middle and
 * trailing axes, on either side or both, one-element outputs, and outputs large enough to be cut into chunks over the
 * threads (chunks that end inside a row).
 */
class ElementwiseBroadcastTest {

    @AfterEach
    void restore() {
        Parallel.setThreads(Parallel.defaultThreads());
    }

    private static final int[][][] PAIRS = {
        {{8000, 1}, {2, 8000, 1}},
        {{2, 8000, 1}, {8000, 1}},
        {{7, 1}, {7, 5}},
        {{7, 5}, {7, 1}},
        {{5}, {7, 5}},
        {{3, 1, 4}, {1, 6, 1}},
        {{1, 6, 1}, {3, 1, 4}},
        {{2, 1, 3, 1}, {2, 4, 1, 5}},
        {{1}, {3, 2}},
        {{3, 2}, {1, 1}},
        {{1, 1}, {1}},
        {{300, 1, 1}, {1, 17, 40}},
        {{1, 70000}, {3, 1}},
    };

    @Test
    void broadcastInPlaceKeepsTheBitsOfExpandedCopies() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int threads : new int[] {1, 2, 3}) {
            Parallel.setThreads(threads);
            for (int[][] pair : PAIRS) {
                int[] shape = Shape.broadcast("test", pair[0], pair[1]);
                double[] a = values(rng, Shape.numel(pair[0]));
                double[] b = values(rng, Shape.numel(pair[1]));
                double[] ea = Layout.expand(a, pair[0], shape);
                double[] eb = Layout.expand(b, pair[1], shape);
                for (Elementwise.Binary op : Elementwise.Binary.values()) {
                    double[] expected = Elementwise.binary(op, ea, eb, new double[ea.length]);
                    double[] got = Elementwise.binary(op, a, pair[0], b, pair[1], shape, new double[ea.length]);
                    String what = op + " " + Shape.str(pair[0]) + " with " + Shape.str(pair[1]) + ", " + threads
                            + " threads";
                    for (int i = 0; i < got.length; i++) {
                        assertThat(Double.doubleToRawLongBits(got[i])).as("%s, element %d", what, i)
                                .isEqualTo(Double.doubleToRawLongBits(expected[i]));
                    }
                }
            }
        }
    }

    @Test
    void scalarLeftOperandsNeedNoCopy() {
        double[] b = {1.5, -2, 0, 4};
        assertThat(Elementwise.scalarBinary(Elementwise.Binary.SUB, 1, b, new double[4]))
                .containsExactly(-0.5, 3, 1, -3);
        assertThat(Elementwise.scalarBinary(Elementwise.Binary.DIV, 2, b, new double[4]))
                .containsExactly(2 / 1.5, -1, Double.POSITIVE_INFINITY, 0.5);
        assertThat(Elementwise.scalarBinary(Elementwise.Binary.GT, 1, b, new double[4])).containsExactly(0, 1, 1, 0);
    }

    /** Values with ties between the operands now and then, so that the comparisons see equal pairs too. */
    private static double[] values(SplittableRandom rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(4) == 0 ? 1.0 : rng.nextGaussian();
        }
        return v;
    }
}
