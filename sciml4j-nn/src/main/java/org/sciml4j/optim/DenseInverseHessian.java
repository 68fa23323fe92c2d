package org.sciml4j.optim;

import java.util.Arrays;
import java.util.Map;

import org.sciml4j.tensor.Tensor;

/**
 * The dense inverse-Hessian approximation of {@link Bfgs}, {@link SelfScaledBfgs} and {@link SelfScaledBroyden},
 * row-major {@code (n, n)}, starting as the identity; it is rescaled to {@code (s.y / y.y) I} before the first
 * update (Nocedal and Wright, eq. 6.20). {@link Update#BFGS} then applies the plain BFGS update
 * {@code H+ = (I - rho s y') H (I - rho y s') + rho s s'} (Nocedal and Wright, Algorithm 6.1). The self-scaled
 * variants (Urbán, Stefanou
 * and Pons 2025, "Unveiling the optimization process of PINNs", J. Comput. Phys. 523; Kiyani et al. 2025): before
 * each update H is divided by a scale {@code tau} computed from the step, and the Broyden variant also chooses the
 * member {@code theta} of the Broyden class per step. With {@code rho = 1/(s.y)}, {@code Hy = H y},
 * {@code h = rho y.Hy}, {@code b = -alpha rho s.g} (g the gradient before the step, alpha the step size) and
 * {@code a = b h - 1}:
 * <ul>
 * <li>SSBFGS: {@code tau = min(1, 1/b)} (the first update rescales {@code H = (s.y / y.y) I} as BFGS does), then the
 * BFGS update of {@code H / tau};</li>
 * <li>SSBroyden: {@code rho- = min(1, h (1 - sqrt(|a| / (1 + a))))}, {@code theta- = (rho- - 1) / a},
 * {@code theta+ = 1 / rho-}, {@code theta = max(theta-, min(theta+, (1 - b) / b))}; the first update takes
 * {@code tau = h / (1 + a theta)}, later ones, with {@code sigma = 1 + a theta} and
 * {@code sigma' = |sigma|^(1/(1-n))}, {@code tau = min(1, 1/b) min(sigma', 1/theta)} for {@code theta > 0} and
 * {@code min(min(1, 1/b) sigma', sigma)} otherwise; then with {@code v = rho s - Hy / y.Hy} and
 * {@code phi = (1 - theta) / (1 + a theta)}: {@code H+ = (H - Hy Hy'/y.Hy + phi y.Hy v v') / tau + rho s s'}.</li>
 * </ul>
 * A pair with {@code s.y <= eps y.y} is skipped; a step whose scale or theta is not finite (a = 0, say) falls back to
 * the plain BFGS update.
 */
final class DenseInverseHessian implements QuasiNewton.InverseHessian {
    /** Which update: its name in messages and the prefix of its checkpoint entries. */
    enum Update {
        BFGS("BFGS", "bfgs."), SSBFGS("SSBFGS", "ssbfgs."), SSBROYDEN("SSBroyden", "ssbroyden.");

        final String label;
        final String prefix;

        Update(String label, String prefix) {
            this.label = label;
            this.prefix = prefix;
        }
    }

    private final Update kind;
    private final String prefix;
    private final int n;
    private final double[] h;
    private final double[] hy;
    private boolean empty = true;

    DenseInverseHessian(int n, Update kind) {
        if (n > Bfgs.MAX_DIMENSION) {
            throw new IllegalArgumentException(kind.label + ": " + n + " unknowns need a dense " + n + " x " + n
                    + " matrix; use Lbfgs for more than a few thousand");
        }
        this.n = n;
        this.kind = kind;
        this.prefix = kind.prefix;
        this.h = new double[n * n];
        this.hy = new double[n];
        reset();
    }

    @Override
    public boolean isEmpty() {
        return empty;
    }

    @Override
    public void reset() {
        Arrays.fill(h, 0);
        for (int i = 0; i < n; i++) {
            h[i * n + i] = 1;
        }
        empty = true;
    }

    @Override
    public void save(Map<String, Tensor> state) {
        state.put(prefix + "h", Tensor.of(h.clone(), n, n));
        state.put(prefix + "empty", Tensor.scalar(empty ? 1 : 0));
    }

    @Override
    public void load(SavedState state) {
        double[] saved = state.finite(prefix + "h", state.matrix(prefix + "h", n, n));
        boolean wasEmpty = state.whole(prefix + "empty", 0, 1) == 1;
        System.arraycopy(saved, 0, h, 0, h.length);
        empty = wasEmpty;
    }

    @Override
    public void direction(double[] g, double[] d) {
        for (int i = 0; i < n; i++) {
            double acc = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                acc += h[row + j] * g[j];
            }
            d[i] = -acc;
        }
    }

    @Override
    public boolean update(double[] s, double[] y) {
        return update(s, y, null, Double.NaN);
    }

    @Override
    public boolean update(double[] s, double[] y, double[] g, double alpha) {
        double sy = QuasiNewton.dot(s, y);
        double yy = QuasiNewton.dot(y, y);
        if (!(sy > QuasiNewton.CURVATURE_EPS * yy) || !Double.isFinite(sy) || !Double.isFinite(yy)) {
            return false;
        }
        double rho = 1 / sy;
        double b = g == null ? Double.NaN : -alpha * rho * QuasiNewton.dot(s, g);
        boolean first = empty;
        empty = false;
        if (kind != Update.SSBROYDEN || !(b > 0)) {
            if (first) {
                scale(sy / yy);
            } else if (kind != Update.BFGS) {
                double tau = Math.min(1, 1 / b);
                scale(Double.isFinite(tau) && tau > 0 ? 1 / tau : 1);
            }
            bfgs(s, y, rho);
            return true;
        }
        multiplyHy(y);
        double yhy = QuasiNewton.dot(y, hy);
        double hk = yhy * rho;
        double a = b * hk - 1;
        double rhoMinus = Math.min(1, hk * (1 - Math.sqrt(Math.abs(a) / (1 + a))));
        double thetaMinus = (rhoMinus - 1) / a;
        double theta = Math.max(thetaMinus, Math.min(1 / rhoMinus, (1 - b) / b));
        double sigma = 1 + theta * a;
        double tau;
        if (first) {
            tau = hk / sigma;
        } else {
            double limit = Math.min(1, 1 / b);
            double root = Math.pow(Math.abs(sigma), 1.0 / (1 - n));
            tau = theta <= 0 ? Math.min(limit * root, sigma) : limit * Math.min(root, 1 / theta);
        }
        double phi = (1 - theta) / sigma;
        if (!Double.isFinite(tau) || !(tau > 0) || !Double.isFinite(phi) || !(yhy > 0)) {
            bfgs(s, y, rho);
            return true;
        }
        broydenUpdate(s, rho, yhy, phi, 1 / tau);
        return true;
    }

    private void scale(double c) {
        if (c != 1) {
            for (int i = 0; i < h.length; i++) {
                h[i] *= c;
            }
        }
    }

    private void multiplyHy(double[] y) {
        for (int i = 0; i < n; i++) {
            double acc = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                acc += h[row + j] * y[j];
            }
            hy[i] = acc;
        }
    }

    /** {@code H+ = H - rho (Hy s' + s Hy') + rho (1 + rho y.Hy) s s'}. */
    private void bfgs(double[] s, double[] y, double rho) {
        multiplyHy(y);
        double c = rho * (1 + rho * QuasiNewton.dot(y, hy));
        for (int i = 0; i < n; i++) {
            double si = s[i];
            double hyi = hy[i];
            int row = i * n;
            for (int j = i; j < n; j++) {
                double v = h[row + j] + c * si * s[j] - rho * (hyi * s[j] + si * hy[j]);
                h[row + j] = v;
                h[j * n + i] = v;
            }
        }
    }

    /** {@code H+ = (H - Hy Hy'/yHy + phi yHy v v') / tau + rho s s'}, {@code v = rho s - Hy / yHy}. */
    private void broydenUpdate(double[] s, double rho, double yhy, double phi, double invTau) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rho * s[i] - hy[i] / yhy;
        }
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = i; j < n; j++) {
                double e = (h[row + j] - hy[i] * hy[j] / yhy + phi * yhy * v[i] * v[j]) * invTau + rho * s[i] * s[j];
                h[row + j] = e;
                h[j * n + i] = e;
            }
        }
    }
}
