package org.sciml4j.solvers.eikonal;

/** Bilinear (2-D) and trilinear (3-D) interpolation of node values on a {@link Grid}. */
final class Multilinear {
    private Multilinear() {
    }

    /**
     * The interpolated value at {@code x} (length d), which must lie in the grid's box.
     *
     * @param values node values, flat, length {@code grid.size()}
     */
    static double at(Grid grid, double[] values, double[] x) {
        int d = grid.dimension();
        int base = 0;
        double[] frac = new double[d];
        int[] step = new int[d];
        for (int a = 0; a < d; a++) {
            double u = (x[a] - grid.origin()[a]) / grid.spacing()[a];
            int i = (int) Math.floor(u);
            i = Math.max(0, Math.min(grid.shape()[a] - 2, i));
            frac[a] = u - i;
            step[a] = grid.stride(a);
            base += i * step[a];
        }
        double sum = 0;
        for (int corner = 0; corner < 1 << d; corner++) {
            double w = 1;
            int node = base;
            for (int a = 0; a < d; a++) {
                boolean high = (corner >> a & 1) == 1;
                w *= high ? frac[a] : 1 - frac[a];
                node += high ? step[a] : 0;
            }
            if (w != 0) {
                sum += w * values[node];
            }
        }
        return sum;
    }
}
