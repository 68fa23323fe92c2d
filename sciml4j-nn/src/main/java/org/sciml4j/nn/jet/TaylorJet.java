package org.sciml4j.nn.jet;

import java.util.List;

import org.sciml4j.tensor.Tensor;

/**
 * A network's fused Taylor-mode pass: at N points, the value u, its first derivative along each of some input
 * columns and its second (third, fourth) derivatives along some of them, in one pass that is differentiable once with respect to the
 * parameters and the points. A network that can fuse such a pass offers one through
 * {@link org.sciml4j.nn.Module#taylorJet()}; callers that get none (or need mixed derivatives of order 3 or more, or orders
 * beyond the jet's) take the generic path (the Taylor pass over the recorded graph), which gives the same numbers to
 * rounding.
 * <p>
 * Directions are one-hot along input columns: derivative k is {@code d u / d x[:, variables[k]]}, point by point;
 * or the sum or difference of two columns' unit vectors ({@link #sum}, {@link #difference}): the derivatives along
 * e_a + e_b (and e_a - e_b), from which mixed derivatives follow by polarisation, e.g.
 * u_ab = (D_{a+b}^2 u - u_aa - u_bb) / 2.
 */
public interface TaylorJet {
    /**
     * The direction e_a + e_b, for {@link #evaluate}'s {@code variables}: a code below 0 (columns are 0 or more).
     *
     * @throws IllegalArgumentException unless 0 <= a < b < 16384
     */
    static int sum(int a, int b) {
        return pair("sum", a, b, 0);
    }

    /** The direction e_a - e_b, as {@link #sum}: with it, mixed derivatives of orders 3 and 4 by polarisation. */
    static int difference(int a, int b) {
        return pair("difference", a, b, 1);
    }

    private static int pair(String what, int a, int b, int minus) {
        if (a < 0 || b <= a || b >= PAIR_BASE) {
            throw new IllegalArgumentException("TaylorJet." + what + ": columns must satisfy 0 <= a < b < " + PAIR_BASE
                    + ", got " + a + ", " + b);
        }
        return -1 - ((a * PAIR_BASE + b) * 2 + minus);
    }

    /**
     * The input columns whose unit vectors make direction {@code direction}: {v} for a column, {a, b} for a
     * {@link #sum} or {@link #difference}.
     */
    static int[] columns(int direction) {
        if (direction >= 0) {
            return new int[] {direction};
        }
        int code = (-1 - direction) / 2;
        return new int[] {code / PAIR_BASE, code % PAIR_BASE};
    }

    /** The weights of {@link #columns}' unit vectors in {@code direction}: {1}, {1, 1} (a sum) or {1, -1}. */
    static double[] weights(int direction) {
        return direction >= 0 ? new double[] {1} : new double[] {1, (-1 - direction) % 2 == 0 ? 1 : -1};
    }

    /** The base of {@link #sum}'s code. */
    int PAIR_BASE = 1 << 14;

    /**
     * The highest order along one input variable that {@link #evaluate} gives: 1 (u_x), 2 (u_x and u_xx), 3 (also
     * u_xxx, as KdV needs) or 4 (also u_xxxx: beams, plates, Kuramoto-Sivashinsky); the blocks of {@link #evaluate} go
     * no further.
     */
    int maxOrder();

    /**
     * The value, first, second and third derivatives at {@code x}, the derivatives at the first
     * {@code derivativePoints} points only (a point set that needs u alone does not pay for derivative rows).
     *
     * @param x                points, shape (N, in)
     * @param variables        distinct directions to differentiate along (may be empty: values only): input columns,
     *                         or sums and differences of two ({@link #sum}, {@link #difference})
     * @param orders           per variable, 1 .. {@link #maxOrder()}: the highest order wanted along it
     * @param derivativePoints how many of the points (the first ones) get derivatives, 0 .. N
     * @return {u of shape (N, out), then d u / d x_variables[k] for each k, then d2 u / d x_variables[k]^2 for each k
     *         of order 2 or more in the order of k, then d3 u / d x_variables[k]^3 for each k of order 3 or more, then
     *         d4 u / d x_variables[k]^4 for each k of order 4, in the order of k, each derivative of shape (derivativePoints, out)}, recorded against the network's parameters and x
     * @throws IllegalArgumentException naming the variable, order or shape that is wrong
     */
    Tensor[] evaluate(Tensor x, int[] variables, int[] orders, int derivativePoints);

    /**
     * {@link #evaluate}'s blocks stacked along the rows, as a fused network takes an embedding's jet for its first
     * layer: shape (N + (blocks - 1) * derivativePoints, out). A jet that depends on nothing trained may keep it
     * between calls ({@link FourierJet} with a frozen B).
     */
    default Tensor stacked(Tensor x, int[] variables, int[] orders, int derivativePoints) {
        Tensor[] e = evaluate(x, variables, orders, derivativePoints);
        return e.length == 1 ? e[0] : Tensor.concat(0, e);
    }

    /**
     * The jet of networks side by side ({@link org.sciml4j.nn.Concat}): each part's jet at the same points, block by
     * block concatenated along the last axis (part 0's outputs first). Its {@link #maxOrder()} is the parts' least.
     *
     * @param parts the parts' jets, in output order, at least one
     */
    static TaylorJet sideBySide(List<TaylorJet> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("TaylorJet.sideBySide: no part given");
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<TaylorJet> copy = List.copyOf(parts);
        int order = Integer.MAX_VALUE;
        for (TaylorJet p : copy) {
            order = Math.min(order, p.maxOrder());
        }
        int maxOrder = order;
        return new TaylorJet() {
            @Override
            public int maxOrder() {
                return maxOrder;
            }

            @Override
            public Tensor[] evaluate(Tensor x, int[] variables, int[] orders, int derivativePoints) {
                Tensor[][] each = new Tensor[copy.size()][];
                for (int i = 0; i < each.length; i++) {
                    each[i] = copy.get(i).evaluate(x, variables, orders, derivativePoints);
                }
                Tensor[] r = new Tensor[each[0].length];
                for (int b = 0; b < r.length; b++) {
                    Tensor[] block = new Tensor[each.length]; // a fresh array each: the concatenation keeps it
                    for (int i = 0; i < each.length; i++) {
                        block[i] = each[i][b];
                    }
                    r[b] = Tensor.concat(-1, block);
                }
                return r;
            }
        };
    }
}
