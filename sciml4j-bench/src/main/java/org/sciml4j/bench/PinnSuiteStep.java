package org.sciml4j.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

import org.sciml4j.nn.Module;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.SuitePath;
import org.sciml4j.pinn.Trainer;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.tensor.kernel.VectorWidth;
import org.sciml4j.train.Progress;
import org.sciml4j.train.TrainingListener;

/**
 * One process of the alternating suite ({@code sciml4j-bench/run-suite.sh}): reads a suite problem's file, builds its
 * network from the file's seed, and trains {@code warmup + epochs} full-batch Adam epochs at the file's learning rate
 * through the real trainer ({@link Trainer} on a {@code PinnObjective}: the loss, its gradient, the Adam update, the
 * history); times the last {@code epochs} (wall clock, and the process's CPU clock over all its threads). No L-BFGS,
 * no resampling, no checkpoints: the steady-state Adam epoch only.
 * <p>
 * {@code java --add-modules jdk.incubator.vector -cp sciml4j-bench/target/benchmarks.jar
 * org.sciml4j.bench.PinnSuiteStep NAME|FILE WARMUP EPOCHS} from the repository root prints one line
 * <pre>RESULT side=sciml4j problem=.. ms_per_epoch=.. cpu_ms_per_epoch=.. alloc_kb_per_epoch=.. warmup=.. epochs=..
 *        points=.. params=..
 *        path=fused|generic threads=.. vector_bits=.. loss=..</pre>
 * ({@code alloc_kb_per_epoch}: heap allocated by all live threads per timed epoch; {@code points}: collocation and
 * condition points, stacked; {@code threads}: available processors;
 * {@code vector_bits}: the width of the kernels' vectors in use, {@code VectorWidth.bits()}, 64 without the Vector
 * API).
 */
public final class PinnSuiteStep {
    private PinnSuiteStep() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: PinnSuiteStep NAME|FILE WARMUP EPOCHS   (names: "
                    + String.join(" ", PinnSuite.names()) + ")");
            System.exit(2);
        }
        try {
            String name = args[0];
            int warmup = nonNegative(args[1], "WARMUP");
            int epochs = nonNegative(args[2], "EPOCHS");
            if (epochs < 1) {
                throw new IllegalArgumentException("EPOCHS must be at least 1, got " + epochs);
            }
            System.out.println(run(name, PinnSuite.file(name), warmup, epochs));
        } catch (IllegalArgumentException e) {
            System.err.println("PinnSuiteStep: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Trains and times as the class describes; returns the RESULT line. */
    static String run(String name, Path file, int warmup, int epochs) {
        ProblemFile f = ProblemFile.read(file);
        Problem problem = f.problem();
        long seed = f.training().seed();
        Module net = f.newNetwork(seed);
        String path = SuitePath.of(problem, net, seed);
        Timer timer = new Timer(warmup, warmup + epochs);
        Trainer trainer = Trainer.builder().adam(f.training().learningRate(), warmup + epochs).seed(seed)
                .listener(timer).build();
        trainer.train(problem, net);
        if (timer.endWall == 0) {
            throw new IllegalStateException("training stopped before epoch " + (warmup + epochs));
        }
        double ms = (timer.endWall - timer.startWall) / 1e6 / epochs;
        double cpuMs = (timer.endCpu - timer.startCpu) / 1e6 / epochs;
        double allocKb = timer.startAlloc < 0 || timer.endAlloc < 0 ? -1
                : (timer.endAlloc - timer.startAlloc) / 1024.0 / epochs;
        return String.format(Locale.ROOT, "RESULT side=sciml4j problem=%s ms_per_epoch=%.4f cpu_ms_per_epoch=%.4f"
                + " alloc_kb_per_epoch=%.1f"
                + " warmup=%d epochs=%d points=%d params=%d path=%s threads=%d vector_bits=%d loss=%.6e", name, ms, cpuMs,
                allocKb, warmup,
                epochs, points(problem, seed), net.parameters().trainable().stream().mapToInt(t -> t.numel()).sum(),
                path, Runtime.getRuntime().availableProcessors(),
                VectorWidth.bits(), timer.lastLoss);
    }

    private static int points(Problem problem, long seed) {
        int n = problem.equations().isEmpty() ? 0 : problem.collocationPoints(seed).size(0);
        for (org.sciml4j.pinn.Condition c : problem.conditions()) {
            n += c.resolve(problem, seed).points().size(0);
        }
        return n;
    }

    private static int nonNegative(String s, String what) {
        try {
            int v = Integer.parseInt(s);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(what + " must be a non-negative integer, got '" + s + "'");
    }

    /** CPU time of the whole process so far (every thread), in nanoseconds; -1 if unknown. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean b
                ? b.getProcessCpuTime() : -1;
    }

    /**
     * Bytes allocated so far by all live threads (the trainer's and its fork-join workers'), -1 if the JVM does not
     * count them; threads that ended meanwhile are missed (the pool's workers live through the run).
     */
    static long allocatedBytes() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t)
                || !t.isThreadAllocatedMemorySupported() || !t.isThreadAllocatedMemoryEnabled()) {
            return -1;
        }
        long sum = 0;
        for (long a : t.getThreadAllocatedBytes(t.getAllThreadIds())) {
            sum += Math.max(0, a);
        }
        return sum;
    }

    /** Clocks at the end of epoch {@code from} (0: before the first) and of epoch {@code to}. */
    private static final class Timer implements TrainingListener {
        private final int from;
        private final int to;
        private int seen;
        long startWall;
        long startCpu;
        long endWall;
        long endCpu;
        long startAlloc;
        long endAlloc;
        double lastLoss;

        Timer(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public void onPhaseStart(org.sciml4j.train.Phase phase, int epochsBefore, int done) {
            if (from == 0) {
                mark(true);
            }
        }

        @Override
        public boolean onEpoch(Progress progress) {
            seen++;
            lastLoss = progress.total();
            if (seen == from) {
                mark(true);
            } else if (seen == to) {
                mark(false);
            }
            return true;
        }

        private void mark(boolean start) {
            long alloc = allocatedBytes();
            long cpu = processCpuNanos();
            long wall = System.nanoTime();
            if (start) {
                startWall = wall;
                startCpu = cpu;
                startAlloc = alloc;
            } else {
                endWall = wall;
                endCpu = cpu;
                endAlloc = alloc;
            }
        }
    }
}
