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
 * <p>
 * A linear part may be complex (odd derivatives: KdV's {@code -b (i k)^3 = i b k^3}); its imaginary part must vanish
 * at mode 0 and at the Nyquist mode, whose coefficients are real in the packed layout (callers drop the Nyquist
 * wavenumber of odd derivatives, as usual). Then the coefficient functions are complex means over the whole circle.
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
    // imaginary parts of the coefficients; all zero for a real linear part
    private final double[] ei;
    private final double[] e2i;
    private final double[] qi;
    private final double[] f1i;
    private final double[] f2i;
    private final double[] f3i;
    private final boolean complex;

    /**
     * @param n         grid points (even)
     * @param dt        the step
     * @param linear    L_j for the modes j = 0 .. n/2 (length n/2 + 1)
     * @param nonlinear N
     */
    Etdrk4(int n, double dt, double[] linear, Nonlinear nonlinear) {
        this(n, dt, linear, new double[n / 2 + 1], nonlinear);
    }

    /**
     * A complex linear part.
     *
     * @param linear     real parts of L_j for j = 0 .. n/2
     * @param linearImag imaginary parts, 0 at j = 0 and j = n/2
     */
    Etdrk4(int n, double dt, double[] linear, double[] linearImag, Nonlinear nonlinear) {
        if (linearImag[0] != 0 || linearImag[n / 2] != 0) {
            throw new IllegalArgumentException("the linear part must be real at mode 0 and at the Nyquist mode");
        }
        this.n = n;
        this.nonlinear = nonlinear;
        boolean anyImaginary = false;
        for (double x : linearImag) {
            anyImaginary |= x != 0;
        }
        this.complex = anyImaginary;
        int modes = n / 2 + 1;
        e = new double[modes];
        e2 = new double[modes];
        q = new double[modes];
        f1 = new double[modes];
        f2 = new double[modes];
        f3 = new double[modes];
        ei = new double[modes];
        e2i = new double[modes];
        qi = new double[modes];
        f1i = new double[modes];
        f2i = new double[modes];
        f3i = new double[modes];
        for (int j = 0; j < modes; j++) {
            if (linearImag[j] == 0) {
                e[j] = Math.exp(dt * linear[j]);
                e2[j] = Math.exp(dt * linear[j] / 2);
                contourMeans(dt, dt * linear[j], j);
            } else {
                complexCoefficients(dt, new Complex(dt * linear[j], dt * linearImag[j]), j);
            }
        }
    }

    /** The coefficients for a complex z = dt L_j: means over the full circle z + exp(i theta). */
    private void complexCoefficients(double dt, Complex z, int j) {
        Complex ez = z.exp();
        Complex ehalf = z.scale(0.5).exp();
        e[j] = ez.re();
        ei[j] = ez.im();
        e2[j] = ehalf.re();
        e2i[j] = ehalf.im();
        Complex sq = Complex.ZERO;
        Complex s1 = Complex.ZERO;
        Complex s2 = Complex.ZERO;
        Complex s3 = Complex.ZERO;
        Complex four = new Complex(4, 0);
        Complex two = new Complex(2, 0);
        int points = 2 * CONTOUR_POINTS;
        for (int m = 1; m <= points; m++) {
            double theta = 2 * Math.PI * (m - 0.5) / points;
            Complex r = z.plus(new Complex(Math.cos(theta), Math.sin(theta)));
            Complex er = r.exp();
            Complex r3 = r.times(r).times(r);
            sq = sq.plus(r.scale(0.5).exp().minus(Complex.ONE).div(r));
            s1 = s1.plus(er.times(four.minus(r.scale(3)).plus(r.times(r))).minus(r).minus(four).div(r3));
            s2 = s2.plus(er.times(r.minus(two)).plus(r).plus(two).div(r3));
            s3 = s3.plus(er.times(four.minus(r)).minus(r.times(r)).minus(r.scale(3)).minus(four).div(r3));
        }
        double w = dt / points;
        q[j] = w * sq.re();
        qi[j] = w * sq.im();
        f1[j] = w * s1.re();
        f1i[j] = w * s1.im();
        f2[j] = w * s2.re();
        f2i[j] = w * s2.im();
        f3[j] = w * s3.re();
        f3i[j] = w * s3.im();
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
        double[] a = combine(e2, e2i, v, q, qi, nv);
        double[] na = nonlinear.of(a);
        double[] b = combine(e2, e2i, v, q, qi, na);
        double[] nb = nonlinear.of(b);
        double[] twoNbMinusNv = new double[n];
        double[] naPlusNb = new double[n];
        for (int i = 0; i < n; i++) {
            twoNbMinusNv[i] = 2 * nb[i] - nv[i];
            naPlusNb[i] = 2 * (na[i] + nb[i]);
        }
        double[] c = combine(e2, e2i, a, q, qi, twoNbMinusNv);
        double[] nc = nonlinear.of(c);
        if (!complex) { // the real scheme's own sums, so that its results keep their bits
            for (int i = 0; i < n; i++) {
                int j = i == 1 ? n / 2 : i / 2;
                v[i] = e[j] * v[i] + f1[j] * nv[i] + f2[j] * naPlusNb[i] + f3[j] * nc[i];
            }
            return;
        }
        double[] first = combine(e, ei, v, f1, f1i, nv);
        double[] second = combine(f2, f2i, naPlusNb, f3, f3i, nc);
        for (int i = 0; i < n; i++) {
            v[i] = first[i] + second[i];
        }
    }

    /**
     * {@code x * p + y * r} mode by mode with complex per-mode coefficients {@code x + i xi}, {@code y + i yi}
     * (the imaginary parts are 0 at modes 0 and n/2, stored in p[0] and p[1]).
     */
    private double[] combine(double[] x, double[] xi, double[] p, double[] y, double[] yi, double[] r) {
        double[] out = new double[n];
        out[0] = x[0] * p[0] + y[0] * r[0];
        out[1] = x[n / 2] * p[1] + y[n / 2] * r[1];
        for (int j = 1; j < n / 2; j++) {
            double pr = p[2 * j];
            double pi = p[2 * j + 1];
            double rr = r[2 * j];
            double ri = r[2 * j + 1];
            out[2 * j] = x[j] * pr - xi[j] * pi + y[j] * rr - yi[j] * ri;
            out[2 * j + 1] = x[j] * pi + xi[j] * pr + y[j] * ri + yi[j] * rr;
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
        static final Complex ZERO = new Complex(0, 0);

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
