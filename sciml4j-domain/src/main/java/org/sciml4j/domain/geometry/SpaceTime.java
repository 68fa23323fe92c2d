package org.sciml4j.domain.geometry;

import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * The space-time cylinder Ω x [t0, t1] of a time-dependent PDE (DeepXDE's {@code GeometryXTime}), with one column for
 * time, placed either last (x then t: DeepXDE's order, {@link #timeLast}) or first (t then x: the order of this
 * library's ODE problems, where time is the first variable, {@link #timeFirst}). Points have d + 1 coordinates in
 * that order; the problem's variables must be declared in the same order.
 *
 * <p>Three point sets are sampled separately: {@link #interior} (Ω x [t0, t1], for the equation's residual),
 * {@link #boundary} (∂Ω x [t0, t1], for boundary conditions) and {@link #initial} (Ω x {t0}, for initial conditions).
 * Accordingly {@link #onBoundary} and {@link #normal} refer to the lateral boundary ∂Ω x [t0, t1] only: the normal is
 * the spatial normal with a time component 0, and the faces t = t0 and t = t1 are not boundary in this sense.
 */
public final class SpaceTime implements Geometry {

    private final Geometry space;
    private final double t0;
    private final double t1;
    private final boolean timeFirst;
    private final int d;
    private final double[] lo;
    private final double[] hi;
    private final double tol;
    private final double timeTol;

    private SpaceTime(Geometry space, double t0, double t1, boolean timeFirst) {
        if (space == null) {
            throw new IllegalArgumentException("space-time: space is null");
        }
        if (!Double.isFinite(t0)) {
            throw new IllegalArgumentException("space-time: t0 = " + t0 + " is not finite");
        }
        if (!Double.isFinite(t1)) {
            throw new IllegalArgumentException("space-time: t1 = " + t1 + " is not finite");
        }
        if (!(t0 < t1)) {
            throw new IllegalArgumentException("space-time: t0 = " + t0 + " must be < t1 = " + t1);
        }
        this.space = space;
        this.t0 = t0;
        this.t1 = t1;
        this.timeFirst = timeFirst;
        this.d = space.dimension() + 1;
        this.lo = join(space.lower(), t0);
        this.hi = join(space.upper(), t1);
        this.tol = Shapes.tolerance(lo, hi);
        this.timeTol = Geometry.RELATIVE_TOLERANCE * (t1 - t0);
    }

    /**
     * Ω x [t0, t1] with columns (x_1, ..., x_d, t): DeepXDE's order.
     *
     * @throws IllegalArgumentException if {@code space} is null, a time is not finite, or {@code t0 >= t1}
     */
    public static SpaceTime timeLast(Geometry space, double t0, double t1) {
        return new SpaceTime(space, t0, t1, false);
    }

    /**
     * Ω x [t0, t1] with columns (t, x_1, ..., x_d): time first, as in this library's ODE problems.
     *
     * @throws IllegalArgumentException if {@code space} is null, a time is not finite, or {@code t0 >= t1}
     */
    public static SpaceTime timeFirst(Geometry space, double t0, double t1) {
        return new SpaceTime(space, t0, t1, true);
    }

    /** The spatial domain Ω. */
    public Geometry space() {
        return space;
    }

    /** The initial time. */
    public double t0() {
        return t0;
    }

    /** The final time. */
    public double t1() {
        return t1;
    }

    /** The column of time in a point: 0 if time comes first, d (the spatial dimension) if last. */
    public int timeColumn() {
        return timeFirst ? 0 : d - 1;
    }

    /** The spatial point and time side by side in this shape's column order. */
    private double[] join(double[] x, double t) {
        double[] p = new double[x.length + 1];
        int off = timeFirst ? 1 : 0;
        System.arraycopy(x, 0, p, off, x.length);
        p[timeColumn(x.length)] = t;
        return p;
    }

    private int timeColumn(int spaceDim) {
        return timeFirst ? 0 : spaceDim;
    }

    /** The spatial part of a space-time point. */
    private double[] spatial(double[] p) {
        Shapes.point(p, d);
        double[] x = new double[d - 1];
        System.arraycopy(p, timeFirst ? 1 : 0, x, 0, d - 1);
        return x;
    }

    private boolean inTime(double t) {
        return t >= t0 - timeTol && t <= t1 + timeTol;
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

    /** {@inheritDoc} Membership uses the space's tolerance in space and 1e-9 (t1 - t0) in time. */
    @Override
    public double tolerance() {
        return tol;
    }

    @Override
    public boolean contains(double[] p) {
        double[] x = spatial(p);
        return inTime(p[timeColumn()]) && space.contains(x);
    }

    /** {@inheritDoc} Here: on the lateral boundary ∂Ω x [t0, t1]. */
    @Override
    public boolean onBoundary(double[] p) {
        double[] x = spatial(p);
        return inTime(p[timeColumn()]) && space.onBoundary(x);
    }

    /** {@inheritDoc} Here: the spatial normal at the lateral boundary, with time component 0. */
    @Override
    public double[] normal(double[] p) {
        if (!onBoundary(p)) {
            throw Shapes.notOnBoundary(this, p);
        }
        return join(space.normal(spatial(p)), 0);
    }

    /** {@inheritDoc} Here: the lateral boundary's measure, the space's times t1 - t0. */
    @Override
    public double boundaryMeasure() {
        return space.boundaryMeasure() * (t1 - t0);
    }

    /**
     * {@inheritDoc} Here: Ω x [t0, t1], sampled jointly in d + 1 dimensions, so that low-discrepancy points stay
     * low-discrepancy in (x, t): the sampler's box when Ω is a box, rejection from the bounding box otherwise.
     */
    @Override
    public Tensor interior(int n, Sampler s, long seed) {
        Shapes.count("interior", n, s);
        if (space instanceof AbstractBox) {
            return s.box(n, lo, hi, seed);
        }
        return Shapes.rejection(this, n, s, seed);
    }

    /**
     * {@inheritDoc} Here: ∂Ω x [t0, t1]: the space's n boundary points, each paired with one of n times from the
     * sampler in [t0, t1] (equally spaced, ends included, with the uniform or a grid sampler) in an order shuffled by
     * {@code new Rng(seed)}, as in DeepXDE; the shuffle keeps a quasi-random sampler's times from repeating its
     * boundary parameters (both would be the same one-dimensional sequence).
     */
    @Override
    public Tensor boundary(int n, Sampler s, long seed) {
        Shapes.count("boundary", n, s);
        double[] xs = space.boundary(n, s, seed).data();
        double[] ts = (Shapes.isGrid(s) ? Sampler.uniform() : s).box(n, new double[] {t0}, new double[] {t1},
                seed + Shapes.SEED_STEP).data();
        int[] perm = new Rng(seed).permutation(n);
        return combine(xs, ts, perm, n);
    }

    /**
     * Points of the initial slice Ω x {t0}: the space's {@link Geometry#interior} points with time t0.
     *
     * @param n    number of points, at least 1
     * @param s    the sampler
     * @param seed seed of the random samplers
     * @return a new tensor of shape (n, d + 1) in this shape's column order
     * @throws IllegalArgumentException if {@code n < 1} or {@code s} is null
     */
    public Tensor initial(int n, Sampler s, long seed) {
        Shapes.count("initial", n, s);
        double[] xs = space.interior(n, s, seed).data();
        double[] ts = new double[n];
        java.util.Arrays.fill(ts, t0);
        return combine(xs, ts, null, n);
    }

    /** Rows (x_i, t_perm(i)) in this shape's column order. */
    private Tensor combine(double[] xs, double[] ts, int[] perm, int n) {
        int ds = d - 1;
        double[] out = new double[n * d];
        int off = timeFirst ? 1 : 0;
        int tc = timeColumn();
        for (int i = 0; i < n; i++) {
            System.arraycopy(xs, i * ds, out, i * d + off, ds);
            out[i * d + tc] = ts[perm == null ? i : perm[i]];
        }
        return Tensor.wrap(out, n, d);
    }

    @Override
    public String toString() {
        return timeFirst ? "[" + t0 + ", " + t1 + "] x " + space : space + " x [" + t0 + ", " + t1 + "]";
    }
}
