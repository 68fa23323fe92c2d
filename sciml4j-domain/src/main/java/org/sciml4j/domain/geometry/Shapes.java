package org.sciml4j.domain.geometry;

import java.util.Arrays;

import org.sciml4j.domain.sampling.Grid;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/** Argument checks and the sampling machinery shared by the shapes. */
final class Shapes {

    /** Most values (points times coordinates) one rejection round may draw. */
    static final long MAX_VALUES = 1L << 26;

    /** Odd constant (2^64 / golden ratio) that decorrelates the seeds of sub-samples. */
    static final long SEED_STEP = 0x9E3779B97F4A7C15L;

    private Shapes() {
    }

    // ---------------------------------------------------------------- checks

    /** Checks that {@code t} has shape (n, d) and returns n. */
    static int rows(String what, Tensor t, int d) {
        if (t == null) {
            throw new IllegalArgumentException(what + ": points is null");
        }
        int[] shape = t.shape();
        if (shape.length != 2 || shape[1] != d) {
            throw new IllegalArgumentException(what + ": points must have shape (n, " + d + "), got "
                    + Arrays.toString(shape));
        }
        return shape[0];
    }

    /** Checks that a query point has d values. */
    static void point(double[] x, int d) {
        if (x == null) {
            throw new IllegalArgumentException("point is null");
        }
        if (x.length != d) {
            throw new IllegalArgumentException("point has " + x.length + " coordinates, expected " + d);
        }
    }

    /** Checks the arguments of interior and boundary. */
    static void count(String what, int n, Sampler s) {
        if (n < 1) {
            throw new IllegalArgumentException(what + ": n must be >= 1, got " + n);
        }
        if (s == null) {
            throw new IllegalArgumentException(what + ": sampler is null");
        }
    }

    /** Checks that {@code v} is a non-null vector of finite values (of length {@code len} unless it is -1). */
    static double[] finite(String shape, String arg, double[] v, int len) {
        if (v == null) {
            throw new IllegalArgumentException(shape + ": " + arg + " is null");
        }
        if (len >= 0 && v.length != len) {
            throw new IllegalArgumentException(shape + ": " + arg + " has " + v.length + " values, expected " + len);
        }
        if (v.length == 0) {
            throw new IllegalArgumentException(shape + ": " + arg + " is empty; at least one dimension is needed");
        }
        for (int j = 0; j < v.length; j++) {
            if (!Double.isFinite(v[j])) {
                throw new IllegalArgumentException(shape + ": " + arg + "[" + j + "] = " + v[j] + " is not finite");
            }
        }
        return v.clone();
    }

    /** Checks that a scalar is finite and positive. */
    static double positive(String shape, String arg, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(shape + ": " + arg + " = " + v + " is not finite");
        }
        if (!(v > 0)) {
            throw new IllegalArgumentException(shape + ": " + arg + " = " + v + " must be > 0");
        }
        return v;
    }

    /** {@link Geometry#RELATIVE_TOLERANCE} times the diagonal of the box [lo, hi]. */
    static double tolerance(double[] lo, double[] hi) {
        double s = 0;
        for (int j = 0; j < lo.length; j++) {
            double w = hi[j] - lo[j];
            s += w * w;
        }
        return Geometry.RELATIVE_TOLERANCE * Math.sqrt(s);
    }

    // ---------------------------------------------------------------- sampling

    /** Whether the first k points of the sampler are as evenly spread as the sampler gets (extensible sequences). */
    static boolean prefixIsEven(Sampler s) {
        return s == Sampler.sobol() || s == Sampler.halton();
    }

    /** Whether the sampler places points on a grid (uniform, or a product grid). */
    static boolean isGrid(Sampler s) {
        return s == Sampler.uniform() || s instanceof Grid;
    }

    /**
     * The rejection sampler of {@link Geometry#interior}: the sampler's points of g's bounding box that g contains,
     * drawn in growing rounds until at least n are in, then n of them kept (see {@link #select}).
     */
    static Tensor rejection(Geometry g, int n, Sampler s, long seed) {
        count("interior", n, s);
        int d = g.dimension();
        double[] lo = g.lower();
        double[] hi = g.upper();
        double[] x = new double[d];
        if (s instanceof Grid) {
            // a product grid has a fixed number of points: take what lies inside, or say the grid is too coarse
            Grid grid = (Grid) s;
            double[] p = grid.box(lo, hi).data();
            int[] in = accepted(g, p, d, x);
            if (in.length < n) {
                throw new IllegalArgumentException("interior: only " + in.length + " of the grid's " + grid.size()
                        + " points lie inside " + g + ", fewer than n = " + n + "; use a finer grid");
            }
            return select(p, d, in, n, false);
        }
        boolean uniform = s == Sampler.uniform() && d > 1;
        long m = n + n / 4L + 16;
        int q = 0;
        while (true) {
            if (uniform) {
                // the uniform sampler needs m = q^d: the smallest grid with at least the wanted number of points
                q = Math.max(q + 1, (int) Math.ceil(Math.pow(m, 1.0 / d) - 1e-9));
                m = 1;
                for (int j = 0; j < d; j++) {
                    m *= q;
                }
            }
            if (m * d > MAX_VALUES) {
                throw new IllegalStateException("interior: " + g + " fills too little of its bounding box to find "
                        + n + " points by rejection within " + MAX_VALUES + " sampled values");
            }
            double[] p = s.box((int) m, lo, hi, seed).data();
            int[] in = accepted(g, p, d, x);
            if (in.length >= n) {
                return select(p, d, in, n, prefixIsEven(s));
            }
            // aim for 10% more than the acceptance seen so far suggests; grow fast while nothing is accepted
            long next = in.length == 0 ? m * 16 : (long) Math.ceil(m * (double) n / in.length * 1.1) + 16;
            m = Math.max(next, m + 1);
        }
    }

    /** Indices of the rows of p (row-major, d columns) that g contains. */
    private static int[] accepted(Geometry g, double[] p, int d, double[] x) {
        int rows = p.length / d;
        int[] idx = new int[rows];
        int k = 0;
        for (int i = 0; i < rows; i++) {
            System.arraycopy(p, i * d, x, 0, d);
            if (g.contains(x)) {
                idx[k++] = i;
            }
        }
        return Arrays.copyOf(idx, k);
    }

    /**
     * n of the rows {@code idx} of p (k = idx.length >= n): the first n when {@code prefix}, else rows
     * {@code idx[floor(j k / n)]}, j = 0..n-1, evenly spaced in the sampler's order so that an ordered set (a grid, a
     * Hammersley set, a curve walked in order) is thinned over its whole extent, not cut short.
     */
    static Tensor select(double[] p, int d, int[] idx, int n, boolean prefix) {
        int k = idx.length;
        double[] out = new double[n * d];
        for (int j = 0; j < n; j++) {
            int row = prefix ? idx[j] : idx[(int) ((long) j * k / n)];
            System.arraycopy(p, row * d, out, j * d, d);
        }
        return Tensor.wrap(out, n, d);
    }

    /**
     * n parameters in [0, 1) for a closed curve (or any set parameterised by one periodic coordinate): {@code i / n}
     * for grid samplers (equally spaced, without the end point that would repeat the start), otherwise the sampler's
     * one-dimensional points with 1 wrapped to 0.
     */
    static double[] curveParameters(int n, Sampler s, long seed) {
        double[] t;
        if (isGrid(s)) {
            t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = (double) i / n;
            }
            return t;
        }
        t = s.unitCube(n, 1, seed);
        for (int i = 0; i < n; i++) {
            if (t[i] >= 1 || t[i] < 0) {
                t[i] -= Math.floor(t[i]);
            }
        }
        return t;
    }

    /** The sampler used where a grid has no meaning (faces of a box in d >= 3, spheres in d >= 3): Hammersley. */
    static Sampler gridless(Sampler s) {
        return isGrid(s) ? Sampler.hammersley() : s;
    }

    /** The surface measure of the unit sphere in R^d (d >= 1): 2, 2 pi, 4 pi, ... by S_d = 2 pi S_{d-2} / (d - 2). */
    static double unitSphereMeasure(int d) {
        double s = d % 2 == 1 ? 2 : 2 * Math.PI;
        for (int k = d % 2 == 1 ? 3 : 4; k <= d; k += 2) {
            s *= 2 * Math.PI / (k - 2);
        }
        return s;
    }

    /**
     * The standard normal quantile Φ^{-1}(p), by Acklam's rational approximation (relative error below 1.2e-9, ample
     * for mapping points onto a sphere); p is clamped to [2^-53, 1 - 2^-53] so that 0 and 1 stay finite.
     */
    static double normalQuantile(double p) {
        double e = 0x1p-53;
        p = Math.min(Math.max(p, e), 1 - e);
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] dd = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
        double low = 0.02425;
        if (p < low || p > 1 - low) {
            double qq = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
            double v = (((((c[0] * qq + c[1]) * qq + c[2]) * qq + c[3]) * qq + c[4]) * qq + c[5])
                    / ((((dd[0] * qq + dd[1]) * qq + dd[2]) * qq + dd[3]) * qq + 1);
            return p < low ? v : -v;
        }
        double qq = p - 0.5;
        double r = qq * qq;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * qq
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    /** A short text of a vector, for messages and toString. */
    static String str(double[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int j = 0; j < v.length; j++) {
            sb.append(j == 0 ? "" : ", ").append(v[j]);
        }
        return sb.append(')').toString();
    }

    /** Scales a vector to unit length in place and returns it; a zero vector is refused. */
    static double[] unit(double[] v, double[] x) {
        double s = 0;
        for (double c : v) {
            s += c * c;
        }
        if (!(s > 0)) {
            throw new IllegalArgumentException("the normal at " + str(x) + " is undefined: the normals of the"
                    + " boundary pieces that meet there cancel");
        }
        double f = 1 / Math.sqrt(s);
        for (int j = 0; j < v.length; j++) {
            v[j] *= f;
        }
        return v;
    }

    /** The refusal of {@link Geometry#normal} at a point off the boundary. */
    static IllegalArgumentException notOnBoundary(Geometry g, double[] x) {
        return new IllegalArgumentException("normal: " + str(x) + " is not on the boundary of " + g);
    }
}
