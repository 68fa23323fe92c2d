package org.sciml4j.solvers.pde;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The viscous Burgers equation {@code u_t = nu u_xx - (u^2 / 2)_x}, periodic on [0, 1), on n equispaced points
 * {@code x_j = j / n}: Fourier pseudo-spectral in space (real FFT, the product u^2 de-aliased by the 2/3 rule), and
 * in time the fourth-order exponential time-differencing Runge-Kutta scheme ETDRK4 of Cox and Matthews with the
 * coefficient functions evaluated by the contour-integral method of Kassam and Trefethen (2005): means over 32 points
 * of a unit circle around each {@code dt L_k}, so no cancellation for small {@code dt L_k}.
 * <p>
 * The diffusion term is integrated exactly, so the step is limited only by the advection term (accuracy, not
 * stiffness). Fourier state kept in JTransforms' packed real layout: {@code p[0]} mode 0, {@code p[1]} the Nyquist
 * mode (kept at zero), {@code p[2j], p[2j+1]} the real and imaginary parts of mode j.
 */
public final class Burgers1d {
    private static final int CONTOUR_POINTS = 32;

    private final int n;
    private final double viscosity;
    private final double dt;
    private final DoubleFFT_1D fft;
    private final double[] e;
    private final double[] e2;
    private final double[] q;
    private final double[] f1;
    private final double[] f2;
    private final double[] f3;
    private final double[] derivative; // -0.5 k_j for kept modes, 0 for those the 2/3 rule removes

    /**
     * @param n         grid points, even, >= 8
     * @param viscosity nu >= 0
     * @param dt        time step > 0 (the last step of a solve is shortened or all are evened out; see solve)
     */
    public Burgers1d(int n, double viscosity, double dt) {
        if (n < 8 || n % 2 != 0 || !(viscosity >= 0) || !(dt > 0)) {
            throw new IllegalArgumentException("burgers needs an even grid >= 8, viscosity >= 0 and dt > 0; got grid "
                    + n + ", viscosity " + viscosity + ", dt " + dt);
        }
        this.n = n;
        this.viscosity = viscosity;
        this.dt = dt;
        this.fft = new DoubleFFT_1D(n);
        int half = n / 2;
        e = new double[half + 1];
        e2 = new double[half + 1];
        q = new double[half + 1];
        f1 = new double[half + 1];
        f2 = new double[half + 1];
        f3 = new double[half + 1];
        derivative = new double[half + 1];
        for (int j = 0; j <= half; j++) {
            double k = 2 * Math.PI * j;
            double l = -viscosity * k * k;
            e[j] = Math.exp(dt * l);
            e2[j] = Math.exp(dt * l / 2);
            contourMeans(dt * l, j);
            derivative[j] = 3 * j < n ? -0.5 * k : 0; // 2/3 rule: keep |j| < n / 3
        }
        derivative[half] = 0;
    }

    /** Kassam-Trefethen: Q, f1, f2, f3 for z = dt L_j as means over the contour z + exp(i theta). */
    private void contourMeans(double z, int j) {
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
            sq += ehalf.minus(Complex.ONE).div(r).re;
            Complex four = new Complex(4, 0);
            Complex a1 = ez.times(four.minus(r.scale(3)).plus(r.times(r))).minus(r).minus(four);
            s1 += a1.div(r3).re;
            Complex a2 = ez.times(r.minus(new Complex(2, 0))).plus(r).plus(new Complex(2, 0));
            s2 += a2.div(r3).re;
            Complex a3 = ez.times(four.minus(r)).minus(r.times(r)).minus(r.scale(3)).minus(four);
            s3 += a3.div(r3).re;
        }
        q[j] = dt * sq / CONTOUR_POINTS;
        f1[j] = dt * s1 / CONTOUR_POINTS;
        f2[j] = dt * s2 / CONTOUR_POINTS;
        f3[j] = dt * s3 / CONTOUR_POINTS;
    }

    /** The grid size n. */
    public int points() {
        return n;
    }

    /**
     * The solution at time {@code t} from {@code u0}, in {@code ceil(t / dt)} equal steps of at most dt.
     *
     * @param u0 initial values at {@code x_j = j / n}, shape (n,)
     * @return u(t) at the same points, shape (n,)
     * @throws IllegalStateException if the solution stops being finite (too large a step for the data)
     */
    public double[] solve(double[] u0, double t) {
        if (u0.length != n) {
            throw new IllegalArgumentException("burgers: initial condition has " + u0.length + " values, grid has "
                    + n);
        }
        int steps = Math.max(1, (int) Math.ceil(t / dt - 1e-9));
        Burgers1d stepper = Math.abs(steps * dt - t) < 1e-12 * Math.max(1, t) ? this
                : new Burgers1d(n, viscosity, t / steps);
        double[] v = u0.clone();
        fft.realForward(v);
        v[1] = 0;
        for (int s = 0; s < steps; s++) {
            stepper.step(v);
        }
        if (!allFinite(v)) {
            throw new IllegalStateException("burgers: the solution is no longer finite; use a smaller dt (now "
                    + dt + ") or a finer grid");
        }
        fft.realInverse(v, true);
        return v;
    }

    private static boolean allFinite(double[] a) {
        for (double x : a) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /** One ETDRK4 step of the packed Fourier state {@code v}, in place. */
    void step(double[] v) { // numerical kernel
        double[] nv = nonlinear(v);
        double[] a = combine(e2, v, q, nv);
        double[] na = nonlinear(a);
        double[] b = combine(e2, v, q, na);
        double[] nb = nonlinear(b);
        double[] twoNbMinusNv = new double[n];
        for (int i = 0; i < n; i++) {
            twoNbMinusNv[i] = 2 * nb[i] - nv[i];
        }
        double[] c = combine(e2, a, q, twoNbMinusNv);
        double[] nc = nonlinear(c);
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

    /** The transform of {@code -(u^2 / 2)_x}, de-aliased, from the transform of u. */
    private double[] nonlinear(double[] v) {
        double[] u = v.clone();
        fft.realInverse(u, true);
        for (int i = 0; i < n; i++) {
            u[i] *= u[i];
        }
        fft.realForward(u);
        u[0] = 0;
        u[1] = 0;
        for (int j = 1; j < n / 2; j++) {
            double re = u[2 * j];
            double im = u[2 * j + 1];
            double d = derivative[j]; // (re + i im) * (i k) * (-1/2) = d * (i re - im)
            u[2 * j] = -d * im;
            u[2 * j + 1] = d * re;
        }
        return u;
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
