package org.sciml4j.solvers.fracture;

import java.util.function.DoubleBinaryOperator;

/**
 * The discrete phase-field energy of a film on a substrate under shrinkage, on the square [0, size]^2 split into
 * {@code cells x cells} squares of side h: bilinear (Q1) interpolation of the nodal values of the displacement
 * (u1, u2) and the phase field phi, integrated by the 2 x 2 Gauss rule in every cell (the finite-element form of a
 * 9-point finite-difference stencil). The energy density is
 * <pre>
 *   (1 - phi)^2 psi(eps(u) - eps0 I) + G(x) / (2 s) (phi^2 + s^2 |grad phi|^2) + eta / 2 |u|^2,
 *   psi(e) = lambda / 2 tr(e)^2 + mu e:e,
 * </pre>
 * with free edges (no boundary term). Nodal arrays have length (cells + 1)^2, node (i, j) at
 * {@code (i h, j h)} stored at index {@code j (cells + 1) + i}.
 */
public final class FilmGrid {
    private static final double G0 = 0.5 - 0.5 / Math.sqrt(3);
    private static final double G1 = 0.5 + 0.5 / Math.sqrt(3);
    /** Per Gauss point (4) and local node (4): shape value and its x and y derivatives (times h). */
    private static final double[][] N = new double[4][4];
    private static final double[][] DS = new double[4][4];
    private static final double[][] DT = new double[4][4];

    static {
        double[] g = {G0, G1};
        for (int q = 0; q < 4; q++) {
            double s = g[q & 1];
            double t = g[q >> 1];
            N[q] = new double[] {(1 - s) * (1 - t), s * (1 - t), (1 - s) * t, s * t};
            DS[q] = new double[] {-(1 - t), 1 - t, -t, t};
            DT[q] = new double[] {-(1 - s), -s, 1 - s, s};
        }
    }

    private final int cells;
    private final double h;
    private final double lambda;
    private final double mu;
    private final double eta;
    private final double s;
    /** Toughness G at every Gauss point, (cells^2 * 4). */
    private final double[] toughness;

    /**
     * @param cells      cells per side, >= 1
     * @param size       side of the square film, > 0
     * @param lambda     Lame's first constant, >= 0
     * @param mu         shear modulus, > 0
     * @param eta        substrate stiffness, > 0
     * @param s          phase-field length, > 0
     * @param toughness  G(x, y) > 0, the fracture toughness (a weak spot breaks the symmetry)
     */
    public FilmGrid(int cells, double size, double lambda, double mu, double eta, double s,
            DoubleBinaryOperator toughness) {
        if (cells < 1 || !(size > 0) || !(lambda >= 0) || !(mu > 0) || !(eta > 0) || !(s > 0)) {
            throw new IllegalArgumentException("film grid: need cells >= 1, size > 0, lambda >= 0, mu > 0, eta > 0,"
                    + " s > 0; got " + cells + ", " + size + ", " + lambda + ", " + mu + ", " + eta + ", " + s);
        }
        this.cells = cells;
        this.h = size / cells;
        this.lambda = lambda;
        this.mu = mu;
        this.eta = eta;
        this.s = s;
        this.toughness = new double[cells * cells * 4];
        double[] g = {G0, G1};
        for (int j = 0; j < cells; j++) {
            for (int i = 0; i < cells; i++) {
                for (int q = 0; q < 4; q++) {
                    double v = toughness.applyAsDouble((i + g[q & 1]) * h, (j + g[q >> 1]) * h);
                    if (!(v > 0) || !Double.isFinite(v)) {
                        throw new IllegalArgumentException("film grid: the toughness must be finite and > 0, got "
                                + v + " at (" + (i + g[q & 1]) * h + ", " + (j + g[q >> 1]) * h + ")");
                    }
                    this.toughness[(j * cells + i) * 4 + q] = v;
                }
            }
        }
    }

    /** Cells per side. */
    public int cells() {
        return cells;
    }

    /** Cell side. */
    public double h() {
        return h;
    }

    /** Nodes per side, cells + 1. */
    public int nodesPerSide() {
        return cells + 1;
    }

    /** Number of nodes, (cells + 1)^2. */
    public int nodes() {
        return (cells + 1) * (cells + 1);
    }

    /** The node coordinates, flat (nodes * 2): x then y of node {@code j (cells + 1) + i}. */
    public double[] nodeCoordinates() {
        int w = cells + 1;
        double[] xy = new double[w * w * 2];
        for (int j = 0; j < w; j++) {
            for (int i = 0; i < w; i++) {
                xy[2 * (j * w + i)] = i * h;
                xy[2 * (j * w + i) + 1] = j * h;
            }
        }
        return xy;
    }

    /**
     * The energy's parts.
     *
     * @param elastic   integral of (1 - phi)^2 psi
     * @param surface   integral of G / (2 s) (phi^2 + s^2 |grad phi|^2)
     * @param substrate integral of eta / 2 |u|^2
     * @param crackLength integral of (phi^2 + s^2 |grad phi|^2) / (2 s): the regularised crack length (for a fully
     *                  developed AT2 crack, its length)
     */
    public record Energy(double elastic, double surface, double substrate, double crackLength) {
        /** The total energy. */
        public double total() {
            return elastic + surface + substrate;
        }
    }

    private int node(int i, int j, int a) {
        return (j + (a >> 1)) * (cells + 1) + i + (a & 1);
    }

    /** The energy of nodal fields u1, u2, phi (each (cells + 1)^2) under shrinkage eps0. */
    public Energy energy(double[] u1, double[] u2, double[] phi, double eps0) { // numerical kernel
        check(u1, u2, phi);
        double el = 0;
        double sur = 0;
        double sub = 0;
        double len = 0;
        double w = h * h / 4;
        for (int j = 0; j < cells; j++) {
            for (int i = 0; i < cells; i++) {
                for (int q = 0; q < 4; q++) {
                    double a1 = 0, a2 = 0, ux = 0, uy = 0, vx = 0, vy = 0, p = 0, px = 0, py = 0;
                    for (int a = 0; a < 4; a++) {
                        int k = node(i, j, a);
                        a1 += N[q][a] * u1[k];
                        a2 += N[q][a] * u2[k];
                        ux += DS[q][a] * u1[k];
                        uy += DT[q][a] * u1[k];
                        vx += DS[q][a] * u2[k];
                        vy += DT[q][a] * u2[k];
                        p += N[q][a] * phi[k];
                        px += DS[q][a] * phi[k];
                        py += DT[q][a] * phi[k];
                    }
                    double psi = psi(ux / h - eps0, vy / h - eps0, 0.5 * (uy + vx) / h);
                    double crack = (p * p + s * s * (px * px + py * py) / (h * h)) / (2 * s);
                    el += w * (1 - p) * (1 - p) * psi;
                    sur += w * toughness[(j * cells + i) * 4 + q] * crack;
                    len += w * crack;
                    sub += w * 0.5 * eta * (a1 * a1 + a2 * a2);
                }
            }
        }
        return new Energy(el, sur, sub, len);
    }

    private double psi(double exx, double eyy, double exy) {
        double tr = exx + eyy;
        return 0.5 * lambda * tr * tr + mu * (exx * exx + eyy * eyy + 2 * exy * exy);
    }

    /**
     * The gradient of the energy with respect to the nodal displacements at fixed phi: {@code A u - b(eps0)}, with
     * A the degraded stiffness plus the substrate's mass (so {@code eps0 = 0} gives the product A u).
     *
     * @param g1 out, d E / d u1 (nodes)
     * @param g2 out, d E / d u2 (nodes)
     */
    public void displacementGradient(double[] u1, double[] u2, double[] phi, double eps0, double[] g1,
            double[] g2) { // numerical kernel
        java.util.Arrays.fill(g1, 0);
        java.util.Arrays.fill(g2, 0);
        double w = h * h / 4;
        for (int j = 0; j < cells; j++) {
            for (int i = 0; i < cells; i++) {
                for (int q = 0; q < 4; q++) {
                    double a1 = 0, a2 = 0, ux = 0, uy = 0, vx = 0, vy = 0, p = 0;
                    for (int a = 0; a < 4; a++) {
                        int k = node(i, j, a);
                        a1 += N[q][a] * u1[k];
                        a2 += N[q][a] * u2[k];
                        ux += DS[q][a] * u1[k];
                        uy += DT[q][a] * u1[k];
                        vx += DS[q][a] * u2[k];
                        vy += DT[q][a] * u2[k];
                        p += N[q][a] * phi[k];
                    }
                    double exx = ux / h - eps0;
                    double eyy = vy / h - eps0;
                    double exy = 0.5 * (uy + vx) / h;
                    double deg = (1 - p) * (1 - p);
                    double sxx = deg * (lambda * (exx + eyy) + 2 * mu * exx);
                    double syy = deg * (lambda * (exx + eyy) + 2 * mu * eyy);
                    double sxy = deg * 2 * mu * exy;
                    for (int a = 0; a < 4; a++) {
                        int k = node(i, j, a);
                        g1[k] += w * ((sxx * DS[q][a] + sxy * DT[q][a]) / h + eta * a1 * N[q][a]);
                        g2[k] += w * ((sxy * DS[q][a] + syy * DT[q][a]) / h + eta * a2 * N[q][a]);
                    }
                }
            }
        }
    }

    /**
     * The diagonal of the displacement problem's matrix A ({@link #displacementGradient}) at fixed phi: the
     * Jacobi preconditioner of the u-step (the degraded stiffness (1 - phi)^2 varies by orders of magnitude across a
     * crack, which slows unpreconditioned conjugate gradients).
     *
     * @param d1 out, the diagonal for u1 (nodes)
     * @param d2 out, the diagonal for u2 (nodes)
     */
    public void displacementDiagonal(double[] phi, double[] d1, double[] d2) { // numerical kernel
        java.util.Arrays.fill(d1, 0);
        java.util.Arrays.fill(d2, 0);
        double w = h * h / 4;
        double normal = lambda + 2 * mu;
        for (int j = 0; j < cells; j++) {
            for (int i = 0; i < cells; i++) {
                for (int q = 0; q < 4; q++) {
                    double p = 0;
                    for (int a = 0; a < 4; a++) {
                        p += N[q][a] * phi[node(i, j, a)];
                    }
                    double deg = (1 - p) * (1 - p) / (h * h);
                    for (int a = 0; a < 4; a++) {
                        int k = node(i, j, a);
                        double xx = DS[q][a] * DS[q][a];
                        double yy = DT[q][a] * DT[q][a];
                        double mass = eta * N[q][a] * N[q][a];
                        d1[k] += w * (deg * (normal * xx + mu * yy) + mass);
                        d2[k] += w * (deg * (mu * xx + normal * yy) + mass);
                    }
                }
            }
        }
    }

    /**
     * The phase-field problem at fixed u: the energy is {@code phi^T K phi / 2 - f^T phi + const}, K assembled as a
     * 9-point stencil.
     *
     * @param stencil out, (nodes * 9): row k's coefficient for neighbour (di, dj) at {@code 9k + 3(dj + 1) + di + 1}
     * @param rhs     out, f (nodes)
     */
    public void phaseSystem(double[] u1, double[] u2, double eps0, double[] stencil, double[] rhs) { // kernel
        java.util.Arrays.fill(stencil, 0);
        java.util.Arrays.fill(rhs, 0);
        double w = h * h / 4;
        for (int j = 0; j < cells; j++) {
            for (int i = 0; i < cells; i++) {
                for (int q = 0; q < 4; q++) {
                    double ux = 0, uy = 0, vx = 0, vy = 0;
                    for (int a = 0; a < 4; a++) {
                        int k = node(i, j, a);
                        ux += DS[q][a] * u1[k];
                        uy += DT[q][a] * u1[k];
                        vx += DS[q][a] * u2[k];
                        vy += DT[q][a] * u2[k];
                    }
                    double psi = psi(ux / h - eps0, vy / h - eps0, 0.5 * (uy + vx) / h);
                    double gq = toughness[(j * cells + i) * 4 + q];
                    double mass = 2 * psi + gq / s;
                    double stiff = gq * s / (h * h);
                    for (int a = 0; a < 4; a++) {
                        int k = node(i, j, a);
                        rhs[k] += w * 2 * psi * N[q][a];
                        for (int b = 0; b < 4; b++) {
                            int o = 9 * k + 3 * ((b >> 1) - (a >> 1) + 1) + (b & 1) - (a & 1) + 1;
                            stencil[o] += w * (mass * N[q][a] * N[q][b] + stiff * (DS[q][a] * DS[q][b]
                                    + DT[q][a] * DT[q][b]));
                        }
                    }
                }
            }
        }
    }

    private void check(double[] u1, double[] u2, double[] phi) {
        int n = nodes();
        if (u1.length != n || u2.length != n || phi.length != n) {
            throw new IllegalArgumentException("film grid: u1, u2 and phi need " + n + " nodal values each ("
                    + (cells + 1) + " x " + (cells + 1) + "), got " + u1.length + ", " + u2.length + ", "
                    + phi.length);
        }
    }
}
