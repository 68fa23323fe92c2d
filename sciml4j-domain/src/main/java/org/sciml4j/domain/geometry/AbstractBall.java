package org.sciml4j.domain.geometry;

import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/** The closed ball |x - center| &lt;= r in any dimension: the common code of {@link Disk} and {@link Ball}. */
abstract class AbstractBall implements Geometry {

    final String name;
    final int d;
    final double[] center;
    final double r;
    final double tol;

    AbstractBall(String name, double[] center, double r, int len) {
        this.name = name;
        this.center = Shapes.finite(name, "center", center, len);
        this.r = Shapes.positive(name, "radius", r);
        this.d = this.center.length;
        this.tol = Geometry.RELATIVE_TOLERANCE * 2 * r * Math.sqrt(d);
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public double[] lower() {
        double[] lo = center.clone();
        for (int j = 0; j < d; j++) {
            lo[j] -= r;
        }
        return lo;
    }

    @Override
    public double[] upper() {
        double[] hi = center.clone();
        for (int j = 0; j < d; j++) {
            hi[j] += r;
        }
        return hi;
    }

    @Override
    public double tolerance() {
        return tol;
    }

    /** The distance |x - center|. */
    private double radius(double[] x) {
        Shapes.point(x, d);
        double s = 0;
        for (int j = 0; j < d; j++) {
            double v = x[j] - center[j];
            s += v * v;
        }
        return Math.sqrt(s);
    }

    @Override
    public boolean contains(double[] x) {
        return radius(x) <= r + tol;
    }

    @Override
    public boolean onBoundary(double[] x) {
        return Math.abs(radius(x) - r) <= tol;
    }

    /** {@inheritDoc} For a ball: (x - center) / |x - center|. */
    @Override
    public double[] normal(double[] x) {
        if (!onBoundary(x)) {
            throw Shapes.notOnBoundary(this, x);
        }
        double[] n = new double[d];
        for (int j = 0; j < d; j++) {
            n[j] = x[j] - center[j];
        }
        return Shapes.unit(n, x);
    }

    /** {@inheritDoc} For a ball: the sphere's measure, 2 pi r in 2-D, 4 pi r^2 in 3-D. */
    @Override
    public double boundaryMeasure() {
        return Shapes.unitSphereMeasure(d) * Math.pow(r, d - 1);
    }

    /**
     * {@inheritDoc}
     *
     * <p>For a ball: in 1-D the two end points; in 2-D the angle 2 pi t of the sampler's one-dimensional points
     * (equally spaced with the uniform sampler); in 3-D Archimedes' area-preserving map z = 1 - 2u, angle 2 pi v of
     * the sampler's two-dimensional points; in d >= 4 the sampler's d-dimensional points mapped coordinate-wise by the
     * normal quantile and normalised (a normalised standard Gaussian vector is uniform on the sphere; the rare point
     * that maps to the zero vector, such as the cube's centre, goes to center + r e_0). A grid has no equal-area
     * counterpart on a sphere in d >= 3, so the uniform and grid samplers give Hammersley points there.
     */
    @Override
    public Tensor boundary(int n, Sampler s, long seed) {
        Shapes.count("boundary", n, s);
        double[] out = new double[n * d];
        if (d <= 2) {
            double[] t = Shapes.curveParameters(n, s, seed);
            for (int i = 0; i < n; i++) {
                if (d == 1) {
                    out[i] = t[i] < 0.5 ? center[0] - r : center[0] + r;
                } else {
                    double a = 2 * Math.PI * t[i];
                    out[2 * i] = center[0] + r * Math.cos(a);
                    out[2 * i + 1] = center[1] + r * Math.sin(a);
                }
            }
            return Tensor.wrap(out, n, d);
        }
        Sampler fs = Shapes.gridless(s);
        if (d == 3) {
            double[] u = fs.unitCube(n, 2, seed);
            for (int i = 0; i < n; i++) {
                double z = 1 - 2 * u[2 * i];
                double rho = Math.sqrt(Math.max(0, 1 - z * z));
                double a = 2 * Math.PI * u[2 * i + 1];
                out[3 * i] = center[0] + r * rho * Math.cos(a);
                out[3 * i + 1] = center[1] + r * rho * Math.sin(a);
                out[3 * i + 2] = center[2] + r * z;
            }
            return Tensor.wrap(out, n, d);
        }
        double[] u = fs.unitCube(n, d, seed);
        double[] g = new double[d];
        for (int i = 0; i < n; i++) {
            double s2 = 0;
            for (int j = 0; j < d; j++) {
                g[j] = Shapes.normalQuantile(u[i * d + j]);
                s2 += g[j] * g[j];
            }
            if (!(s2 > 0)) {
                g[0] = 1;
                s2 = 1;
            }
            double f = r / Math.sqrt(s2);
            for (int j = 0; j < d; j++) {
                out[i * d + j] = center[j] + f * g[j];
            }
        }
        return Tensor.wrap(out, n, d);
    }

    @Override
    public String toString() {
        return name + "(center " + Shapes.str(center) + ", radius " + r + ")";
    }
}
