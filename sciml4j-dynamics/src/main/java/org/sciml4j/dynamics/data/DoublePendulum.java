package org.sciml4j.dynamics.data;

import java.util.SplittableRandom;

/**
 * The planar double pendulum with unit masses and rods, g = 9.81, in canonical coordinates (theta1, theta2, p1, p2):
 * H = (p1^2 + 2 p2^2 - 2 p1 p2 cos d) / (2 (1 + sin^2 d)) - 2 g cos theta1 - g cos theta2, d = theta1 - theta2.
 * Released from rest at angles uniform in [-radius, radius] (radius from the range drawn per trajectory).
 */
final class DoublePendulum implements DynamicalSystem {
    static final double G = 9.81;

    @Override
    public String name() {
        return "double_pendulum";
    }

    @Override
    public int dimension() {
        return 4;
    }

    @Override
    public double[] derivative(double[] x) {
        double d = x[0] - x[1];
        double c = Math.cos(d);
        double s = Math.sin(d);
        double den = 1 + s * s;
        double p1 = x[2];
        double p2 = x[3];
        double dq1 = (p1 - p2 * c) / den;
        double dq2 = (2 * p2 - p1 * c) / den;
        double a = p1 * p2 * s / den;
        double b = (p1 * p1 + 2 * p2 * p2 - 2 * p1 * p2 * c) * s * c / (den * den);
        double dp1 = -2 * G * Math.sin(x[0]) - a + b;
        double dp2 = -G * Math.sin(x[1]) + a - b;
        return new double[] {dq1, dq2, dp1, dp2};
    }

    @Override
    public double energy(double[] x) {
        double d = x[0] - x[1];
        double c = Math.cos(d);
        double s = Math.sin(d);
        double kinetic = (x[2] * x[2] + 2 * x[3] * x[3] - 2 * x[2] * x[3] * c) / (2 * (1 + s * s));
        return kinetic - 2 * G * Math.cos(x[0]) - G * Math.cos(x[1]);
    }

    @Override
    public boolean conservative() {
        return true;
    }

    @Override
    public double[] initialState(SplittableRandom rng, double lo, double hi) {
        double r = lo + (hi - lo) * rng.nextDouble();
        return new double[] {r * (2 * rng.nextDouble() - 1), r * (2 * rng.nextDouble() - 1), 0, 0};
    }

    @Override
    public double[] defaultRadius() {
        return new double[] {0.5, 1.5};
    }

    @Override
    public double defaultRate() {
        return 20;
    }

    @Override
    public double[] defaultTimeSpan() {
        return new double[] {0, 5};
    }
}
