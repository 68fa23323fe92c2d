package org.sciml4j.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import org.sciml4j.tensor.kernel.MatMul;
import org.sciml4j.tensor.kernel.Parallel;

/**
 * Matrix products alone, through {@link MatMul#gemm} as the engine calls it: for each shape m x k x n, calls to warm up
 * (about 3 GFLOP and at least 2 s), then as many as 3 GFLOP (at least 20) timed one by one, and the median. Which
 * path ran is the machine's and the JVM's: run it with and without a tuned BLAS, {@code OPENBLAS_NUM_THREADS},
 * {@code -Dsciml4j.blas.min=...} (a huge value keeps every product in Java) or {@code -Dsciml4j.threads=N}. Prints one
 * line per shape,
 * <pre>RESULT shape=MxKxN ms=.. gflops=.. threads=.. blas=..</pre>
 * Usage: {@code GemmShapes [MxKxN ...]} (default: the PINN and operator shapes of docs/BENCHMARKS, session 26).
 */
public final class GemmShapes {
    private GemmShapes() {
    }

    /** The least warm-up per shape. */
    private static final long WARMUP_NANOS = 2_000_000_000L;

    private static final String[] DEFAULT = {"2400x100x100", "100x2400x100", "8000x100x100", "100x8000x100",
        "256x256x256", "512x512x512", "1000x200x200", "200x1000x200"};

    public static void main(String[] args) {
        SplittableRandom rng = new SplittableRandom(1);
        for (String shape : args.length > 0 ? args : DEFAULT) {
            int[] d = parse(shape);
            if (d == null) {
                System.err.println("usage: GemmShapes [MxKxN ...] (positive whole numbers), got " + shape);
                System.exit(2);
            }
            int m = d[0];
            int k = d[1];
            int n = d[2];
            double[] a = rng.doubles((long) m * k).toArray();
            double[] b = rng.doubles((long) k * n).toArray();
            double[] c = new double[m * n];
            int reps = (int) Math.max(20, 3e9 / (2.0 * m * k * n));
            // warm-up: at least WARMUP_NANOS, so that C2 has compiled the kernels and left the other cores to them
            // (a shorter one timed the two-thread Java kernel at one thread's speed while C2 still ran)
            long warmEnd = System.nanoTime() + WARMUP_NANOS;
            for (int w = 0; w < reps || System.nanoTime() < warmEnd; w++) {
                MatMul.gemm(a, 0, b, 0, c, 0, m, k, n, false);
            }
            long[] t = new long[reps];
            for (int w = 0; w < reps; w++) {
                long t0 = System.nanoTime();
                MatMul.gemm(a, 0, b, 0, c, 0, m, k, n, false);
                t[w] = System.nanoTime() - t0;
            }
            Arrays.sort(t);
            double ms = t[reps / 2] / 1e6;
            System.out.printf(Locale.ROOT, "RESULT shape=%s ms=%.3f gflops=%.1f threads=%d blas=%s%n", shape, ms,
                    2.0 * m * k * n / ms / 1e6, Parallel.threads(), MatMul.blasName().replace(' ', '_'));
        }
    }

    private static int[] parse(String shape) {
        String[] p = shape.split("x");
        if (p.length != 3) {
            return null;
        }
        int[] d = new int[3];
        for (int i = 0; i < 3; i++) {
            try {
                d[i] = Integer.parseInt(p[i]);
            } catch (NumberFormatException e) {
                return null;
            }
            if (d[i] < 1) {
                return null;
            }
        }
        return d;
    }
}
