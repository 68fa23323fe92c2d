package org.sciml4j.dynamics.data;

import java.util.SplittableRandom;

/**
 * Two unit masses under gravity (G = 1), state (x1, y1, x2, y2, px1, py1, px2, py2),
 * H = |p1|^2/2 + |p2|^2/2 - 1/|r1 - r2|. Initial states: the bodies opposite each other at distance 2r from the
 * origin (r uniform in the radius range, random angle), with the circular-orbit speed 1/(2 sqrt r) scaled by
 * (1 + 0.1 N(0,1)), so orbits are near-circular ellipses as in Greydanus et al.'s two-body task.
 */
final class TwoBody implements DynamicalSystem {
    @Override
    public String name() {
        return "two_body";
    }

    @Override
    public int dimension() {
        return 8;
    }

    @Override
    public double[] derivative(double[] x) {
        double dx = x[0] - x[2];
        double dy = x[1] - x[3];
        double r3 = Math.pow(dx * dx + dy * dy, 1.5);
        double fx = -dx / r3;
        double fy = -dy / r3;
        return new double[] {x[4], x[5], x[6], x[7], fx, fy, -fx, -fy};
    }

    @Override
    public double energy(double[] x) {
        double dx = x[0] - x[2];
        double dy = x[1] - x[3];
        double kinetic = 0.5 * (x[4] * x[4] + x[5] * x[5] + x[6] * x[6] + x[7] * x[7]);
        return kinetic - 1 / Math.sqrt(dx * dx + dy * dy);
    }

    @Override
    public boolean conservative() {
        return true;
    }

    @Override
    public double[] initialState(SplittableRandom rng, double lo, double hi) {
        double r = lo + (hi - lo) * rng.nextDouble();
        double phi = 2 * Math.PI * rng.nextDouble();
        double c = Math.cos(phi);
        double s = Math.sin(phi);
        double v = 0.5 / Math.sqrt(r) * (1 + 0.1 * gaussian(rng));
        return new double[] {r * c, r * s, -r * c, -r * s, -v * s, v * c, v * s, -v * c};
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @Override
    public double[] defaultRadius() {
        return new double[] {0.5, 1.5};
    }

    @Override
    public double defaultRate() {
        return 10;
    }

    @Override
    public double[] defaultTimeSpan() {
        return new double[] {0, 20};
    }
}
