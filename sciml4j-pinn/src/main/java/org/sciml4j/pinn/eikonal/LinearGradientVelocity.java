package org.sciml4j.pinn.eikonal;

import java.util.OptionalDouble;

/**
 * v = v0 + g z with z the last axis (depth): rays are circular arcs and the travel time is closed-form,
 * T = acosh(1 + g^2 r^2 / (2 v(xs) v(x))) / g (r = |x - xs|; r / v0 for g = 0).
 *
 * @param v0 the velocity at z = 0
 * @param g  its gradient with depth
 */
public record LinearGradientVelocity(double v0, double g) implements Velocity {

    @Override
    public double[] at(double[] points, int d) {
        int n = points.length / d;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = v0 + g * points[i * d + d - 1];
        }
        return v;
    }

    @Override
    public String describe() {
        return "v = " + v0 + " + " + g + " z";
    }

    @Override
    public OptionalDouble exactTime(double[] x, double[] source) {
        double r2 = 0;
        for (int a = 0; a < x.length; a++) {
            r2 += (x[a] - source[a]) * (x[a] - source[a]);
        }
        int z = x.length - 1;
        double vs = v0 + g * source[z];
        double vx = v0 + g * x[z];
        if (g == 0) {
            return OptionalDouble.of(Math.sqrt(r2) / v0);
        }
        double c = 1 + g * g * r2 / (2 * vs * vx);
        return OptionalDouble.of(Math.log(c + Math.sqrt(c * c - 1)) / Math.abs(g));
    }
}
