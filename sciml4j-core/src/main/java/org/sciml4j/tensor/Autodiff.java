package org.sciml4j.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Function;

import org.sciml4j.tensor.kernel.Elementwise;

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
        return backward(Plan.of(y, xs), seed, createGraph);
    }

    /**
     * The reverse pass's view of a graph: every tensor of y's graph at its position in the topological order, each
     * node's inputs by position (-1: untracked, outside the graph), and which tensors lie on a path to one of
     * {@code xs} (only these need cotangents). Made once per graph: a replayed graph ({@link Tape}) keeps its plan.
     */
    static final class Plan {
        final Tensor y;
        final List<Tensor> xs;
        final List<Tensor> order;
        final int[][] inputsAt;
        final boolean[] target;
        final boolean[] needed;
        /** The position of each of xs, -1 where y does not depend on it. */
        final int[] xsAt;

        private Plan(Tensor y, List<Tensor> xs) {
            this.y = y;
            this.xs = xs;
            IdentityHashMap<Tensor, Integer> index = new IdentityHashMap<>(64);
            order = topologicalOrder(y, index);
            int size = order.size();
            target = new boolean[size];
            xsAt = new int[xs.size()];
            for (int k = 0; k < xsAt.length; k++) {
                Integer i = index.get(xs.get(k));
                xsAt[k] = i == null ? -1 : i;
                if (i != null) {
                    target[i] = true;
                }
            }
            inputsAt = new int[size][];
            needed = new boolean[size];
            for (int i = 0; i < size; i++) {
                Tensor t = order.get(i);
                boolean n = target[i];
                if (t.node != null) {
                    Tensor[] inputs = t.node.inputs;
                    int[] at = new int[inputs.length];
                    for (int k = 0; k < inputs.length; k++) {
                        Integer j = index.get(inputs[k]);
                        at[k] = j == null ? -1 : j;
                        n |= j != null && needed[j];
                    }
                    inputsAt[i] = at;
                }
                needed[i] = n;
            }
        }

        static Plan of(Tensor y, List<Tensor> xs) {
            return new Plan(y, xs);
        }
    }

    /** The reverse pass over a plan's graph: {@link #grad(Tensor, List, Tensor, boolean)} after its checks. */
    static List<Tensor> backward(Plan plan, Tensor seed, boolean createGraph) {
        List<Tensor> order = plan.order;
        int size = order.size();
        Tensor[] cot = new Tensor[size];
        cot[size - 1] = seed != null ? seed : Tensor.ones(plan.y.shape); // y is last in the order
        // cotangents this pass allocated and nobody else holds: later contributions are added into them in place
        boolean[] owned = new boolean[size];
        try (Scope scope = createGraph ? enableGrad() : noGrad()) {
            for (int i = size - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                if (cot[i] == null || t.node == null || !plan.needed[i]) {
                    continue;
                }
                propagate(t, cot[i], plan.inputsAt[i], plan.needed, cot, owned, createGraph);
                if (!plan.target[i]) {
                    cot[i] = null; // free memory as we go
                }
            }
        }
        List<Tensor> out = new ArrayList<>(plan.xs.size());
        for (int k = 0; k < plan.xsAt.length; k++) {
            int i = plan.xsAt[k];
            Tensor g = i >= 0 ? cot[i] : null;
            out.add(g != null ? g : Tensor.zeros(plan.xs.get(k).shape));
        }
        return out;
    }

    /**
     * Node t's cotangent g passed to its inputs (at their positions {@code at}, -1 outside the graph) that lie on a
     * path to a target: by the primitive's in-place rule where nothing is recorded, else by its vjp.
     */
    private static void propagate(Tensor t, Tensor g, int[] at, boolean[] needed, Tensor[] cot, boolean[] owned,
                                  boolean createGraph) {
        Tensor[] inputs = t.node.inputs;
        boolean[] need = new boolean[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            need[k] = at[k] >= 0 && needed[at[k]];
        }
        if (!createGraph && inputs.length == 1 && need[0] && t.node.op.addsInto()) {
            addInto(t, g, cot, owned, at[0]);
            return;
        }
        Tensor[] r = t.node.op.vjp(g, t, inputs, need);
        for (int k = 0; k < inputs.length; k++) {
            if (need[k] && r[k] != null) {
                accumulate(cot, owned, at[k], r[k], createGraph);
            }
        }
    }

    /**
     * Adds r to the cotangent at position p: in place where this pass owns that cotangent (never when it records)
     * and the shapes agree, by the kernel {@code Tensor.add} uses (the same sums, element by element), else as a new
     * tensor (recorded with createGraph).
     */
    private static void accumulate(Tensor[] cot, boolean[] owned, int p, Tensor r, boolean createGraph) {
        Tensor old = cot[p];
        if (old == null) {
            cot[p] = r;
        } else if (owned[p] && Arrays.equals(old.shape, r.shape)) {
            Elementwise.binary(Elementwise.Binary.ADD, old.data, r.data, old.data);
        } else {
            cot[p] = old.add(r);
            owned[p] = !createGraph;
        }
    }

    /**
     * Node t's cotangent g added into its one input's (position p) in place by the primitive's own rule
     * ({@link Primitive#vjpAddInto}: a slice's few rows, not an input's worth of zeros per slice and a sum per slice),
     * into a new array the first time (zeros, or a copy of a cotangent this pass does not own).
     */
    private static void addInto(Tensor t, Tensor g, Tensor[] cot, boolean[] owned, int p) {
        Tensor input = t.node.inputs[0];
        if (!owned[p]) {
            Tensor old = cot[p];
            cot[p] = Tensor.wrap(old == null ? new double[Shape.numel(input.shape)] : old.data.clone(), input.shape);
            owned[p] = true;
        }
        t.node.op.vjpAddInto(cot[p].data, g, t.node.inputs);
    }

    // ================================================================== per-point Jacobians

    /**
     * The Jacobian of per-point residuals with respect to parameters, in one reverse pass: row i is the gradient of
     * {@code r[i]} with respect to all parameters, flattened in order (row-major within each parameter). This is
     * what Gauss-Newton and Levenberg-Marquardt need, at the cost of one backward pass rather than one per point.
     * <p>
     * Every point must be computed independently of the others (row i of every intermediate result that depends on
     * {@code points} depends only on point i), as in a network applied to a batch and the residuals built from its
     * derivatives. An operation that mixes points (a sum over them, say) is refused with a message naming it.
     *
     * @param r      residuals, shape (N) or (N, 1), computed from {@code points} and the parameters
     * @param points the tracked input holding the points, shape (N, ...)
     * @param params parameter leaves; the result has one column per element
     * @return shape (N, P), P the total number of parameter elements
     */
    public static Tensor jacobianRows(Tensor r, Tensor points, List<Tensor> params) {
        int n = points.shape.length == 0 ? -1 : points.shape[0];
        if (r.shape.length == 0 || r.shape[0] != n || r.data.length != n) {
            throw new ShapeException("jacobianRows: residuals of shape " + Shape.str(r.shape)
                    + " must hold one value per point, shape (" + n + ",) or (" + n + ", 1), for points of shape "
                    + Shape.str(points.shape));
        }
        if (!r.isTracked()) {
            throw new IllegalArgumentException("jacobianRows: the residuals do not depend on any tracked tensor");
        }
        IdentityHashMap<Tensor, Boolean> targets = identitySet(params);
        List<Tensor> order = topologicalOrder(r);
        IdentityHashMap<Tensor, Boolean> needed = onPathTo(order, targets);
        IdentityHashMap<Tensor, Boolean> batched = new IdentityHashMap<>();
        for (Tensor t : order) {
            boolean b = t == points;
            if (t.node != null) {
                for (Tensor in : t.node.inputs) {
                    b |= isBatched(in, batched, n);
                }
            }
            if (b) {
                if (targets.containsKey(t)) {
                    throw new IllegalArgumentException("jacobianRows: a parameter depends on the points");
                }
                batched.put(t, Boolean.TRUE);
            }
        }
        IdentityHashMap<Tensor, Tensor> cot = new IdentityHashMap<>();
        cot.put(r, Tensor.ones(r.shape));
        try (Scope scope = noGrad()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = cot.get(t);
                if (g == null || t.node == null || !needed.containsKey(t)) {
                    continue;
                }
                Tensor[] in = t.node.inputs;
                boolean outBatched = batched.containsKey(t);
                boolean[] isBatched = new boolean[in.length];
                boolean[] needBatched = new boolean[in.length];
                boolean[] needRows = new boolean[in.length];
                boolean anyBatched = false;
                boolean anyRows = false;
                for (int k = 0; k < in.length; k++) {
                    isBatched[k] = isBatched(in[k], batched, n);
                    boolean need = needed.containsKey(in[k]);
                    needBatched[k] = need && isBatched[k];
                    needRows[k] = need && !isBatched[k];
                    anyBatched |= needBatched[k];
                    anyRows |= needRows[k];
                }
                if (outBatched && (t.shape.length == 0 || t.shape[0] != n || !t.node.op.keepsRows(t, in, isBatched))) {
                    throw new UnsupportedOperationException("jacobianRows: operation '" + t.node.op.name()
                            + "' mixes the points (its output of shape " + Shape.str(t.shape)
                            + " does not keep row i for point i)");
                }
                if (anyBatched) {
                    accumulate(cot, in, needBatched, t.node.op.vjp(g, t, in, needBatched));
                }
                if (anyRows) {
                    accumulate(cot, in, needRows, t.node.op.vjpRows(g, t, in, needRows, outBatched));
                }
                if (!targets.containsKey(t)) {
                    cot.remove(t);
                }
            }
        }
        Tensor[] columns = new Tensor[params.size()];
        for (int k = 0; k < params.size(); k++) {
            Tensor p = params.get(k);
            Tensor g = cot.get(p);
            columns[k] = g != null ? g.reshape(n, p.data.length) : Tensor.zeros(n, p.data.length);
        }
        return Tensor.concat(1, columns);
    }

    private static IdentityHashMap<Tensor, Boolean> identitySet(List<Tensor> tensors) {
        IdentityHashMap<Tensor, Boolean> set = new IdentityHashMap<>();
        for (Tensor t : tensors) {
            set.put(t, Boolean.TRUE);
        }
        return set;
    }

    /** The tensors of {@code order} that are targets or lie on a path to one: only these need cotangents. */
    private static IdentityHashMap<Tensor, Boolean> onPathTo(List<Tensor> order,
                                                             IdentityHashMap<Tensor, Boolean> targets) {
        IdentityHashMap<Tensor, Boolean> needed = new IdentityHashMap<>();
        for (Tensor t : order) {
            boolean n = targets.containsKey(t);
            for (int k = 0; !n && t.node != null && k < t.node.inputs.length; k++) {
                n = needed.containsKey(t.node.inputs[k]);
            }
            if (n) {
                needed.put(t, Boolean.TRUE);
            }
        }
        return needed;
    }

    /**
     * Whether a tensor carries the point axis: it is computed from the points, or it is per-point data (an untracked
     * constant with N rows, such as the seed tangent of a forward-mode derivative). Parameters never do.
     */
    private static boolean isBatched(Tensor t, IdentityHashMap<Tensor, Boolean> batched, int n) {
        return batched.containsKey(t) || (!t.isTracked() && t.shape.length > 0 && t.shape[0] == n);
    }

    private static void accumulate(IdentityHashMap<Tensor, Tensor> cot, Tensor[] in, boolean[] need, Tensor[] g) {
        for (int k = 0; k < in.length; k++) {
            if (need[k] && g[k] != null) {
                cot.merge(in[k], g[k], Tensor::add);
            }
        }
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
        return topologicalOrder(y, new IdentityHashMap<>());
    }

    /**
     * {@link #topologicalOrder(Tensor)}, and {@code index} maps each tensor of the result to its position there.
     */
    static List<Tensor> topologicalOrder(Tensor y, IdentityHashMap<Tensor, Integer> index) {
        List<Tensor> order = new ArrayList<>();
        final Integer onStack = -1;
        // iterative post-order DFS: deep graphs (high-order derivatives) must not overflow the stack
        ArrayList<Tensor> stack = new ArrayList<>();
        ArrayList<Integer> next = new ArrayList<>();
        stack.add(y);
        next.add(0);
        index.put(y, onStack);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Tensor t = stack.get(top);
            int k = next.get(top);
            Tensor[] inputs = t.node == null ? null : t.node.inputs;
            if (inputs != null && k < inputs.length) {
                next.set(top, k + 1);
                Tensor in = inputs[k];
                if (in.isTracked() && index.putIfAbsent(in, onStack) == null) {
                    stack.add(in);
                    next.add(0);
                }
            } else {
                index.put(t, order.size());
                order.add(t);
                stack.remove(top);
                next.remove(top);
            }
        }
        return order;
    }
}
