package org.sciml4j.operators.config;

import org.sciml4j.io.Npz;
import org.sciml4j.io.SafeTensors;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.operators.NormalizedOperator;
import org.sciml4j.operators.OperatorModel;
import org.sciml4j.operators.deeponet.DeepOnet;
import org.sciml4j.operators.fit.AntiderivativePhysics;
import org.sciml4j.operators.fit.EnergyPenalty;
import org.sciml4j.operators.fit.Evaluation;
import org.sciml4j.operators.fit.OperatorObjective;
import org.sciml4j.operators.fit.PointwiseObjective;
import org.sciml4j.optim.Adam;
import org.sciml4j.optim.LearningRateSchedule;
import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.KeepBest;
import org.sciml4j.train.Objective;
import org.sciml4j.train.Phase;
import org.sciml4j.train.Trainer;
import org.sciml4j.train.config.RunContext;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of an {@link OperatorProblem}: builds the model from the seed, trains it through the {@link Trainer}
 * (Adam with the step schedule and weight decay of the file), evaluates the test split and writes
 * {@code summary.json}, {@code model.safetensors}, {@code predictions.npz} (test inputs, outputs, predictions
 * and per-function relative errors), {@code loss.tsv} (a row per optimiser step, its first column {@code step})
 * and the plots ({@link OperatorPlots}); then evaluates the {@code evaluation:} test sets ({@link TestSetEvaluation}).
 */
final class OperatorRun {
    private final OperatorProblem p;
    private final RunContext c;

    OperatorRun(OperatorProblem p, RunContext c) {
        this.p = p;
        this.c = c;
    }

    int run() throws IOException {
        long seed = c.seedOr(p.seed());
        OperatorData d = p.data();
        OperatorModel model = p.model().build(d, new Rng(seed));
        if (p.normalize()) {
            model = NormalizedOperator.fit(model, d.trainInputs(), d.trainOutputs());
        }
        Objective objective;
        int perPass;
        PhysicsSpec.Energy energy = p.physics() instanceof PhysicsSpec.Energy en ? en : null;
        EnergyPenalty penalty = energy == null ? null : energy.penalty();
        if (p.physics() instanceof PhysicsSpec.Antiderivative a) {
            AntiderivativePhysics o = new AntiderivativePhysics((DeepOnet) model, d.trainInputs(), d.points(),
                    a.x0(), a.s0(), p.training().batch(), seed);
            objective = o;
            perPass = o.stepsPerPass();
        } else if (d.queries() != null) {
            OperatorData.Queries q = d.queries().head(d.train());
            PointwiseObjective o = new PointwiseObjective((DeepOnet) model, d.trainInputs(), q.points(), q.values(),
                    p.training().loss(), p.training().batch(), seed);
            objective = o;
            perPass = o.stepsPerPass();
        } else {
            OperatorObjective o = new OperatorObjective(model, d.trainInputs(), d.trainOutputs(),
                    p.training().loss(), p.training().batch(), seed, penalty,
                    energy == null ? null : energy.unlabelled(d));
            objective = o;
            perPass = o.stepsPerPass();
        }
        TrainingSpec t = p.training();
        int epochs = c.epochsOr(t.epochs());
        long params = model.parameters().count();
        c.say(p.name() + ": " + model.describe() + ", " + params + " parameters, " + d.train() + " training and "
                + d.test() + " test functions, " + epochs + " epochs of " + perPass + " steps");
        KeepBest keep = t.keepBest() > 0 ? KeepBest.trainingLoss(objective.parameters(), t.keepBest()) : null;
        Trainer.Result r;
        try {
            r = trainer(t, epochs, perPass, model, keep).train(objective); // keep: the best parameters are back
        } catch (TrainingDivergedException e) {
            c.out().println(p.name() + ": " + e.getMessage());
            return 1;
        }
        Tensor predicted = Evaluation.predict(model, d.testInputs(), 50);
        Evaluation e = Evaluation.compare(predicted, d.testOutputs());
        double passes = Math.max(1, (double) r.epochs() / perPass);
        double[] drift = penalty == null ? null : penalty.drift(d.testInputs(), predicted);
        double testMse = testMse(d, model, e);
        SummaryJson summary = summary(model, seed, r, e, testMse, passes, perPass, drift, penalty);
        if (keep != null) {
            kept(keep, r, summary);
        }
        List<TestSetEvaluation.Result> extra = TestSetEvaluation.addAll(model, p.evaluation(), summary);
        summary.write(c.dir());
        SafeTensors.write(c.dir().resolve("model.safetensors"), model.state(),
                Map.of("model", model.describe(), "seed", Long.toString(seed)));
        r.history().write(c.dir().resolve("loss.tsv"), "step");
        Map<String, Tensor> results = new LinkedHashMap<>();
        results.put("inputs", d.testInputs());
        results.put("outputs", d.testOutputs());
        results.put("predictions", predicted);
        results.put("relative_error", Tensor.wrap(e.relative(), e.relative().length));
        Npz.write(c.dir().resolve("predictions.npz"), results, true);
        new OperatorPlots(c.dir(), p.name()).all(d, predicted, r.history());
        c.say(String.format("%s: test relative L2 %.4g (worst %.4g), test MSE %.4g, %.1f s (%.3g s per epoch)%s",
                p.name(), e.meanRelative(), e.worstRelative(), testMse, r.seconds(), r.seconds() / passes,
                drift == null ? "" : String.format(", energy drift %.3g", mean(drift))));
        for (TestSetEvaluation.Result x : extra) {
            x.plot(c.dir(), p.name());
            c.say(x.line(p.name()));
        }
        return 0;
    }

    private SummaryJson summary(OperatorModel model, long seed, Trainer.Result r, Evaluation e, double testMse,
                                double passes, int perPass, double[] drift, EnergyPenalty penalty) {
        OperatorData d = p.data();
        SummaryJson summary = new SummaryJson().put("kind", "operator").put("model", model.describe())
                .put("parameters", model.parameters().count()).put("train", d.train()).put("test", d.test())
                .put("seed", seed).put("epochs", r.epochs() / perPass)
                .put("steps", r.epochs()).put("stop_reason", r.stopReason())
                .put("relative_error", e.meanRelative()).put("relative_error_worst", e.worstRelative())
                .put("test_mse", testMse).put("train_seconds", r.seconds())
                .put("epoch_seconds", r.seconds() / passes)
                .put("final_loss", finalLoss(r));
        if (d.queries() != null) {
            summary.put("test_mse_grid", e.mse());
        }
        if (drift != null) {
            // mean relative |E[pred] - E[input]| / E[input] over the test split, and the data's own figure
            summary.put("energy_drift", mean(drift)).put("energy_weight", penalty.weight())
                    .put("energy_states", ((PhysicsSpec.Energy) p.physics()).states())
                    .put("energy_drift_data", mean(penalty.drift(d.testInputs(), d.testOutputs())));
        }
        return summary;
    }

    /** {@code kept_step} and {@code kept_loss} in the summary, and a line saying which step was kept. */
    private void kept(KeepBest keep, Trainer.Result r, SummaryJson summary) {
        if (keep.keptEpoch() < 0) {
            c.say(p.name() + ": keep_best " + p.training().keepBest() + ": no step was scored in " + r.epochs()
                    + " steps (the period must be below the step count); the last step is the result");
            return;
        }
        summary.put("kept_step", keep.keptEpoch()).put("kept_loss", keep.keptScore());
        c.say(String.format("%s: kept step %d of %d (training loss %.4g; last step's logged loss %.4g)", p.name(),
                keep.keptEpoch(), r.epochs(), keep.keptScore(), finalLoss(r)));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /**
     * The test MSE: with query points the DeepONet repository's, over the test functions' (point, value) triples;
     * else over the test grids.
     */
    private static double testMse(OperatorData d, OperatorModel model, Evaluation grid) {
        if (d.queries() == null) {
            return grid.mse();
        }
        OperatorData.Queries q = d.queries().tail(d.test());
        return PointwiseObjective.mse((DeepOnet) model, d.testInputs(), q.points(), q.values(), 10000);
    }

    /** The total loss of the last step, null when none ran. */
    private static Double finalLoss(Trainer.Result r) {
        double[] total = r.history().column("total");
        return total.length > 0 ? total[total.length - 1] : null;
    }

    private Trainer trainer(TrainingSpec t, int epochs, int perPass, OperatorModel model, KeepBest keep) {
        LearningRateSchedule schedule = t.step() > 0 ? LearningRateSchedule.step(t.step() * perPass, t.gamma())
                : LearningRateSchedule.constant();
        Phase adam = new Phase.FirstOrder("adam", () -> Adam.builder().learningRate(t.lr()).schedule(schedule)
                .weightDecay(t.weightDecay()).build(), epochs * perPass);
        Trainer.Builder b = Trainer.builder().phase(adam).lbfgs(t.lbfgs())
                .listener(c.listener(t.logEvery() * perPass, "step")); // the trainer counts steps, not passes
        if (t.testEvery() > 0) {
            OperatorData d = p.data();
            b.listener(new TestCurve(model, d.testInputs(), d.testOutputs(), perPass, t.testEvery(), c.dir(), c::say));
        }
        return (keep == null ? b : b.listener(keep)).build();
    }
}
