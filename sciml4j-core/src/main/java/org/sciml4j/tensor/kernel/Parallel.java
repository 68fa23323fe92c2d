package org.sciml4j.tensor.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Splits work over the kernels' threads: the calling thread and the workers of one pool that lives as long as the
 * JVM (its threads are made once and reused by every step, they are daemons and retire after a minute idle).
 * The thread count is {@code -Dsciml4j.threads=N}, else the machine's cores; {@link #setThreads} changes it
 * ({@code sciml4j run --threads N}). Called from inside another fork-join pool (a benchmark's one-thread pool, a Spark
 * task's pool) the work stays in that pool and takes its parallelism, as before.
 * <p>
 * Neither method decides how work is cut: callers cut it by index only (fixed chunks), so that results do not depend
 * on the number of threads, only who runs which chunk does.
 */
public final class Parallel {
    private Parallel() {
    }

    /** A loop body over the half-open index range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        /** Runs the body over [from, to). */
        void run(int from, int to);
    }

    /** The kernels' pool: {@code threads - 1} workers beside the calling thread (null for one thread). */
    private static final class Pool {
        final int threads;
        final ForkJoinPool workers;

        Pool(int threads) {
            this.threads = threads;
            this.workers = threads > 1 ? new ForkJoinPool(threads - 1, Pool::worker, null, false) : null;
        }

        private static ForkJoinWorkerThread worker(ForkJoinPool p) {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("sciml4j-kernel-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }
    }

    private static volatile Pool pool = new Pool(defaultThreads());

    /** {@code -Dsciml4j.threads}, else the machine's cores. */
    static int defaultThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        int t = Integer.getInteger("sciml4j.threads", cores);
        return t >= 1 ? t : cores;
    }

    /** The number of threads the kernels use (the caller included). */
    public static int threads() {
        return pool.threads;
    }

    /**
     * The most threads a thread count may name: a fork-join pool holds at most 32767 workers beside the calling
     * thread, far more than any machine's cores (a pool of threads that large fails for want of memory).
     */
    public static final int MAX_THREADS = 32768;

    /**
     * Refuses a thread count out of [1, {@value #MAX_THREADS}]: the one rule for every thread count a user gives
     * (the kernels', a generator's, an ensemble's).
     *
     * @param what names the count in the message, e.g. {@code --threads}
     * @return {@code threads}
     * @throws IllegalArgumentException naming {@code what} if {@code threads} is out of range
     */
    public static int checkThreads(String what, int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException(what + " " + threads + ": " + (threads < 1 ? "at least 1"
                    : "at most " + MAX_THREADS + " (this machine has " + Runtime.getRuntime().availableProcessors()
                            + " cores)"));
        }
        return threads;
    }

    /**
     * Sets the number of threads the kernels use from now on (the caller included; 1: everything on the caller).
     * Results do not change, only their speed.
     *
     * @throws IllegalArgumentException if {@code threads} is out of [1, {@value #MAX_THREADS}]
     */
    public static synchronized void setThreads(int threads) {
        checkThreads("threads", threads);
        if (threads == pool.threads) {
            return;
        }
        Pool old = pool;
        pool = new Pool(threads);
        if (old.workers != null) {
            old.workers.shutdown(); // running work finishes; the idle workers end
        }
    }

    /** One line: the thread count and where it comes from. */
    public static String describe() {
        int cores = Runtime.getRuntime().availableProcessors();
        String from = Integer.getInteger("sciml4j.threads", -1) == threads() ? "-Dsciml4j.threads"
                : threads() == cores ? "the machine's cores" : "set by --threads";
        return threads() + " (" + from + "; change with sciml4j run --threads N or -Dsciml4j.threads=N)";
    }

    /**
     * Runs {@code body} over [0, n): in up to 4 chunks per thread when n is at least
     * {@link Thresholds#PARALLEL_ELEMENTWISE}, else in one piece on the caller. For element-wise bodies (each index
     * writes only its own outputs), whose results do not depend on the chunking. Every chunk but the last starts and
     * ends at a multiple of {@link #RANGE_ALIGN}, so a body that runs whole vectors from its start and scalar code on
     * its last few elements (as the vectorised tanh) treats every index alike whatever the number of chunks: its
     * scalar tail stays the array's last {@code n mod L} elements and the bits do not depend on the thread count.
     */
    public static void range(int n, RangeBody body) {
        int threads = currentThreads();
        if (n < Thresholds.PARALLEL_ELEMENTWISE || threads < 2) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min(threads * 4, Math.max(1, n / (Thresholds.PARALLEL_ELEMENTWISE / 4)));
        int grain = ((n + chunks - 1) / chunks + RANGE_ALIGN - 1) / RANGE_ALIGN * RANGE_ALIGN;
        each((n + grain - 1) / grain, c -> body.run(c * grain, Math.min(n, (c + 1) * grain)));
    }

    /**
     * Chunk boundaries of {@link #range} are multiples of this many elements: a multiple of every vector length in
     * doubles (8 at 512 bits), so that vectors cover the same indices however the range is cut.
     */
    static final int RANGE_ALIGN = 64;

    /** Whether this (non-pool) thread is running an {@link #each}'s body: nested calls then stay on it too. */
    private static final ThreadLocal<boolean[]> INSIDE_EACH = ThreadLocal.withInitial(() -> new boolean[1]);

    /** Threads available to work started by the current thread. */
    private static int currentThreads() {
        Thread t = Thread.currentThread();
        if (t instanceof ForkJoinWorkerThread w) {
            return w.getPool() == pool.workers ? 1 : w.getPool().getParallelism();
        }
        return threads();
    }

    /**
     * Runs {@code body} once for every index in [0, count): the caller and up to one helper per other thread take the
     * next index in turn until none is left. Which thread runs an index varies; a body that writes only its own
     * index's outputs gives the same results whatever the number of threads. Called from a worker of the kernels'
     * pool (nested) or with one thread, everything runs in the caller, in order. An exception thrown by an index, on
     * any thread, is rethrown here unchanged once the indices already running have finished; no index starts after it.
     */
    public static void each(int count, IntConsumer body) {
        Thread t = Thread.currentThread();
        if (t instanceof ForkJoinWorkerThread w && w.getPool() != pool.workers) {
            eachInForeignPool(count, body, w.getPool().getParallelism() - 1);
            return;
        }
        Pool p = pool;
        boolean[] inside = INSIDE_EACH.get();
        int helpers = t instanceof ForkJoinWorkerThread || inside[0] ? 0 : Math.min(p.threads - 1, count - 1);
        if (helpers < 1) {
            for (int c = 0; c < count; c++) {
                body.accept(c);
            }
            return;
        }
        Shared work = new Shared(count, body);
        // per helper: 0 not started, 1 started, 2 cancelled (the caller finished first: nothing left to wait for)
        AtomicIntegerArray state = new AtomicIntegerArray(helpers);
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[helpers];
        for (int h = 0; h < helpers; h++) {
            int id = h;
            tasks[h] = p.workers.submit(() -> {
                if (state.compareAndSet(id, 0, 1)) {
                    work.run();
                }
            });
        }
        inside[0] = true;
        try {
            work.run();
        } finally {
            inside[0] = false;
            for (int h = 0; h < helpers; h++) {
                if (!state.compareAndSet(h, 0, 2)) {
                    tasks[h].join();
                }
            }
        }
        work.rethrow();
    }

    /** {@link #each} inside a fork-join pool that is not the kernels': helpers forked into that pool. */
    private static void eachInForeignPool(int count, IntConsumer body, int threads) {
        int helpers = Math.min(threads, count - 1);
        if (helpers < 1) {
            for (int c = 0; c < count; c++) {
                body.accept(c);
            }
            return;
        }
        Shared work = new Shared(count, body);
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[helpers];
        for (int h = 0; h < helpers; h++) {
            tasks[h] = ForkJoinTask.adapt(work).fork();
        }
        try {
            work.run();
        } finally {
            for (int h = helpers - 1; h >= 0; h--) {
                if (!tasks[h].tryUnfork()) { // not started: nothing left for it to do
                    tasks[h].join();
                }
            }
        }
        work.rethrow();
    }

    /**
     * The indices of one {@link #each}, taken in turn by every thread that runs it. The first exception of any index
     * stops the others from starting and is rethrown on the caller as it was thrown (a fork-join task's join would
     * rethrow a copy whose message starts with the class name, and a helper's bad-input message would reach the user
     * changed).
     */
    private static final class Shared implements Runnable {
        private final int count;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Shared(int count, IntConsumer body) {
            this.count = count;
            this.body = body;
        }

        @Override
        public void run() {
            try {
                for (int c; (c = next.getAndIncrement()) < count; ) {
                    body.accept(c);
                }
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
                next.set(count);
            }
        }

        /** Rethrows the first exception of an index, if any (called once every thread is done). */
        void rethrow() {
            Throwable t = failure.get();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t != null) {
                throw (Error) t;
            }
        }
    }
}
