package org.sciml4j.discovery.dmd;

/**
 * The optimised-DMD fit of Askham and Kutz (2018): data D (n times, c columns) ~ Phi(alpha) B with Phi_kj =
 * exp(alpha_j t_k), by variable projection: for given alpha the coefficients B = Phi^+ D are a linear least-squares
 * solution, and Levenberg-Marquardt moves alpha on the projected residual ||(I - Phi Phi^+) D||_F with Kaufman's
 * Jacobian -(I - P)(t .* phi_j) B_j. The complex alpha_j are optimised as 2r real parameters (Re, Im), so the
 * times may be unevenly spaced.
 */
final class VariableProjection {
    private static final int MAX_ITERATIONS = 200;
    private static final double TOLERANCE = 1e-14;

    private VariableProjection() {
    }

    /** A converged fit: alpha (r) and B (r, c), the residual norm and the iterations used. */
    record Fit(double[] alphaRe, double[] alphaIm, ComplexMatrix b, double residual, int iterations) {
    }

    private record Evaluation(ComplexMatrix phi, ComplexMatrix b, ComplexMatrix residual, double objective) {
    }

    /**
     * Fits alpha from a start.
     *
     * @param t the times (n), counted from 0
     * @param d the data (n, c), complex
     */
    static Fit fit(double[] t, ComplexMatrix d, double[] startRe, double[] startIm) {
        int r = startRe.length;
        double[] p = new double[2 * r];
        System.arraycopy(startRe, 0, p, 0, r);
        System.arraycopy(startIm, 0, p, r, r);
        Evaluation e = evaluate(t, d, p);
        double mu = 1e-3;
        int it = 0;
        while (it < MAX_ITERATIONS) {
            it++;
            double[][] normal = normalEquations(t, e, r);
            double[] h = normal[0];
            double[] g = normal[1];
            boolean accepted = false;
            for (int tries = 0; tries < 30 && !accepted; tries++) {
                double[] a = h.clone();
                for (int i = 0; i < 2 * r; i++) {
                    a[i + i * 2 * r] += mu * Math.max(h[i + i * 2 * r], 1e-300);
                }
                double[] step;
                try {
                    step = Dense.solve(a, 2 * r, g, 1);
                } catch (RuntimeException singular) {
                    mu *= 10;
                    continue;
                }
                double[] trial = p.clone();
                for (int i = 0; i < trial.length; i++) {
                    trial[i] -= step[i];
                }
                Evaluation next = evaluate(t, d, trial);
                if (Double.isFinite(next.objective) && next.objective < e.objective) {
                    double drop = e.objective - next.objective;
                    p = trial;
                    e = next;
                    mu = Math.max(mu / 3, 1e-12);
                    accepted = true;
                    if (drop <= TOLERANCE * e.objective) {
                        return finish(p, e, r, it);
                    }
                } else {
                    mu *= 4;
                }
            }
            if (!accepted) {
                break; // no step lowers the residual: a (local) minimum to working precision
            }
        }
        return finish(p, e, r, it);
    }

    private static Fit finish(double[] p, Evaluation e, int r, int it) {
        return new Fit(java.util.Arrays.copyOf(p, r), java.util.Arrays.copyOfRange(p, r, 2 * r), e.b,
                Math.sqrt(e.objective), it);
    }

    /** Phi (n, r) with Phi_kj = exp(alpha_j t_k). */
    static ComplexMatrix exponentials(double[] t, double[] p, int r) {
        int n = t.length;
        ComplexMatrix phi = new ComplexMatrix(n, r);
        for (int j = 0; j < r; j++) {
            for (int k = 0; k < n; k++) {
                double g = Math.exp(p[j] * t[k]);
                phi.re()[k + j * n] = g * Math.cos(p[j + r] * t[k]);
                phi.im()[k + j * n] = g * Math.sin(p[j + r] * t[k]);
            }
        }
        return phi;
    }

    private static Evaluation evaluate(double[] t, ComplexMatrix d, double[] p) {
        int r = p.length / 2;
        ComplexMatrix phi = exponentials(t, p, r);
        ComplexMatrix b = phi.leastSquares(d);
        ComplexMatrix fitted = phi.times(b);
        ComplexMatrix res = new ComplexMatrix(d.rows(), d.cols());
        double obj = 0;
        for (int i = 0; i < res.re().length; i++) {
            res.re()[i] = d.re()[i] - fitted.re()[i];
            res.im()[i] = d.im()[i] - fitted.im()[i];
            obj += res.re()[i] * res.re()[i] + res.im()[i] * res.im()[i];
        }
        return new Evaluation(phi, b, res, obj);
    }

    /** {J^T J (2r, 2r), J^T res (2r)} for Kaufman's Jacobian in the real parameters (Re alpha, Im alpha). */
    private static double[][] normalEquations(double[] t, Evaluation e, int r) { // numerical kernel
        int n = t.length;
        int c = e.b.cols();
        ComplexMatrix tphi = new ComplexMatrix(n, r);
        for (int j = 0; j < r; j++) {
            for (int k = 0; k < n; k++) {
                tphi.re()[k + j * n] = t[k] * e.phi.re()[k + j * n];
                tphi.im()[k + j * n] = t[k] * e.phi.im()[k + j * n];
            }
        }
        ComplexMatrix proj = e.phi.times(e.phi.leastSquares(tphi));
        int len = 2 * n * c;
        double[] jac = new double[len * 2 * r]; // column-major (len, 2r)
        for (int j = 0; j < r; j++) {
            for (int l = 0; l < c; l++) {
                double br = e.b.re()[j + l * r];
                double bi = e.b.im()[j + l * r];
                for (int k = 0; k < n; k++) {
                    double qr = tphi.re()[k + j * n] - proj.re()[k + j * n];
                    double qi = tphi.im()[k + j * n] - proj.im()[k + j * n];
                    double jr = -(qr * br - qi * bi);
                    double ji = -(qr * bi + qi * br);
                    int row = k + l * n;
                    jac[row + j * len] = jr;
                    jac[row + n * c + j * len] = ji;
                    jac[row + (j + r) * len] = -ji;
                    jac[row + n * c + (j + r) * len] = jr;
                }
            }
        }
        double[] res = new double[len];
        System.arraycopy(e.residual.re(), 0, res, 0, n * c);
        System.arraycopy(e.residual.im(), 0, res, n * c, n * c);
        double[] h = Dense.multiply(true, false, 2 * r, 2 * r, len, jac, jac);
        double[] g = Dense.multiply(true, false, 2 * r, 1, len, jac, res);
        return new double[][] {h, g};
    }
}
