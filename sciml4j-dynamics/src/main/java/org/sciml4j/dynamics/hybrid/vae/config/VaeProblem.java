package org.sciml4j.dynamics.hybrid.vae.config;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.sciml4j.dynamics.hybrid.vae.HybridVae;
import org.sciml4j.dynamics.hybrid.vae.HybridVaeObjective;
import org.sciml4j.dynamics.hybrid.vae.PendulumFamily;
import org.sciml4j.dynamics.ode.Rk4;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.nn.Mlp;
import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.plot.Axes;
import org.sciml4j.plot.Plots;
import org.sciml4j.train.Trainer;
import org.sciml4j.train.config.DocumentProblem;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.YamlDocument;

/**
 * A read {@code kind: hybrid_vae} file and its run: training and held-out families of damped pendulums, the VAE
 * trained with the regulariser (and, with {@code compare}, again without it from the same start), the encoded omega
 * of the held-out trajectories against their truth.
 */
final class VaeProblem extends DocumentProblem {
    private final VaeSpec spec;

    VaeProblem(YamlDocument doc, VaeSpec spec) {
        super(doc, "hybrid_vae", doc.runName());
        this.spec = spec;
    }

    @Override
    public int run(RunContext c) throws IOException {
        long seed = c.seedOr(spec.seed());
        PendulumFamily train = family(spec.trajectories(), seed);
        PendulumFamily test = family(spec.testTrajectories(), seed + 7919);
        c.say("hybrid VAE: " + train.trajectories() + " damped pendulums of " + train.times() + " points, omega in "
                + Arrays.toString(spec.omega()) + ", damping up to " + spec.damping() + ", regularizer "
                + spec.regularizer());
        SummaryJson s = new SummaryJson().put("kind", "hybrid_vae").put("seed", seed)
                .put("regularizer", spec.regularizer());
        try {
            Outcome with = fit(train, test, spec.regularizer(), seed, c);
            s.put("parameter_relative_error", with.error).put("omega_relative_error", with.error)
                    .put("trajectory_mse", with.mse).put("train_seconds", with.seconds).put("epochs", with.epochs);
            if (spec.compare()) {
                Outcome without = fit(train, test, 0, seed, c);
                s.put("omega_relative_error_no_regularizer", without.error)
                        .put("trajectory_mse_no_regularizer", without.mse);
                c.say(String.format("held-out omega: median relative error %.4f with the regulariser, %.4f without",
                        with.error, without.error));
            }
            plot(c, test, with.omega);
        } catch (TrainingDivergedException e) {
            c.out().println("training stopped: " + e.getMessage());
            return 1;
        }
        s.write(c.dir());
        return 0;
    }

    private PendulumFamily family(int k, long seed) {
        return PendulumFamily.generate(k, spec.points(), spec.dt(), spec.omega(), spec.damping(), spec.noise(),
                seed);
    }

    private record Outcome(double error, double mse, double seconds, int epochs, double[] omega) {
    }

    private Outcome fit(PendulumFamily train, PendulumFamily test, double lambda, long seed, RunContext c) {
        int[] enc = concat(2 * spec.points(), spec.encoderHidden(), 2 + 2 * spec.latent());
        int[] cor = concat(2 + spec.latent(), spec.correctionHidden(), 1);
        HybridVae vae = new HybridVae(Mlp.builder().sizes(enc).activation("tanh").seed(seed).build(),
                Mlp.builder().sizes(cor).activation("tanh").seed(seed + 1).build(), spec.latent(),
                0.5 * (spec.omega()[0] + spec.omega()[1]));
        Rk4 solver = new Rk4(spec.step());
        HybridVaeObjective o = new HybridVaeObjective(vae, solver, train, lambda, spec.noise(), seed);
        c.say(lambda > 0 ? "with the physics regulariser (lambda " + lambda + ")" : "without the regulariser");
        Trainer.Result r = Trainer.builder().adam(spec.learningRate(), c.epochsOr(spec.epochs()))
                .listener(c.listener(spec.printEvery())).build().train(o);
        return new Outcome(HybridVaeObjective.omegaError(vae, test), HybridVaeObjective.trajectoryMse(vae, solver,
                test), r.seconds(), r.epochs(), HybridVaeObjective.encodedOmega(vae, test));
    }

    private static int[] concat(int in, int[] hidden, int out) {
        int[] s = new int[hidden.length + 2];
        s[0] = in;
        System.arraycopy(hidden, 0, s, 1, hidden.length);
        s[s.length - 1] = out;
        return s;
    }

    /** omega.png: encoded against true omega of the held-out trajectories, sorted by the truth. */
    private static void plot(RunContext c, PendulumFamily test, double[] encoded) throws IOException {
        int k = test.trajectories();
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(test.omega()[a], test.omega()[b]));
        double[] idx = new double[k];
        double[] truth = new double[k];
        double[] enc = new double[k];
        for (int i = 0; i < k; i++) {
            idx[i] = i;
            truth[i] = test.omega()[order[i]];
            enc[i] = encoded[order[i]];
        }
        Plots.curves(c.dir().resolve("omega.png"), "held-out trajectories: encoded vs true omega",
                Axes.of("held-out trajectory (sorted by true omega)", "omega"), idx,
                List.of("encoded", "truth"), List.of(enc, truth));
    }
}
