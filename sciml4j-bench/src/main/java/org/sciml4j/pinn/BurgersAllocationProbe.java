package org.sciml4j.pinn;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Bytes allocated per Adam epoch of the Burgers step ({@link BurgersPinnStep}), by every thread (the caller and the
 * kernels' pool): {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar
 * org.sciml4j.pinn.BurgersAllocationProbe [steps]}. Counts come from {@code com.sun.management.ThreadMXBean}
 * (the JVM's per-thread allocation counters, TLAB-exact), summed over all live threads before and after the steps,
 * after 500 steps of warm-up (so the JIT's escape analysis has run).
 */
public final class BurgersAllocationProbe {
    private BurgersAllocationProbe() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        BurgersPinnStep s = new BurgersPinnStep();
        for (int i = 0; i < 500; i++) {
            s.step();
        }
        for (int round = 0; round < 3; round++) {
            long before = allocated();
            for (int i = 0; i < steps; i++) {
                s.step();
            }
            long bytes = allocated() - before;
            System.out.printf(Locale.ROOT, "Burgers Adam epoch: %.1f kB allocated per step (%d steps, all threads)%n",
                    bytes / 1e3 / steps, steps);
        }
    }

    /** Bytes allocated so far by all live threads. */
    static long allocated() {
        com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long b : t.getThreadAllocatedBytes(t.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }
}
