package org.sciml4j.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.ExceptionFailure;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** How the module's jobs run: one Spark task per item with a progress line as each ends, and a task's threads. */
final class SparkTasks {
    private SparkTasks() {
    }

    /** A computation that may fail with an I/O error. */
    @FunctionalInterface
    interface Work<R> {
        R call() throws IOException;
    }

    /**
     * Runs {@code task} on every item, one Spark task each, printing "finished NOUN d of n (s)" (or "retrying after
     * a failure: ...") as tasks end.
     *
     * @return the results in the items' order
     */
    static <T, R> List<R> each(JavaSparkContext sc, List<T> items, Function<T, R> task, String noun, PrintStream log) {
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        SparkListener progress = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                boolean ok = end.reason() instanceof org.apache.spark.Success$;
                int d = ok ? done.incrementAndGet() : done.get();
                log.printf(Locale.ROOT, "%s %s %d of %d %s(%.1f s)%n", ok ? "finished" : "retrying after a failure:",
                        noun, d, items.size(), ok ? "" : reason(end.reason()) + " ",
                        (System.nanoTime() - start) * 1e-9);
            }
        };
        sc.sc().addSparkListener(progress);
        try {
            return sc.parallelize(items, Math.max(1, items.size())).map(task).collect();
        } catch (Exception e) { // Scala declares no exceptions: a failed job's SparkException is checked yet thrown
            if (e instanceof SparkException s) {
                throw failure(s, noun);
            }
            if (sc.sc().isStopped()) { // e.g. no master answered at the URL: Spark stops the context and says only that
                throw new IllegalStateException("the Spark context stopped before the " + noun + "s finished: is the"
                        + " master " + sc.master() + " reachable, with workers that accept the tasks?", e);
            }
            throw e;
        } finally {
            sc.sc().removeSparkListener(progress);
        }
    }

    /** A failed attempt in one line: the task's exception and its message (Spark's own text holds its stack). */
    static String reason(org.apache.spark.TaskEndReason reason) {
        if (reason instanceof ExceptionFailure f) {
            return "(" + f.className() + ": " + firstLine(f.description()) + ")";
        }
        return "(" + firstLine(reason.toString()) + ")";
    }

    /**
     * A failed job as the failure of its task: the message of the task's exception (a task fails 4 times before
     * the job does, with its exception each time), not Spark's dump of the job's stage with its stack traces.
     */
    static RuntimeException failure(SparkException e, String noun) {
        Throwable c = e.getCause();
        String why = c != null && c.getMessage() != null ? c.getMessage() : firstLine(e.getMessage());
        String prefix = c instanceof java.io.IOException || c instanceof IllegalArgumentException ? ""
                : c == null ? "" : c.getClass().getSimpleName() + ": ";
        return new IllegalStateException("a " + noun + " failed on every attempt: " + prefix + why, e);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /**
     * Runs {@code work} in a pool of {@code threads} threads, so that the tensor kernels it calls use that many
     * (tasks x threads then fits the executor's cores); its failure is rethrown as it was.
     */
    static <R> R onThreads(int threads, Work<R> work) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(() -> {
                try {
                    return work.call();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            throw c instanceof Exception x ? x : e;
        } finally {
            pool.shutdown();
        }
    }
}
