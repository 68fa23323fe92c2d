package org.sciml4j.dynamics.hybrid.vae;

import java.util.SplittableRandom;

/**
 * A family of damped pendulums q'' = -omega^2 sin q - xi q', one (omega, xi) per trajectory (the setting of Takeishi
 * and Kalousis 2021: the physics model knows the frictionless pendulum and its frequency omega; the damping xi is the
 * unmodelled part). omega ~ U[omega_lo, omega_hi], xi ~ U[0, xi_hi], q0 = +-U[0.5, 1.5], q'0 = 0; truth by RK4 with
 * 20 sub-steps per observation interval, N(0, noise^2) added to the observed (q, q').
 *
 * @param t      observation times (T,)
 * @param x      observed states, flat (K, T, 2)
 * @param clean  noise-free states, flat (K, T, 2)
 * @param omega  per-trajectory frequency (K,)
 * @param xi     per-trajectory damping (K,)
 */
public record PendulumFamily(double[] t, double[] x, double[] clean, double[] omega, double[] xi) {

    /** The number of trajectories K. */
    public int trajectories() {
        return omega.length;
    }

    /** The number of observation times T. */
    public int times() {
        return t.length;
    }

    /**
     * @param k       trajectories
     * @param times   observations per trajectory, at 0, dt, ..., (times - 1) dt
     * @param dt      observation interval
     * @param omega   range [lo, hi] of the frequency
     * @param xiHigh  the damping's upper bound
     * @param noise   observation noise sd
     */
    public static PendulumFamily generate(int k, int times, double dt, double[] omega, double xiHigh, double noise,
            long seed) {
        if (k < 1 || times < 2 || !(dt > 0) || !(omega[1] >= omega[0]) || !(omega[0] > 0) || xiHigh < 0
                || noise < 0) {
            throw new IllegalArgumentException("need k >= 1, times >= 2, dt > 0, 0 < omega_lo <= omega_hi, "
                    + "xi >= 0 and noise >= 0");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] t = new double[times];
        for (int i = 0; i < times; i++) {
            t[i] = i * dt;
        }
        double[] w = new double[k];
        double[] xi = new double[k];
        double[] clean = new double[k * times * 2];
        double[] x = new double[clean.length];
        for (int j = 0; j < k; j++) {
            w[j] = omega[0] + (omega[1] - omega[0]) * rng.nextDouble();
            xi[j] = xiHigh * rng.nextDouble();
            double q = (rng.nextBoolean() ? 1 : -1) * (0.5 + rng.nextDouble());
            double[] s = {q, 0};
            for (int i = 0; i < times; i++) {
                if (i > 0) {
                    integrate(s, w[j], xi[j], dt, 20);
                }
                int at = (j * times + i) * 2;
                clean[at] = s[0];
                clean[at + 1] = s[1];
                x[at] = s[0] + noise * gaussian(rng);
                x[at + 1] = s[1] + noise * gaussian(rng);
            }
        }
        return new PendulumFamily(t, x, clean, w, xi);
    }

    private static void integrate(double[] s, double w, double xi, double dt, int steps) {
        double h = dt / steps;
        for (int n = 0; n < steps; n++) {
            double[] k1 = rhs(s[0], s[1], w, xi);
            double[] k2 = rhs(s[0] + h / 2 * k1[0], s[1] + h / 2 * k1[1], w, xi);
            double[] k3 = rhs(s[0] + h / 2 * k2[0], s[1] + h / 2 * k2[1], w, xi);
            double[] k4 = rhs(s[0] + h * k3[0], s[1] + h * k3[1], w, xi);
            s[0] += h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
            s[1] += h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
        }
    }

    private static double[] rhs(double q, double v, double w, double xi) {
        return new double[] {v, -w * w * Math.sin(q) - xi * v};
    }

    static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
