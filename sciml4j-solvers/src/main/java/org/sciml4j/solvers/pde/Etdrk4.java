package org.sciml4j.solvers.pde;

/**
 * The fourth-order exponential time-differencing Runge-Kutta scheme ETDRK4 (Cox and Matthews 2002) for a periodic
 * 1-D equation {@code u_t = L u + N(u)} whose linear part is diagonal in Fourier space ({@code L_j} per mode j), with
 * the coefficient functions evaluated by the contour-integral method of Kassam and Trefethen (2005): means over 32
 * points of a circle around each {@code dt L_j}, so there is no cancellation for small {@code dt L_j}. The linear part
 * is integrated exactly; the step is limited by the nonlinear term's accuracy, not by stiffness.
 * <p>
 * The state is the packed real spectrum of JTransforms' {@code realForward}: {@code p[0]} mode 0, {@code p[1]} the
 * Nyquist mode, {@code p[2j], p[2j+1]} the real and imaginary parts of mode j.
 */
final class Etdrk4 {
    private static final int CONTOUR_POINTS = 32;

    /** The nonlinear term: the packed spectrum of N(u) from the packed spectrum of u (a new array). */
    interface Nonlinear {
        double[] of(double[] spectrum);
    }

    private final int n;
    private final Nonlinear nonlinear;
    private final double[] e;
    private final double[] e2;
    private final double[] q;
    private final double[] f1;
    private final double[] f2;
    private final double[] f3;

    /**
     * @param n         grid points (even)
     * @param dt        the step
     * @param linear    L_j for the modes j = 0 .. n/2 (length n/2 + 1)
     * @param nonlinear N
     */
    Etdrk4(int n, double dt, double[] linear, Nonlinear nonlinear) {
        this.n = n;
        this.nonlinear = nonlinear;
        int modes = n / 2 + 1;
        e = new double[modes];
        e2 = new double[modes];
        q = new double[modes];
        f1 = new double[modes];
        f2 = new double[modes];
        f3 = new double[modes];
        for (int j = 0; j < modes; j++) {
            e[j] = Math.exp(dt * linear[j]);
            e2[j] = Math.exp(dt * linear[j] / 2);
            contourMeans(dt, dt * linear[j], j);
        }
    }

    /** Kassam-Trefethen: Q, f1, f2, f3 for z = dt L_j as means over the contour z + exp(i theta). */
    private void contourMeans(double dt, double z, int j) {
        double sq = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int m = 1; m <= CONTOUR_POINTS; m++) {
            double theta = Math.PI * (m - 0.5) / CONTOUR_POINTS;
            Complex r = new Complex(z + Math.cos(theta), Math.sin(theta)); // upper half: the real parts suffice
            Complex ez = r.exp();
            Complex ehalf = r.scale(0.5).exp();
            Complex r3 = r.times(r).times(r);
            sq += ehalf.minus(Complex.ONE).div(r).re();
            Complex four = new Complex(4, 0);
            Complex a1 = ez.times(four.minus(r.scale(3)).plus(r.times(r))).minus(r).minus(four);
            s1 += a1.div(r3).re();
            Complex a2 = ez.times(r.minus(new Complex(2, 0))).plus(r).plus(new Complex(2, 0));
            s2 += a2.div(r3).re();
            Complex a3 = ez.times(four.minus(r)).minus(r.times(r)).minus(r.scale(3)).minus(four);
            s3 += a3.div(r3).re();
        }
        q[j] = dt * sq / CONTOUR_POINTS;
        f1[j] = dt * s1 / CONTOUR_POINTS;
        f2[j] = dt * s2 / CONTOUR_POINTS;
        f3[j] = dt * s3 / CONTOUR_POINTS;
    }

    /** One step of the packed spectrum {@code v}, in place. */
    void step(double[] v) { // numerical kernel
        double[] nv = nonlinear.of(v);
        double[] a = combine(e2, v, q, nv);
        double[] na = nonlinear.of(a);
        double[] b = combine(e2, v, q, na);
        double[] nb = nonlinear.of(b);
        double[] twoNbMinusNv = new double[n];
        for (int i = 0; i < n; i++) {
            twoNbMinusNv[i] = 2 * nb[i] - nv[i];
        }
        double[] c = combine(e2, a, q, twoNbMinusNv);
        double[] nc = nonlinear.of(c);
        for (int i = 0; i < n; i++) {
            int j = i == 1 ? n / 2 : i / 2;
            v[i] = e[j] * v[i] + f1[j] * nv[i] + 2 * f2[j] * (na[i] + nb[i]) + f3[j] * nc[i];
        }
    }

    /** {@code x * p + y * r} mode by mode with real per-mode coefficients x, y. */
    private double[] combine(double[] x, double[] p, double[] y, double[] r) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int j = i == 1 ? n / 2 : i / 2;
            out[i] = x[j] * p[i] + y[j] * r[i];
        }
        return out;
    }

    /** True when every value is finite. */
    static boolean allFinite(double[] a) {
        for (double x : a) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /** Just enough complex arithmetic for the contour means. */
    private record Complex(double re, double im) {
        static final Complex ONE = new Complex(1, 0);

        Complex plus(Complex o) {
            return new Complex(re + o.re, im + o.im);
        }

        Complex minus(Complex o) {
            return new Complex(re - o.re, im - o.im);
        }

        Complex times(Complex o) {
            return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
        }

        Complex scale(double s) {
            return new Complex(re * s, im * s);
        }

        Complex div(Complex o) {
            double d = o.re * o.re + o.im * o.im;
            return new Complex((re * o.re + im * o.im) / d, (im * o.re - re * o.im) / d);
        }

        Complex exp() {
            double m = Math.exp(re);
            return new Complex(m * Math.cos(im), m * Math.sin(im));
        }
    }
}
