package org.sciml4j.optim;

import java.util.Arrays;
import java.util.Map;

import org.sciml4j.tensor.Tensor;

/**
 * Limited-memory BFGS (Nocedal and Wright, Algorithms 7.4 and 7.5) with a {@link StrongWolfe} line search.
 * <p>
 * The direction is {@code -H g} by the two-loop recursion over the last {@code m} pairs
 * {@code s = x+ - x, y = g+ - g}, with the initial matrix {@code gamma I}, {@code gamma = s'y / y'y} of the newest
 * pair. A pair with {@code s'y <= eps y'y} (eps the machine epsilon, as L-BFGS-B) is skipped. The first iteration
 * (and any after a reset) goes along {@code -g} with initial step {@code min(1, 1/|g|_2)}; later ones start the line
 * search at 1. If the line search finds no decrease along a quasi-Newton direction, the memory is cleared and the
 * steepest descent is tried before giving up.
 * <p>
 * The default history size is 100, as {@code torch.optim.LBFGS} ({@code history_size}) and DeepXDE
 * ({@code maxcor}) use for network training; it costs {@code 2 m n} doubles and {@code 4 m n} flops per iteration,
 * small next to a network's gradient. SciPy's default of 10 is enough for smooth low-dimensional problems.
 * <p>
 * Immutable and shareable; each run ({@link #minimize}, {@link #start}, {@link #restore}) keeps its own memory. A
 * run's {@link SteppingMinimizer.Run#state() state} holds, besides the entries every quasi-Newton run saves, the
 * memory oldest pair first: {@code lbfgs.s} and {@code lbfgs.y} of shape {@code (k, n)}, {@code lbfgs.rho} of
 * shape {@code (k)} ({@code 1 / s'y}), {@code lbfgs.gamma} of shape {@code ()}, for the {@code k <= m} pairs held;
 * it restores into an L-BFGS whose history size is at least {@code k}.
 */
public final class Lbfgs extends QuasiNewton {
    /** Default number of curvature pairs kept. */
    public static final int DEFAULT_HISTORY_SIZE = 100;

    private final int historySize;

    private Lbfgs(Builder b) {
        super(b);
        this.historySize = b.historySize;
    }

    /** L-BFGS with all defaults (history 100, {@link StoppingCriteria#defaults()}, {@link StrongWolfe#defaults()}). */
    public static Lbfgs create() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of curvature pairs kept. */
    public int historySize() {
        return historySize;
    }

    @Override
    String name() {
        return "L-BFGS";
    }

    @Override
    InverseHessian approximation(int n) {
        return new History(historySize, n);
    }

    @Override
    public String toString() {
        return "Lbfgs[history=" + historySize + ", " + stopping() + ", lineSearch c1=" + lineSearch().c1() + " c2="
                + lineSearch().c2() + "]";
    }

    /** The last m pairs in a ring buffer; arrays are allocated as pairs arrive. */
    private static final class History implements InverseHessian {
        static final String S = "lbfgs.s";
        static final String Y = "lbfgs.y";
        static final String RHO = "lbfgs.rho";
        static final String GAMMA = "lbfgs.gamma";
        final int m;
        final int n;
        final double[][] s;
        final double[][] y;
        final double[] rho;
        final double[] alpha;
        int count;
        int newest = -1;
        double gamma = 1;

        History(int m, int n) {
            this.m = m;
            this.n = n;
            s = new double[m][];
            y = new double[m][];
            rho = new double[m];
            alpha = new double[m];
        }

        @Override
        public boolean isEmpty() {
            return count == 0;
        }

        @Override
        public void reset() {
            count = 0;
            newest = -1;
            gamma = 1;
        }

        @Override
        public boolean update(double[] sk, double[] yk) {
            double sy = dot(sk, yk);
            double yy = dot(yk, yk);
            if (!(sy > CURVATURE_EPS * yy) || !Double.isFinite(sy) || !Double.isFinite(yy)) {
                return false;
            }
            int slot = (newest + 1) % m;
            if (s[slot] == null) {
                s[slot] = new double[n];
                y[slot] = new double[n];
            }
            System.arraycopy(sk, 0, s[slot], 0, n);
            System.arraycopy(yk, 0, y[slot], 0, n);
            rho[slot] = 1 / sy;
            newest = slot;
            count = Math.min(count + 1, m);
            gamma = sy / yy;
            return true;
        }

        @Override
        public void save(Map<String, Tensor> state) {
            double[] sk = new double[count * n];
            double[] yk = new double[count * n];
            double[] rhok = new double[count];
            int oldest = (newest - count + 1 + m) % m;
            for (int k = 0, idx = oldest; k < count; k++, idx = (idx + 1) % m) {
                System.arraycopy(s[idx], 0, sk, k * n, n);
                System.arraycopy(y[idx], 0, yk, k * n, n);
                rhok[k] = rho[idx];
            }
            state.put(S, Tensor.wrap(sk, count, n));
            state.put(Y, Tensor.wrap(yk, count, n));
            state.put(RHO, Tensor.wrap(rhok, count));
            state.put(GAMMA, Tensor.scalar(gamma));
        }

        /** Puts the pairs, oldest first, into slots 0 to k - 1: the slots differ, the arithmetic does not. */
        @Override
        public void load(SavedState state) {
            int k = state.rows(S, n);
            if (k > m) {
                throw state.refused(S, "holds " + k + " curvature pairs, more than this L-BFGS's history size " + m);
            }
            double[] sk = state.finite(S, state.matrix(S, k, n));
            double[] yk = state.finite(Y, state.matrix(Y, k, n));
            double[] rhok = state.finite(RHO, state.vector(RHO, k));
            double g = state.scalar(GAMMA);
            reset();
            for (int i = 0; i < k; i++) {
                s[i] = Arrays.copyOfRange(sk, i * n, (i + 1) * n);
                y[i] = Arrays.copyOfRange(yk, i * n, (i + 1) * n);
                rho[i] = rhok[i];
            }
            count = k;
            newest = k - 1;
            gamma = g;
        }

        @Override
        public void direction(double[] g, double[] d) {
            double[] q = d;
            System.arraycopy(g, 0, q, 0, n);
            for (int k = 0, idx = newest; k < count; k++, idx = (idx - 1 + m) % m) {
                double[] si = s[idx];
                double[] yi = y[idx];
                double a = rho[idx] * dot(si, q);
                alpha[idx] = a;
                for (int j = 0; j < n; j++) {
                    q[j] -= a * yi[j];
                }
            }
            for (int j = 0; j < n; j++) {
                q[j] *= gamma;
            }
            int oldest = (newest - count + 1 + m) % m;
            for (int k = 0, idx = oldest; k < count; k++, idx = (idx + 1) % m) {
                double[] si = s[idx];
                double[] yi = y[idx];
                double b = alpha[idx] - rho[idx] * dot(yi, q);
                for (int j = 0; j < n; j++) {
                    q[j] += b * si[j];
                }
            }
            for (int j = 0; j < n; j++) {
                d[j] = -q[j];
            }
        }
    }

    /** Builder of {@link Lbfgs}; the stopping and line-search settings are those of every quasi-Newton minimiser. */
    public static final class Builder extends QuasiNewton.Builder<Builder, Lbfgs> {
        private int historySize = DEFAULT_HISTORY_SIZE;

        private Builder() {
        }

        /** Number of curvature pairs kept, at least 1 (default 100). */
        public Builder historySize(int m) {
            if (m < 1) {
                throw new IllegalArgumentException("Lbfgs: history size must be >= 1, got " + m);
            }
            this.historySize = m;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** The minimiser. */
        @Override
        public Lbfgs build() {
            return new Lbfgs(this);
        }
    }
}
