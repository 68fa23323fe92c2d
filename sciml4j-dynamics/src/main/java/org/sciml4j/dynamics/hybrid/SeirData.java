package org.sciml4j.dynamics.hybrid;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import org.sciml4j.dynamics.ode.Rk4;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * Synthetic epidemic data: daily cases of a {@link SeirModel} with a known rate of the covariate, integrated with
 * RK4 at 0.01 day, times log-normal noise {@code exp(noise z)}, z standard normal, drawn from a seeded generator.
 *
 * @param cases    observed daily cases, length n
 * @param clean    noise-free daily cases, length n
 * @param trueRate beta on days 0..n-1
 * @param x0       the initial fractions (S, E, I, R, C)
 */
public record SeirData(double[] cases, double[] clean, double[] trueRate, double[] x0) {

    /** The rate the examples use: beta(m) = 0.08 + 0.42 m (R0 about 2.5 at full mobility with gamma = 1/5). */
    public static final DoubleUnaryOperator DEFAULT_RATE = m -> 0.08 + 0.42 * m;

    /**
     * @param days       n
     * @param population N
     * @param infected0  initial exposed and infectious fractions (each)
     */
    public static SeirData synthetic(CovariateSeries m, DoubleUnaryOperator rate, double sigma, double gamma,
            int days, double population, double infected0, double noise, long seed) {
        double[] x0 = {1 - 2 * infected0, infected0, infected0, 0, 0};
        SeirModel truth = SeirModel.known(sigma, gamma, m, rate);
        double[] t = new double[days + 1];
        for (int k = 0; k <= days; k++) {
            t[k] = k;
        }
        double[] c;
        try (var s = Autodiff.noGrad()) {
            Tensor path = new Rk4(0.01).solve(truth, Tensor.of(x0, 1, 5), t);
            c = path.slice(2, 4, 5).reshape(days + 1).toArray();
        }
        double[] clean = new double[days];
        double[] cases = new double[days];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int k = 0; k < days; k++) {
            clean[k] = population * (c[k + 1] - c[k]);
            cases[k] = clean[k] * Math.exp(noise * gaussian(rng));
        }
        return new SeirData(cases, clean, truth.rateCurve(days), x0);
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** ||a - b||_2 / ||b||_2. */
    public static double relativeL2(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int k = 0; k < b.length; k++) {
            num += (a[k] - b[k]) * (a[k] - b[k]);
            den += b[k] * b[k];
        }
        return Math.sqrt(num / den);
    }
}
