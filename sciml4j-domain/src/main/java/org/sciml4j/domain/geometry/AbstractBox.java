package org.sciml4j.domain.geometry;

import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/**
 * The axis-aligned box [lo, hi] in any dimension: the common code of {@link Interval}, {@link Rectangle} and
 * {@link Box}.
 */
abstract class AbstractBox implements Geometry {

    final String name;
    final int d;
    final double[] lo;
    final double[] hi;
    final double tol;

    AbstractBox(String name, double[] lo, double[] hi) {
        this(name, lo, hi, -1);
    }

    /** Checks the corners (of length {@code len} unless it is -1), naming {@code lo} and {@code hi} in messages. */
    AbstractBox(String name, double[] lo, double[] hi, int len) {
        this.name = name;
        this.lo = Shapes.finite(name, "lo", lo, len);
        this.hi = Shapes.finite(name, "hi", hi, len);
        if (lo.length != hi.length) {
            throw new IllegalArgumentException(name + ": lo has " + lo.length + " values but hi has " + hi.length);
        }
        for (int j = 0; j < lo.length; j++) {
            if (!(lo[j] < hi[j])) {
                throw new IllegalArgumentException(name + ": lo[" + j + "] = " + lo[j] + " must be < hi[" + j
                        + "] = " + hi[j] + " (zero or negative width)");
            }
            if (!Double.isFinite(hi[j] - lo[j])) {
                throw new IllegalArgumentException(name + ": the width hi[" + j + "] - lo[" + j + "] overflows");
            }
        }
        this.d = lo.length;
        this.tol = Shapes.tolerance(lo, hi);
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public double[] lower() {
        return lo.clone();
    }

    @Override
    public double[] upper() {
        return hi.clone();
    }

    @Override
    public double tolerance() {
        return tol;
    }

    @Override
    public boolean contains(double[] x) {
        Shapes.point(x, d);
        for (int j = 0; j < d; j++) {
            if (!(x[j] >= lo[j] - tol && x[j] <= hi[j] + tol)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean onBoundary(double[] x) {
        if (!contains(x)) {
            return false;
        }
        for (int j = 0; j < d; j++) {
            if (Math.abs(x[j] - lo[j]) <= tol || Math.abs(x[j] - hi[j]) <= tol) {
                return true;
            }
        }
        return false;
    }

    /** {@inheritDoc} On an edge or at a corner: the normalised sum of the adjacent faces' normals ±e_j. */
    @Override
    public double[] normal(double[] x) {
        if (!onBoundary(x)) {
            throw Shapes.notOnBoundary(this, x);
        }
        double[] n = new double[d];
        for (int j = 0; j < d; j++) {
            if (Math.abs(x[j] - lo[j]) <= tol) {
                n[j] -= 1;
            }
            if (Math.abs(x[j] - hi[j]) <= tol) {
                n[j] += 1;
            }
        }
        return Shapes.unit(n, x);
    }

    /** {@inheritDoc} For a box: 2 in 1-D, the perimeter in 2-D, the sum of the faces' areas in d >= 3. */
    @Override
    public double boundaryMeasure() {
        if (d == 1) {
            return 2;
        }
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += 2 * faceArea(j);
        }
        return s;
    }

    /** The (d-1)-dimensional measure of a face normal to axis j. */
    private double faceArea(int j) {
        double a = 1;
        for (int k = 0; k < d; k++) {
            if (k != j) {
                a *= hi[k] - lo[k];
            }
        }
        return a;
    }

    /** {@inheritDoc} For a box: the sampler's own points, {@link Sampler#box}. */
    @Override
    public Tensor interior(int n, Sampler s, long seed) {
        Shapes.count("interior", n, s);
        return s.box(n, lo, hi, seed);
    }

    /**
     * {@inheritDoc}
     *
     * <p>For a box: in 1-D the two end points, a parameter t below 1/2 giving {@code lo} (with the uniform sampler
     * the first ceil(n/2) points are {@code lo}, the rest {@code hi}); in 2-D the perimeter walked counterclockwise
     * from the lower-left corner; in d >= 3 each face gets its share of the n points by area (largest remainder, so
     * the counts are proportional to the areas within one point), placed by the sampler in d - 1 dimensions with a
     * seed of its own (Hammersley instead of a grid sampler, whose point counts would not fit).
     */
    @Override
    public Tensor boundary(int n, Sampler s, long seed) {
        Shapes.count("boundary", n, s);
        double[] out = new double[n * d];
        if (d <= 2) {
            double[] t = Shapes.curveParameters(n, s, seed);
            for (int i = 0; i < n; i++) {
                if (d == 1) {
                    out[i] = t[i] < 0.5 ? lo[0] : hi[0];
                } else {
                    perimeterPoint(t[i], out, 2 * i);
                }
            }
            return Tensor.wrap(out, n, d);
        }
        int faces = 2 * d;
        double[] share = new double[faces];
        double total = boundaryMeasure();
        for (int f = 0; f < faces; f++) {
            share[f] = n * faceArea(f / 2) / total;
        }
        int[] counts = largestRemainder(share, n);
        Sampler fs = Shapes.gridless(s);
        int row = 0;
        for (int f = 0; f < faces; f++) {
            int c = counts[f];
            if (c == 0) {
                continue;
            }
            int axis = f / 2;
            double fixed = f % 2 == 0 ? lo[axis] : hi[axis];
            double[] u = fs.unitCube(c, d - 1, seed + Shapes.SEED_STEP * (f + 1));
            for (int i = 0; i < c; i++, row++) {
                int b = row * d;
                int k = i * (d - 1);
                for (int j = 0; j < d; j++) {
                    if (j == axis) {
                        out[b + j] = fixed;
                    } else {
                        out[b + j] = Math.min(hi[j], lo[j] + (hi[j] - lo[j]) * u[k++]);
                    }
                }
            }
        }
        return Tensor.wrap(out, n, d);
    }

    /** The point at fraction t in [0, 1) of the perimeter of the 2-D box, counterclockwise from (lo0, lo1). */
    private void perimeterPoint(double t, double[] out, int at) {
        double w = hi[0] - lo[0];
        double h = hi[1] - lo[1];
        double s = t * 2 * (w + h);
        double x;
        double y;
        // each side fixes one coordinate exactly, so every point is exactly on the boundary
        if (s < w) {
            x = Math.min(hi[0], lo[0] + s);
            y = lo[1];
        } else if (s < w + h) {
            x = hi[0];
            y = Math.min(hi[1], lo[1] + (s - w));
        } else if (s < 2 * w + h) {
            x = Math.max(lo[0], hi[0] - (s - w - h));
            y = hi[1];
        } else {
            x = lo[0];
            y = Math.max(lo[1], hi[1] - (s - 2 * w - h));
        }
        out[at] = x;
        out[at + 1] = y;
    }

    /** Integer counts summing to n, each the floor of its share plus one for the largest remainders. */
    static int[] largestRemainder(double[] share, int n) {
        int[] c = new int[share.length];
        int sum = 0;
        for (int f = 0; f < share.length; f++) {
            c[f] = (int) Math.floor(share[f]);
            sum += c[f];
        }
        while (sum < n) {
            int best = 0;
            double bestRem = -1;
            for (int f = 0; f < share.length; f++) {
                double rem = share[f] - c[f];
                if (rem > bestRem) {
                    bestRem = rem;
                    best = f;
                }
            }
            c[best]++;
            sum++;
            share[best] = c[best]; // its remainder is used up
        }
        return c;
    }

    @Override
    public String toString() {
        return name + "[" + Shapes.str(lo) + ", " + Shapes.str(hi) + "]";
    }
}
