package org.sciml4j.tensor.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Splits an index range over the common fork-join pool when it is large enough to pay for it. */
public final class Parallel {
    private Parallel() {
    }

    /** A loop body over the half-open index range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        /** Runs the body over [from, to). */
        void run(int from, int to);
    }

    /** Runs {@code body} over [0, n), in parallel chunks when n is at least {@link Thresholds#PARALLEL_ELEMENTWISE}. */
    public static void range(int n, RangeBody body) {
        int threads = ForkJoinPool.getCommonPoolParallelism();
        if (n < Thresholds.PARALLEL_ELEMENTWISE || threads < 2) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min(threads * 4, Math.max(1, n / (Thresholds.PARALLEL_ELEMENTWISE / 4)));
        ForkJoinPool.commonPool().invoke(new Chunk(body, 0, n, Math.max(1, (n + chunks - 1) / chunks)));
    }

    private static final class Chunk extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final RangeBody body;
        private final int from;
        private final int to;
        private final int grain;

        Chunk(RangeBody body, int from, int to, int grain) {
            this.body = body;
            this.from = from;
            this.to = to;
            this.grain = grain;
        }

        @Override
        protected void compute() {
            if (to - from <= grain) {
                body.run(from, to);
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new Chunk(body, from, mid, grain), new Chunk(body, mid, to, grain));
        }
    }

    /**
     * Runs {@code body} once for every index in [0, count): the caller and up to one helper task per other thread of
     * the current fork-join pool (the common pool outside one) take the next index in turn until none is left.
     * Which thread runs an index varies; a body that writes only its own index's outputs gives the same results
     * whatever the number of threads. Inside a pool of parallelism 1 everything runs in the caller, in order.
     */
    public static void each(int count, IntConsumer body) {
        boolean inPool = ForkJoinTask.inForkJoinPool();
        int threads = inPool ? ForkJoinTask.getPool().getParallelism() - 1 : ForkJoinPool.getCommonPoolParallelism();
        int helpers = Math.min(threads, count - 1);
        if (helpers < 1) {
            for (int c = 0; c < count; c++) {
                body.accept(c);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int c; (c = next.getAndIncrement()) < count; ) {
                body.accept(c);
            }
        };
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[helpers];
        for (int t = 0; t < helpers; t++) {
            tasks[t] = ForkJoinTask.adapt(work).fork();
        }
        try {
            work.run();
        } finally {
            for (int t = helpers - 1; t >= 0; t--) {
                if (!tasks[t].tryUnfork()) { // not started: nothing left for it to do
                    tasks[t].join();
                }
            }
        }
    }
}
