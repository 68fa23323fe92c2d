package org.sciml4j.pinn.eikonal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;

/**
 * v sampled on a grid (a {@code .npz} file): array {@code v} of shape (n_1, ..., n_d) (row-major, the last axis
 * fastest) and one increasing coordinate array per axis, named as the axis ({@code x}, {@code z}), that together
 * cover the domain. Between nodes v is interpolated bi- or trilinearly; outside the grid the nearest edge value.
 */
public final class GridVelocity implements Velocity {
    private final String file;
    private final double[][] axes;
    private final double[] values;
    private final int[] strides;

    private GridVelocity(String file, double[][] axes, double[] values) {
        this.file = file;
        this.axes = axes;
        this.values = values;
        int d = axes.length;
        strides = new int[d];
        strides[d - 1] = 1;
        for (int a = d - 2; a >= 0; a--) {
            strides[a] = strides[a + 1] * axes[a + 1].length;
        }
    }

    /**
     * Reads and checks a velocity grid.
     *
     * @param path  the file
     * @param shown the file's name as written in the problem file (for messages)
     * @param box   the domain the grid must cover
     * @throws IllegalArgumentException naming the array and its shape when the file does not fit
     * @throws IOException              when the file cannot be read
     */
    public static GridVelocity read(Path path, String shown, Box box) throws IOException {
        Map<String, Tensor> arrays = Npz.read(path);
        int d = box.dimension();
        Tensor v = arrays.get("v");
        if (v == null) {
            throw new IllegalArgumentException(shown + " has no array 'v' (the velocity); it has " + arrays.keySet());
        }
        if (v.rank() != d) {
            throw new IllegalArgumentException(shown + ": array 'v' must have " + d + " axes (" + box.names()
                    + "), got shape " + Arrays.toString(v.shape()));
        }
        double[][] axes = new double[d][];
        for (int a = 0; a < d; a++) {
            axes[a] = axis(arrays, shown, box, a, v.shape()[a]);
        }
        double[] values = v.toArray();
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0) || !Double.isFinite(values[i])) {
                throw new IllegalArgumentException(shown + ": array 'v' " + Arrays.toString(v.shape())
                        + " must be finite and > 0 everywhere, got " + values[i] + " at flat index " + i);
            }
        }
        return new GridVelocity(shown, axes, values);
    }

    private static double[] axis(Map<String, Tensor> arrays, String shown, Box box, int a, int n) {
        String name = box.names().get(a);
        Tensor t = arrays.get(name);
        if (t == null) {
            throw new IllegalArgumentException(shown + " has no coordinate array '" + name + "' (length " + n
                    + ", the nodes of v along axis " + a + "); it has " + arrays.keySet());
        }
        double[] c = t.toArray();
        if (t.rank() != 1 || c.length != n || n < 2) {
            throw new IllegalArgumentException(shown + ": array '" + name + "' must have shape [" + n
                    + "] (v's axis " + a + ", at least 2), got " + Arrays.toString(t.shape()));
        }
        for (int i = 1; i < n; i++) {
            if (!(c[i] > c[i - 1])) {
                throw new IllegalArgumentException(shown + ": array '" + name + "' must be increasing, but entry " + i
                        + " (" + c[i] + ") is not above entry " + (i - 1) + " (" + c[i - 1] + ")");
            }
        }
        if (c[0] > box.lo()[a] || c[n - 1] < box.hi()[a]) {
            throw new IllegalArgumentException(shown + ": array '" + name + "' spans [" + c[0] + ", " + c[n - 1]
                    + "], which does not cover the domain's [" + box.lo()[a] + ", " + box.hi()[a] + "]");
        }
        return c;
    }

    @Override
    public double[] at(double[] points, int d) {
        int n = points.length / d;
        double[] out = new double[n];
        int[] cell = new int[d];
        double[] frac = new double[d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double[] c = axes[a];
                double x = Math.min(c[c.length - 1], Math.max(c[0], points[i * d + a]));
                int k = Arrays.binarySearch(c, x);
                k = k >= 0 ? Math.min(k, c.length - 2) : Math.min(-k - 2, c.length - 2);
                cell[a] = k;
                frac[a] = (x - c[k]) / (c[k + 1] - c[k]);
            }
            out[i] = interpolate(cell, frac);
        }
        return out;
    }

    /** The multilinear interpolation over the 2^d corners of a cell. */
    private double interpolate(int[] cell, double[] frac) {
        int d = cell.length;
        double sum = 0;
        for (int corner = 0; corner < (1 << d); corner++) {
            double w = 1;
            int index = 0;
            for (int a = 0; a < d; a++) {
                int bit = (corner >> a) & 1;
                w *= bit == 1 ? frac[a] : 1 - frac[a];
                index += (cell[a] + bit) * strides[a];
            }
            if (w != 0) {
                sum += w * values[index];
            }
        }
        return sum;
    }

    @Override
    public String describe() {
        return "v from " + file + " " + Arrays.toString(Arrays.stream(axes).mapToInt(c -> c.length).toArray());
    }
}
