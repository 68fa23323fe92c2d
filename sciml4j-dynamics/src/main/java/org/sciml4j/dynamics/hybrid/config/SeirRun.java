package org.sciml4j.dynamics.hybrid.config;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.sciml4j.dynamics.hybrid.CaseCountObjective;
import org.sciml4j.dynamics.hybrid.CovariateSeries;
import org.sciml4j.dynamics.hybrid.SeirData;
import org.sciml4j.dynamics.hybrid.SeirModel;
import org.sciml4j.dynamics.ode.Rk4;
import org.sciml4j.io.Npz;
import org.sciml4j.nn.Networks;
import org.sciml4j.plot.Axes;
import org.sciml4j.plot.Plots;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Trainer;
import org.sciml4j.train.config.RunContext;

/**
 * The epidemic case: SEIR (sigma = 1/3, gamma = 1/5 per day) whose transmission rate is 0.08 + 0.42 m(t) of the
 * synthetic mobility index m, daily cases with log-normal noise; the hybrid learns beta = softplus(net(m)) from the
 * cases alone, and the recovered rate curve is compared with the truth (relative L2 over the days).
 */
final class SeirRun {
    static final double SIGMA = 1 / 3.0;
    static final double GAMMA = 1 / 5.0;
    static final double INFECTED0 = 1e-4;

    private final HybridSpec spec;
    private final RunContext c;
    private final long seed;

    SeirRun(HybridSpec spec, RunContext c, long seed) {
        this.spec = spec;
        this.c = c;
        this.seed = seed;
    }

    int run() throws IOException {
        int days = spec.data().days();
        double population = spec.data().population();
        CovariateSeries m = CovariateSeries.mobility(days);
        SeirData data = SeirData.synthetic(m, SeirData.DEFAULT_RATE, SIGMA, GAMMA, days, population, INFECTED0,
                spec.data().noise(), seed);
        SeirModel model = SeirModel.learned(SIGMA, GAMMA, m, Networks.build(spec.network(), 1, 1, seed));
        CaseCountObjective o = new CaseCountObjective(model, new Rk4(spec.training().step()), data.x0(), data.cases(),
                population);
        c.say("hybrid SEIR: " + days + " days of cases, rate network of the mobility index"
                + (spec.samRho() > 0 ? ", SAM rho " + spec.samRho() : ""));
        Trainer.Result r = HybridProblem.train(spec, c, o, model.parameters());
        double[] rate = model.rateCurve(days);
        double[] predicted;
        try (var g = Autodiff.noGrad()) {
            predicted = o.predictedCases().toArray();
        }
        double rateError = SeirData.relativeL2(rate, data.trueRate());
        HybridProblem.summary(spec, seed, r).put("rate_relative_l2", rateError)
                .put("trajectory_mse", mse(predicted, data.clean()))
                .put("case_relative_l2", SeirData.relativeL2(predicted, data.clean()))
                .put("days", days).put("population", population).put("noise", spec.data().noise())
                .write(c.dir());
        double[] t = new double[days];
        for (int k = 0; k < days; k++) {
            t[k] = k;
        }
        Plots.curves(c.dir().resolve("rate.png"), "transmission rate beta(t)", Axes.of("day", "beta"), t,
                List.of("recovered", "truth"),
                List.of(rate, data.trueRate()));
        Plots.curves(c.dir().resolve("cases.png"), "daily cases", Axes.of("day", "cases"), t,
                List.of("hybrid", "observed", "noise-free"),
                List.of(predicted, data.cases(), data.clean()));
        Npz.write(c.dir().resolve("seir.npz"), Map.of("cases", Tensor.of(data.cases(), days), "clean",
                Tensor.of(data.clean(), days), "predicted", Tensor.of(predicted, days), "rate", Tensor.of(rate, days),
                "true_rate", Tensor.of(data.trueRate(), days), "mobility", Tensor.of(m.values(), days)), false);
        HybridProblem.writeLoss(c, r.history());
        c.say(String.format("rate curve relative L2 %.4f, daily cases relative L2 %.4f", rateError,
                SeirData.relativeL2(predicted, data.clean())));
        return 0;
    }

    private static double mse(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return s / a.length;
    }
}
