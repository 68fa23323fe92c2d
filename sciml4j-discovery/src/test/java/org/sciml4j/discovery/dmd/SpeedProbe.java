package org.sciml4j.discovery.dmd;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

/** Not a test: times the pieces of a 10k x 500 DMD (run with java -cp ... SpeedProbe). */
final class SpeedProbe {
    public static void main(String[] args) {
        int m = 10000;
        int n = 500;
        SplittableRandom rnd = new SplittableRandom(3);
        double[] a = new double[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextGaussian();
        }
        var bean = ManagementFactory.getThreadMXBean();
        for (int rep = 0; rep < 3; rep++) {
            long c0 = bean.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            double[] g = Dense.multiply(true, false, n, n, m, a, a);
            long c1 = bean.getCurrentThreadCpuTime();
            double[] at = Dense.transpose(a, m, n);
            long c1b = bean.getCurrentThreadCpuTime();
            double[] g2 = Dense.multiply(false, true, n, n, m, at, at);
            long c2 = bean.getCurrentThreadCpuTime();
            Dense.eigh(g, n);
            long c3 = bean.getCurrentThreadCpuTime();
            Dense.eig(java.util.Arrays.copyOf(g, n * n), n);
            long c4 = bean.getCurrentThreadCpuTime();
            System.out.printf("gemm TN %.3f  transpose %.3f  gemm NT %.3f  eigh %.3f  geev %.3f  wall %.3f%n",
                    (c1 - c0) / 1e9, (c1b - c1) / 1e9, (c2 - c1b) / 1e9, (c3 - c2) / 1e9, (c4 - c3) / 1e9,
                    (System.nanoTime() - w0) / 1e9);
            if (g2[0] != g[0] && Math.abs(g2[0] - g[0]) > 1e-6) {
                System.out.println("mismatch");
            }
        }
        System.out.println(Dense.blas().getClass() + " " + Dense.lapack().getClass());
    }
}
