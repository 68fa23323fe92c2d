package org.sciml4j.discovery.dmd;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Not a test (speed is never asserted): times exact DMD of a 10 000 x 500 snapshot matrix, a linear system of 20
 * eigenvalues in 10 000 features with 1 % noise, five times. Run after test-compile with
 * {@code java --add-modules jdk.incubator.vector -cp CLASSPATH org.sciml4j.discovery.dmd.SpeedProbe}.
 */
final class SpeedProbe {
    public static void main(String[] args) {
        int m = 10000;
        int n = 500;
        double[] re = new double[10];
        double[] im = new double[10];
        for (int j = 0; j < 10; j++) {
            re[j] = -0.01 * (j + 1);
            im[j] = 0.3 * (j + 1);
        }
        Snapshots d = Generators.withNoise(Generators.linear(re, im, m, Generators.uniformTimes(n, 0.1), 1), 0.01,
                2);
        var bean = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int rep = 0; rep < 5; rep++) {
            long p0 = os.getProcessCpuTime();
            long c0 = bean.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            DmdResult r = ExactDmd.fit(d.pairFirsts(), d.pairSeconds(), m, d.pairs(), 0.1, RankRule.optimal(),
                    Arrays.copyOf(d.x(), m));
            long w1 = System.nanoTime();
            long c1 = bean.getCurrentThreadCpuTime();
            long p1 = os.getProcessCpuTime();
            EigenvalueScore s = EigenvalueScore.of(r, d.truthRe(), d.truthIm());
            System.out.printf("10000 x 500 exact DMD: wall %.3f s (CPU: main thread %.3f s, process %.3f s), rank %d, eigenvalue"
                    + " error %.2e%n", (w1 - w0) / 1e9, (c1 - c0) / 1e9, (p1 - p0) / 1e9, r.rank(), s.eigenvalueError());
        }
    }
}
