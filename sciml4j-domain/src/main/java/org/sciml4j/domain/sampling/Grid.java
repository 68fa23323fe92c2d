package org.sciml4j.domain.sampling;

import java.util.Arrays;

import org.sciml4j.tensor.Tensor;

/**
 * A tensor-product grid with a fixed number of equally spaced points per coordinate, boundaries included, in
 * row-major order (the first coordinate varies slowest, the last fastest), as NumPy's
 * {@code meshgrid(..., indexing="ij")} flattened. Made by {@link Sampler#grid(int...)}.
 *
 * <p>Along a coordinate with {@code m > 1} points, point {@code k} sits at {@code k / (m - 1)} in the unit cube
 * (exactly 0 and 1 at the ends); with {@code m = 1} it sits at 0, the lower end.
 */
public final class Grid implements Sampler {

    private final int[] counts;
    private final int size;

    Grid(int[] counts) {
        if (counts == null || counts.length == 0) {
            throw new IllegalArgumentException("grid: give at least one count per dimension");
        }
        long total = 1;
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] < 1) {
                throw new IllegalArgumentException("grid: countsPerDimension[" + j + "] must be >= 1, got "
                        + counts[j]);
            }
            total *= counts[j];
            if (total > Checks.MAX_ARRAY / counts.length) {
                throw new IllegalArgumentException("grid" + str(counts) + ": too many points for one array");
            }
        }
        this.counts = counts.clone();
        this.size = (int) total;
    }

    /** The number of points along each coordinate (a copy). */
    public int[] counts() {
        return counts.clone();
    }

    /** The number of coordinates, {@code counts().length}. */
    public int dimension() {
        return counts.length;
    }

    /** The number of points, the product of the counts. */
    public int size() {
        return size;
    }

    /**
     * The grid's points in the unit cube.
     *
     * @param n    must equal {@link #size()}
     * @param dim  must equal {@link #dimension()}
     * @param seed ignored
     * @return {@code size() * dimension()} values, row-major
     * @throws IllegalArgumentException if {@code n} or {@code dim} does not match the grid
     */
    @Override
    public double[] unitCube(int n, int dim, long seed) {
        if (dim != counts.length) {
            throw new IllegalArgumentException("grid" + str(counts) + ": dim = " + dim + " but the grid has "
                    + counts.length + " dimensions");
        }
        if (n != size) {
            throw new IllegalArgumentException("grid" + str(counts) + ": n = " + n + " but the grid has " + size
                    + " points; use box(lo, hi)");
        }
        return fill(counts, size);
    }

    /**
     * The grid's points in the box [lo, hi].
     *
     * @param lo lower corner, {@link #dimension()} finite values
     * @param hi upper corner, each greater than the matching {@code lo}
     * @return a tensor of shape ({@link #size()}, {@link #dimension()}); its first row is {@code lo}, its last
     *         {@code hi} (where no count is 1)
     */
    public Tensor box(double[] lo, double[] hi) {
        return box(size, lo, hi, 0L);
    }

    /** The product grid in the unit cube, row-major, first coordinate slowest ({@code total} = product of counts). */
    static double[] fill(int[] counts, int total) {
        int d = counts.length;
        double[] out = new double[total * d];
        int stride = total; // number of consecutive points sharing one value of coordinate j
        for (int j = 0; j < d; j++) {
            int m = counts[j];
            stride /= m;
            double[] axis = new double[m];
            for (int k = 0; k < m; k++) {
                // k / (m - 1) rather than k * h: exact 1 at the end and one rounding per value
                axis[k] = m == 1 ? 0.0 : (double) k / (m - 1);
            }
            for (int p = 0; p < total; p++) {
                out[p * d + j] = axis[(p / stride) % m];
            }
        }
        return out;
    }

    private static String str(int[] counts) {
        String s = Arrays.toString(counts);
        return "(" + s.substring(1, s.length() - 1) + ")";
    }

    @Override
    public String toString() {
        return "grid" + str(counts);
    }
}
