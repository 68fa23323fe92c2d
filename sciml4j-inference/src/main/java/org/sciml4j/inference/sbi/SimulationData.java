package org.sciml4j.inference.sbi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;

/**
 * Simulated pairs: row i of {@code theta} (N, D) produced row i of {@code x} (N, C). Stored as {@code .npz} with
 * arrays {@code theta}, {@code x} and {@code meta} = [seed, requested simulations, D, C] so that a run can reuse them.
 */
public record SimulationData(Tensor theta, Tensor x) {

    /** Checks that the shapes fit. */
    public SimulationData {
        if (theta.rank() != 2 || x.rank() != 2 || theta.size(0) != x.size(0)) {
            throw new IllegalArgumentException("theta (N, D) and x (N, C) must have the same N, got "
                    + java.util.Arrays.toString(theta.shape()) + " and " + java.util.Arrays.toString(x.shape()));
        }
    }

    /**
     * A lower bound of the bytes one simulation of D parameters and C outputs holds while simulations are made and
     * gathered (in one JVM, or on a Spark farm's driver): the plan's theta row and seed, the gathered theta and x rows
     * (each a Java array with its header) and the flat arrays they are copied into.
     */
    public static long bytesPerSimulation(int d, int c) {
        return 64 + 32L * d + 24L * c;
    }

    /** N. */
    public int size() {
        return theta.size(0);
    }

    /** Writes the pairs and their meta data atomically (Npz writes through a temporary file). */
    public void write(Path file, long seed, int requested) throws IOException {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("theta", theta);
        m.put("x", x);
        m.put("meta", Tensor.vector(seed, requested, theta.size(1), x.size(1)));
        Npz.write(file, m, true);
    }

    /**
     * The stored pairs when {@code file} holds simulations made with this seed, count and dimensions; null when it
     * does not exist or was made otherwise.
     */
    public static SimulationData readIfSame(Path file, long seed, int requested, int d, int c) throws IOException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            return null;
        }
        Map<String, Tensor> m = Npz.read(file);
        Tensor meta = m.get("meta");
        if (meta == null || meta.numel() != 4 || !m.containsKey("theta") || !m.containsKey("x")) {
            return null;
        }
        double[] v = meta.data();
        if (v[0] != (double) seed || v[1] != requested || v[2] != d || v[3] != c) {
            return null;
        }
        return new SimulationData(m.get("theta"), m.get("x"));
    }
}
