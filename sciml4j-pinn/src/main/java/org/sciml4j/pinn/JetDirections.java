package org.sciml4j.pinn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.sciml4j.domain.expr.Derivative;
import org.sciml4j.nn.jet.TaylorJet;
import org.sciml4j.tensor.Tensor;

/**
 * The directions of a problem's fused jet ({@link TaylorJet#evaluate}) and where its blocks hold each derivative the
 * problem uses. Derivatives along one variable come from the jet's blocks along that variable. Mixed derivatives
 * u_ab, u_aab, u_abb and u_aabb (the biharmonic's) come by polarisation from blocks along a, b, e_a + e_b
 * ({@link TaylorJet#sum}) and, from order 3, e_a - e_b ({@link TaylorJet#difference}); see {@link #mixed}. Their
 * rounding error is then relative to the size of those directional derivatives rather than to their own.
 */
final class JetDirections {
    /** The jet's directions: the variables along which anything is needed, in order, then the sums, in order. */
    private final int[] variables;
    private final int[] orders;
    /** blocks[k][o]: the jet block of the order-o derivative along direction k (o = 1 .. orders[k]). */
    private final int[][] blocks;
    /** {@link #terms} of the derivatives the directions were made for, found once (the training loop asks often). */
    private final Map<Derivative, Terms> termsOf = new HashMap<>();

    private JetDirections(int[] variables, int[] orders, Set<Derivative> needed) {
        this.variables = variables;
        this.orders = orders;
        blocks = new int[variables.length][5];
        int block = 1; // in the order TaylorJet.evaluate returns them: first derivatives, then seconds, thirds, fourths
        for (int order = 1; order <= 4; order++) {
            for (int k = 0; k < variables.length; k++) {
                if (orders[k] >= order) {
                    blocks[k][order] = block++;
                }
            }
        }
        for (Derivative d : needed) {
            termsOf.put(d, findTerms(d));
        }
    }

    /**
     * The directions that give every derivative in {@code needed} from one pass of {@code jet}, or null when it cannot
     * (a derivative along one variable beyond the jet's order; a mixed one other than u_ab, u_aab, u_abb and u_aabb,
     * or beyond the jet's order): the generic path is then needed.
     *
     * @param columns the number of input variables
     */
    static JetDirections of(TaylorJet jet, int columns, Set<Derivative> needed) {
        int[] along = new int[columns];
        Map<Integer, Integer> pairs = new TreeMap<>(); // TaylorJet.sum and .difference codes, their orders
        for (Derivative d : needed) {
            int[] vars = IntStream.range(0, columns).filter(v -> d.order(v) > 0).toArray();
            int order = d.order();
            if (vars.length == 1 && order <= jet.maxOrder()) {
                along[vars[0]] = Math.max(along[vars[0]], order);
            } else if (vars.length == 2 && order <= jet.maxOrder() && d.order(vars[0]) <= 2
                    && d.order(vars[1]) <= 2) {
                along[vars[0]] = Math.max(along[vars[0]], order); // the polarisation needs the pure ones
                along[vars[1]] = Math.max(along[vars[1]], order);
                pairs.merge(TaylorJet.sum(vars[0], vars[1]), order, Math::max);
                if (order > 2) {
                    pairs.merge(TaylorJet.difference(vars[0], vars[1]), order, Math::max);
                }
            } else if (vars.length > 0) {
                return null;
            }
        }
        int[] single = IntStream.range(0, columns).filter(v -> along[v] > 0).toArray();
        int[] variables = IntStream.concat(Arrays.stream(single), pairs.keySet().stream().mapToInt(Integer::intValue))
                .toArray();
        int[] orders = IntStream.concat(Arrays.stream(single).map(v -> along[v]),
                pairs.values().stream().mapToInt(Integer::intValue)).toArray();
        return new JetDirections(variables, orders, needed);
    }

    /** The jet's directions (its {@code variables} argument): input columns, then sums of two. */
    int[] variables() {
        return variables;
    }

    /** The order along each direction. */
    int[] orders() {
        return orders;
    }

    /** The jet block of the order-o derivative along direction k (1 <= o <= orders[k]). */
    int block(int k, int order) {
        return blocks[k][order];
    }

    /**
     * The blocks whose weighted sum gives {@code d}: {@code parts[i] = {direction, order}} ({@code {-1, 0}}: the value),
     * one part for a derivative along one variable, three or four for a mixed one (see {@link #combine}).
     */
    record Terms(int[][] parts, double[] weights, double scale) {
    }

    /**
     * The terms of {@code d}.
     *
     * @throws IllegalStateException if the jet was not built with {@code d} (a caller's bug: the directions are chosen
     *                               from the derivatives the problem uses), rather than handing back another block
     */
    Terms terms(Derivative d) {
        Terms t = termsOf.get(d);
        return t != null ? t : findTerms(d);
    }

    private Terms findTerms(Derivative d) {
        int[] vars = IntStream.range(0, d.orders().length).filter(v -> d.order(v) > 0).toArray();
        int order = d.order();
        if (vars.length == 0) {
            return new Terms(new int[][] {{-1, 0}}, new double[] {1}, 1);
        }
        if (vars.length == 1) {
            int k = indexOf(vars[0]);
            if (k >= 0 && order <= orders[k]) {
                return new Terms(new int[][] {{k, order}}, new double[] {1}, 1);
            }
        } else if (vars.length == 2) {
            int a = vars[0];
            int b = vars[1];
            int plus = indexOf(TaylorJet.sum(a, b));
            int minus = order > 2 ? indexOf(TaylorJet.difference(a, b)) : 0;
            if (plus >= 0 && minus >= 0 && order <= orders[plus]) {
                return mixed(d.order(a), d.order(b), plus, minus, indexOf(a), indexOf(b));
            }
        }
        throw new IllegalStateException(d.name() + " is not among the fused jet's derivatives");
    }

    /**
     * The polarisation of a mixed derivative of orders (i, j) along a and b from the derivatives along e_a + e_b
     * ({@code plus}), e_a - e_b ({@code minus}), a and b: with D_+- the derivatives along e_a +- e_b,
     * u_ab = (D_+^2 - u_aa - u_bb) / 2, u_aab = (D_+^3 - D_-^3 - 2 u_bbb) / 6, u_abb = (D_+^3 + D_-^3 - 2 u_aaa) / 6,
     * u_aabb = (D_+^4 + D_-^4 - 2 u_aaaa - 2 u_bbbb) / 12.
     */
    private static Terms mixed(int i, int j, int plus, int minus, int a, int b) {
        if (i == 1 && j == 1) {
            return new Terms(new int[][] {{plus, 2}, {a, 2}, {b, 2}}, new double[] {1, -1, -1}, 0.5);
        }
        if (i + j == 3) {
            return i == 2 ? new Terms(new int[][] {{plus, 3}, {minus, 3}, {b, 3}}, new double[] {1, -1, -2}, 1.0 / 6)
                    : new Terms(new int[][] {{plus, 3}, {minus, 3}, {a, 3}}, new double[] {1, 1, -2}, 1.0 / 6);
        }
        return new Terms(new int[][] {{plus, 4}, {minus, 4}, {a, 4}, {b, 4}}, new double[] {1, 1, -2, -2}, 1.0 / 12);
    }

    /**
     * A derivative from the tensors of its {@link #terms}' parts, in their order: the one tensor itself, or the
     * weighted sum times the scale (u_ab: (D_+^2 - u_aa - u_bb) * 0.5).
     */
    static Tensor combine(Tensor[] parts, Terms terms) {
        Tensor r = parts[0];
        for (int i = 1; i < parts.length; i++) {
            double w = terms.weights()[i];
            r = w == 1 ? r.add(parts[i]) : w == -1 ? r.sub(parts[i]) : r.sub(parts[i].mul(-w));
        }
        return terms.scale() == 1 ? r : r.mul(terms.scale());
    }

    /** The unit vector (or sum or difference of two) of direction k among {@code columns} variables. */
    double[] vector(int k, int columns) {
        double[] e = new double[columns];
        int[] c = TaylorJet.columns(variables[k]);
        double[] w = TaylorJet.weights(variables[k]);
        for (int i = 0; i < c.length; i++) {
            e[c[i]] = w[i];
        }
        return e;
    }

    private int indexOf(int direction) {
        for (int k = 0; k < variables.length; k++) {
            if (variables[k] == direction) {
                return k;
            }
        }
        return -1;
    }
}
