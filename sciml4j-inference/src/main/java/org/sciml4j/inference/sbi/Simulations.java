package org.sciml4j.inference.sbi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * Draws theta from the prior and simulates x, in batches on a few threads. Everything follows from the seed: the
 * thetas are drawn in order from {@code Rng(seed)} and simulation i gets its own seed, the i-th draw of
 * {@code SplittableRandom(seed + 1)} (the {@link Plan}); so the data do not depend on the batch size, the number of
 * threads, or how the plan is cut into ranges simulated apart (a Spark farm).
 * Failed simulations (a non-finite value in x) are dropped, as sbi does, and counted.
 */
public final class Simulations {
    private final Prior prior;
    private final Simulator simulator;
    private final int batchSize;
    private final int threads;

    /**
     * @param batchSize simulations per call of the simulator (an external program starts once per batch)
     * @param threads   batches run at once
     */
    public Simulations(Prior prior, Simulator simulator, int batchSize, int threads) {
        if (batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("batch size and threads must be >= 1, got " + batchSize + " and "
                    + threads);
        }
        this.prior = prior;
        this.simulator = simulator;
        this.batchSize = batchSize;
        this.threads = threads;
    }

    /** The result and how many simulations failed. */
    public record Outcome(SimulationData data, int failed) {
    }

    /**
     * What n simulations with a seed are made of, drawn on one thread before anything is simulated: row i of
     * {@code theta} is the i-th draw of the prior from {@code Rng(seed)}, {@code seeds[i]} the i-th draw of
     * {@code SplittableRandom(seed + 1)}. Simulation i depends only on (theta[i], seeds[i]), so any range of the plan
     * can be simulated anywhere (another thread, a Spark executor) and the pieces joined in order.
     *
     * @param from  the index of row 0 in the whole plan (0 for a whole plan; a slice keeps its place)
     * @param theta parameters, (n, D)
     * @param seeds one seed per simulation, length n
     */
    public record Plan(int from, double[][] theta, long[] seeds) implements java.io.Serializable {
        /** Checks that the lengths fit. */
        public Plan {
            if (theta.length != seeds.length || from < 0) {
                throw new IllegalArgumentException("a plan needs one seed per theta row and from >= 0, got "
                        + theta.length + " rows, " + seeds.length + " seeds, from " + from);
            }
        }

        /** The number of simulations n. */
        public int size() {
            return theta.length;
        }

        /** Rows [from, to) of this plan (indices relative to it), keeping their place in the whole plan. */
        public Plan slice(int from, int to) {
            if (from < 0 || to > theta.length || from > to) {
                throw new IllegalArgumentException("slice [" + from + ", " + to + ") of a plan of " + theta.length);
            }
            return new Plan(this.from + from, java.util.Arrays.copyOfRange(theta, from, to),
                    java.util.Arrays.copyOfRange(seeds, from, to));
        }
    }

    /** The plan of n simulations with this seed (see {@link Plan}); cheap: no simulation runs. */
    public static Plan plan(Prior prior, int n, long seed) {
        Rng rng = new Rng(seed);
        SplittableRandom seeder = new SplittableRandom(seed + 1);
        double[][] theta = new double[n][];
        long[] seeds = new long[n];
        for (int i = 0; i < n; i++) {
            theta[i] = prior.sample(rng);
            seeds[i] = seeder.nextLong();
        }
        return new Plan(0, theta, seeds);
    }

    /**
     * Runs n simulations: {@link #simulate} of {@link #plan}(prior, n, seed).
     *
     * @param progress told the number of finished simulations after each batch (from the calling thread's view,
     *                 in order of completion)
     * @throws IOException when the simulator fails
     */
    public Outcome run(int n, long seed, IntConsumer progress) throws IOException {
        return simulate(plan(prior, n, seed), progress);
    }

    /**
     * Simulates every row of a plan (or of a slice of one), in batches of the batch size on the threads, and drops
     * the failed simulations (a non-finite value in x), keeping the others in the plan's order.
     *
     * @param progress told the number of finished simulations of this plan after each batch
     * @throws IOException when the simulator fails
     */
    public Outcome simulate(Plan plan, IntConsumer progress) throws IOException {
        int n = plan.size();
        double[][] theta = plan.theta();
        long[] seeds = plan.seeds();
        double[][] x = new double[n][];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> jobs = new ArrayList<>();
            for (int from = 0; from < n; from += batchSize) {
                int f = from;
                int to = Math.min(n, from + batchSize);
                jobs.add(pool.submit(() -> simulateBatch(theta, seeds, x, f, to)));
            }
            int done = 0;
            for (Future<Integer> job : jobs) {
                done += job.get();
                progress.accept(done);
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while simulating", e);
        } finally {
            pool.shutdownNow();
        }
        return collect(theta, x, prior.dim());
    }

    private int simulateBatch(double[][] theta, long[] seeds, double[][] x, int from, int to) throws IOException {
        double[][] t = new double[to - from][];
        long[] s = new long[to - from];
        System.arraycopy(theta, from, t, 0, t.length);
        System.arraycopy(seeds, from, s, 0, s.length);
        double[][] out = simulator.simulate(t, s);
        System.arraycopy(out, 0, x, from, out.length);
        return to - from;
    }

    private Outcome collect(double[][] theta, double[][] x, int d) {
        int c = simulator.outputDim();
        List<Integer> good = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            boolean ok = true;
            for (double v : x[i]) {
                ok &= Double.isFinite(v);
            }
            if (ok) {
                good.add(i);
            }
        }
        double[] th = new double[good.size() * d];
        double[] xs = new double[good.size() * c];
        for (int k = 0; k < good.size(); k++) {
            System.arraycopy(theta[good.get(k)], 0, th, k * d, d);
            System.arraycopy(x[good.get(k)], 0, xs, k * c, c);
        }
        return new Outcome(new SimulationData(Tensor.of(th, good.size(), d), Tensor.of(xs, good.size(), c)),
                x.length - good.size());
    }
}
