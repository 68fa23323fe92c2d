package org.sciml4j.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Function;

/**
 * Automatic differentiation over the graph that tensor operations record.
 * <ul>
 * <li>Reverse mode: {@link #grad(Tensor, List, Tensor, boolean)} gives the gradients of a scalar (or of a
 * cotangent-weighted output) with respect to any tensors. With {@code createGraph} the gradient computation is
 * itself recorded, so gradients of gradients work to any order.</li>
 * <li>Forward mode: {@link #jvp(Tensor, List, List)} pushes tangents from inputs to an output along the same
 * recorded graph (Jacobian-vector products). The tangents are recorded too, so derivatives along input
 * coordinates can be nested to any order and a parameter gradient taken on top by one reverse pass.</li>
 * <li>{@link #noGrad()} evaluates without building a graph.</li>
 * </ul>
 * Both modes use the rules every primitive declares in one place ({@code Primitives}).
 */
public final class Autodiff {
    private Autodiff() {
    }

    private static final ThreadLocal<int[]> NO_GRAD_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    /** Whether operations on tracked tensors are being recorded on this thread. */
    public static boolean isRecording() {
        return NO_GRAD_DEPTH.get()[0] == 0;
    }

    /** A scope that restores the previous recording state when closed. */
    public static final class Scope implements AutoCloseable {
        private final int saved;

        private Scope(int depth) {
            int[] d = NO_GRAD_DEPTH.get();
            saved = d[0];
            d[0] = depth;
        }

        @Override
        public void close() {
            NO_GRAD_DEPTH.get()[0] = saved;
        }
    }

    /** Stops recording until the returned scope is closed: {@code try (var s = Autodiff.noGrad()) {...}}. */
    public static Scope noGrad() {
        return new Scope(NO_GRAD_DEPTH.get()[0] + 1);
    }

    /** Records again until the returned scope is closed, even inside {@link #noGrad()}. */
    public static Scope enableGrad() {
        return new Scope(0);
    }

    // ================================================================== reverse mode

    /** Gradients of a scalar {@code y} with respect to {@code xs} (no graph of the gradients is recorded). */
    public static Tensor[] grad(Tensor y, Tensor... xs) {
        return grad(y, Arrays.asList(xs), null, false).toArray(new Tensor[0]);
    }

    /**
     * Vector-Jacobian product: the gradient of {@code sum(seed * y)} with respect to each of {@code xs}.
     *
     * @param y           the output; any shape
     * @param xs          tensors {@code y} was computed from (leaves or intermediate results)
     * @param seed        cotangent of the shape of {@code y}; null means ones (for a scalar y, dy/dx)
     * @param createGraph record the gradient computation so that it can be differentiated again
     * @return one gradient per entry of {@code xs}, each of that entry's shape (zeros where y does not depend on it)
     * @throws IllegalArgumentException if y is not computed from any tensor that requires gradients
     * @throws NotDifferentiableException if a path from y to xs passes through a non-differentiable operation
     */
    public static List<Tensor> grad(Tensor y, List<Tensor> xs, Tensor seed, boolean createGraph) {
        if (!y.isTracked()) {
            throw new IllegalArgumentException("grad: the output of shape " + Shape.str(y.shape)
                    + " does not depend on any tensor that requires gradients (mark parameters or inputs with"
                    + " requireGrad() and do not compute it inside noGrad())");
        }
        if (seed != null && !Arrays.equals(seed.shape, y.shape)) {
            throw new ShapeException("grad: cotangent of shape " + Shape.str(seed.shape)
                    + " does not match the output shape " + Shape.str(y.shape));
        }
        IdentityHashMap<Tensor, Boolean> targets = new IdentityHashMap<>();
        for (Tensor x : xs) {
            targets.put(x, Boolean.TRUE);
        }
        List<Tensor> order = topologicalOrder(y);
        // which tensors lie on a path to a target: only those get cotangents
        IdentityHashMap<Tensor, Boolean> needed = new IdentityHashMap<>();
        for (Tensor t : order) {
            boolean n = targets.containsKey(t);
            if (!n && t.node != null) {
                for (Tensor in : t.node.inputs) {
                    if (needed.containsKey(in)) {
                        n = true;
                        break;
                    }
                }
            }
            if (n) {
                needed.put(t, Boolean.TRUE);
            }
        }
        IdentityHashMap<Tensor, Tensor> cot = new IdentityHashMap<>();
        cot.put(y, seed != null ? seed : Tensor.ones(y.shape));
        try (Scope scope = createGraph ? enableGrad() : noGrad()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = cot.get(t);
                if (g == null || t.node == null || !needed.containsKey(t)) {
                    continue;
                }
                Tensor[] inputs = t.node.inputs;
                boolean[] need = new boolean[inputs.length];
                for (int k = 0; k < inputs.length; k++) {
                    need[k] = needed.containsKey(inputs[k]);
                }
                Tensor[] gi = t.node.op.vjp(g, t, inputs, need);
                for (int k = 0; k < inputs.length; k++) {
                    if (need[k] && gi[k] != null) {
                        cot.merge(inputs[k], gi[k], Tensor::add);
                    }
                }
                if (!targets.containsKey(t)) {
                    cot.remove(t); // free memory as we go
                }
            }
        }
        List<Tensor> out = new ArrayList<>(xs.size());
        for (Tensor x : xs) {
            Tensor g = cot.get(x);
            out.add(g != null ? g : Tensor.zeros(x.shape));
        }
        return out;
    }

    // ================================================================== forward mode

    /**
     * Jacobian-vector product on a recorded graph: the directional derivative of {@code y} when each
     * {@code xs[i]} moves along {@code tangents[i]} (same shape). Tangent computations are recorded when
     * their inputs are tracked, so the result can be differentiated again (forward or reverse).
     *
     * @return the tangent of y, of y's shape (zeros if y does not depend on xs)
     */
    public static Tensor jvp(Tensor y, List<Tensor> xs, List<Tensor> tangents) {
        if (xs.size() != tangents.size()) {
            throw new IllegalArgumentException("jvp: " + xs.size() + " inputs but " + tangents.size() + " tangents");
        }
        IdentityHashMap<Tensor, Tensor> tan = new IdentityHashMap<>();
        for (int i = 0; i < xs.size(); i++) {
            Tensor v = tangents.get(i);
            if (!Arrays.equals(v.shape, xs.get(i).shape)) {
                throw new ShapeException("jvp: tangent " + i + " has shape " + Shape.str(v.shape)
                        + " but its input has shape " + Shape.str(xs.get(i).shape));
            }
            tan.put(xs.get(i), v);
        }
        for (Tensor t : topologicalOrder(y)) {
            if (t.node == null || tan.containsKey(t)) {
                continue;
            }
            Tensor[] inputs = t.node.inputs;
            Tensor[] ti = null;
            for (int k = 0; k < inputs.length; k++) {
                Tensor v = tan.get(inputs[k]);
                if (v != null) {
                    if (ti == null) {
                        ti = new Tensor[inputs.length];
                    }
                    ti[k] = v;
                }
            }
            if (ti != null) {
                Tensor out = t.node.op.jvp(ti, t, inputs);
                if (out != null) {
                    tan.put(t, out);
                }
            }
        }
        Tensor r = tan.get(y);
        return r != null ? r : Tensor.zeros(y.shape);
    }

    /** {@link #jvp(Tensor, List, List)} for one input. */
    public static Tensor jvp(Tensor y, Tensor x, Tensor tangent) {
        return jvp(y, List.of(x), List.of(tangent));
    }

    /** Value and directional derivative of a function: {@code (f(x), J_f(x) v)}. */
    public static Tensor[] jvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        Tensor xi = asInput(x);
        Tensor y = f.apply(xi);
        return new Tensor[] {y, jvp(y, xi, v)};
    }

    /** Value and gradients of a scalar function: {@code (f(x), grad f(x))}, with the gradient recorded. */
    public static Tensor[] valueAndGrad(Function<Tensor, Tensor> f, Tensor x) {
        Tensor xi = asInput(x);
        Tensor y = f.apply(xi);
        return new Tensor[] {y, grad(y, List.of(xi), null, true).get(0)};
    }

    /**
     * A fresh tracked handle on {@code x} for differentiating a function at x: a new leaf if x is untracked, else
     * an identity node, so that derivatives of the outer computation still flow through x.
     */
    public static Tensor asInput(Tensor x) {
        return x.isTracked() ? x.identity() : x.requireGrad();
    }

    // ================================================================== graph traversal

    /** Tensors reachable from y through tracked inputs, every tensor after its inputs. */
    static List<Tensor> topologicalOrder(Tensor y) {
        List<Tensor> order = new ArrayList<>();
        IdentityHashMap<Tensor, Boolean> visited = new IdentityHashMap<>();
        // iterative post-order DFS: deep graphs (high-order derivatives) must not overflow the stack
        ArrayList<Tensor> stack = new ArrayList<>();
        ArrayList<Integer> next = new ArrayList<>();
        stack.add(y);
        next.add(0);
        visited.put(y, Boolean.TRUE);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Tensor t = stack.get(top);
            int k = next.get(top);
            Tensor[] inputs = t.node == null ? null : t.node.inputs;
            if (inputs != null && k < inputs.length) {
                next.set(top, k + 1);
                Tensor in = inputs[k];
                if (in.isTracked() && visited.put(in, Boolean.TRUE) == null) {
                    stack.add(in);
                    next.add(0);
                }
            } else {
                order.add(t);
                stack.remove(top);
                next.remove(top);
            }
        }
        return order;
    }
}
