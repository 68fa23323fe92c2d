package org.sciml4j.domain.geometry;

import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/**
 * The closed ellipse with centre c, semi-axes a and b, and the a-axis at angle θ from the x axis (counterclockwise, in
 * radians): the points c + R(θ) (u, v) with (u/a)^2 + (v/b)^2 &lt;= 1. For elliptical holes and inclusions.
 *
 * <p>The boundary is sampled by arc length: the sampler's t in [0, 1) is the fraction of the perimeter from the end of
 * the a-axis, counterclockwise; the parameter φ of the point c + R(θ) (a cos φ, b sin φ) is found from a table of the
 * arc length (1024 panels, 5-point Gauss-Legendre each) refined by Newton's method, so the points are exactly on the
 * ellipse and their spacing along it is uniform to about 1e-12 of the perimeter. The normal is the gradient of
 * (u/a)^2 + (v/b)^2, normalised. Distances to the boundary in {@link #contains} and {@link #onBoundary} are the
 * first-order estimate |f| / |∇f| of f = (u/a)^2 + (v/b)^2 - 1, exact on the boundary and accurate to second order
 * near it.
 */
public final class Ellipse implements Geometry {

    private static final int PANELS = 1024;
    private static final double[] GL_X = {-0.9061798459386640, -0.5384693101056831, 0.0, 0.5384693101056831,
        0.9061798459386640};
    private static final double[] GL_W = {0.2369268850561891, 0.4786286704993665, 0.5688888888888889,
        0.4786286704993665, 0.2369268850561891};

    private final double[] center;
    private final double a;
    private final double b;
    private final double angle;
    private final double cos;
    private final double sin;
    private final double[] lo;
    private final double[] hi;
    private final double tol;
    /** cum[k]: arc length from φ = 0 to φ = 2 pi k / PANELS. */
    private final double[] cum;

    /**
     * The ellipse with the given centre, semi-axes and rotation.
     *
     * @param center    (x, y), 2 finite values
     * @param semiAxes  (a, b): the semi-axis along the direction {@code angle}, then the one perpendicular to it;
     *                  finite and positive
     * @param angle     the direction of the a-axis, radians counterclockwise from the x axis, finite
     * @throws IllegalArgumentException naming the argument if an argument is null, of the wrong length, not finite,
     *                                  or a semi-axis is not positive
     */
    public Ellipse(double[] center, double[] semiAxes, double angle) {
        this.center = Shapes.finite("ellipse", "center", center, 2);
        double[] ab = Shapes.finite("ellipse", "semiAxes", semiAxes, 2);
        this.a = Shapes.positive("ellipse", "semiAxes[0]", ab[0]);
        this.b = Shapes.positive("ellipse", "semiAxes[1]", ab[1]);
        if (!Double.isFinite(angle)) {
            throw new IllegalArgumentException("ellipse: angle = " + angle + " is not finite");
        }
        this.angle = angle;
        this.cos = Math.cos(angle);
        this.sin = Math.sin(angle);
        double hx = Math.sqrt(a * a * cos * cos + b * b * sin * sin);
        double hy = Math.sqrt(a * a * sin * sin + b * b * cos * cos);
        this.lo = new double[] {this.center[0] - hx, this.center[1] - hy};
        this.hi = new double[] {this.center[0] + hx, this.center[1] + hy};
        this.tol = Shapes.tolerance(lo, hi);
        this.cum = new double[PANELS + 1];
        double h = 2 * Math.PI / PANELS;
        for (int k = 0; k < PANELS; k++) {
            cum[k + 1] = cum[k] + arc(k * h, (k + 1) * h);
        }
    }

    /** The axis-aligned ellipse with centre {@code center} and semi-axes {@code semiAxes} (angle 0). */
    public Ellipse(double[] center, double[] semiAxes) {
        this(center, semiAxes, 0);
    }

    /** The speed |dP/dφ| of the parameterisation (a cos φ, b sin φ). */
    private double speed(double phi) {
        double s = Math.sin(phi);
        double c = Math.cos(phi);
        return Math.sqrt(a * a * s * s + b * b * c * c);
    }

    /** The arc length from φ0 to φ1 by 5-point Gauss-Legendre (φ1 - φ0 at most one panel). */
    private double arc(double p0, double p1) {
        double m = 0.5 * (p0 + p1);
        double h = 0.5 * (p1 - p0);
        double s = 0;
        for (int i = 0; i < 5; i++) {
            s += GL_W[i] * speed(m + h * GL_X[i]);
        }
        return s * h;
    }

    /** The parameter φ at which the arc length from 0 is {@code s}, 0 &lt;= s &lt;= perimeter. */
    private double parameterAt(double s) {
        int k = java.util.Arrays.binarySearch(cum, s);
        if (k >= 0) {
            return 2 * Math.PI * Math.min(k, PANELS) / PANELS;
        }
        k = Math.min(Math.max(-k - 2, 0), PANELS - 1);
        double h = 2 * Math.PI / PANELS;
        double p0 = k * h;
        double p1 = p0 + h;
        // start from the linear interpolation within the panel; Newton on S(φ) - s with S' = speed > 0 converges in
        // a few steps since S is smooth and nearly linear over one panel
        double phi = p0 + h * (s - cum[k]) / (cum[k + 1] - cum[k]);
        for (int it = 0; it < 6; it++) {
            double f = cum[k] + arc(p0, phi) - s;
            double next = Math.min(p1, Math.max(p0, phi - f / speed(phi)));
            if (Math.abs(next - phi) <= 1e-15 * (1 + Math.abs(phi))) {
                phi = next;
                break;
            }
            phi = next;
        }
        return phi;
    }

    @Override
    public int dimension() {
        return 2;
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

    /** The first-order signed distance f / |∇f|, negative inside; -infinity at the centre. */
    private double distance(double[] x) {
        Shapes.point(x, 2);
        double dx = x[0] - center[0];
        double dy = x[1] - center[1];
        double u = cos * dx + sin * dy;
        double v = -sin * dx + cos * dy;
        double f = (u / a) * (u / a) + (v / b) * (v / b) - 1;
        double gu = u / (a * a);
        double gv = v / (b * b);
        double g = 2 * Math.sqrt(gu * gu + gv * gv);
        return g > 0 ? f / g : Double.NEGATIVE_INFINITY;
    }

    @Override
    public boolean contains(double[] x) {
        return distance(x) <= tol;
    }

    @Override
    public boolean onBoundary(double[] x) {
        return Math.abs(distance(x)) <= tol;
    }

    @Override
    public double[] normal(double[] x) {
        if (!onBoundary(x)) {
            throw Shapes.notOnBoundary(this, x);
        }
        double dx = x[0] - center[0];
        double dy = x[1] - center[1];
        double gu = (cos * dx + sin * dy) / (a * a);
        double gv = (-sin * dx + cos * dy) / (b * b);
        return Shapes.unit(new double[] {cos * gu - sin * gv, sin * gu + cos * gv}, x);
    }

    /** {@inheritDoc} For an ellipse: its perimeter, by the arc-length table. */
    @Override
    public double boundaryMeasure() {
        return cum[PANELS];
    }

    @Override
    public Tensor boundary(int n, Sampler s, long seed) {
        Shapes.count("boundary", n, s);
        double[] t = Shapes.curveParameters(n, s, seed);
        double[] out = new double[2 * n];
        double perimeter = cum[PANELS];
        for (int i = 0; i < n; i++) {
            double phi = parameterAt(t[i] * perimeter);
            double u = a * Math.cos(phi);
            double v = b * Math.sin(phi);
            out[2 * i] = center[0] + cos * u - sin * v;
            out[2 * i + 1] = center[1] + sin * u + cos * v;
        }
        return Tensor.wrap(out, n, 2);
    }

    /** The area pi a b. */
    public double area() {
        return Math.PI * a * b;
    }

    @Override
    public String toString() {
        return "ellipse(center " + Shapes.str(center) + ", semi-axes (" + a + ", " + b + "), angle " + angle + ")";
    }
}
