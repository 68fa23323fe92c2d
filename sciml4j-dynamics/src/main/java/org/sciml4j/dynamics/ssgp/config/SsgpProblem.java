package org.sciml4j.dynamics.ssgp.config;

import java.io.IOException;
import java.util.List;

import org.sciml4j.dynamics.data.DynamicalSystem;
import org.sciml4j.dynamics.data.Systems;
import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.data.TrajectoryGenerator;
import org.sciml4j.dynamics.hamiltonian.HamiltonianNetwork;
import org.sciml4j.dynamics.hamiltonian.TrajectoryObjective;
import org.sciml4j.dynamics.hamiltonian.ValidationCheckpoint;
import org.sciml4j.dynamics.ode.DormandPrince;
import org.sciml4j.dynamics.ode.OdeSolver;
import org.sciml4j.dynamics.ode.Rk4;
import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.dynamics.ssgp.SsgpObjective;
import org.sciml4j.dynamics.ssgp.SsgpPrediction;
import org.sciml4j.dynamics.ssgp.SymplecticFeatures;
import org.sciml4j.dynamics.ssgp.VariationalWeights;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.nn.Mlp;
import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.plot.Axes;
import org.sciml4j.plot.Plots;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Trainer;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.DocumentProblem;
import org.sciml4j.train.config.YamlDocument;

/**
 * A read {@code kind: ssgp} file and its run: noisy sparse trajectories, variational training through RK4,
 * predictive rollouts of fresh noise-free test trajectories with sampled weights, summary and plots.
 */
final class SsgpProblem extends DocumentProblem {
    /** The HNN baseline's Adam rate (its first phase; a fine-tuning phase scales it as the file scales its own). */
    private static final double HNN_LEARNING_RATE = 1e-2;
    private final SsgpSpec spec;

    SsgpProblem(YamlDocument doc, SsgpSpec spec) {
        super(doc, "ssgp", doc.runName());
        this.spec = spec;
    }


    @Override
    public int run(RunContext c) throws IOException {
        long seed = c.seedOr(spec.seed());
        DynamicalSystem system = Systems.named(spec.system());
        TrajectoryData all = new TrajectoryGenerator(system).trajectories(spec.trajectories())
                .timeSpan(spec.timeSpan()[0], spec.timeSpan()[1]).rate(spec.rate()).noise(spec.noise()).seed(seed)
                .generate();
        int nTrain = spec.trajectories() - spec.validation();
        TrajectoryData train = all.subset(0, nTrain);
        TrajectoryData validation = spec.validation() == 0 ? null : all.subset(nTrain, spec.trajectories());
        TrajectoryData test = new TrajectoryGenerator(system).trajectories(spec.testTrajectories())
                .timeSpan(0, spec.duration()).rate(spec.points() / spec.duration()).noise(0)
                .seed(seed + 7919).generate();
        SymplecticFeatures f = spec.learn() || spec.dissipative()
                ? SymplecticFeatures.learned(2, spec.features(), spec.lengthscale(), seed + 1, spec.dissipative())
                : new SymplecticFeatures(2, spec.features(), spec.lengthscale(), seed + 1);
        VariationalWeights q = spec.learn() ? VariationalWeights.learned(f.weights(), spec.amplitude())
                : new VariationalWeights(f.weights(), spec.amplitude());
        int epochs = c.epochsOr(spec.epochs());
        SsgpObjective o = objective(f, q, train, seed, epochs);
        c.say("ssgp " + spec.system() + ": " + train.trajectories() + " trajectories of " + train.times()
                + " points, noise " + spec.noise() + ", " + spec.features() + " frequencies");
        ValidationCheckpoint check = validation == null ? null : new ValidationCheckpoint(o.parameters(),
                () -> f.fieldWith(q.meanRows(validation.trajectories())), new Rk4(spec.step()), validation,
                spec.validateEvery());
        Trainer.Result r;
        try {
            r = withCheck(phases(epochs, spec.learningRate()).listener(c.listener(spec.printEvery())), check)
                    .build().train(o);
        } catch (TrainingDivergedException e) {
            c.out().println("training stopped: " + e.getMessage());
            return 1;
        }
        if (check != null) {
            check.restoreBest();
            c.say("ssgp: kept epoch " + check.bestEpoch() + " (validation rollout MSE " + check.bestError() + ")");
        }
        int k = test.trajectories();
        double[][][] truth = SsgpPrediction.unpack(timeMajor(test), k, test.times(), 2);
        double[][] x0 = new double[k][];
        for (int i = 0; i < k; i++) {
            x0[i] = truth[i][0].clone();
        }
        double[] t = test.t().data();
        SsgpPrediction p = SsgpPrediction.of(f, q, new Rk4(Math.min(spec.step(), 0.05)), x0, t, spec.samples(),
                seed + 3);
        // the band of the S-averaged draws the likelihood was fitted under (the same as p when S = 1)
        double coverageTrained = spec.averagedSamples() == 1 ? p.coverage(truth)
                : SsgpPrediction.of(f, q, new Rk4(Math.min(spec.step(), 0.05)), x0, t, spec.samples(),
                        spec.averagedSamples(), seed + 3).coverage(truth);
        SummaryJson s = new SummaryJson().put("kind", "ssgp").put("system", spec.system()).put("seed", seed)
                .put("epochs", r.epochs()).put("train_seconds", r.seconds()).put("stop_reason", r.stopReason())
                .put("trajectory_mse", p.trajectoryMse(truth)).put("energy_mse", p.energyMse(system, truth))
                .put("sample_mean_trajectory_mse", p.sampleMeanMse(truth)).put("coverage_95", p.coverage(truth))
                .put("coverage_95_averaged_draws", coverageTrained)
                .put("noise_sd_learned", o.noiseSd()).put("noise_sd_data", spec.noise())
                .put("lengthscales", f.lengthscales()).put("amplitude", q.amplitude());
        if (o.startSd() != null) {
            s.put("start_sd_learned", o.startSd());
        }
        if (check != null) {
            s.put("validation_epoch", check.bestEpoch()).put("validation_mse", check.bestError());
        }
        double[] agree = fieldAgreement(f.fieldWith(q.meanRows(k * test.times())), system, truth);
        s.put("field_relative_error", agree[0]).put("field_speed_ratio", agree[1]);
        if (f.dissipationMatrix() != null) {
            s.put("dissipation_matrix", f.dissipationMatrix());
        }
        if (spec.baselineHnn()) {
            double[][][] hnn = hnnRollout(train, validation, test, x0, seed, c, s);
            SsgpPrediction h = new SsgpPrediction(t, hnn, hnn, hnn, hnn);
            s.put("hnn_trajectory_mse", h.trajectoryMse(truth)).put("hnn_energy_mse", h.energyMse(system, truth));
        }
        s.write(c.dir());
        train.write(c.dir().resolve("data.npz"));
        plots(c, system, p, truth, t);
        c.say("ssgp: trajectory MSE " + p.trajectoryMse(truth) + ", energy MSE " + p.energyMse(system, truth)
                + ", 95 % band coverage " + p.coverage(truth));
        return 0;
    }

    /** The HNN baseline trained on the same segments, batches and steps, rolled out from the test states. */
    private double[][][] hnnRollout(TrajectoryData train, TrajectoryData validation, TrajectoryData test,
            double[][] x0, long seed, RunContext c, SummaryJson summary) {
        HamiltonianNetwork hnn = HamiltonianNetwork.conservative(Mlp.builder().sizes(2, 32, 32, 1)
                .activation("tanh").seed(seed).build(), 2);
        ValidationCheckpoint check = validation == null ? null : new ValidationCheckpoint(hnn.parameters(),
                () -> hnn, new Rk4(spec.step()), validation, spec.validateEvery());
        int epochs = c.epochsOr(spec.epochs());
        TrajectoryObjective o = new TrajectoryObjective(hnn, new Rk4(spec.step()), TrajectoryObjective.Gradient.DIRECT,
                train, spec.segment(), spec.batch(), seed);
        SsgpSpec.FineTune fine = spec.extras().fineTune();
        if (fine != null) {
            o.longSegmentsAfter(epochs, fine.segment(), fine.batch());
        }
        withCheck(phases(epochs, HNN_LEARNING_RATE), check).build().train(spec.correctStarts() ? o.correctStarts() : o);
        if (check != null) {
            check.restoreBest();
            summary.put("hnn_validation_epoch", check.bestEpoch()).put("hnn_validation_mse", check.bestError());
        }
        double[] agree = fieldAgreement(hnn, Systems.named(spec.system()), SsgpPrediction.unpack(timeMajor(test),
                test.trajectories(), test.times(), 2));
        summary.put("hnn_field_relative_error", agree[0]).put("hnn_field_speed_ratio", agree[1]);
        double[] flat = new double[x0.length * 2];
        for (int i = 0; i < x0.length; i++) {
            System.arraycopy(x0[i], 0, flat, i * 2, 2);
        }
        double[] path;
        try (var g = Autodiff.noGrad()) {
            path = new Rk4(Math.min(spec.step(), 0.05)).solve(hnn, Tensor.of(flat, x0.length, 2), test.t().data())
                    .toArray();
        }
        return SsgpPrediction.unpack(path, x0.length, test.times(), 2);
    }

    /**
     * How a learned field agrees with the true one on the test trajectories' states (K, T, 2): {the relative squared
     * error sum |f - f_true|^2 / sum |f_true|^2, the speed ratio sum |f| / sum |f_true|}. A ratio below 1 is a field
     * that is uniformly too slow: its rollouts lag (a phase error growing with time) though they keep the energy.
     */
    static double[] fieldAgreement(VectorField field, DynamicalSystem system, double[][][] truth) {
        int k = truth.length;
        int n = truth[0].length;
        double[] flat = new double[k * n * 2];
        for (int i = 0; i < k; i++) {
            for (int t = 0; t < n; t++) {
                System.arraycopy(truth[i][t], 0, flat, (i * n + t) * 2, 2);
            }
        }
        double[] v;
        try (var g = Autodiff.noGrad()) {
            v = field.apply(0, Tensor.of(flat, k * n, 2)).toArray();
        }
        double err = 0;
        double norm = 0;
        double speed = 0;
        double trueSpeed = 0;
        for (int i = 0; i < k * n; i++) {
            double[] exact = system.derivative(new double[] {flat[2 * i], flat[2 * i + 1]});
            double a = v[2 * i] - exact[0];
            double b = v[2 * i + 1] - exact[1];
            err += a * a + b * b;
            norm += exact[0] * exact[0] + exact[1] * exact[1];
            speed += Math.hypot(v[2 * i], v[2 * i + 1]);
            trueSpeed += Math.hypot(exact[0], exact[1]);
        }
        return new double[] {err / norm, speed / trueSpeed};
    }

    /** The negative ELBO with the file's training options; the fine-tuning windows from after epoch {@code epochs}. */
    private SsgpObjective objective(SymplecticFeatures f, VariationalWeights q, TrajectoryData train, long seed,
            int epochs) {
        SsgpSpec.TrainingExtras x = spec.extras();
        OdeSolver solver = x.integrator().equals("dopri5") ? new DormandPrince(x.tolerance(), x.tolerance())
                : new Rk4(spec.step());
        SsgpObjective o = new SsgpObjective(f, q, solver, train, spec.segment(), spec.batch(), 0.1, seed)
                .klWarmup(spec.klWarmup()).averagedSamples(spec.averagedSamples()).klWeight(x.klWeight());
        if (x.klPerBatch()) {
            o.klPerBatch();
        }
        if (x.sampledStarts()) {
            o.sampledStarts(x.startSd());
        }
        if (x.fineTune() != null) {
            o.longSegmentsAfter(epochs, x.fineTune().segment(), x.fineTune().batch())
                    .longSegmentsAveraging(x.fineTune().averagedSamples());
        }
        return spec.correctStarts() ? o.correctStarts() : o;
    }

    /**
     * Adam at {@code lr} for {@code epochs} steps, then the fine-tuning phase when the file has one: its own rate for
     * the SSGP, and the same ratio to {@code lr} for the HNN (whose first rate is not the file's); then the file's
     * L-BFGS iterations, if any, for both (full batch: {@link SsgpObjective#fullBatch()} for the SSGP).
     */
    private Trainer.Builder phases(int epochs, double lr) {
        Trainer.Builder b = Trainer.builder().adam(lr, epochs);
        SsgpSpec.FineTune fine = spec.extras().fineTune();
        if (fine != null) {
            b.adam(lr * fine.learningRate() / spec.learningRate(), fine.epochs());
        }
        return spec.extras().lbfgs() == 0 ? b : b.lbfgs(spec.extras().lbfgs());
    }

    /** The builder with the validation listener added when there is one. */
    private static Trainer.Builder withCheck(Trainer.Builder b, ValidationCheckpoint check) {
        return check == null ? b : b.listener(check);
    }

    /** x (K, T, 2) in the solver's (T, K, 2) layout. */
    static double[] timeMajor(TrajectoryData data) {
        int k = data.trajectories();
        int n = data.times();
        double[] x = data.x().toArray();
        double[] out = new double[x.length];
        for (int i = 0; i < k; i++) {
            for (int t = 0; t < n; t++) {
                System.arraycopy(x, (i * n + t) * 2, out, (t * k + i) * 2, 2);
            }
        }
        return out;
    }

    private static void plots(RunContext c, DynamicalSystem system, SsgpPrediction p, double[][][] truth,
            double[] t) throws IOException {
        int n = t.length;
        double[] mean = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] q = new double[n];
        double[] e = new double[n];
        double[] eTrue = new double[n];
        for (int i = 0; i < n; i++) {
            mean[i] = p.mean()[0][i][0];
            lo[i] = p.lower()[0][i][0];
            hi[i] = p.upper()[0][i][0];
            q[i] = truth[0][i][0];
            e[i] = system.energy(p.mean()[0][i]);
            eTrue[i] = system.energy(truth[0][i]);
        }
        Plots.curves(c.dir().resolve("trajectories.png"), "test trajectory 1: q, mean and 95 % band",
                Axes.of("t", "q"), t,
                List.of("mean", "2.5 %", "97.5 %", "truth"), List.of(mean, lo, hi, q));
        Plots.curves(c.dir().resolve("energy.png"), "true energy along the mean and along the truth",
                Axes.of("t", "energy H"), t,
                List.of("mean", "truth"), List.of(e, eTrue));
    }
}
