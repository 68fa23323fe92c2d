package org.sciml4j.pinn.uncertainty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.sciml4j.io.SummaryJson;
import org.sciml4j.nn.Checkpoint;
import org.sciml4j.nn.Module;
import org.sciml4j.nn.Parameters;
import org.sciml4j.nn.Variable;
import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.pinn.Solution;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Progress;
import org.sciml4j.train.TrainingListener;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.RunnableProblem;

/**
 * A deep ensemble (Lakshminarayanan, Pritzel and Blundell 2017) of PINNs: K members, each the file's problem, network
 * and schedule trained from its own seed s + k (network initialisation and point sampling), on a fixed pool of
 * threads. With {@code anchored} standard deviations each member instead minimises a randomised Bayesian-PINN
 * objective ({@link BayesianPinn#randomised}: randomised MAP, "anchored ensembles"), so that the spread reflects the
 * data's noise and the priors, not only the optimiser's. Every member has its own problem (read again from the file's text, so its unknowns are its own), network
 * and objective, and nothing is shared but the read-only data: a member's result is the same bits whatever the number
 * of threads. The spread of the members' fields on the evaluation points and of their unknowns is the ensemble's
 * uncertainty; each member's loss history, model and summary go to {@code members/k/}.
 */
public final class EnsembleRun {

    /**
     * One member's outcome.
     *
     * @param index      k, from 0
     * @param seed       its seed, s + k
     * @param prediction its fields at the evaluation points, N * F values point-major; null when it diverged
     * @param unknowns   its unknowns' values in the problem's order; null when it diverged
     * @param solution   its trained solution; null when it diverged
     * @param failure    why it failed (training diverged), else null
     */
    public record Member(int index, long seed, double[] prediction, double[] unknowns, Solution solution,
            String failure) {
    }

    private final ProblemFile file;
    private final UncertaintySpec.Ensemble spec;

    /** An ensemble of the file's PINN. */
    public EnsembleRun(ProblemFile file, UncertaintySpec.Ensemble spec) {
        this.file = file;
        this.spec = spec;
    }

    /**
     * Trains the members on {@code threads} threads and returns them in member order.
     *
     * @param seed    the first member's seed
     * @param epochs  Adam epochs of each member
     * @param threads worker threads (>= 1)
     * @param points  where to evaluate the fields, (N, variables)
     * @param dir     the run folder (members go to {@code dir/members/k}), or null to write nothing
     * @param stop    tells the members to stop after the current epoch (an interrupt); may be null
     */
    public List<Member> train(long seed, int epochs, int threads, Tensor points, Path dir,
            java.util.function.BooleanSupplier stop) {
        List<ProblemFile> copies = new ArrayList<>();
        for (int k = 0; k < spec.members(); k++) {
            copies.add(ProblemFile.parse(file.text(), file.path())); // its own problem: its own unknowns
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ensemble-member");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Member>> futures = new ArrayList<>();
            for (int k = 0; k < spec.members(); k++) {
                int index = k;
                futures.add(pool.submit(() -> member(index, copies.get(index), seed + index, epochs, points, dir,
                        stop)));
            }
            List<Member> out = new ArrayList<>();
            for (Future<Member> f : futures) {
                out.add(get(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Trains member k alone, exactly as {@link #train} trains it: its own copy of the file's problem, seed
     * {@code firstSeed + k}. Another process (a Spark task) trains the members this way and sends back
     * {@link MemberResult#of} of each to the one that {@link #write}s the ensemble.
     *
     * @param k         the member, from 0
     * @param firstSeed the first member's seed s
     * @param epochs    Adam epochs
     * @param points    where to evaluate the fields, (N, variables): {@link #points()}
     * @param dir       the run folder (the member goes to {@code dir/members/k}), or null to write nothing
     * @param stop      tells the member to stop after the current epoch; may be null
     */
    public Member trainMember(int k, long firstSeed, int epochs, Tensor points, Path dir,
            java.util.function.BooleanSupplier stop) throws IOException {
        return member(k, ProblemFile.parse(file.text(), file.path()), firstSeed + k, epochs, points, dir, stop);
    }

    /** Where the members' fields are evaluated, (N, variables): the reference data's points, else a grid. */
    public Tensor points() {
        return UncertaintyOutputs.points(file);
    }

    private static Member get(Future<Member> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the ensemble's members", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Member member(int k, ProblemFile m, long seed, int epochs, Tensor points, Path dir,
            java.util.function.BooleanSupplier stop) throws IOException {
        Module net = m.newNetwork(seed);
        TrainingListener listener = new TrainingListener() {
            @Override
            public boolean onEpoch(Progress p) {
                return stop == null || !stop.getAsBoolean();
            }
        };
        Solution sol;
        try {
            sol = spec.anchored() == null ? m.trainer().adam(m.training().learningRate(), epochs).seed(seed)
                    .listener(listener).build().train(m.problem(), net)
                    : anchored(m, net, seed, epochs, listener);
        } catch (TrainingDivergedException e) {
            return new Member(k, seed, null, null, null, e.getMessage());
        }
        if (org.sciml4j.train.Trainer.diverged(sol.stopReason())) { // stopped by the loss-growth guard: as above
            return new Member(k, seed, null, null, null, "training " + sol.stopReason());
        }
        double[] prediction = sol.predict(points).toArray();
        double[] unknowns = m.problem().unknowns().stream().mapToDouble(Variable::current).toArray();
        if (dir != null) {
            writeMember(dir.resolve("members").resolve(Integer.toString(k)), m, sol, seed);
        }
        return new Member(k, seed, prediction, unknowns, sol, null);
    }

    /**
     * A randomised-MAP member: the mode of {@link BayesianPinn#randomised} (priors and data perturbed by draws from
     * the member's seed) found by the file's Adam epochs, then L-BFGS if the file sets it.
     */
    private Solution anchored(ProblemFile m, Module net, long seed, int epochs, TrainingListener listener) {
        BayesianPinn objective = BayesianPinn.randomised(m.problem(), net, seed, spec.anchored(),
                seed ^ 0x5DEECE66DL);
        org.sciml4j.train.Trainer.Builder b = org.sciml4j.train.Trainer.builder()
                .adam(m.training().learningRate(), epochs).listener(listener);
        int lbfgs = m.training().lbfgsIterations();
        if (lbfgs > 0) {
            b.phase(org.sciml4j.train.Phase.lbfgs(lbfgs, lbfgs));
        }
        org.sciml4j.train.Trainer.Result r = b.build().train(objective);
        Map<String, Double> values = new LinkedHashMap<>();
        for (Variable v : m.problem().unknowns()) {
            values.put(v.name(), v.current());
        }
        return new Solution(m.problem(), net, values, r.history(), r.epochs(), r.seconds(), r.stopReason());
    }

    /** {@code loss.tsv}, {@code model.safetensors} (network and unknowns) and {@code summary.json} of one member. */
    private static void writeMember(Path dir, ProblemFile m, Solution sol, long seed) throws IOException {
        Files.createDirectories(dir);
        sol.history().write(dir.resolve("loss.tsv"));
        Parameters all = new Parameters().register("network", sol.network().parameters());
        for (Variable v : m.problem().unknowns()) {
            all.register("unknown", v.parameters());
        }
        Checkpoint.save(dir.resolve("model.safetensors"), all);
        SummaryJson s = new SummaryJson();
        s.put("seed", seed);
        if (m.evaluation() != null) {
            s.put("relative_error", sol.errors(m.evaluation().points(), m.evaluation().truth()).relative(),
                    "the prediction is not finite at some evaluation point");
        } else {
            s.put("relative_error", null);
        }
        s.put("parameters", new LinkedHashMap<>(sol.parameters()), "the estimate diverged");
        s.put("epochs", sol.epochs()).put("train_seconds", sol.trainSeconds()).put("stop_reason", sol.stopReason());
        s.write(dir);
    }

    /**
     * Runs the ensemble as {@code sciml4j run} does: trains the members, prints a line per member, writes the
     * spread (see {@link UncertaintyOutputs}) and the members' table into the summary.
     *
     * @return 0, or 3 when fewer than 2 members trained without diverging
     */
    int run(RunContext context) throws IOException {
        long seed = context.seedOr(file.training().seed());
        int epochs = context.epochsOr(file.training().epochs());
        int threads = spec.threadCount();
        Tensor points = points();
        context.say(String.format(Locale.ROOT, "%s of %d PINNs (seeds %d..%d) on %d threads, %d Adam epochs"
                + " each", spec.anchored() == null ? "ensemble" : "randomised-MAP (anchored) ensemble",
                spec.members(), seed, seed + spec.members() - 1, threads, epochs));
        long start = System.nanoTime();
        List<Member> members = train(seed, epochs, threads, points, context.dir(), context.interrupted());
        double seconds = (System.nanoTime() - start) * 1e-9;
        Map<String, Object> execution = new LinkedHashMap<>();
        execution.put("threads", threads);
        return write(context, members.stream().map(MemberResult::of).toList(), seed, epochs, execution, seconds);
    }

    /**
     * Writes the ensemble from its trained members into {@code context.dir()}, as {@code sciml4j run} does after
     * training them: a line per member, the spread (see {@link UncertaintyOutputs}) and the members' table in
     * {@code summary.json}, the unknowns' intervals printed.
     *
     * @param members   the members in order, each trained by {@link #trainMember} (here or elsewhere)
     * @param seed      the first member's seed
     * @param epochs    Adam epochs of each member
     * @param execution how the members ran (e.g. {@code threads}), put into the summary after {@code members}
     * @param seconds   the wall time of training them all
     * @return 0, or 3 when fewer than 2 members trained without diverging
     */
    public int write(RunContext context, List<MemberResult> members, long seed, int epochs,
            Map<String, Object> execution, double seconds) throws IOException {
        List<MemberResult> ok = members.stream().filter(mb -> mb.failure() == null).toList();
        for (MemberResult mb : members) {
            context.say(describe(mb));
        }
        SummaryJson summary = new SummaryJson();
        summary.put("name", file.name()).put("problem_file", file.path().toString()).put("method",
                spec.anchored() == null ? "ensemble" : "anchored_ensemble");
        summary.put("members", spec.members());
        execution.forEach(summary::put);
        summary.put("seed", seed).put("adam_epochs", epochs);
        summary.put("train_seconds", seconds);
        summary.put("member_results", memberTable(members), "a member's figure is not finite");
        if (ok.size() < 2) {
            summary.put("relative_error", null).put("stop_reason", "fewer than 2 members trained");
            summary.write(context.dir());
            context.out().println("only " + ok.size() + " of " + spec.members() + " members trained without"
                    + " diverging: no spread; see members/*/");
            return RunnableProblem.DIVERGED_STATUS;
        }
        Tensor points = points();
        Band fields = Band.of(ok.stream().map(MemberResult::prediction).toArray(double[][]::new));
        Map<String, Band> unknowns = new LinkedHashMap<>();
        List<String> names = file.problem().unknowns().stream().map(Variable::name).toList();
        for (int i = 0; i < names.size(); i++) {
            int j = i;
            unknowns.put(names.get(i), Band.ofScalars(ok.stream().mapToDouble(mb -> mb.unknowns()[j]).toArray()));
        }
        UncertaintyOutputs.write(context.dir(), file, points, fields, unknowns, summary);
        summary.put("stop_reason", context.interrupted().getAsBoolean() ? "interrupted" : "completed");
        summary.write(context.dir());
        report(context, summary, unknowns, seconds);
        return 0;
    }

    private static String describe(MemberResult mb) {
        if (mb.failure() != null) {
            return "member " + mb.index() + " (seed " + mb.seed() + "): " + mb.failure();
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "member %d (seed %d): %d epochs in %.1f s",
                mb.index(), mb.seed(), mb.epochs(), mb.trainSeconds()));
        mb.parameters().forEach((n, v) -> b.append(String.format(Locale.ROOT, ", %s = %.6g", n, v)));
        return b.toString();
    }

    private static List<Object> memberTable(List<MemberResult> members) {
        List<Object> rows = new ArrayList<>();
        for (MemberResult mb : members) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("seed", mb.seed());
            if (mb.failure() != null) {
                r.put("failure", mb.failure());
            } else {
                r.put("parameters", new LinkedHashMap<>(mb.parameters()));
                r.put("train_seconds", mb.trainSeconds());
                r.put("stop_reason", mb.stopReason());
            }
            rows.add(r);
        }
        return rows;
    }

    /** The figures a user reads first: the error of the mean field and each unknown's intervals. */
    static void report(RunContext context, SummaryJson summary, Map<String, Band> unknowns, double seconds) {
        unknowns.forEach((name, b) -> context.out().printf(Locale.ROOT, "%s = %.6g +- %.3g (sd); 95 %% interval"
                + " [%.6g, %.6g] (normal), [%.6g, %.6g] (quantiles)%n", name, b.mean()[0], b.sd()[0],
                b.normalLower()[0], b.normalUpper()[0], b.q025()[0], b.q975()[0]));
        Object rel = summary.values().get("relative_error");
        if (rel instanceof Double r) {
            context.out().printf(Locale.ROOT, "relative error of the mean field %.4e; the 95 %% band holds %.0f %% of"
                    + " the reference%n", r, 100 * (Double) summary.values().get("coverage_normal_95"));
        }
        context.out().printf(Locale.ROOT, "done in %.1f s; outputs in %s%n", seconds, context.dir());
    }
}
