package org.sciml4j.pinn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import org.sciml4j.domain.expr.Derivative;
import org.sciml4j.nn.jet.TaylorJet;
import org.sciml4j.tensor.Tensor;

/**
 * The directions of a problem's fused jet ({@link TaylorJet#evaluate}) and where its blocks hold each derivative the
 * problem uses. Derivatives along one variable come from the jet's blocks along that variable. A mixed second
 * derivative u_ab comes by polarisation from three second-derivative blocks: along a, along b and along the sum
 * direction e_a + e_b ({@link TaylorJet#sum}), u_ab = (D_{a+b}^2 u - u_aa - u_bb) / 2; its rounding error is then
 * relative to the size of those three rather than to u_ab's own.
 */
final class JetDirections {
    /** The jet's directions: the variables along which anything is needed, in order, then the sums, in order. */
    private final int[] variables;
    private final int[] orders;
    /** blocks[k][o]: the jet block of the order-o derivative along direction k (o = 1 .. orders[k]). */
    private final int[][] blocks;
    /** {@link #terms} of the derivatives the directions were made for, found once (the training loop asks often). */
    private final Map<Derivative, int[][]> termsOf = new HashMap<>();

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
     * (a derivative along one variable beyond the jet's order, a mixed derivative other than u_ab of order 2, or one
     * with a jet of order 1): the generic path is then needed.
     *
     * @param columns the number of input variables
     */
    static JetDirections of(TaylorJet jet, int columns, Set<Derivative> needed) {
        int[] along = new int[columns];
        Set<Integer> sums = new TreeSet<>(); // codes of TaylorJet.sum, in a fixed order
        for (Derivative d : needed) {
            int[] vars = IntStream.range(0, columns).filter(v -> d.order(v) > 0).toArray();
            if (vars.length == 1 && d.order() <= jet.maxOrder()) {
                along[vars[0]] = Math.max(along[vars[0]], d.order());
            } else if (vars.length == 2 && d.order() == 2 && jet.maxOrder() >= 2) {
                along[vars[0]] = Math.max(along[vars[0]], 2); // the polarisation needs u_aa and u_bb
                along[vars[1]] = Math.max(along[vars[1]], 2);
                sums.add(TaylorJet.sum(vars[0], vars[1]));
            } else if (vars.length > 0) {
                return null;
            }
        }
        int[] single = IntStream.range(0, columns).filter(v -> along[v] > 0).toArray();
        int[] variables = IntStream.concat(Arrays.stream(single), sums.stream().mapToInt(Integer::intValue)).toArray();
        int[] orders = IntStream.concat(Arrays.stream(single).map(v -> along[v]),
                sums.stream().mapToInt(s -> 2)).toArray();
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
     * The (direction, order) pairs whose blocks give {@code d}: {@code {{-1, 0}}} for the value, one pair for a
     * derivative along one variable, three for a mixed second derivative (along a + b, along a, along b: see
     * {@link #combine}).
     *
     * @throws IllegalStateException if the jet was not built with {@code d} (a caller's bug: the directions are chosen
     *                               from the derivatives the problem uses), rather than handing back another block
     */
    int[][] terms(Derivative d) {
        int[][] t = termsOf.get(d);
        return t != null ? t : findTerms(d);
    }

    private int[][] findTerms(Derivative d) {
        int[] vars = IntStream.range(0, columnsOf(d)).filter(v -> d.order(v) > 0).toArray();
        if (vars.length == 0) {
            return new int[][] {{-1, 0}};
        }
        if (vars.length == 1) {
            int k = indexOf(vars[0]);
            if (k >= 0 && d.order() <= orders[k]) {
                return new int[][] {{k, d.order()}};
            }
        } else if (vars.length == 2 && d.order() == 2) {
            int k = indexOf(TaylorJet.sum(vars[0], vars[1]));
            if (k >= 0) {
                return new int[][] {{k, 2}, {indexOf(vars[0]), 2}, {indexOf(vars[1]), 2}};
            }
        }
        throw new IllegalStateException(d.name() + " is not among the fused jet's derivatives");
    }

    /**
     * A derivative from the tensors of its {@link #terms}, in their order: the one tensor itself, or the polarisation
     * (D_{a+b}^2 - D_a^2 - D_b^2) / 2 of three.
     */
    static Tensor combine(Tensor[] parts) {
        return parts.length == 1 ? parts[0] : parts[0].sub(parts[1]).sub(parts[2]).mul(0.5);
    }

    /** The unit vector (or sum of two) of direction k among {@code columns} variables. */
    double[] vector(int k, int columns) {
        double[] e = new double[columns];
        for (int c : TaylorJet.columns(variables[k])) {
            e[c] = 1;
        }
        return e;
    }

    private int columnsOf(Derivative d) {
        return d.orders().length;
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
