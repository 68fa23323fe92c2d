package org.sciml4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.sciml4j.plot.Plots;
import org.sciml4j.io.AtomicFiles;
import org.sciml4j.io.Checkpoints;
import org.sciml4j.io.RunFolder;
import org.sciml4j.io.TextTable;
import org.sciml4j.nn.Concat;
import org.sciml4j.nn.InputFeatures;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.ModifiedMlp;
import org.sciml4j.nn.Module;
import org.sciml4j.nn.Parameters;
import org.sciml4j.nn.Variable;
import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.Errors;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.Solution;
import org.sciml4j.pinn.Trainer;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Phase;
import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemKinds;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.RunnableProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sciml4j run PROBLEM.yaml}: reads and checks a problem file (nothing is trained if it has a mistake), trains,
 * and writes the run's folder: the problem file as run, loss.tsv, model.safetensors, prediction.tsv, summary.json and
 * PNG plots.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the problem a file describes (a PINN, or any other kind: operators, dynamics, discovery,"
                + " inference) and write its results.", "For PINNs:",
            "Outputs in the run folder: problem.yaml (as run), loss.tsv (epoch, total, each term, each unknown),"
                + " model.safetensors, prediction.tsv, summary.json, loss.png, prediction.png (one variable) or"
                + " heatmap.png, error.png and curves.png (two variables)."})
final class RunCommand implements Callable<Integer> {
    /** The setup line's names of the phases after Adam. */
    private static final Map<String, String> PHASE_NAMES = Map.of("lbfgs", "L-BFGS", "lm", "Levenberg-Marquardt",
            "natural_gradient", "natural gradient (Gauss-Newton, pseudo-inverse)", "ssbfgs", "SSBFGS", "ssbroyden",
            "SSBroyden");

    /** The exit status of a run that stopped because its loss diverged. */
    static final int DIVERGED_STATUS = RunnableProblem.DIVERGED_STATUS;
    /** What to try when a family's training diverged. */
    private static final String DIVERGED_HINT = "; lower the learning rate or check the data for extreme values";

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "PROBLEM.yaml", description = "the problem file")
    Path file;

    /** The problem's text when it does not come from {@link #file} (a sweep's run with overrides); else null. */
    String text;

    @Option(names = "--out", description = "output folder (default: runs/<name>)")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue the interrupted run in DIR from its"
            + " checkpoint: it ends with the same bits as a run never interrupted (same problem file and options)")
    Path resume;

    @Option(names = "--epochs", description = "Adam epochs (default: the file's)")
    Integer epochs;

    @Option(names = "--lbfgs", description = "L-BFGS iterations after Adam (default: the file's)")
    Integer lbfgs;

    @Option(names = "--lm", description = "Levenberg-Marquardt iterations after L-BFGS (default: the file's)")
    Integer lm;

    @Option(names = "--seed", description = "seed of the network and of the point sampling (default: the file's)")
    Long seed;

    @Option(names = "--every", description = "print the losses and write a checkpoint every N epochs (default: the"
            + " file's, else 1000)")
    Integer every;

    @Option(names = "--quiet", description = "print only the final errors")
    boolean quiet;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Override
    public Integer call() throws IOException {
        threads.apply();
        checkOptions();
        // every mistake is reported here, before any run
        ProblemDefinition definition = text != null ? ProblemKinds.parse(text, file) : ProblemKinds.read(file);
        if (definition instanceof RunnableProblem rp) {
            JitWarmup.stop(); // warms up PINN training only
            return runFamily(rp);
        }
        ProblemFile pf = pinn(definition);
        RunSettings.checkOptions(pf.training(), lbfgs, lm);
        if (resume != null && !pf.staging().none()) {
            throw new IllegalArgumentException(pf.path() + ": a run with time_windows or a curriculum cannot be"
                    + " resumed; run it again");
        }
        if (resume != null && out != null && !resume.equals(out)) {
            throw new IllegalArgumentException("--resume continues in its own folder; leave --out out");
        }
        Path dir = resume != null ? resume : out != null ? out : RunFolder.under(Path.of("runs"), pf.name(),
                "the problem's name");
        try (RunFolder folder = RunFolder.open(dir, resume != null ? RunFolder.Mode.RESUME : RunFolder.Mode.FRESH)) {
            RunSettings settings;
            if (resume != null) {
                RunSettings.checkSameProblem(dir, pf);
                settings = RunSettings.resumed(dir, epochs, lbfgs, lm, seed, every);
            } else {
                settings = RunSettings.of(pf.training(), epochs, lbfgs, lm, seed, every);
                AtomicFiles.write(dir.resolve("problem.yaml"), pf.text().getBytes(StandardCharsets.UTF_8));
                settings.write(dir);
                if (!folder.movedAside().isEmpty() && !quiet) {
                    System.out.println("an earlier run's results in " + dir + " moved to " + RunFolder.PREVIOUS
                            + "/: " + String.join(", ", folder.movedAside()));
                }
            }
            if (!pf.staging().none()) {
                JitWarmup.stop();
                return StagedRun.train(pf, dir, settings, quiet);
            }
            return train(pf, dir, settings); // stops the warm-up just before training
        }
    }

    /** Refuses, naming the option, a length out of range and a --resume that cannot name a run folder. */
    private void checkOptions() {
        atLeast("--epochs", epochs, 0); // every kind's first phase
        atLeast("--lbfgs", lbfgs, 0);
        atLeast("--lm", lm, 0);
        atLeast("--every", every, 1);
        if (resume != null && resume.toString().isBlank()) {
            throw new IllegalArgumentException("--resume is empty; give the folder of the run to continue");
        }
        if (resume != null && Files.exists(resume) && !Files.isDirectory(resume)) {
            throw new IllegalArgumentException("--resume " + resume + " is a file, not a run folder; give the folder"
                    + " of the run to continue");
        }
    }

    /** Refuses a value of {@code option} below {@code least}, naming both. */
    static void atLeast(String option, Integer value, int least) {
        if (value != null && value < least) {
            throw new IllegalArgumentException(option + " must be >= " + least + ", got " + value);
        }
    }

    /** Runs a problem of another model family in a fresh run folder: the family writes its own results. */
    private int runFamily(RunnableProblem rp) throws IOException {
        if (resume != null || lbfgs != null || lm != null || every != null) {
            throw new IllegalArgumentException(rp.path() + ": problems of kind '" + rp.kind() + "' take --out, --seed,"
                    + " --epochs and --quiet; not --resume, --lbfgs, --lm or --every");
        }
        if (epochs != null && !rp.trainsInEpochs()) {
            throw new IllegalArgumentException(rp.path() + ": problems of kind '" + rp.kind() + "' are fitted without"
                    + " epochs: --epochs does not apply (they take --out, --seed and --quiet)");
        }
        Path dir = out != null ? out : RunFolder.under(Path.of("runs"), rp.name(), "the problem's name");
        try (RunFolder folder = RunFolder.open(dir, RunFolder.Mode.FRESH)) {
            AtomicFiles.write(dir.resolve("problem.yaml"), rp.text().getBytes(StandardCharsets.UTF_8));
            Interrupts.clear();
            Interrupts.install(System.err);
            int status;
            AtomicReference<String> diverged = new AtomicReference<>(); // a family's first training that diverged
            try {
                status = rp.run(new RunContext(dir, seed, epochs, quiet, System.out, Interrupts::requested,
                        reason -> {
                            if (exitStatus(reason) == DIVERGED_STATUS) {
                                diverged.compareAndSet(null, reason);
                            }
                        }));
            } catch (RuntimeException e) {
                if (diverged.get() == null) {
                    throw e;
                }
                // what failed is the family's use of a model that had diverged: the divergence is the news
                System.out.println("training " + diverged.get() + "; what came after failed on the diverged model: "
                        + Main.message(e) + DIVERGED_HINT);
                return DIVERGED_STATUS;
            } finally {
                Interrupts.uninstall();
            }
            if (Interrupts.requested()) {
                System.out.println("interrupted; what was written is in " + dir);
                return Interrupts.EXIT_STATUS;
            }
            if (!quiet) {
                System.out.println("outputs in " + dir);
            }
            if (diverged.get() != null) { // the results above come from a diverged model: said last, where it is seen
                System.out.println("training " + diverged.get() + "; the results are those of the last step"
                        + DIVERGED_HINT);
                return status != 0 ? status : DIVERGED_STATUS;
            }
            return status;
        }
    }

    /** Trains, writes the results and says how the run ended; the exit status. */
    private int train(ProblemFile pf, Path dir, RunSettings st) throws IOException {
        Problem problem = pf.problem();
        Module net = pf.newNetwork(st.seed());
        Parameters all = new Parameters().register("network", net.parameters());
        for (Variable v : problem.unknowns()) {
            all.register("unknown", v.parameters());
        }
        if (!quiet) {
            printSetup(pf, net, st, st.seed());
        }
        TrainingOutput output = new TrainingOutput(dir, all, st.logEvery(), quiet);
        Trainer trainer = pf.trainer().adam(pf.training().learningRate(), st.adamEpochs()).lbfgs(st.lbfgsIterations())
                .lm(st.lmIterations()).seed(st.seed()).checkpoint(dir, st.logEvery()).listener(output).build();
        if (resume != null) {
            Object at = Checkpoints.read(dir).metadata().get("epoch");
            if (trainer.finished(dir) && Files.isRegularFile(dir.resolve(org.sciml4j.io.SummaryJson.FILE))) {
                // resuming would train nothing and rewrite the summary without the phases' times (a run stopped
                // after its last checkpoint but before its summary, written last, resumes: its results are written)
                System.out.println("the run in " + dir + " has finished (epoch " + at + "): nothing to resume; its"
                        + " results are in that folder");
                return 0;
            }
            System.out.println("resuming the run in " + dir + " from epoch " + at);
        }
        Interrupts.clear();
        Interrupts.install(System.err);
        JitWarmup.stop();
        Solution sol;
        try {
            sol = resume != null ? trainer.resume(dir, problem, net) : trainer.train(problem, net);
        } catch (TrainingDivergedException e) {
            throw pf.placed(e);
        } finally {
            Interrupts.uninstall();
        }
        boolean interrupted = Interrupts.requested();
        String reason = interrupted ? "interrupted" : sol.stopReason();
        Plotting.LossPlot lossPlot = Plotting.startLossPlot(dir, pf, sol.history());
        output.save(sol.history());
        report(pf, dir, sol, st, reason, java.util.Map.of("phases", output.phases()), lossPlot);
        if (interrupted) {
            System.out.println("interrupted after epoch " + sol.epochs() + "; to continue: sciml4j run " + pf.path()
                    + " --resume " + dir);
            return Interrupts.EXIT_STATUS;
        }
        return exitStatus(reason);
    }

    /** The exit status of a training that ended for {@code reason}: {@link #DIVERGED_STATUS} if it diverged, else 0. */
    static int exitStatus(String reason) {
        return org.sciml4j.train.Trainer.diverged(reason) ? DIVERGED_STATUS : 0;
    }

    /**
     * Writes the prediction, the plots and the summary (with {@code extra}'s entries at its end), the summary last: a
     * folder with a summary holds all of a run's results ({@code --resume} then has nothing to do); prints the outcome.
     */
    static void report(ProblemFile pf, Path dir, Solution sol, RunSettings st, String reason,
            java.util.Map<String, Object> extra) throws IOException {
        report(pf, dir, sol, st, reason, extra, Plotting.startLossPlot(dir, pf, sol.history()));
    }

    /** {@link #report}, with the loss plot already started. */
    private static void report(ProblemFile pf, Path dir, Solution sol, RunSettings st, String reason,
            java.util.Map<String, Object> extra, Plotting.LossPlot lossPlot) throws IOException {
        Errors errors = null;
        ProblemFile.EvaluationSpec ev = pf.evaluation();
        if (ev != null) {
            errors = sol.errors(ev.points(), ev.truth());
        }
        if (ev != null && ev.skipped() > 0) {
            System.out.println("evaluation: left out " + ev.skipped() + " points of " + ev.file()
                    + " whose reference value is not finite");
        }
        writePrediction(dir, pf, sol);
        try {
            Plotting.solutionPlots(dir, pf, sol, st.seed());
            lossPlot.await();
        } finally { // a plot that cannot be drawn still leaves the summary
            RunSummary.write(dir, pf, sol, errors, st, reason, extra);
        }
        System.out.printf(Locale.ROOT, "trained %d epochs in %.2f s (%s)%n", sol.epochs(), sol.trainSeconds(), reason);
        sol.parameters().forEach((k, v) -> System.out.printf(Locale.ROOT, "estimated %s = %.6g%n", k, v));
        if (errors != null) {
            System.out.printf(Locale.ROOT, "absolute error %.4e, relative error %.4e (against %s)%n",
                    errors.absolute(), errors.relative(), ev.file());
        }
        System.out.println("outputs in " + dir);
    }

    /** The PINN problem a file defines: this command trains PINNs; other kinds of problem file bring their own. */
    private static ProblemFile pinn(ProblemDefinition definition) {
        if (definition instanceof ProblemFile pf) {
            return pf;
        }
        throw new IllegalArgumentException(definition.path() + ": no runner for problems of kind '" + definition.kind()
                + "'");
    }

    private static void printSetup(ProblemFile pf, Module net, RunSettings st, long seed) {
        Problem p = pf.problem();
        List<String> vars = new ArrayList<>();
        p.variables().forEach(r -> vars.add(r.name() + " in [" + num(r.lo()) + ", " + num(r.hi()) + "]"));
        System.out.println("problem " + pf.name() + " (" + pf.path() + ")");
        System.out.println("  variables: " + String.join(", ", vars) + "; fields: " + String.join(", ", p.fields()));
        if (!p.knownParameters().isEmpty()) {
            List<String> k = new ArrayList<>();
            p.knownParameters().forEach((n, v) -> k.add(n + " = " + num(v)));
            System.out.println("  parameters: " + String.join(", ", k));
        }
        for (Variable v : p.unknowns()) {
            System.out.println("  unknown: " + v.name() + " (initial " + num(v.current()) + ", " + v.transform() + ")");
        }
        p.equations().forEach(e -> System.out.println("  " + e.name() + ": " + e));
        p.conditions().forEach(c -> System.out.println("  " + c));
        System.out.println("  network " + describe(net) + ", " + net.parameters().countTrainable() + " parameters, seed "
                + seed);
        ProblemFile.TrainingSpec t = pf.training();
        List<String> phases = new ArrayList<>();
        if (st.adamEpochs() > 0) {
            phases.add("Adam lr " + num(t.learningRate()) + " for " + st.adamEpochs() + " epochs"
                    + (t.batch() > 0 ? " on batches of " + t.batch() + " collocation points" : "")
                    + (t.resampleEvery() > 0 ? ", new collocation points every " + t.resampleEvery() + " epochs" : "")
                    + (t.adaptive() != null ? " placed by the residual (exponent " + num(t.adaptive().exponent())
                            + ", offset " + num(t.adaptive().offset()) + ")" : ""));
        }
        for (Phase ph : t.schedule() != null ? t.schedule() : List.of(Phase.lbfgs(0, 1), Phase.levenbergMarquardt(0))) {
            int length = "lbfgs".equals(ph.name()) ? st.lbfgsIterations() : "lm".equals(ph.name())
                    ? st.lmIterations() : ph.length();
            if (length > 0) {
                phases.add(PHASE_NAMES.getOrDefault(ph.name(), ph.name()) + " for up to " + length + " iterations");
            }
        }
        System.out.println("  training: " + String.join(", then ", phases));
    }

    /**
     * "1-20-20-1 tanh", "modified 2-64-64-1 tanh" for a {@link ModifiedMlp}, or the parts of a {@link Concat} side by
     * side: "2-20-20-1 tanh | 2-10-1 tanh".
     */
    static String describe(Module net) {
        if (net instanceof Concat c) {
            return String.join(" | ", c.parts().stream().map(RunCommand::describe).toList());
        }
        if (net instanceof Mlp m) {
            return layers(m.sizes()) + " " + m.activation();
        }
        if (net instanceof ModifiedMlp m) {
            return "modified " + layers(m.sizes()) + " " + m.activation();
        }
        if (net instanceof InputFeatures f) {
            return (f.inner().inputSize() - f.inputSize()) + " extra inputs, then " + describe(f.inner());
        }
        return net.inputSize() + " inputs, " + net.outputSize() + " outputs";
    }

    /** "1-20-20-1". */
    private static String layers(int[] sizes) {
        return Arrays.toString(sizes).replace(", ", "-").replaceAll("[\\[\\]]", "");
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static void writePrediction(Path dir, ProblemFile pf, Solution sol) throws IOException {
        Problem p = pf.problem();
        Tensor points = pf.evaluation() != null ? pf.evaluation().points() : Plotting.grid(p);
        Tensor pred = sol.predict(points);
        List<String> header = new ArrayList<>(p.variableNames());
        p.fields().forEach(f -> header.add(f + "_pred"));
        Tensor table;
        if (pf.evaluation() != null) {
            p.fields().forEach(f -> header.add(f + "_true"));
            table = Tensor.concat(1, points, pred, pf.evaluation().truth());
        } else {
            table = Tensor.concat(1, points, pred);
        }
        TextTable.write(dir.resolve("prediction.tsv"), header, table);
    }

    /** Data points of conditions with observed values, for plots: {points (N, variables), values (N,)} each. */
    static List<Tensor[]> observed(Problem p, long seed) {
        List<Tensor[]> out = new ArrayList<>();
        for (Condition c : p.conditions()) {
            Condition.Resolved r = c.resolve(p, seed);
            if (!r.observed().isEmpty() && r.observed().get(0) != null) {
                out.add(new Tensor[] {r.points(), r.observed().get(0)});
            }
        }
        return out;
    }

    /** Sorted distinct values. */
    static double[] distinct(double[] v) {
        TreeSet<Double> s = new TreeSet<>();
        for (double x : v) {
            s.add(x);
        }
        return s.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
