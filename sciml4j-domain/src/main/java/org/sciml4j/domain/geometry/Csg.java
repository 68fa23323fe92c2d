package org.sciml4j.domain.geometry;

import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/**
 * A set operation on two geometries of the same dimension (constructive solid geometry): the union, difference or
 * intersection of {@code a} and {@code b}, made by {@link Geometry#union}, {@link Geometry#difference} and
 * {@link Geometry#intersection}, and nestable. The result is the closed set
 * <ul>
 *   <li>union: a ∪ b;</li>
 *   <li>difference: a minus the interior of b (so the edge of a hole belongs to the domain);</li>
 *   <li>intersection: a ∩ b.</li>
 * </ul>
 * A point belongs to the result's boundary when it lies on one operand's boundary and that piece of boundary survives
 * the operation (union: not inside the other operand's interior; intersection: inside the other; difference: a's
 * boundary outside b's interior, and b's boundary inside a). That operand <em>owns</em> the point and gives its
 * normal, negated for b in a difference. Where both own it (the boundaries cross) the normal is the normalised sum of
 * the two. Where both own it and the two normals cancel, the point is a seam, not boundary: two rectangles that share
 * a side ({@code [0,2]x[0,1] ∪ [0,1]x[1,2]}, an L-shape) are joined along it, and the shared sides of a difference
 * are removed with b. Coinciding boundaries are otherwise not regularised.
 *
 * <p><b>Sampling.</b> Interior points come by rejection from the bounding box (a's box for a difference, the overlap
 * of the boxes for an intersection). Boundary points are drawn from both operands' boundaries with the same density
 * (counts in proportion to their boundary measures), those the result does not own are dropped, and more are drawn
 * until at least n survive; n of the survivors are then kept evenly spaced in order (a's first, then b's), so the
 * points are spread by the measure of the result's boundary. {@link #boundaryMeasure()} is estimated once, on first
 * use, from 2^14 Halton boundary points of each operand.
 */
public final class Csg implements Geometry {

    /** The set operation. */
    enum Operation {
        UNION("union"), DIFFERENCE("difference"), INTERSECTION("intersection");

        private final String text;

        Operation(String text) {
            this.text = text;
        }
    }

    /** Where a point lies: outside, inside, or on the boundary with the owners' combined normal. */
    private static final int OUTSIDE = 0;
    private static final int INSIDE = 1;
    private static final int BOUNDARY = 2;
    private static final int ESTIMATE_POINTS = 1 << 14;
    private static final double SEAM = 1e-6;

    private final Operation op;
    private final Geometry a;
    private final Geometry b;
    private final int d;
    private final double[] lo;
    private final double[] hi;
    private final double tol;
    /** The boundary measure, estimated on first use (NaN until then; computing it twice gives the same value). */
    private volatile double measure = Double.NaN;

    Csg(Operation op, Geometry a, Geometry b) {
        if (b == null) {
            throw new IllegalArgumentException(op.text + ": other is null");
        }
        if (a.dimension() != b.dimension()) {
            throw new IllegalArgumentException(op.text + ": dimension mismatch: " + a + " has dimension "
                    + a.dimension() + " but other (" + b + ") has dimension " + b.dimension());
        }
        this.op = op;
        this.a = a;
        this.b = b;
        this.d = a.dimension();
        double[] la = a.lower();
        double[] ha = a.upper();
        double[] lb = b.lower();
        double[] hb = b.upper();
        lo = la.clone();
        hi = ha.clone();
        for (int j = 0; j < d; j++) {
            if (op == Operation.UNION) {
                lo[j] = Math.min(la[j], lb[j]);
                hi[j] = Math.max(ha[j], hb[j]);
            } else if (op == Operation.INTERSECTION) {
                lo[j] = Math.max(la[j], lb[j]);
                hi[j] = Math.min(ha[j], hb[j]);
                if (!(lo[j] < hi[j])) {
                    throw new IllegalArgumentException("intersection: the bounding boxes of " + a + " and other ("
                            + b + ") do not overlap in coordinate " + j + ", so the intersection is empty");
                }
            }
        }
        tol = Shapes.tolerance(lo, hi);
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

    /** {@inheritDoc} Membership itself uses the operands' own tolerances. */
    @Override
    public double tolerance() {
        return tol;
    }

    /**
     * Classifies x; when it is on the boundary and {@code normal} is not null, stores the outward normal (not
     * normalised) there.
     */
    private int classify(double[] x, double[] normal) {
        Shapes.point(x, d);
        boolean ina = a.contains(x);
        boolean inb = b.contains(x);
        boolean onA = ina && a.onBoundary(x);
        boolean onB = inb && b.onBoundary(x);
        boolean inta = ina && !onA;
        boolean intb = inb && !onB;
        boolean in;
        boolean ownA;
        boolean ownB;
        switch (op) {
            case UNION:
                in = ina || inb;
                ownA = onA && !intb;
                ownB = onB && !inta;
                break;
            case INTERSECTION:
                in = ina && inb;
                ownA = onA && inb;
                ownB = onB && ina;
                break;
            default:
                in = ina && !intb;
                ownA = onA && !intb;
                ownB = onB && ina;
                break;
        }
        if (!in) {
            return OUTSIDE;
        }
        if (!ownA && !ownB) {
            return INSIDE;
        }
        double[] n = new double[d];
        if (ownA) {
            add(n, a.normal(x), 1);
        }
        if (ownB) {
            add(n, b.normal(x), op == Operation.DIFFERENCE ? -1 : 1);
        }
        if (ownA && ownB && norm(n) < SEAM) {
            // opposite normals: the boundaries coincide with the domain on both sides (a seam of a union) or on
            // neither (a shared side removed by a difference)
            return op == Operation.DIFFERENCE ? OUTSIDE : INSIDE;
        }
        if (normal != null) {
            System.arraycopy(n, 0, normal, 0, d);
        }
        return BOUNDARY;
    }

    private static void add(double[] n, double[] v, double sign) {
        for (int j = 0; j < n.length; j++) {
            n[j] += sign * v[j];
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double c : v) {
            s += c * c;
        }
        return Math.sqrt(s);
    }

    @Override
    public boolean contains(double[] x) {
        return classify(x, null) != OUTSIDE;
    }

    @Override
    public boolean onBoundary(double[] x) {
        return classify(x, null) == BOUNDARY;
    }

    /**
     * {@inheritDoc} The owning operand's normal (negated for the subtracted operand of a difference); where both
     * operands own the point, the normalised sum of their normals.
     */
    @Override
    public double[] normal(double[] x) {
        double[] n = new double[d];
        if (classify(x, n) != BOUNDARY) {
            throw Shapes.notOnBoundary(this, x);
        }
        return Shapes.unit(n, x);
    }

    /** {@inheritDoc} For a set operation: an estimate from 2^14 Halton boundary points of each operand. */
    @Override
    public double boundaryMeasure() {
        double m = measure;
        if (Double.isNaN(m)) {
            m = survivingFraction(a, 0) * a.boundaryMeasure() + survivingFraction(b, 1) * b.boundaryMeasure();
            measure = m;
        }
        return m;
    }

    /** The fraction of the operand's Halton boundary points that this shape's boundary owns. */
    private double survivingFraction(Geometry g, long seed) {
        double[] p = g.boundary(ESTIMATE_POINTS, Sampler.halton(), seed).data();
        double[] x = new double[d];
        int k = 0;
        for (int i = 0; i < ESTIMATE_POINTS; i++) {
            System.arraycopy(p, i * d, x, 0, d);
            if (classify(x, null) == BOUNDARY) {
                k++;
            }
        }
        return (double) k / ESTIMATE_POINTS;
    }

    @Override
    public Tensor boundary(int n, Sampler s, long seed) {
        Shapes.count("boundary", n, s);
        double la = a.boundaryMeasure();
        double lb = b.boundaryMeasure();
        double total = boundaryMeasure();
        if (!(total > 0)) {
            throw new IllegalStateException("boundary: " + this + " has no boundary left after the "
                    + op.text + " (estimated measure 0)");
        }
        // draws from both operands at one density, 15% more than the estimated survival needs
        long draws = (long) Math.ceil(n * (la + lb) / total * 1.15) + 32;
        double[] x = new double[d];
        while (true) {
            long ma = Math.max(1, Math.round(draws * la / (la + lb)));
            long mb = Math.max(1, draws - ma);
            if ((ma + mb) * d > Shapes.MAX_VALUES) {
                throw new IllegalStateException("boundary: too few of the operands' boundary points lie on the"
                        + " boundary of " + this + " to find " + n + " within " + Shapes.MAX_VALUES + " values");
            }
            double[] pa = a.boundary((int) ma, s, seed).data();
            double[] pb = b.boundary((int) mb, s, seed + Shapes.SEED_STEP).data();
            double[] p = new double[(int) (ma + mb) * d];
            System.arraycopy(pa, 0, p, 0, pa.length);
            System.arraycopy(pb, 0, p, pa.length, pb.length);
            int rows = (int) (ma + mb);
            int[] idx = new int[rows];
            int k = 0;
            for (int i = 0; i < rows; i++) {
                System.arraycopy(p, i * d, x, 0, d);
                if (classify(x, null) == BOUNDARY) {
                    idx[k++] = i;
                }
            }
            if (k >= n) {
                // even thinning keeps a's and b's shares, and spreads points along each ordered curve
                return Shapes.select(p, d, java.util.Arrays.copyOf(idx, k), n, false);
            }
            long next = k == 0 ? draws * 16 : (long) Math.ceil(draws * (double) n / k * 1.1) + 32;
            draws = Math.max(next, draws + 1);
        }
    }

    @Override
    public String toString() {
        return op.text + "(" + a + ", " + b + ")";
    }
}
