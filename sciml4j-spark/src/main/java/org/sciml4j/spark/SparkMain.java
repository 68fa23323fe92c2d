package org.sciml4j.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.spark.api.java.JavaSparkContext;
import org.sciml4j.io.InputFiles;
import org.sciml4j.tensor.kernel.Parallel;
import org.sciml4j.train.config.RunnableProblem;
import org.sciml4j.train.config.YamlDocument;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sweep} and {@code ensemble}: many runs of one problem file on Apache Spark, in local mode by default or on
 * a cluster by its URL. Run with {@code java -cp ... org.sciml4j.spark.SparkMain sweep FILE ...} or through
 * {@code spark-submit --class org.sciml4j.spark.SparkMain}.
 */
@Command(name = "sciml4j", mixinStandardHelpOptions = true,
        description = "Sweeps, ensembles and simulation farms on Apache Spark.",
        subcommands = {SparkMain.Sweep.class, SparkMain.Ensemble.class, FarmCommand.class})
public final class SparkMain implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (OutOfMemoryError e) { // the checks before Spark starts did not foresee it: no stack dump, a hint
            System.err.println("sciml4j: out of memory (" + e.getMessage() + "); make fewer runs, members or samples,"
                    + " or give the JVM more heap, e.g. SCIML4J_JAVA_OPTS=-Xmx16g");
            status = 1;
        }
        System.exit(status);
    }

    /** A command's input file as text; a missing, unreadable or oversized one is refused with its name. */
    static String readText(Path file, String what) {
        String problem = InputFiles.problem(file, YamlDocument.MAX_FILE_SIZE, what);
        if (problem != null) {
            throw new IllegalArgumentException(file + ": " + problem);
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read it: " + InputFiles.describe(e));
        }
    }

    /** Refuses an output folder that is a file or lies under one (before Spark starts, not in its tasks). */
    static void checkFolder(Path dir, String option) {
        Path p = InputFiles.fileInTheWay(dir);
        if (p != null) {
            throw new IllegalArgumentException(option + " " + dir + ": " + (p.equals(dir.toAbsolutePath().normalize())
                    ? "" : p + " ") + "is a file, not a folder");
        }
    }

    /** Runs the command line and returns its exit status (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new SparkMain());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("sciml4j: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            line.getErr().flush();
            return 1;
        });
        return cl.execute(args);
    }

    /** The options every command shares. */
    abstract static class Common implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PROBLEM.yaml", description = "the problem file")
        Path file;
        @Option(names = "--master", description = "Spark master: local[N], local[*] or spark://host:7077"
                + " (default: spark-submit's --master, else local[*])")
        String master = System.getProperty("spark.master", "local[*]");
        @Option(names = "--threads", description = "threads (cores) per task (default: 1)")
        int threads = 1;
        @Option(names = "--out", description = "output folder (default: runs/<file name>-sweep)")
        Path out;

        Path out(String suffix) {
            String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            Path dir = out != null ? out : Path.of("runs", name + "-" + suffix);
            checkFolder(dir, "--out");
            return dir;
        }

        SweepTable execute(List<RunSpec> runs, Path dir) throws IOException {
            System.out.println(runs.size() + " runs on " + master + ", " + threads + " thread(s) each; outputs in "
                    + dir);
            try (JavaSparkContext sc = new JavaSparkContext(SparkSweeps.conf(master, threads))) {
                return SparkSweeps.run(sc, runs, dir, threads, System.out);
            }
        }
    }

    /** {@code sweep FILE --grid path=[...] ... [--seeds K] [--random N]}. */
    @Command(name = "sweep", mixinStandardHelpOptions = true, description = {"Train the problem for every combination"
            + " of the grids' values (and seeds) on Spark; gather every summary.json into sweep.tsv and sweep.npz"
            + " with the overrides as columns, and plot the relative error against each knob (sweep-<knob>.png)."})
    static final class Sweep extends Common {
        @Option(names = "--grid", description = "path=[v1,v2,...], e.g. 'training.adam.lr=[1e-3,3e-3]' (repeat)")
        List<String> grids = List.of();
        @Option(names = "--seeds", description = "run every combination with seeds 0..K-1 (default: the file's seed)")
        Integer seeds;
        @Option(names = "--random", description = "draw N combinations at random instead of the whole grid")
        int random;
        @Option(names = "--draw-seed", description = "seed of the --random draw (default: 0)")
        long drawSeed;

        @Override
        public Integer call() throws IOException {
            Parallel.checkThreads("--threads", threads);
            if (seeds != null && seeds < 1) {
                throw new IllegalArgumentException("--seeds must be at least 1, not " + seeds + " (without --seeds"
                        + " each run keeps the file's seed)");
            }
            if (random < 0) {
                throw new IllegalArgumentException("--random must be at least 1, not " + random);
            }
            Map<String, List<String>> g = new LinkedHashMap<>();
            for (String s : grids) {
                Map.Entry<String, List<String>> e = SweepPlan.grid(s);
                if (g.put(e.getKey(), e.getValue()) != null) {
                    throw new IllegalArgumentException("--grid " + e.getKey() + " is given twice; list all its values"
                            + " in one --grid");
                }
            }
            String text = readText(file, "a problem file");
            int k = seeds == null ? 1 : seeds;
            List<RunSpec> runs = SweepPlan.runs(file, text, g, seeds == null ? 0 : seeds, random, drawSeed);
            if (random > 0 && runs.size() < (long) random * k) {
                System.out.println("--random " + random + " is not fewer than the grid's " + runs.size() / k
                        + " combinations: running all of them");
            }
            Path dir = out("sweep");
            SweepTable table = execute(runs, dir);
            int done = table.finished();
            if (done < table.rows()) {
                System.out.println((table.rows() - done) + " of " + table.rows() + " runs diverged or stopped"
                        + " (their status in sweep.tsv)" + (done > 0 ? "; the best run is chosen among the others"
                        : ": no run finished"));
            }
            int best = SweepPlot.best(table, "relative_error");
            if (best >= 0) {
                System.out.println("best run " + table.id(best) + ": relative_error "
                        + table.figure(best, "relative_error") + " with " + runs.get(best).columns());
            }
            System.out.println("table in " + dir.resolve("sweep.tsv"));
            return done == 0 ? RunnableProblem.DIVERGED_STATUS : 0;
        }
    }

    /** {@code ensemble FILE --members K}; for a file with an {@code uncertainty:} ensemble, --members optional. */
    @Command(name = "ensemble", mixinStandardHelpOptions = true, description = {"Train K members of the problem"
            + " (seeds 0..K-1) on Spark; write the mean, standard deviation and 95 %% interval of the prediction"
            + " (ensemble.tsv) and of every summary figure and unknown (summary.json).", "A PINN file whose"
            + " uncertainty: block is an ensemble runs its members as Spark tasks (seeds s..s+K-1, K the file's"
            + " members unless --members is given) and writes what `sciml4j run FILE` writes (docs/UNCERTAINTY.md)."})
    static final class Ensemble extends Common {
        @Option(names = "--members", description = "the number of members K (at least 2); for an uncertainty:"
                + " ensemble it replaces the file's")
        Integer members;

        @Override
        public Integer call() throws IOException {
            Parallel.checkThreads("--threads", threads);
            if (members != null && members > SweepPlan.MAX_RUNS) {
                throw new IllegalArgumentException("--members must be at most " + SweepPlan.MAX_RUNS + ", not "
                        + members);
            }
            String text = readText(file, "a problem file");
            org.sciml4j.pinn.uncertainty.UncertainProblem uq = UncertaintyEnsembles.ensembleOf(text, file);
            if (uq != null) {
                try (JavaSparkContext sc = new JavaSparkContext(SparkSweeps.conf(master, threads))) {
                    return UncertaintyEnsembles.run(sc, uq, members, out("ensemble"), threads, System.out);
                }
            }
            if (members == null) {
                throw new IllegalArgumentException(file + ": --members K is needed (the file has no uncertainty:"
                        + " ensemble block to take K from)");
            }
            if (members < 2) {
                throw new IllegalArgumentException("--members must be at least 2, not " + members);
            }
            List<RunSpec> runs = SweepPlan.runs(file, text, Map.of(), members, 0, 0);
            Path dir = out("ensemble");
            int status = Ensembles.write(execute(runs, dir), dir, System.out);
            if (status == 0) {
                System.out.println("ensemble statistics in " + dir.resolve("summary.json"));
            }
            return status;
        }
    }
}
