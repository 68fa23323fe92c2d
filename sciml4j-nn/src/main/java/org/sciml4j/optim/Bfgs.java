package org.sciml4j.optim;

import java.util.Map;

import org.sciml4j.tensor.Tensor;

/**
 * BFGS with a dense inverse-Hessian approximation (Nocedal and Wright, Algorithm 6.1) and a {@link StrongWolfe}
 * line search, for small parameter counts: it stores {@code n^2} doubles and spends {@code O(n^2)} per iteration.
 * <p>
 * {@code H} starts as the identity; before the first update it is rescaled to {@code (s'y / y'y) I} (eq. 6.20).
 * The update is {@code H+ = (I - rho s y') H (I - rho y s') + rho s s'}, {@code rho = 1 / s'y}, and a pair with
 * {@code s'y <= eps y'y} (eps the machine epsilon) is skipped. The first iteration (and any after a reset) goes
 * along {@code -g} with initial step {@code min(1, 1/|g|_2)}, later ones start the line search at 1. If the line
 * search finds no decrease along a quasi-Newton direction, {@code H} is reset and the steepest descent is tried
 * before giving up.
 * <p>
 * Immutable and shareable; each run ({@link #minimize}, {@link #start}, {@link #restore}) keeps its own matrix. A
 * run's {@link SteppingMinimizer.Run#state() state} holds, besides the entries every quasi-Newton run saves,
 * {@code bfgs.h} of shape {@code (n, n)} and {@code bfgs.empty} of shape {@code ()}: 1 while no pair has been
 * taken ({@code H} is then the identity, not yet rescaled), else 0.
 */
public final class Bfgs extends QuasiNewton {
    /** Largest dimension accepted ({@code n^2} must fit in an array). */
    public static final int MAX_DIMENSION = 46_340;

    private Bfgs(Builder b) {
        super(b);
    }

    /** BFGS with all defaults ({@link StoppingCriteria#defaults()}, {@link StrongWolfe#defaults()}). */
    public static Bfgs create() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    String name() {
        return "BFGS";
    }

    @Override
    InverseHessian approximation(int n) {
        if (n > MAX_DIMENSION) {
            throw new IllegalArgumentException("BFGS: " + n + " unknowns need a dense " + n + " x " + n
                    + " matrix; use Lbfgs for more than a few thousand");
        }
        return new Dense(n);
    }

    @Override
    public String toString() {
        return "Bfgs[" + stopping() + ", lineSearch c1=" + lineSearch().c1() + " c2=" + lineSearch().c2() + "]";
    }

    /** Dense symmetric inverse-Hessian approximation, row-major. */
    private static final class Dense implements InverseHessian {
        static final String H = "bfgs.h";
        static final String EMPTY = "bfgs.empty";
        final int n;
        final double[] h;
        final double[] hy;
        boolean empty = true;

        Dense(int n) {
            this.n = n;
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
            java.util.Arrays.fill(h, 0);
            for (int i = 0; i < n; i++) {
                h[i * n + i] = 1;
            }
            empty = true;
        }

        @Override
        public void save(Map<String, Tensor> state) {
            state.put(H, Tensor.of(h, n, n));
            state.put(EMPTY, Tensor.scalar(empty ? 1 : 0));
        }

        @Override
        public void load(SavedState state) {
            double[] saved = state.finite(H, state.matrix(H, n, n));
            boolean wasEmpty = state.whole(EMPTY, 0, 1) == 1;
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
            double sy = dot(s, y);
            double yy = dot(y, y);
            if (!(sy > CURVATURE_EPS * yy) || !Double.isFinite(sy) || !Double.isFinite(yy)) {
                return false;
            }
            if (empty) {
                double gamma = sy / yy;
                for (int i = 0; i < n; i++) {
                    h[i * n + i] = gamma;
                }
                empty = false;
            }
            for (int i = 0; i < n; i++) {
                double acc = 0;
                int row = i * n;
                for (int j = 0; j < n; j++) {
                    acc += h[row + j] * y[j];
                }
                hy[i] = acc;
            }
            double yhy = dot(y, hy);
            double rho = 1 / sy;
            double c = rho * (1 + rho * yhy);
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
            return true;
        }
    }

    /** Builder of {@link Bfgs}; the stopping and line-search settings are those of every quasi-Newton minimiser. */
    public static final class Builder extends QuasiNewton.Builder<Builder, Bfgs> {
        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** The minimiser. */
        @Override
        public Bfgs build() {
            return new Bfgs(this);
        }
    }
}
