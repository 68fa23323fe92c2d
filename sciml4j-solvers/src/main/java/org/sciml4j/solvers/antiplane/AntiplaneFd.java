package org.sciml4j.solvers.antiplane;

import java.util.function.DoubleBinaryOperator;
import org.sciml4j.solvers.linear.ConjugateGradients;

/**
 * Finite differences for antiplane strain with a vertical fault: {@code div(mu grad w) = 0} on the box
 * {@code [xLo, xHi] x [-depth, 0]}, traction-free surface ({@code mu w_y = 0} at y = 0), w given on the other three
 * sides, and across the fault segment of a {@link ScrewDislocation} a jump of w by the slip with {@code mu w_x}
 * continuous. The shear modulus mu(x, y) > 0 may jump (layers).
 * <p>
 * Vertex grid {@code x_i = xLo + i hx}, {@code y_j = -j hy}, with the fault half-way between two columns (the
 * number of cells along x is chosen by the caller so that it is). Finite volumes around each vertex (half cells on
 * the surface): each link's flux is {@code a (w_nb - w_P - J)}, with a the modulus averaged across the face
 * (arithmetic) or along the link (harmonic), over 4 samples, times face length over link length, and J the part
 * of the slip the link's face shares with the fault (the slip as a source on the fault). The symmetric positive
 * definite system is solved by conjugate gradients with a Jacobi preconditioner. Second order away from the fault
 * tips and interfaces; the tip's 1/r gradient brings the L2 error's order to about 1 (measured in the tests).
 * <p>
 * Values between vertices ({@link Solution#value}) are bilinear in {@code w - singularPart} (continuous across
 * the fault) plus the singular part at the point, so interpolation never averages across the jump.
 */
public final class AntiplaneFd {
    private static final int SAMPLES = 4;

    /** A function of position evaluated at many points at once: {@code values(x, y)[k] = f(x[k], y[k])}. */
    @FunctionalInterface
    public interface Field {
        /**
         * @param x abscissae, length n
         * @param y ordinates, length n
         * @return the values, length n
         */
        double[] values(double[] x, double[] y);

        /** A field from a function of one point. */
        static Field of(DoubleBinaryOperator f) {
            return (x, y) -> {
                double[] out = new double[x.length];
                for (int k = 0; k < out.length; k++) {
                    out[k] = f.applyAsDouble(x[k], y[k]);
                }
                return out;
            };
        }
    }

    private final double xLo;
    private final double depth;
    private final int nx;
    private final int ny;
    private final double hx;
    private final double hy;
    private final ScrewDislocation fault;
    private final int faultColumn;

    /** The grid values and their interpolation. */
    public final class Solution {
        private final double[] w;
        private final double[] regular;
        private final int iterations;

        private Solution(double[] w, int iterations) {
            this.w = w;
            this.iterations = iterations;
            regular = new double[w.length];
            for (int j = 0; j <= ny; j++) {
                for (int i = 0; i <= nx; i++) {
                    regular[j * (nx + 1) + i] = w[j * (nx + 1) + i] - fault.singularPart(x(i), y(j));
                }
            }
        }

        /** w at the vertices, {@code (ny + 1, nx + 1)} row-major, row j at {@code y = -j hy}. */
        public double[] grid() {
            return w.clone();
        }

        /** Conjugate-gradient iterations taken. */
        public int iterations() {
            return iterations;
        }

        /**
         * w at a point of the box: bilinear in the continuous part, plus the singular part; a point on the fault
         * takes the side {@code x >= x0}.
         *
         * @throws IllegalArgumentException outside the box
         */
        public double value(double px, double py) {
            double fi = (px - xLo) / hx;
            double fj = -py / hy;
            if (!(fi >= -1e-9 && fi <= nx + 1e-9 && fj >= -1e-9 && fj <= ny + 1e-9)) {
                throw new IllegalArgumentException("antiplane reference: the point (" + px + ", " + py + ") is"
                        + " outside the box");
            }
            int i = Math.min(Math.max((int) Math.floor(fi), 0), nx - 1);
            int j = Math.min(Math.max((int) Math.floor(fj), 0), ny - 1);
            double a = fi - i;
            double b = fj - j;
            int k = j * (nx + 1) + i;
            double v = (1 - a) * (1 - b) * regular[k] + a * (1 - b) * regular[k + 1]
                    + (1 - a) * b * regular[k + nx + 1] + a * b * regular[k + nx + 2];
            return v + fault.singularPart(px, py);
        }
    }

    /**
     * @param xLo    left side of the box
     * @param xHi    right side
     * @param depth  the box is {@code -depth <= y <= 0}
     * @param cellsX cells along x, so that the fault lies half-way between two vertex columns
     * @param cellsY cells along y
     * @param fault  the fault and its slip
     * @throws IllegalArgumentException when the fault is not between two columns, or outside the box
     */
    public AntiplaneFd(double xLo, double xHi, double depth, int cellsX, int cellsY, ScrewDislocation fault) {
        if (!(xHi > xLo) || !(depth > 0) || cellsX < 3 || cellsY < 2) {
            throw new IllegalArgumentException("antiplane reference: needs xLo < xHi, depth > 0, at least 3 x 2 cells;"
                    + " got [" + xLo + ", " + xHi + "] x [" + -depth + ", 0], " + cellsX + " x " + cellsY);
        }
        this.xLo = xLo;
        this.depth = depth;
        this.nx = cellsX;
        this.ny = cellsY;
        this.hx = (xHi - xLo) / cellsX;
        this.hy = depth / cellsY;
        this.fault = fault;
        double at = (fault.x0() - xLo) / hx - 0.5;
        faultColumn = (int) Math.round(at);
        if (Math.abs(at - faultColumn) > 1e-6 || faultColumn < 0 || faultColumn >= nx || fault.bottom() <= -depth) {
            throw new IllegalArgumentException("antiplane reference: the fault x = " + fault.x0() + " must lie half-way"
                    + " between two of the " + (nx + 1) + " vertex columns (choose an odd number of cells for a fault"
                    + " in the middle) and end above the bottom y = " + -depth);
        }
    }

    private double x(int i) {
        return xLo + i * hx;
    }

    private double y(int j) {
        return -j * hy;
    }

    /**
     * Solves for w.
     *
     * @param mu        shear modulus mu(x, y) > 0 (sampled 4 times per link)
     * @param boundary  w(x, y) on the sides x = xLo, x = xHi and the bottom, finite there (asked at every vertex;
     *                  the others' values are not used)
     * @param tolerance relative residual to stop conjugate gradients at, in (0, 1)
     * @throws IllegalArgumentException where mu is not finite and > 0 or a boundary value is not finite
     * @throws IllegalStateException when conjugate gradients do not converge in 20 (nx + ny) iterations
     */
    public Solution solve(Field mu, Field boundary, double tolerance) {
        int w = nx + 1;
        int n = w * (ny + 1);
        double[] east = new double[n]; // coefficient of the link (i, j)-(i + 1, j)
        double[] south = new double[n]; // coefficient of the link (i, j)-(i, j + 1)
        double[] jump = new double[n]; // slip carried by the east link (only in the fault column)
        links(mu, east, south, jump);
        double[] u = new double[n];
        boolean[] fixed = new boolean[n];
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int j = 0; j <= ny; j++) {
            for (int i = 0; i <= nx; i++) {
                fixed[j * w + i] = i == 0 || i == nx || j == ny;
                xs[j * w + i] = x(i);
                ys[j * w + i] = y(j);
            }
        }
        double[] g = boundary.values(xs, ys);
        for (int k = 0; k < n; k++) {
            if (fixed[k] && !Double.isFinite(g[k])) {
                throw new IllegalArgumentException("antiplane reference: the boundary value must be finite, found "
                        + g[k] + " at (x, y) = (" + xs[k] + ", " + ys[k] + ")");
            }
            u[k] = fixed[k] ? g[k] : 0;
        }
        // right side: the slip sources, and the fixed neighbours' values (u is zero at the unknowns here)
        double[] rhs = new double[n];
        double[] au = new double[n];
        apply(east, south, fixed, u, au, true);
        for (int k = 0; k < n; k++) {
            rhs[k] = fixed[k] ? 0 : -au[k];
        }
        for (int k = 0; k < n; k++) {
            if (jump[k] != 0) { // the slip between k (negative side) and k + 1 (positive side)
                rhs[k] -= fixed[k] ? 0 : east[k] * jump[k];
                rhs[k + 1] += fixed[k + 1] ? 0 : east[k] * jump[k];
            }
        }
        double[] diag = new double[n];
        for (int k = 0; k < n; k++) {
            diag[k] = east[k] + south[k] + (k % w > 0 ? east[k - 1] : 0) + (k >= w ? south[k - w] : 0);
        }
        int iterations = conjugateGradients(east, south, fixed, diag, rhs, u, tolerance);
        return new Solution(u, iterations);
    }

    /** The link coefficients and the fault's slip on the east links of the fault column. */
    private void links(Field mu, double[] east, double[] south, double[] jump) { // numerical kernel
        int w = nx + 1;
        int n = w * (ny + 1);
        // every sample point of mu first (one batch), then the means: east faces, then south links
        double[] xs = new double[2 * n * SAMPLES];
        double[] ys = new double[xs.length];
        for (int j = 0; j <= ny; j++) {
            double top = j == 0 ? 0 : y(j) + hy / 2;
            double bottom = j == ny ? y(j) : y(j) - hy / 2;
            for (int i = 0; i <= nx; i++) {
                int k = j * w + i;
                for (int s = 0; s < SAMPLES; s++) {
                    xs[k * SAMPLES + s] = x(i) + hx / 2; // across the east face
                    ys[k * SAMPLES + s] = top - (s + 0.5) * (top - bottom) / SAMPLES;
                    xs[(n + k) * SAMPLES + s] = x(i); // along the link down to y_{j+1}
                    ys[(n + k) * SAMPLES + s] = y(j) - (s + 0.5) * hy / SAMPLES;
                }
            }
        }
        double[] m = mu.values(xs, ys);
        for (double v : m) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("antiplane reference: the shear modulus must be finite and > 0,"
                        + " found " + v);
            }
        }
        for (int j = 0; j <= ny; j++) {
            double top = j == 0 ? 0 : y(j) + hy / 2;
            double bottom = j == ny ? y(j) : y(j) - hy / 2;
            for (int i = 0; i <= nx; i++) {
                int k = j * w + i;
                double mean = 0;
                double inverse = 0;
                for (int s = 0; s < SAMPLES; s++) {
                    mean += m[k * SAMPLES + s] / SAMPLES;
                    inverse += 1 / m[(n + k) * SAMPLES + s] / SAMPLES;
                }
                if (i < nx) {
                    east[k] = mean * (top - bottom) / hx;
                    if (i == faultColumn) {
                        double shared = Math.max(0, Math.min(top, fault.top()) - Math.max(bottom, fault.bottom()));
                        jump[k] = fault.slip() * shared / (top - bottom);
                    }
                }
                if (j < ny) {
                    double left = i == 0 ? x(i) : x(i) - hx / 2;
                    double right = i == nx ? x(i) : x(i) + hx / 2;
                    south[k] = (right - left) / hy / inverse;
                }
            }
        }
    }

    /**
     * {@code out = A v} at the unknowns (0 at fixed vertices): the sum over links of {@code a (v_P - v_nb)};
     * with {@code fixedOnly} only the fixed neighbours' terms {@code -a v_nb} are summed.
     */
    private void apply(double[] east, double[] south, boolean[] fixed, double[] v, double[] out,
            boolean fixedOnly) { // numerical kernel
        int w = nx + 1;
        for (int k = 0; k < v.length; k++) {
            if (fixed[k]) {
                out[k] = 0;
                continue;
            }
            double s = 0;
            s += term(east[k], v, k, k + 1, fixed, fixedOnly);
            s += term(east[k - 1], v, k, k - 1, fixed, fixedOnly);
            s += term(south[k], v, k, k + w, fixed, fixedOnly);
            if (k >= w) {
                s += term(south[k - w], v, k, k - w, fixed, fixedOnly);
            }
            out[k] = s;
        }
    }

    private static double term(double a, double[] v, int p, int nb, boolean[] fixed, boolean fixedOnly) {
        if (fixedOnly) {
            return fixed[nb] ? -a * v[nb] : 0;
        }
        return a * (v[p] - (fixed[nb] ? 0 : v[nb]));
    }

    /** Jacobi-preconditioned conjugate gradients on the unknowns; u holds the fixed values, which stay. */
    private int conjugateGradients(double[] east, double[] south, boolean[] fixed, double[] diag, double[] rhs,
            double[] u, double tolerance) {
        double[] x = new double[u.length];
        int iterations = ConjugateGradients.solve((v, out) -> apply(east, south, fixed, v, out, false), (r, z) -> {
            for (int k = 0; k < r.length; k++) {
                z[k] = fixed[k] ? 0 : r[k] / diag[k];
            }
        }, rhs, x, tolerance, 20 * (nx + ny), "antiplane reference");
        for (int k = 0; k < u.length; k++) {
            if (!fixed[k]) {
                u[k] = x[k];
            }
        }
        return iterations;
    }
}
