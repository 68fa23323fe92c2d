package org.sciml4j.dynamics.hybrid.config;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.sciml4j.dynamics.data.DynamicalSystem;
import org.sciml4j.dynamics.data.Systems;
import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.data.TrajectoryGenerator;
import org.sciml4j.dynamics.hybrid.AphynityObjective;
import org.sciml4j.dynamics.hybrid.DampedPendulumPhysics;
import org.sciml4j.dynamics.hybrid.HybridField;
import org.sciml4j.dynamics.ode.Rk4;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.nn.Networks;
import org.sciml4j.plot.Axes;
import org.sciml4j.plot.Plots;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Trainer;
import org.sciml4j.train.config.RunContext;

/**
 * APHYNITY's damped pendulum: trajectories of q'' = -omega0^2 sin q - alpha q' (omega0 = 2 pi / 6, alpha = 0.2)
 * fitted by the hybrid (known form with omega0^2 and alpha learned, plus a network), with or without the min-norm
 * term; evaluated on fresh test trajectories rolled out with RK4 from their initial states.
 */
final class PendulumRun {
    static final double[] TRUTH = {Math.pow(2 * Math.PI / 6, 2), 0.2};
    private static final int TEST = 4;

    private final HybridSpec spec;
    private final RunContext c;
    private final long seed;

    PendulumRun(HybridSpec spec, RunContext c, long seed) {
        this.spec = spec;
        this.c = c;
        this.seed = seed;
    }

    int run() throws IOException {
        DynamicalSystem system = Systems.named("damped_pendulum");
        HybridSpec.Data d = spec.data();
        TrajectoryData train = generate(system, d.trajectories(), d.rate(), d.noise(), seed);
        DampedPendulumPhysics physics = new DampedPendulumPhysics(spec.initial()[0], spec.initial()[1],
                spec.friction());
        HybridField field = new HybridField(physics, Networks.build(spec.network(), 2, 2, seed));
        HybridSpec.Training t = spec.training();
        AphynityObjective o = new AphynityObjective(field, new Rk4(t.step()), train, t.segment(), 0, seed,
                spec.minNorm(), t.lambda0(), t.tau2(), t.niter());
        c.say("hybrid pendulum" + (spec.minNorm() ? " (APHYNITY min-norm)" : " (no min-norm)")
                + (spec.samRho() > 0 ? ", SAM rho " + spec.samRho() : "") + ": " + train.trajectories()
                + " trajectories of " + train.times() + " points");
        Trainer.Result r = HybridProblem.train(spec, c, o, field.residualParameters());
        TrajectoryData test = generate(system, TEST, 10, 0, seed + 7919);
        double[][][] model = rollout(field, test);
        double[] truth = spec.friction() ? TRUTH : new double[] {TRUTH[0]};
        double[] values = physics.values();
        SummaryJson s = HybridProblem.summary(spec, seed, r).put("min_norm", spec.minNorm())
                .put("parameter_relative_error", physics.largestRelativeError(truth))
                .put("parameters", named(physics.parameterNames(), values))
                .put("true_parameters", named(physics.parameterNames(), truth))
                .put("trajectory_mse", mse(model, test.x().toArray()))
                .put("residual_norm", o.residualNorm().item()).put("lambda", o.lambda());
        s.write(c.dir());
        train.write(c.dir().resolve("data.npz"));
        plots(system, test, model);
        HybridProblem.writeLoss(c, r.history());
        c.say(String.format("parameters %s (truth %s), largest relative error %.4f", named(physics.parameterNames(),
                values), named(physics.parameterNames(), truth), physics.largestRelativeError(truth)));
        return 0;
    }

    private TrajectoryData generate(DynamicalSystem system, int k, double rate, double noise, long s) {
        double[] span = spec.data().timeSpan();
        return new TrajectoryGenerator(system).trajectories(k).timeSpan(span[0], span[1]).rate(rate).noise(noise)
                .seed(s).generate();
    }

    /** The hybrid rolled out from each test trajectory's initial state: [k][time][2]. */
    private double[][][] rollout(HybridField field, TrajectoryData test) {
        int k = test.trajectories();
        int n = test.times();
        double[] x = test.x().toArray();
        double[] x0 = new double[k * 2];
        for (int i = 0; i < k; i++) {
            System.arraycopy(x, i * n * 2, x0, i * 2, 2);
        }
        double[] path;
        try (var g = Autodiff.noGrad()) {
            path = new Rk4(spec.training().step()).solve(field, Tensor.of(x0, k, 2), test.t().data()).toArray();
        }
        double[][][] out = new double[k][n][2];
        for (int ti = 0; ti < n; ti++) {
            for (int i = 0; i < k; i++) {
                out[i][ti][0] = path[(ti * k + i) * 2];
                out[i][ti][1] = path[(ti * k + i) * 2 + 1];
            }
        }
        return out;
    }

    private static double mse(double[][][] model, double[] truth) {
        double s = 0;
        int n = 0;
        for (double[][] traj : model) {
            for (double[] state : traj) {
                for (double v : state) {
                    s += (v - truth[n]) * (v - truth[n]);
                    n++;
                }
            }
        }
        return s / n;
    }

    private void plots(DynamicalSystem system, TrajectoryData test, double[][][] model) throws IOException {
        int n = test.times();
        double[] x = test.x().toArray();
        double[] q = new double[n];
        double[] qTrue = new double[n];
        double[] e = new double[n];
        double[] eTrue = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = model[0][i][0];
            qTrue[i] = x[i * 2];
            e[i] = system.energy(model[0][i]);
            eTrue[i] = system.energy(new double[] {x[i * 2], x[i * 2 + 1]});
        }
        double[] t = test.t().data();
        Plots.predictionVsTruth(c.dir().resolve("trajectories.png"), "test trajectory 1: angle q", Axes.of("t", "q"), t,
                q, qTrue, null, null);
        Plots.curves(c.dir().resolve("energy.png"), "energy along test trajectory 1", Axes.of("t", "energy"), t,
                List.of("hybrid", "truth"),
                List.of(e, eTrue));
    }

    private static Map<String, Double> named(List<String> names, double[] v) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), v[i]);
        }
        return m;
    }
}
