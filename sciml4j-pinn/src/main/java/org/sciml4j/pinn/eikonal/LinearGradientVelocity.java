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
    /**
     * The closed form's grad_x T: with c = 1 + g^2 r^2 / (2 v(xs) v(x)), T = acosh(c) / |g| and
     * dc/dx_a = g^2 (x_a - xs_a) / (v(xs) v(x)) - [a = z] g^3 r^2 / (2 v(xs) v(x)^2); (x - xs) / (r v0) for g = 0.
     *
     * @param x      the receiver, length d (not the source)
     * @param source length d
     * @return grad_x T, length d
     */
    public double[] gradient(double[] x, double[] source) {
        int d = x.length;
        int z = d - 1;
        double r2 = 0;
        for (int a = 0; a < d; a++) {
            r2 += (x[a] - source[a]) * (x[a] - source[a]);
        }
        double[] grad = new double[d];
        if (g == 0) {
            for (int a = 0; a < d; a++) {
                grad[a] = (x[a] - source[a]) / (Math.sqrt(r2) * v0);
            }
            return grad;
        }
        double vs = v0 + g * source[z];
        double vx = v0 + g * x[z];
        double c = 1 + g * g * r2 / (2 * vs * vx);
        double factor = 1 / (Math.abs(g) * Math.sqrt(c * c - 1));
        for (int a = 0; a < d; a++) {
            double dc = g * g * (x[a] - source[a]) / (vs * vx);
            if (a == z) {
                dc -= g * g * g * r2 / (2 * vs * vx * vx);
            }
            grad[a] = factor * dc;
        }
        return grad;
    }

    /**
     * The distance of a point from the exact ray between a source and a receiver: the arc of the circle, in the
     * vertical plane through both, whose centre lies at the depth where v would vanish, z = -v0 / g (the straight
     * segment's line for g = 0, the vertical line when the two are on one vertical).
     *
     * @param point    length d
     * @param source   length d
     * @param receiver length d
     * @return the distance from the circle (or line) through both, in the box's units
     */
    public double rayDistance(double[] point, double[] source, double[] receiver) {
        int d = point.length;
        int z = d - 1;
        // the horizontal unit vector e from source to receiver; coordinates h along e, w across it
        double[] e = new double[z];
        double length = 0;
        for (int a = 0; a < z; a++) {
            e[a] = receiver[a] - source[a];
            length += e[a] * e[a];
        }
        length = Math.sqrt(length);
        double h = 0;
        for (int a = 0; a < z && length > 0; a++) {
            e[a] /= length;
            h += (point[a] - source[a]) * e[a];
        }
        double across2 = 0; // the horizontal part of (point - source) off e, component by component (no cancellation)
        for (int a = 0; a < z; a++) {
            double w = point[a] - source[a] - h * e[a];
            across2 += w * w;
        }
        double inPlane;
        double pz = point[z];
        if (length == 0) {
            inPlane = 0; // the vertical through both: only the distance across counts
        } else if (g == 0) {
            // the line through (0, zs) and (length, zr) in the plane's coordinates (h, z)
            double dz = receiver[z] - source[z];
            inPlane = Math.abs(dz * h - length * (pz - source[z])) / Math.hypot(length, dz);
        } else {
            double zc = -v0 / g;
            double a0 = source[z] - zc;
            double a1 = receiver[z] - zc;
            double hc = (length * length + a1 * a1 - a0 * a0) / (2 * length);
            double radius = Math.hypot(hc, a0);
            inPlane = Math.abs(Math.hypot(h - hc, pz - zc) - radius);
        }
        return Math.sqrt(inPlane * inPlane + across2);
    }
}
