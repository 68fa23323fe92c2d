package org.sciml4j.inference.generative.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sciml4j.inference.generative.ConstrainedSampler;
import org.sciml4j.inference.generative.Constraint;
import org.sciml4j.inference.generative.Constraints;
import org.sciml4j.inference.generative.FlowMatchingObjective;
import org.sciml4j.inference.generative.FlowSampler;
import org.sciml4j.inference.generative.Projection;
import org.sciml4j.inference.generative.SampleMetrics;
import org.sciml4j.inference.generative.VectorField;
import org.sciml4j.io.Npz;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.LossHistory;
import org.sciml4j.train.Trainer;
import org.sciml4j.train.config.RunContext;

/**
 * One run of a {@code flow_matching} problem: trains the vector field (and, for {@code regularised}, a second one
 * with the residual term), samples the same noise plainly and with the chosen method, scores both against the
 * held-out fields, prints the figures and writes {@code summary.json}, {@code samples.npz}, {@code loss.tsv} and
 * the plots into the run folder.
 */
final class FlowMatchingRun {
    private final FlowMatchingProblem problem;
    private final RunContext context;
    private final DataSection.Data data;
    private final int n;
    private final List<LossHistory> histories = new ArrayList<>();

    /** The figures of one set of samples. */
    record Scores(double violation, double[] violations, Map<String, Double> perConstraint, double mmd,
                  double meanError, double sdError) {
    }

    FlowMatchingRun(FlowMatchingProblem problem, RunContext context) {
        this.problem = problem;
        this.context = context;
        this.data = problem.data();
        this.n = data.n();
    }

    int run() throws IOException {
        long seed = context.seedOr(problem.seed());
        List<Constraint> constraints = constraints();
        Settings.Sampling s = problem.sampling();
        long t0 = System.nanoTime();
        VectorField plainField;
        VectorField regularised = null;
        try {
            plainField = train(List.of(), seed);
            if (s.method().equals("regularised")) {
                regularised = train(constraints, seed);
            }
        } catch (TrainingDivergedException e) {
            context.out().println("training diverged: " + e.getMessage());
            return 1;
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        double[] x0 = FlowSampler.noise(s.samples(), n, seed + 7);
        double[] unconstrained = new FlowSampler(plainField).sample(x0, s.steps(), s.integrator());
        double[] samples = switch (s.method()) {
            case "pcfm" -> new ConstrainedSampler(plainField, projection(constraints), problem.training().sigmaMin())
                    .sample(x0, s.steps());
            case "regularised" -> new FlowSampler(regularised).sample(x0, s.steps(), s.integrator());
            default -> unconstrained;
        };
        double sampleSeconds = (System.nanoTime() - t1) / 1e9;
        double h = SampleMetrics.medianDistance(data.heldOut(), n);
        Scores method = score(samples, constraints, h);
        Scores plain = score(unconstrained, constraints, h);
        double floor = dataFloor(h);
        print(method, plain, floor, trainSeconds, sampleSeconds);
        summary(constraints, method, plain, floor, h, trainSeconds, sampleSeconds).write(context.dir());
        arrays(samples, unconstrained, method, plain);
        RunPlots.write(context.dir(), problem.name() + " (" + s.method() + ")", data, samples, method.violations(),
                plain.violations(), histories);
        return 0;
    }

    /** The constraints with their targets; a target not given is the training fields' mean value. */
    private List<Constraint> constraints() {
        List<Constraint> out = new ArrayList<>();
        for (Settings.ConstraintSpec c : problem.constraints()) {
            double target = c.target();
            if (Double.isNaN(target)) {
                double[] v = Constraints.values(c.name(), data.dx(), data.train(), data.trainCount(), n);
                target = java.util.Arrays.stream(v).average().orElse(0);
            }
            out.add(Constraints.of(c.name(), target, data.dx()));
        }
        return out;
    }

    private Projection projection(List<Constraint> constraints) {
        Settings.Sampling s = problem.sampling();
        return new Projection(constraints, s.projectionIterations(), s.tolerance());
    }

    private VectorField train(List<Constraint> residual, long seed) {
        Settings.Training t = problem.training();
        VectorField field = VectorField.of(problem.network(), n, seed);
        FlowMatchingObjective objective = new FlowMatchingObjective(field, data.train(), t.batch(), t.sigmaMin(),
                seed + 1, residual, problem.sampling().lambda());
        context.say(residual.isEmpty() ? "training the vector field" : "training the residual-regularised field"
                + " (lambda " + problem.sampling().lambda() + ")");
        Trainer.Result r = Trainer.builder().adam(t.learningRate(), context.epochsOr(t.epochs()))
                .listener(context.listener(t.logEvery())).build().train(objective);
        histories.add(r.history());
        return field;
    }

    private Scores score(double[] x, List<Constraint> constraints, double h) {
        int b = x.length / n;
        double[] worstEach = new double[b];
        Map<String, Double> per = new LinkedHashMap<>();
        for (Constraint c : constraints) {
            double[] r = c.residual(Tensor.of(x, b, n)).toArray();
            double w = 0;
            for (int i = 0; i < b; i++) {
                worstEach[i] = Math.max(worstEach[i], Math.abs(r[i]));
                w = Math.max(w, Math.abs(r[i]));
            }
            per.put(c.name(), w);
        }
        double worst = constraints.isEmpty() ? Double.NaN : java.util.Arrays.stream(worstEach).max().orElse(0);
        return new Scores(worst, worstEach, per, SampleMetrics.mmd(x, data.heldOut(), n, h),
                SampleMetrics.meanError(x, data.heldOut(), n), SampleMetrics.sdError(x, data.heldOut(), n));
    }

    /** The MMD of as many training fields as samples against the held-out ones: the finite-sample noise floor. */
    private double dataFloor(double h) {
        int rows = Math.min(problem.sampling().samples(), data.trainCount());
        return SampleMetrics.mmd(java.util.Arrays.copyOf(data.train(), rows * n), data.heldOut(), n, h);
    }

    private void print(Scores m, Scores p, double floor, double trainSeconds, double sampleSeconds) {
        String method = problem.sampling().method();
        context.say(String.format(Locale.ROOT, "flow matching on %s: %d training, %d held-out fields; trained in"
                + " %.1f s, sampled in %.1f s", data.description(), data.trainCount(), data.heldOutCount(),
                trainSeconds, sampleSeconds));
        context.out().printf(Locale.ROOT, "%-12s violation %.3e  mmd %.4f  mean error %.4f  sd error %.4f%n",
                method, m.violation(), m.mmd(), m.meanError(), m.sdError());
        if (!method.equals("plain")) {
            context.out().printf(Locale.ROOT, "%-12s violation %.3e  mmd %.4f  mean error %.4f  sd error %.4f%n",
                    "unconstrained", p.violation(), p.mmd(), p.meanError(), p.sdError());
        }
        context.out().printf(Locale.ROOT, "data against held-out data: mmd %.4f (the sampling noise floor)%n", floor);
    }

    private SummaryJson summary(List<Constraint> constraints, Scores m, Scores p, double floor, double h,
                                double trainSeconds, double sampleSeconds) {
        Map<String, Object> targets = new LinkedHashMap<>();
        for (Constraint c : constraints) {
            targets.put(c.name(), c.target());
        }
        Settings.Sampling s = problem.sampling();
        SummaryJson j = new SummaryJson().put("kind", FlowMatchingKind.NAME).put("name", problem.name())
                .put("method", s.method()).put("data", data.description()).put("field_size", n)
                .put("train_fields", data.trainCount()).put("held_out_fields", data.heldOutCount())
                .put("samples", s.samples()).put("steps", s.steps()).put("constraints", targets);
        if (!constraints.isEmpty()) {
            j.put("constraint_violation", m.violation()).put("constraint_violation_unconstrained", p.violation())
                    .put("violations", m.perConstraint()).put("violations_unconstrained", p.perConstraint())
                    .put("constraint_violation_data", score(data.heldOut(), constraints, h).violation());
        }
        return j.put("mmd", m.mmd()).put("mmd_unconstrained", p.mmd()).put("mmd_data", floor)
                .put("kernel_width", h).put("mean_error", m.meanError()).put("sd_error", m.sdError())
                .put("mean_error_unconstrained", p.meanError()).put("sd_error_unconstrained", p.sdError())
                .put("train_seconds", trainSeconds).put("sample_seconds", sampleSeconds);
    }

    private void arrays(double[] samples, double[] unconstrained, Scores m, Scores p) throws IOException {
        int b = samples.length / n;
        Map<String, Tensor> a = new LinkedHashMap<>();
        a.put("samples", Tensor.of(samples, b, n));
        a.put("samples_unconstrained", Tensor.of(unconstrained, b, n));
        a.put("held_out", Tensor.of(data.heldOut(), data.heldOutCount(), n));
        a.put("violations", Tensor.of(m.violations(), b));
        a.put("violations_unconstrained", Tensor.of(p.violations(), b));
        Npz.write(context.dir().resolve("samples.npz"), a, true);
        for (int i = 0; i < histories.size(); i++) {
            histories.get(i).write(context.dir().resolve(i == 0 ? "loss.tsv" : "loss_regularised.tsv"));
        }
    }
}
