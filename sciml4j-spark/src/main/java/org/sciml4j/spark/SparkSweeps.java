package org.sciml4j.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.sciml4j.io.AtomicFiles;

/**
 * Runs a list of {@link RunSpec}s on Spark, one task per run, and gathers their summaries into a {@link SweepTable}
 * written to the output folder. Each task asks Spark for {@code threads} cores ({@code spark.task.cpus}), so that
 * tasks x threads fits each executor's cores; a failed task is retried (a lost executor's run continues from its
 * checkpoint, see {@link RunTask}).
 */
public final class SparkSweeps {
    /** The JDKs Spark 3.5 runs on: its Hadoop client calls Subject.getSubject, which JDK 23 and later refuse. */
    public static final int LAST_SUPPORTED_JDK = 22;

    private SparkSweeps() {
    }

    /** Whether Spark can run on this JVM, with the reason when it cannot ("" when it can). */
    public static String unsupportedReason() {
        int feature = Runtime.version().feature();
        return feature <= LAST_SUPPORTED_JDK ? "" : "Spark 3.5 does not run on JDK " + feature + " (its Hadoop"
                + " client calls Subject.getSubject, which JDK 23+ no longer supports); use JDK 17 or 21";
    }

    /**
     * A Spark configuration for a master URL: {@code local[N]} (retrying failed tasks up to 4 times, as a cluster
     * does), or a {@code spark://} URL; no web UI; each task takes {@code threads} cores.
     */
    public static SparkConf conf(String master, int threads) {
        String reason = unsupportedReason();
        if (!reason.isEmpty()) {
            throw new IllegalStateException(reason);
        }
        String m = master.matches("local\\[[0-9*]+]") ? master.substring(0, master.length() - 1) + ",4]" : master;
        SparkConf conf = new SparkConf().setMaster(m).setAppName("sciml4j sweep")
                .set("spark.ui.enabled", "false").set("spark.task.cpus", Integer.toString(threads))
                .set("spark.task.maxFailures", "4");
        if (m.startsWith("local")) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }

    /**
     * Runs every spec as one task and writes sweep.tsv, sweep.npz and the plots into {@code out}.
     *
     * @param sc      the Spark context
     * @param runs    the runs (their folders are {@code out/runs/<id>})
     * @param out     the sweep's output folder, seen by every executor at this path
     * @param threads threads per task
     * @param log     where progress lines go
     * @return the gathered table
     */
    public static SweepTable run(JavaSparkContext sc, List<RunSpec> runs, Path out, int threads, PrintStream log)
            throws IOException {
        Files.createDirectories(out.resolve("problems"));
        for (RunSpec r : runs) { // the text each run trained on, for reference and for `sciml4j run` by hand
            AtomicFiles.write(out.resolve("problems").resolve(r.id() + ".yaml"),
                    r.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        List<RunResult> results = SparkTasks.each(sc, runs, new RunTask(out.toAbsolutePath().toString(), threads),
                "run", log);
        SweepTable table = new SweepTable();
        for (int i = 0; i < runs.size(); i++) {
            table.add(runs.get(i), results.get(i));
        }
        table.write(out);
        SweepPlot.write(table, "relative_error", out);
        return table;
    }
}
