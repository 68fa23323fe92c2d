package org.sciml4j.dynamics.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sciml4j.io.DataFormatException;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;

/**
 * Observed trajectories on one time grid.
 *
 * @param t    observation times, shape (T,), strictly increasing
 * @param x    observed states, shape (K, T, d) (noise included)
 * @param dxdt exact time derivatives at the noise-free states, shape (K, T, d), or null when unknown
 */
public record TrajectoryData(Tensor t, Tensor x, Tensor dxdt) {
    /** Checks the shapes. */
    public TrajectoryData {
        if (t.rank() != 1 || x.rank() != 3 || x.size(1) != t.size(0)) {
            throw new IllegalArgumentException("trajectories need t of shape (T,) and x of shape (K, T, d), got t "
                    + Arrays.toString(t.shape()) + " and x " + Arrays.toString(x.shape()));
        }
        if (dxdt != null && !Arrays.equals(dxdt.shape(), x.shape())) {
            throw new IllegalArgumentException("dxdt has shape " + Arrays.toString(dxdt.shape()) + " but x has "
                    + Arrays.toString(x.shape()));
        }
        double[] times = t.data();
        for (int i = 1; i < times.length; i++) {
            if (!(times[i] > times[i - 1])) {
                throw new IllegalArgumentException("t must be strictly increasing, but t[" + (i - 1) + "] = "
                        + times[i - 1] + " and t[" + i + "] = " + times[i]);
            }
        }
    }

    /** Number of trajectories K. */
    public int trajectories() {
        return x.size(0);
    }

    /** Number of observation times T. */
    public int times() {
        return x.size(1);
    }

    /** State width d. */
    public int dimension() {
        return x.size(2);
    }

    /** The trajectories {@code [from, to)}, same times. */
    public TrajectoryData subset(int from, int to) {
        return new TrajectoryData(t, x.slice(0, from, to).copy(), dxdt == null ? null : dxdt.slice(0, from, to).copy());
    }

    /** All observed states as rows, shape (K T, d). */
    public Tensor states() {
        return x.reshape(trajectories() * times(), dimension());
    }

    /** All derivatives as rows, shape (K T, d). */
    public Tensor derivatives() {
        if (dxdt == null) {
            throw new IllegalStateException("these trajectories carry no derivatives (dxdt)");
        }
        return dxdt.reshape(trajectories() * times(), dimension());
    }

    /** Writes {@code t}, {@code x} and, when known, {@code dxdt} to an .npz file (atomically). */
    public void write(Path file) throws IOException {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("t", t);
        m.put("x", x);
        if (dxdt != null) {
            m.put("dxdt", dxdt);
        }
        Npz.write(file, m, true);
    }

    /**
     * Reads an .npz file with {@code t} (T,), {@code x} (K, T, d) and optionally {@code dxdt} (K, T, d).
     *
     * @throws DataFormatException naming the file and the array that is missing or has the wrong shape
     */
    public static TrajectoryData read(Path file) throws IOException {
        Map<String, Tensor> m = Npz.read(file);
        Tensor t = m.get("t");
        Tensor x = m.get("x");
        if (t == null || x == null) {
            throw new DataFormatException(file.toString(), t == null ? "t" : "x", "trajectory data need arrays 't'"
                    + " (T,) and 'x' (K, T, d), found " + m.keySet());
        }
        try {
            return new TrajectoryData(t, x, m.get("dxdt"));
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file.toString(), null, e.getMessage());
        }
    }
}
