package org.sciml4j.inference.tasks;

import org.sciml4j.inference.mcmc.LogDensity;
import org.sciml4j.inference.sbi.Prior;
import org.sciml4j.inference.sbi.Simulator;

/**
 * The physical benchmark case of SEEDS section 3: the damping c and stiffness k of the oscillator
 * {@code u'' + c u' + k u = 0, u(0) = 1, u'(0) = 0} from a noisy trajectory. theta = (c, k) ~ U([0.1, 1] x [1, 5])
 * (always underdamped: c^2 < 4k); x = u(t_i) + N(0, 0.05^2) at the 30 times t_i = i / 3, i = 1..30. The trajectory
 * is the closed-form solution, so the likelihood is an exact Gaussian and the reference posterior is made by long
 * MCMC on it.
 */
public final class DampedOscillator {
    /** The task's name in problem files. */
    public static final String NAME = "damped_oscillator";
    /** Observation times. */
    public static final double[] TIMES = times();
    /** The known noise sd. */
    public static final double NOISE_SD = 0.05;
    private static final double[] LOW = {0.1, 1};
    private static final double[] HIGH = {1, 5};

    private DampedOscillator() {
    }

    private static double[] times() {
        double[] t = new double[30];
        for (int i = 0; i < t.length; i++) {
            t[i] = (i + 1) / 3.0;
        }
        return t;
    }

    /** The task: prior, simulator (30 outputs). */
    public static BenchmarkTask task() {
        Simulator sim = Simulator.of(TIMES.length, (theta, r) -> {
            double[] x = new double[TIMES.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = displacement(theta[0], theta[1], TIMES[i]) + NOISE_SD * Simulator.normal(r);
            }
            return x;
        });
        return new BenchmarkTask(NAME, Prior.uniform(LOW, HIGH), sim);
    }

    /**
     * The exact solution u(t) for u(0) = 1, u'(0) = 0, in all three regimes.
     *
     * @param c damping, >= 0
     * @param k stiffness, > 0
     */
    public static double displacement(double c, double k, double t) {
        double disc = c * c / 4 - k;
        double decay = Math.exp(-c * t / 2);
        if (Math.abs(disc) < 1e-12 * Math.max(1, k)) {
            return (1 + c * t / 2) * decay;
        }
        if (disc < 0) {
            double w = Math.sqrt(-disc);
            return decay * (Math.cos(w * t) + c / (2 * w) * Math.sin(w * t));
        }
        double s = Math.sqrt(disc);
        double r1 = -c / 2 + s;
        double r2 = -c / 2 - s;
        return (r2 * Math.exp(r1 * t) - r1 * Math.exp(r2 * t)) / (r2 - r1);
    }

    /**
     * The exact log-likelihood: sum_i log N(x_o,i; u(t_i; c, k), 0.05^2).
     *
     * @param observed x_o, length 30
     */
    public static LogDensity likelihood(double[] observed) {
        if (observed.length != TIMES.length) {
            throw new IllegalArgumentException("damped_oscillator: an observation has " + TIMES.length
                    + " values, got " + observed.length);
        }
        double[] xo = observed.clone();
        double var = NOISE_SD * NOISE_SD;
        double norm = -0.5 * xo.length * Math.log(2 * Math.PI * var);
        return LogDensity.pointwise(theta -> {
            double s = 0;
            for (int i = 0; i < xo.length; i++) {
                double r = xo[i] - displacement(theta[0], theta[1], TIMES[i]);
                s += r * r;
            }
            return norm - 0.5 * s / var;
        });
    }
}
