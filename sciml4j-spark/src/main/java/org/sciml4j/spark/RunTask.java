package org.sciml4j.spark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.api.java.function.Function;
import org.sciml4j.cli.ProblemRuns;
import org.sciml4j.io.Checkpoints;
import org.sciml4j.io.SummaryJson;

/**
 * The body of a Spark task: runs one {@link RunSpec} in its own folder {@code OUT/runs/ID} with the run logic of
 * {@code sciml4j run}. A folder that already holds a {@code summary.json} is a finished run and is not run again; a
 * folder with a checkpoint (an earlier attempt of this task, lost with its executor) is continued from it. The run's
 * tensor kernels use a pool of {@code threads} threads, so that tasks x threads fits the executor's cores (results
 * do not depend on the number of threads).
 */
public final class RunTask implements Function<RunSpec, RunResult> {
    private static final long serialVersionUID = 1L;

    private final String out;
    private final int threads;

    /**
     * @param out     the sweep's output folder (on a cluster, a folder every executor sees at this path)
     * @param threads threads for each run's kernels, at least 1
     */
    public RunTask(String out, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads per task must be at least 1, not " + threads);
        }
        this.out = out;
        this.threads = threads;
    }

    /** The run folder of a run. */
    public static Path runDir(Path out, String id) {
        return out.resolve("runs").resolve(id);
    }

    @Override
    public RunResult call(RunSpec spec) throws Exception {
        long start = System.nanoTime();
        Path dir = runDir(Path.of(out), spec.id());
        Path summary = dir.resolve(SummaryJson.FILE);
        if (Files.isRegularFile(summary)) {
            return new RunResult(spec.id(), 0, Files.readString(summary), 0, false);
        }
        Files.createDirectories(dir.getParent());
        Path file = Path.of(spec.problemFile());
        boolean resume = Checkpoints.exists(dir) && !ProblemRuns.isFamily(spec.text(), file);
        int status = SparkTasks.onThreads(threads, () -> ProblemRuns.run(spec.text(), file, dir, resume, spec.seed()));
        String text = Files.isRegularFile(summary) ? Files.readString(summary, StandardCharsets.UTF_8) : "";
        return new RunResult(spec.id(), status, text, (System.nanoTime() - start) * 1e-9, resume);
    }
}
