package org.sciml4j.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link Taylor#partials}: partial derivatives, mixed ones included, from pure directional derivatives along integer
 * directions, propagated in one multi-direction Taylor pass.
 * <p>
 * For a multi-index a of order k over the variables it involves, the directional derivatives along the integer
 * directions i with |i| = k are D_i^k u = sum_b (k! / b!) i^b d^b u over the multi-indices b with |b| = k: a square
 * system (invertible, Griewank, Utke and Walther 2000) whose inverse's row a gives d^a u = sum_i w_i D_i^k u.
 * A direction i is propagated as i / gcd(i) (so the one-variable directions are the unit vectors that pure
 * derivatives use anyway), and D_i^k = gcd^k D_{i/gcd}^k.
 */
final class TaylorPartials {
    private TaylorPartials() {
    }

    /** One partial as a combination of directional derivatives: per direction key, order and weight. */
    private record Term(String direction, int order, double weight) {
    }

    static Tensor[] compute(Function<Tensor, Tensor> f, Tensor x, int[][] multiIndices) {
        if (x.shape.length == 0) {
            throw new ShapeException("Taylor.partials: the point must have at least one axis (the variables)");
        }
        int n = x.shape[x.shape.length - 1];
        Map<String, int[]> directions = new LinkedHashMap<>();
        Map<String, Integer> orders = new LinkedHashMap<>();
        List<List<Term>> plans = new ArrayList<>();
        for (int[] a : multiIndices) {
            if (a.length != n) {
                throw new IllegalArgumentException("Taylor.partials: multi-index " + Arrays.toString(a) + " has "
                        + a.length + " entries but the points have " + n + " variables");
            }
            List<Term> terms = terms(a);
            for (Term t : terms) {
                if (t.order() == 0) {
                    continue;
                }
                directions.computeIfAbsent(t.direction(), key -> parse(key));
                orders.merge(t.direction(), t.order(), Math::max);
            }
            plans.add(terms);
        }
        Tensor[] result = new Tensor[multiIndices.length];
        if (directions.isEmpty()) {
            Tensor u;
            try (Autodiff.Scope s = Autodiff.isRecording() ? Autodiff.enableGrad() : Autodiff.noGrad()) {
                u = f.apply(x);
            }
            Arrays.fill(result, u);
            return result;
        }
        List<String> keys = new ArrayList<>(directions.keySet());
        Tensor[] dirs = new Tensor[keys.size()];
        int[] ord = new int[keys.size()];
        for (int d = 0; d < dirs.length; d++) {
            int[] w = directions.get(keys.get(d));
            double[] v = new double[n];
            for (int j = 0; j < n; j++) {
                v[j] = w[j];
            }
            dirs[d] = Tensor.of(v, n).broadcastTo(x.shape).copy();
            ord[d] = orders.get(keys.get(d));
        }
        Tensor[][] jets = Taylor.jets(f, x, dirs, ord);
        for (int i = 0; i < multiIndices.length; i++) {
            Tensor sum = null;
            for (Term t : plans.get(i)) {
                Tensor term = t.order() == 0 ? jets[0][0] : jets[keys.indexOf(t.direction())][t.order()];
                term = t.weight() == 1 ? term : term.mul(t.weight());
                sum = sum == null ? term : sum.add(term);
            }
            result[i] = sum != null ? sum : Tensor.zeros(jets[0][0].shape);
        }
        return result;
    }

    /** The directional derivatives (keyed by their primitive integer direction) whose combination gives d^a u. */
    private static List<Term> terms(int[] a) {
        int n = a.length;
        int k = 0;
        List<Integer> support = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            if (a[v] < 0) {
                throw new IllegalArgumentException("Taylor.partials: negative order in " + Arrays.toString(a));
            }
            k += a[v];
            if (a[v] > 0) {
                support.add(v);
            }
        }
        if (k == 0) {
            return List.of(new Term(null, 0, 1));
        }
        if (support.size() == 1) {
            return List.of(new Term(key(unit(n, support.get(0))), k, 1));
        }
        List<int[]> indices = new ArrayList<>();
        compositions(new int[support.size()], 0, k, indices);
        int m = indices.size();
        double[][] system = new double[m][m];
        int target = -1;
        for (int b = 0; b < m; b++) {
            int[] beta = indices.get(b);
            if (Arrays.equals(beta, restrict(a, support))) {
                target = b;
            }
            for (int i = 0; i < m; i++) {
                system[i][b] = multinomial(k, beta) * power(indices.get(i), beta);
            }
        }
        double[] weights = rowOfInverse(system, target);
        List<Term> terms = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            if (weights[i] == 0) {
                continue;
            }
            int[] dir = new int[n];
            int g = 0;
            for (int s = 0; s < support.size(); s++) {
                dir[support.get(s)] = indices.get(i)[s];
                g = gcd(g, indices.get(i)[s]);
            }
            for (int v = 0; v < n; v++) {
                dir[v] /= g;
            }
            terms.add(new Term(key(dir), k, weights[i] * Math.pow(g, k)));
        }
        return terms;
    }

    /** All vectors of non-negative integers of the given length summing to {@code k}, in lexicographic order. */
    private static void compositions(int[] prefix, int at, int k, List<int[]> out) {
        if (at == prefix.length - 1) {
            prefix[at] = k;
            out.add(prefix.clone());
            return;
        }
        for (int j = k; j >= 0; j--) {
            prefix[at] = j;
            compositions(prefix, at + 1, k - j, out);
        }
    }

    /** k! / (b_1! b_2! ...). */
    private static double multinomial(int k, int[] b) {
        double r = factorial(k);
        for (int e : b) {
            r /= factorial(e);
        }
        return r;
    }

    private static double factorial(int k) {
        double r = 1;
        for (int i = 2; i <= k; i++) {
            r *= i;
        }
        return r;
    }

    /** i^b = prod i_j^{b_j} (0^0 = 1). */
    private static double power(int[] i, int[] b) {
        double r = 1;
        for (int j = 0; j < i.length; j++) {
            r *= Math.pow(i[j], b[j]);
        }
        return r;
    }

    /** Row {@code row} of the inverse of {@code a}: solves a^T w = e_row by Gaussian elimination with pivoting. */
    private static double[] rowOfInverse(double[][] a, int row) {
        int m = a.length;
        double[][] t = new double[m][m + 1];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                t[i][j] = a[j][i];
            }
            t[i][m] = i == row ? 1 : 0;
        }
        for (int c = 0; c < m; c++) {
            int p = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(t[r][c]) > Math.abs(t[p][c])) {
                    p = r;
                }
            }
            double[] swap = t[c];
            t[c] = t[p];
            t[p] = swap;
            for (int r = 0; r < m; r++) {
                if (r != c && t[r][c] != 0) {
                    double q = t[r][c] / t[c][c];
                    for (int j = c; j <= m; j++) {
                        t[r][j] -= q * t[c][j];
                    }
                }
            }
        }
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            double v = t[i][m] / t[i][i];
            // the weights are rationals with small denominators: drop the elimination's rounding residue
            w[i] = Math.abs(v) < 1e-13 ? 0 : v;
        }
        return w;
    }

    private static int[] restrict(int[] a, List<Integer> support) {
        int[] r = new int[support.size()];
        for (int s = 0; s < r.length; s++) {
            r[s] = a[support.get(s)];
        }
        return r;
    }

    private static int[] unit(int n, int v) {
        int[] e = new int[n];
        e[v] = 1;
        return e;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static String key(int[] direction) {
        return Arrays.toString(direction);
    }

    private static int[] parse(String key) {
        String body = key.substring(1, key.length() - 1);
        return Arrays.stream(body.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }
}
