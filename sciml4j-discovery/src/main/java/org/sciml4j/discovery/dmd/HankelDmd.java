package org.sciml4j.discovery.dmd;

/**
 * Time-delay (Hankel) DMD: exact DMD of the snapshots stacked with d - 1 delayed copies, column k = [x_k; x_{k+1};
 * ...; x_{k+d-1}] (m d features, n - d + 1 columns), which finds oscillations that a few features (even one) cannot
 * show. The modes returned are the first m rows of the stacked modes (the present state); the amplitudes are fitted to
 * the first stacked column.
 */
public final class HankelDmd {
    private HankelDmd() {
    }

    /**
     * Fits Hankel DMD.
     *
     * @param x      snapshots (m, n), column-major, equally spaced by dt
     * @param delays d >= 1, the number of stacked copies (1 is exact DMD)
     */
    public static DmdResult fit(double[] x, int m, int n, int delays, double dt, RankRule rule) {
        double[] h = stack(x, m, n, delays);
        int rows = m * delays;
        int cols = n - delays + 1;
        if (cols < 2) {
            throw new IllegalArgumentException("hankel DMD with " + delays + " delays needs at least " + (delays + 1)
                    + " snapshots, got " + n);
        }
        double[] hx = java.util.Arrays.copyOf(h, rows * (cols - 1));
        double[] hy = java.util.Arrays.copyOfRange(h, rows, rows * cols);
        double[] h0 = java.util.Arrays.copyOf(h, rows);
        DmdResult full = ExactDmd.fit(hx, hy, rows, cols - 1, dt, rule, h0);
        // scale the stacked modes' top blocks back: b_j phi_j (top) is what reconstructs x
        ComplexMatrix top = full.modes().topRows(m);
        return DmdResult.fromDiscrete("hankel", dt, full.lambdaRe(), full.lambdaIm(), top, full.ampRe(),
                full.ampIm(), full.singularValues(), full.rank());
    }

    /** The (m d, n - d + 1) Hankel matrix of the snapshots. */
    static double[] stack(double[] x, int m, int n, int delays) {
        int rows = m * delays;
        int cols = n - delays + 1;
        double[] h = new double[rows * Math.max(cols, 0)];
        for (int k = 0; k < cols; k++) {
            for (int d = 0; d < delays; d++) {
                System.arraycopy(x, (k + d) * m, h, k * rows + d * m, m);
            }
        }
        return h;
    }
}
