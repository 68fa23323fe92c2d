package org.sciml4j.tensor.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

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
}
