package org.sciml4j.solvers.eikonal;

/** Bilinear (2-D) and trilinear (3-D) interpolation of node values on a {@link Grid}. */
final class Multilinear {
    private Multilinear() {
    }

    /**
     * The corners of the cell holding {@code x} (in the grid's box) and their interpolation weights: {@code nodes}
     * and {@code weights}, each of length 2^d, in the same order.
     */
    record Corners(int[] nodes, double[] weights) {
    }

    /** The cell corners around {@code x} with their weights (a point on the upper edge uses the last cell). */
    static Corners corners(Grid grid, double[] x) {
        int d = grid.dimension();
        int base = 0;
        double[] frac = new double[d];
        for (int a = 0; a < d; a++) {
            double u = (x[a] - grid.origin()[a]) / grid.spacing()[a];
            int i = Math.max(0, Math.min(grid.shape()[a] - 2, (int) Math.floor(u)));
            frac[a] = u - i;
            base += i * grid.stride(a);
        }
        int[] nodes = new int[1 << d];
        double[] weights = new double[1 << d];
        for (int corner = 0; corner < nodes.length; corner++) {
            double w = 1;
            int node = base;
            for (int a = 0; a < d; a++) {
                boolean high = (corner >> a & 1) == 1;
                w *= high ? frac[a] : 1 - frac[a];
                node += high ? grid.stride(a) : 0;
            }
            nodes[corner] = node;
            weights[corner] = w;
        }
        return new Corners(nodes, weights);
    }

    /**
     * The interpolated value at {@code x} (length d), which must lie in the grid's box.
     *
     * @param values node values, flat, length {@code grid.size()}
     */
    static double at(Grid grid, double[] values, double[] x) {
        Corners c = corners(grid, x);
        double sum = 0;
        for (int k = 0; k < c.nodes().length; k++) {
            if (c.weights()[k] != 0) {
                sum += c.weights()[k] * values[c.nodes()[k]];
            }
        }
        return sum;
    }
}
