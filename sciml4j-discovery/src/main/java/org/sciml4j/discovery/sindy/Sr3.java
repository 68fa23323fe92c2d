package org.sciml4j.discovery.sindy;

/**
 * Sparse relaxed regularised regression (Zheng et al., IEEE Access 2019; Champion et al. 2020; PySINDy's SR3):
 * minimises {@code 1/2 ||Y - Theta W||^2 + lambda R(V) + 1/(2 nu) ||W - V||^2} by alternating an exact least-squares
 * step in W with the proximal step of R in V. With L0 the prox is hard thresholding at {@code threshold}; with L1 it
 * is soft thresholding by {@code threshold}. Linear equality constraints {@code C vec(W) = d} on the coefficients are
 * imposed exactly in the W step (a KKT system); vec(W) lists target 0's p coefficients, then target 1's, and so on
 * (PySINDy's order). Without constraints the sparse V is returned after a least-squares refit on its support; with
 * them W is returned as it is (it satisfies the constraints exactly; entries off V's support are small, not zero).
 */
public final class Sr3 implements SparseRegressor {

    /** The sparsity penalty R. */
    public enum Penalty { L0, L1 }

    private final double threshold;
    private final double nu;
    private final Penalty penalty;
    private final int maxIterations;
    private final double tolerance;
    private final boolean normalize;
    private final double[] constraintLhs;
    private final double[] constraintRhs;

    /**
     * @param threshold     the prox threshold, non-negative
     * @param nu            the relaxation (smaller follows the data less closely during the iteration), positive
     * @param penalty       L0 or L1
     * @param maxIterations the most iterations
     * @param tolerance     the stop when W changes by less (max norm)
     * @param normalize     whether coefficients are thresholded after scaling columns to unit root-mean-square
     * @param constraintLhs C, shape (c, p * m) row-major, or null for none
     * @param constraintRhs d, shape (c), or null
     */
    public Sr3(double threshold, double nu, Penalty penalty, int maxIterations, double tolerance, boolean normalize,
            double[] constraintLhs, double[] constraintRhs) {
        if (!(threshold >= 0) || !(nu > 0) || maxIterations < 1 || !(tolerance > 0)) {
            throw new IllegalArgumentException("SR3 needs threshold >= 0, nu > 0, max_iterations >= 1, tolerance > 0;"
                    + " got " + threshold + ", " + nu + ", " + maxIterations + ", " + tolerance);
        }
        if ((constraintLhs == null) != (constraintRhs == null)) {
            throw new IllegalArgumentException("SR3 constraints need both the left-hand side and the right-hand side");
        }
        this.threshold = threshold;
        this.nu = nu;
        this.penalty = penalty;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.normalize = normalize;
        this.constraintLhs = constraintLhs == null ? null : constraintLhs.clone();
        this.constraintRhs = constraintRhs == null ? null : constraintRhs.clone();
    }

    /** Unconstrained SR3 with 10000 iterations at most and tolerance 1e-10 on raw columns. */
    public Sr3(double threshold, double nu, Penalty penalty) {
        this(threshold, nu, penalty, 10000, 1e-10, false, null, null);
    }

    @Override
    public double[] fit(Design design) {
        NormalEquations ne = design.normal();
        int p = ne.features();
        int m = ne.targets();
        int c = constraintRhs == null ? 0 : constraintRhs.length;
        if (c > 0 && constraintLhs.length != c * p * m) {
            throw new IllegalArgumentException("SR3 constraints: the left-hand side has " + constraintLhs.length
                    + " values, expected " + c + " x " + p * m + " (constraints x features * targets)");
        }
        double[] s = normalize ? ne.scale() : ones(p);
        int size = p * m + c;
        double[] kkt = kktMatrix(ne, s, c);
        double[] inverse = inverse(kkt, size);
        double[] v = new double[p * m];
        double[] w = new double[p * m];
        double[] rhs = new double[size];
        for (int it = 0; it < maxIterations; it++) {
            // right-hand side: scaled B + V / nu, then the constraint values
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < p; i++) {
                    rhs[j * p + i] = ne.rhs()[i * m + j] / s[i] + v[j * p + i] / nu;
                }
            }
            for (int r = 0; r < c; r++) {
                rhs[p * m + r] = constraintRhs[r];
            }
            double change = 0;
            for (int a = 0; a < p * m; a++) {
                double sum = 0;
                for (int b = 0; b < size; b++) {
                    sum += inverse[a * size + b] * rhs[b];
                }
                change = Math.max(change, Math.abs(sum - w[a]));
                w[a] = sum;
            }
            for (int a = 0; a < p * m; a++) {
                v[a] = prox(w[a]);
            }
            if (change < tolerance && it > 0) {
                break;
            }
        }
        return c > 0 ? constrainedResult(w, s, p, m) : refit(ne, v, s, p, m);
    }

    private double prox(double x) {
        if (penalty == Penalty.L0) {
            return Math.abs(x) >= threshold ? x : 0;
        }
        return Math.signum(x) * Math.max(Math.abs(x) - threshold, 0);
    }

    /** [[blockdiag(G_s + I/nu), C_s^T], [C_s, 0]] in scaled coordinates (w_scaled = w * s). */
    private double[] kktMatrix(NormalEquations ne, double[] s, int c) {
        int p = ne.features();
        int m = ne.targets();
        int size = p * m + c;
        double[] k = new double[size * size];
        for (int j = 0; j < m; j++) {
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    k[(j * p + a) * size + j * p + b] = ne.gram()[a * p + b] / (s[a] * s[b]);
                }
                k[(j * p + a) * size + j * p + a] += 1 / nu;
            }
        }
        for (int r = 0; r < c; r++) {
            for (int col = 0; col < p * m; col++) {
                double cv = constraintLhs[r * p * m + col] / s[col % p];
                k[(p * m + r) * size + col] = cv;
                k[col * size + p * m + r] = cv;
            }
        }
        return k;
    }

    private static double[] inverse(double[] a, int n) {
        double[] identity = new double[n * n];
        for (int i = 0; i < n; i++) {
            identity[i * n + i] = 1;
        }
        return Dense.solve(a, identity, n, n);
    }

    private double[] constrainedResult(double[] w, double[] s, int p, int m) {
        double[] xi = new double[p * m];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < p; i++) {
                double ws = w[j * p + i];
                xi[i * m + j] = ws / s[i];
            }
        }
        return xi;
    }

    private static double[] refit(NormalEquations ne, double[] v, double[] s, int p, int m) {
        double[] xi = new double[p * m];
        for (int j = 0; j < m; j++) {
            boolean[] active = new boolean[p];
            for (int i = 0; i < p; i++) {
                active[i] = v[j * p + i] != 0;
            }
            double[] w = ne.solve(active, j, 0, null);
            for (int i = 0; i < p; i++) {
                xi[i * m + j] = w[i];
            }
        }
        return xi;
    }

    private static double[] ones(int p) {
        double[] s = new double[p];
        java.util.Arrays.fill(s, 1);
        return s;
    }

    @Override
    public String describe() {
        return "sr3(" + penalty + ", threshold " + threshold + ", nu " + nu
                + (constraintRhs == null ? "" : ", " + constraintRhs.length + " constraints") + ")";
    }
}
