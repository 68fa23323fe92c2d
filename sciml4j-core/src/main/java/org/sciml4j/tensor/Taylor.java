package org.sciml4j.tensor;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Taylor mode as a transformation of the recorded graph: higher directional derivatives of any function built
 * from the engine's primitives in one forward pass. The function runs once (recorded); then every primitive's
 * Taylor rule (declared beside its vjp and jvp rules) maps the truncated Taylor coefficients of its inputs to those of
 * its output. The coefficients of all orders and all directions are stacked along a new leading axis, so a linear
 * primitive runs once on all of them (an MLP's matmul on (R N, k) rows). The rules are recorded tensor operations:
 * reverse mode through the derivatives (a PINN loss differentiated with respect to the parameters) just works.
 * <p>
 * Compared with nesting forward or reverse passes k times, one Taylor pass costs O(k^2) element-wise work per
 * nonlinearity and one stacked matmul per linear layer, where nesting grows as 2^k.
 * <ul>
 * <li>{@link #jet}: u, D_v u, ..., D_v^K u along one direction v;</li>
 * <li>{@link #jets}: many directions at once, each to its own order, sharing one pass;</li>
 * <li>{@link #partials}: any partial derivatives d^|a| u / dx^a (mixed ones such as u_xy or u_xxyy included) of a
 * function of the last axis of x, by interpolating pure directional derivatives along integer directions
 * (Griewank, Utke and Walther 2000).</li>
 * </ul>
 */
public final class Taylor {
    private Taylor() {
    }

    /**
     * The value and the directional derivatives of {@code f} at {@code x} along {@code direction} up to {@code order}.
     *
     * @param f         a function built from tensor operations; any input and output shapes
     * @param x         the point, any shape
     * @param direction the direction, shape of x (e.g. a one-hot column per point for d/dx)
     * @param order     K &ge; 1 (rules are tested to 4)
     * @return {u, D_v u, D_v^2 u, ..., D_v^K u}, each of the shape of f(x) (derivatives, not coefficients)
     */
    public static Tensor[] jet(Function<Tensor, Tensor> f, Tensor x, Tensor direction, int order) {
        return jets(f, x, new Tensor[] {direction}, new int[] {order})[0];
    }

    /**
     * Directional derivatives along several directions in one pass.
     *
     * @param directions each of the shape of x
     * @param orders     per direction its highest order (&ge; 1)
     * @return per direction {u, D_v u, ..., D_v^{orders[d]} u}, each of the shape of f(x); u is shared
     */
    public static Tensor[][] jets(Function<Tensor, Tensor> f, Tensor x, Tensor[] directions, int[] orders) {
        return jets((xi, none) -> f.apply(xi), x, null, null, directions, orders);
    }

    /**
     * Directional derivatives of h(x) = f(x, g(x)) when those of the inner function g are known already, from a
     * fused pass (a network's {@code TaylorJet}) say: g's coefficients seed the transformation beside x's, so only
     * f's own graph (an output transform applied to a network's outputs) is propagated, not g's.
     *
     * @param f          the outer function of the point x and of g's value (recorded, as {@link #jets} records f)
     * @param x          the point, any shape
     * @param g          g(x), recorded against whatever it depends on (a network's parameters): reverse mode reaches
     *                   them through it and through {@code inner}
     * @param inner      per direction {ignored, D_v g, D_v^2 g, ..., D_v^{orders[d]} g}: derivatives (not
     *                   coefficients), each of g's shape
     * @param directions each of the shape of x
     * @param orders     per direction its highest order (&ge; 1)
     * @return per direction {h, D_v h, ..., D_v^{orders[d]} h}, each of the shape of h(x); h is shared
     */
    public static Tensor[][] jetsAfter(BiFunction<Tensor, Tensor, Tensor> f, Tensor x, Tensor g, Tensor[][] inner,
            Tensor[] directions, int[] orders) {
        if (inner.length != directions.length || orders.length != directions.length) {
            throw new IllegalArgumentException("Taylor.jetsAfter: " + inner.length + " inner jets and "
                    + orders.length + " orders for " + directions.length + " directions");
        }
        for (int d = 0; d < inner.length; d++) {
            if (inner[d].length <= orders[d]) {
                throw new IllegalArgumentException("Taylor.jetsAfter: direction " + d + " has inner derivatives to "
                        + "order " + (inner[d].length - 1) + " but order " + orders[d] + " is asked for");
            }
            for (int k = 1; k <= orders[d]; k++) {
                if (!Arrays.equals(inner[d][k].shape, g.shape)) {
                    throw new ShapeException("Taylor.jetsAfter: derivative " + k + " along direction " + d + " has "
                            + "shape " + Shape.str(inner[d][k].shape) + " but g has shape " + Shape.str(g.shape));
                }
            }
        }
        return jets(f, x, g, inner, directions, orders);
    }

    private static Tensor[][] jets(BiFunction<Tensor, Tensor, Tensor> f, Tensor x, Tensor g, Tensor[][] inner,
            Tensor[] directions, int[] orders) {
        if (directions.length == 0 || directions.length != orders.length) {
            throw new IllegalArgumentException("Taylor.jets: " + directions.length + " directions and "
                    + orders.length + " orders (one order per direction, at least one direction)");
        }
        Integer[] byOrder = new Integer[orders.length];
        for (int d = 0; d < orders.length; d++) {
            byOrder[d] = d;
            if (orders[d] < 1) {
                throw new IllegalArgumentException("Taylor.jets: order " + orders[d] + " for direction " + d
                        + " (must be at least 1)");
            }
            if (!Arrays.equals(directions[d].shape, x.shape)) {
                throw new ShapeException("Taylor.jets: direction " + d + " has shape " + Shape.str(directions[d].shape)
                        + " but the point has shape " + Shape.str(x.shape));
            }
        }
        Arrays.sort(byOrder, (a, b) -> Integer.compare(orders[b], orders[a]));   // stable: ties keep their order
        int[] sorted = new int[orders.length];
        Tensor[] first = new Tensor[orders.length];
        int[] row = new int[orders.length];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = orders[byOrder[i]];
            first[i] = directions[byOrder[i]].unsqueeze(0);
            row[byOrder[i]] = i;
        }
        TaylorPlan plan = new TaylorPlan(sorted);
        Tensor[] blocks = new Tensor[plan.order + 1];
        blocks[1] = first.length == 1 ? first[0] : Tensor.concat(0, first);
        for (int k = 2; k <= plan.order; k++) {
            blocks[k] = Tensor.zeros(Primitives.lifted(plan.rows[k], x.shape));
        }
        boolean recording = Autodiff.isRecording();
        Tensor xi;
        Tensor y;
        try (Autodiff.Scope s = Autodiff.enableGrad()) {
            xi = Autodiff.asInput(x);
            y = f.apply(xi, g);
        }
        IdentityHashMap<Tensor, Tensor> seeds = new IdentityHashMap<>();
        seeds.put(xi, plan.assemble(blocks));
        if (g != null) {
            seeds.put(g, plan.assemble(innerBlocks(plan, inner, byOrder)));
        }
        Tensor stack = propagate(y, plan, seeds).get(y);
        Tensor u = recording ? y : y.detach();
        Tensor[][] out = new Tensor[orders.length][];
        for (int d = 0; d < orders.length; d++) {
            out[d] = new Tensor[orders[d] + 1];
            out[d][0] = u;
            double factorial = 1;
            for (int k = 1; k <= orders[d]; k++) {
                factorial *= k;
                if (stack == null) {
                    out[d][k] = Tensor.zeros(y.shape);
                    continue;
                }
                int r = plan.start[k] + row[d];
                Tensor c = stack.slice(0, r, r + 1).reshape(y.shape);
                out[d][k] = k == 1 ? c : c.mul(factorial);
                if (!recording) {
                    out[d][k] = out[d][k].detach();
                }
            }
        }
        return out;
    }

    /**
     * Partial derivatives of {@code f} with respect to the components of the last axis of {@code x}, all in one
     * Taylor pass: a derivative along one variable comes from the jet along it; a mixed one of order k from pure
     * k-th derivatives along the integer directions i with |i| = k over its variables, combined by the exact
     * interpolation weights (for u_xy: (D_{x+y}^2 - D_x^2 - D_y^2) / 2, written with directions (2,0), (1,1),
     * (0,2)). Directions shared by several partials are propagated once.
     *
     * @param x            the points, shape (..., n)
     * @param multiIndices each of length n: how many times to differentiate along each variable ({0, 2}: u_yy,
     *                     {1, 1}: u_xy, {2, 2}: u_xxyy; all zeros: u itself)
     * @return one tensor per multi-index, each of the shape of f(x)
     */
    public static Tensor[] partials(Function<Tensor, Tensor> f, Tensor x, int[][] multiIndices) {
        return TaylorPartials.compute(f, x, multiIndices);
    }

    /**
     * The blocks of an inner function's stack: block k holds D^k g / k! along the directions that reach order k, in
     * the plan's (sorted) order.
     */
    private static Tensor[] innerBlocks(TaylorPlan plan, Tensor[][] inner, Integer[] byOrder) {
        Tensor[] blocks = new Tensor[plan.order + 1];
        double factorial = 1;
        for (int k = 1; k <= plan.order; k++) {
            factorial *= k;
            Tensor[] rows = new Tensor[plan.rows[k]];
            for (int i = 0; i < rows.length; i++) {
                Tensor dk = inner[byOrder[i]][k];
                rows[i] = (k == 1 ? dk : dk.div(factorial)).unsqueeze(0);
            }
            blocks[k] = rows.length == 1 ? rows[0] : Tensor.concat(0, rows);
        }
        return blocks;
    }

    /**
     * The Taylor transformation of the graph of {@code y}: the stacks of every tensor between the seeds and y.
     *
     * @param seeds tracked tensors (leaves or handles) and their stacks, shape (R, *their shape)
     * @return the stacks by tensor (seeds included); y's is absent when y does not depend on the seeds
     */
    static IdentityHashMap<Tensor, Tensor> propagate(Tensor y, TaylorPlan plan, IdentityHashMap<Tensor, Tensor> seeds) {
        IdentityHashMap<Tensor, Tensor> stacks = new IdentityHashMap<>(seeds);
        for (Tensor t : Autodiff.topologicalOrder(y)) {
            if (t.node == null || seeds.containsKey(t)) {
                continue;
            }
            Tensor[] inputs = t.node.inputs;
            Tensor[] c = null;
            for (int k = 0; k < inputs.length; k++) {
                Tensor s = stacks.get(inputs[k]);
                if (s != null) {
                    if (c == null) {
                        c = new Tensor[inputs.length];
                    }
                    c[k] = s;
                }
            }
            if (c != null) {
                Tensor r = t.node.op.taylor(plan, c, t, inputs);
                if (r != null) {
                    stacks.put(t, plan.fit(r, t.shape));
                }
            }
        }
        return stacks;
    }
}
