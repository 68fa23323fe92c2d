package org.sciml4j.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.spark.api.java.JavaSparkContext;
import org.sciml4j.io.AtomicFiles;
import org.sciml4j.io.RunFolder;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.pinn.uncertainty.EnsembleRun;
import org.sciml4j.pinn.uncertainty.MemberResult;
import org.sciml4j.pinn.uncertainty.UncertainProblem;
import org.sciml4j.pinn.uncertainty.UncertaintySpec;
import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemKinds;
import org.sciml4j.train.config.RunContext;

/**
 * {@code ensemble FILE} of a PINN file whose {@code uncertainty:} block is an ensemble (deep or anchored,
 * docs/UNCERTAINTY.md): its K members are K Spark tasks instead of K threads of one process. Member k trains as
 * {@code sciml4j run FILE} trains it ({@link EnsembleRun#trainMember}: seed s + k, the same objective) and writes its
 * {@code members/k/} into the output folder; the driver gathers the members' figures and writes the ensemble with
 * {@link EnsembleRun#write}, the code of the in-process run: the same summary.json, prediction.tsv and plots, the
 * same bits.
 */
public final class UncertaintyEnsembles {
    private UncertaintyEnsembles() {
    }

    /** The file's problem when its {@code uncertainty:} block is an ensemble, else null (mistakes are placed). */
    public static UncertainProblem ensembleOf(String text, Path file) {
        ProblemDefinition d = ProblemKinds.parse(text, file);
        return d instanceof UncertainProblem u && u.spec() instanceof UncertaintySpec.Ensemble ? u : null;
    }

    /**
     * Trains the members as Spark tasks, one per member, and writes the ensemble into {@code out}.
     *
     * @param sc      the Spark context
     * @param problem the file's ensemble ({@link #ensembleOf})
     * @param members K to use instead of the file's members, or null for the file's
     * @param out     the output folder (a run folder: problem.yaml, summary.json, ..., members/k/), seen by every
     *                executor at this path
     * @param threads threads per task
     * @param log     where the members' lines and the figures go
     * @return 0, or 3 when fewer than 2 members trained without diverging
     */
    public static int run(JavaSparkContext sc, UncertainProblem problem, Integer members, Path out, int threads,
            PrintStream log) throws IOException {
        ProblemFile pf = problem.file();
        int k = members != null ? members : ((UncertaintySpec.Ensemble) problem.spec()).members();
        if (k < 2 || k > SweepPlan.MAX_RUNS) {
            throw new IllegalArgumentException((members != null ? "--members" : pf.path() + ": members") + " must be"
                    + " from 2 to " + SweepPlan.MAX_RUNS + ", not " + k);
        }
        long seed = pf.training().seed();
        int epochs = pf.training().epochs();
        EnsembleRun run = EnsembleMemberTask.ensemble(problem, k);
        try (RunFolder folder = RunFolder.open(out, RunFolder.Mode.FRESH)) {
            AtomicFiles.write(out.resolve("problem.yaml"), pf.text().getBytes(StandardCharsets.UTF_8));
            log.printf(Locale.ROOT, "%d ensemble members (seeds %d..%d, %d Adam epochs each) as Spark tasks on %s, %d"
                    + " thread(s) each; outputs in %s%n", k, seed, seed + k - 1, epochs, sc.master(), threads, out);
            long start = System.nanoTime();
            EnsembleMemberTask task = new EnsembleMemberTask(pf.text(), pf.path().toAbsolutePath().toString(), k,
                    seed, epochs, out.toAbsolutePath().toString(), threads);
            List<MemberResult> results = SparkTasks.each(sc, IntStream.range(0, k).boxed().toList(), task, "member",
                    log);
            double seconds = (System.nanoTime() - start) * 1e-9;
            Map<String, Object> execution = new LinkedHashMap<>();
            execution.put("spark_master", sc.master());
            execution.put("threads", threads);
            return run.write(RunContext.of(out, log), results, seed, epochs, execution, seconds);
        }
    }
}
