package org.sciml4j.pinn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.sciml4j.nn.Module;
import org.sciml4j.optim.Adam;
import org.sciml4j.optim.Optimizer;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.domain.expr.Derivative;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * One Adam epoch of {@code examples/burgers/burgers.yaml} as the trainer runs it: network 2-20-20-20-1 tanh, 2540
 * collocation points + 80 wall + 160 initial points through one {@link PointEvaluator}, loss = mean squared residual
 * of u_t + u u_x - nu u_xx + the two condition terms, its gradient for all parameters, and one Adam step. In package
 * {@code org.sciml4j.pinn} (of the bench module) to reach the package-private evaluator, as the trainer does.
 */
public final class BurgersPinnStep {
    final Problem problem;
    final Module net;
    final List<Tensor> params;
    final PointEvaluator evaluator;
    final List<Condition.Resolved> equations = new ArrayList<>();
    final List<Condition.Resolved> conditions = new ArrayList<>();
    final Optimizer adam = Adam.of(1e-3);
    double lastLoss;

    public BurgersPinnStep() {
        this(true);
    }

    /** {@code fused = false}: the generic reverse-mode path (for comparison). */
    public BurgersPinnStep(boolean fused) {
        ProblemFile file = ProblemFile.read(findExample());
        problem = file.problem();
        long seed = file.training().seed();
        net = file.newNetwork(seed);
        params = net.parameters().trainable();
        List<Tensor> sets = new ArrayList<>();
        Set<Derivative> needed = new TreeSet<>();
        sets.add(problem.collocationPoints(seed));
        problem.equations().forEach(e -> equations.add(e.atPoints(sets.get(0))));
        problem.equations().forEach(e -> needed.addAll(e.derivatives()));
        for (Condition c : problem.conditions()) {
            Condition.Resolved r = c.resolve(problem, seed);
            conditions.add(r);
            sets.add(r.points());
            needed.addAll(r.derivatives());
        }
        evaluator = new PointEvaluator(net, problem.variables().size(), sets, needed, fused);
    }

    /** Number of stacked points (2780). */
    public int points() {
        return evaluator.size();
    }

    /** The loss (recorded) at the current parameters, as the trainer forms it (all weights are 1). */
    public Tensor loss() {
        List<Evaluation> at = evaluator.evaluate(Map.of());
        Tensor total = null;
        for (Condition.Resolved e : equations) {
            Tensor t = e.loss(at.get(0));
            total = total == null ? t : total.add(t);
        }
        int set = 1;
        for (Condition.Resolved c : conditions) {
            total = total.add(c.loss(at.get(set++)));
        }
        return total;
    }

    /** Loss and gradient only (no optimiser step). */
    public List<Tensor> lossAndGradient() {
        Tensor loss = loss();
        List<Tensor> g = Autodiff.grad(loss, params, null, false);
        lastLoss = loss.item();
        return g;
    }

    /** One Adam epoch: loss, gradient, update; returns the gradients. */
    public List<Tensor> step() {
        Tensor loss = loss();
        List<Tensor> g = Autodiff.grad(loss, params, null, false);
        adam.step(params, g);
        lastLoss = loss.item();
        return g;
    }

    /** CPU time of the whole process so far (every thread), in nanoseconds; -1 if unknown. */
    static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean b ? b.getProcessCpuTime() : -1;
    }

    private static Path findExample() {
        String p = System.getProperty("sciml4j.burgers");
        if (p != null) {
            return Path.of(p);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path f = d.resolve("examples/burgers/burgers.yaml");
            if (Files.exists(f)) {
                return f;
            }
        }
        throw new IllegalStateException("examples/burgers/burgers.yaml not found above " + Path.of("").toAbsolutePath()
                + "; set -Dsciml4j.burgers=PATH");
    }

    /**
     * Quick timing without JMH: {@code java -cp benchmarks.jar org.sciml4j.pinn.BurgersPinnStep [steps] [repeats]
     * [one]}: wall and process CPU time per step; with a third argument {@code one}, everything on one thread (a
     * fork-join pool of parallelism 1) and that thread's CPU time, which other jobs on the machine disturb least.
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 2 && args[2].equals("one")) {
            java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
            try {
                one.submit(() -> run(args, true)).get();
            } finally {
                one.shutdown();
            }
            return;
        }
        run(args, false);
    }

    private static void run(String[] args, boolean oneThread) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.function.LongSupplier cpu = oneThread ? threads::getCurrentThreadCpuTime : BurgersPinnStep::cpuNanos;
        BurgersPinnStep s = new BurgersPinnStep();
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int r = 0; r < repeats; r++) {
            double sink = 0;
            for (int i = 0; i < steps / 2; i++) {
                sink += s.step().get(0).data()[0];
            }
            long c0 = cpu.getAsLong();
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                sink += s.step().get(0).data()[0];
            }
            double us = (System.nanoTime() - t0) / 1e3 / steps;
            double cpuUs = (cpu.getAsLong() - c0) / 1e3 / steps;
            System.out.printf("Burgers Adam epoch (%d points, fused=%s): %.1f us/step wall, %.1f us/step CPU (%s)"
                    + " (%d steps, loss %.6g, %.3g)%n", s.points(), s.evaluator.fused(), us, cpuUs,
                    oneThread ? "one thread" : "all threads", steps, s.lastLoss, sink);
        }
    }
}
