package org.sciml4j.pinn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.sciml4j.nn.Module;
import org.sciml4j.nn.jet.TaylorJet;
import org.sciml4j.domain.expr.Derivative;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Taylor;
import org.sciml4j.tensor.Tensor;

/**
 * Evaluates a network and the derivatives of its outputs that a problem uses, at several point sets stacked into one
 * batch, once per training step: one forward pass (or one fused Taylor pass) serves the equations and every
 * condition.
 * <p>
 * Fused path: when the network offers a fused jet ({@link Module#taylorJet()}) and every derivative used is along a
 * single variable, of an order the jet handles (ODEs; surrogates {@code u(c, t)} differentiated in t; PDEs with u_t,
 * u_x, u_xx, u_yy, KdV's u_xxx, beams' u_xxxx), or a mixed derivative u_xy, u_xxy, u_xyy or u_xxyy (elasticity,
 * plates), one multi-direction {@link TaylorJet#evaluate} pass gives u, its first derivatives along those variables
 * and the higher ones where needed at all points; a mixed one comes from derivatives along x, y, x + y and x - y
 * ({@link JetDirections}). With output transforms
 * (hard constraints), the jet's blocks seed a Taylor pass over the transforms' own small graph
 * ({@link Taylor#jetsAfter}): the network is never traced op by op.
 * <p>
 * Taylor path (the default when the fused jet does not apply: networks without one, such as activations other than
 * tanh and sin, mixed derivatives of order 3 or more, orders beyond the jet's): every derivative the problem uses comes from one Taylor pass
 * over the recorded graph ({@link Taylor#partials}), all directions and orders stacked. The nested reverse passes
 * (each lower derivative's gradient computed once and reused for all the variables) remain for {@link #evaluateAt}
 * (per-point Jacobians need row i to depend on point i alone) and when the system property
 * {@code sciml4j.pinn.derivatives=nested} asks for them (to compare the paths).
 */
final class PointEvaluator {
    /** The fields at the points: the network, then the transforms if any. */
    private final UnaryOperator<Tensor> output;
    /** The output transforms as a function of the points and the network's outputs; null: none. */
    private final BinaryOperator<Tensor> transform;
    private final int variables;
    private final Tensor stacked;         // (N, variables), all sets one after another
    private final int[] offsets;          // set i is rows offsets[i] .. offsets[i+1]
    private final List<List<Tensor>> variableColumns = new ArrayList<>();
    /** Fused path: the jet's directions and blocks; null: the generic path. */
    private final JetDirections jetDirections;
    /** Fused path with transforms: each jet direction's vector at the stacked points, made on first use. */
    private Tensor[] unitDirections;
    /** Fused path: the network's jet; null: the generic path. */
    private final TaylorJet taylorJet;
    /**
     * Fused path: per point set, whether an earlier pass asked for a derivative there (null before the first pass);
     * the next passes give derivative rows only to those sets, the others carry value rows alone.
     */
    private boolean[] derivativeSets;
    /** Fused path: the points in the order of the last layout (sets with derivatives first); null: none yet. */
    private FusedLayout layout;
    /** The derivatives the problem uses (what a Taylor pass computes at once). */
    private final Set<Derivative> needed;
    /** Whether the generic path nests reverse passes rather than taking one Taylor pass. */
    private boolean nested = "nested".equals(System.getProperty("sciml4j.pinn.derivatives"));

    PointEvaluator(Module net, int variables, List<Tensor> sets, Set<Derivative> needed) {
        this(net, variables, sets, needed, true);
    }

    /** As above; {@code allowFused = false} forces the generic path (to check one path against the other). */
    PointEvaluator(Module net, int variables, List<Tensor> sets, Set<Derivative> needed, boolean allowFused) {
        this(net, null, variables, sets, needed, allowFused);
    }

    /**
     * As above, with the fields computed from the points and the network's outputs by {@code transform} (a problem's
     * output transforms, see {@link Problem#transform}) rather than being the network's outputs; null: none.
     */
    PointEvaluator(Module net, BinaryOperator<Tensor> transform, int variables, List<Tensor> sets,
            Set<Derivative> needed, boolean allowFused) {
        this.transform = transform;
        this.output = transform == null ? net::forward : x -> transform.apply(x, net.forward(x));
        this.variables = variables;
        this.needed = Set.copyOf(needed);
        offsets = new int[sets.size() + 1];
        for (int i = 0; i < sets.size(); i++) {
            Tensor s = sets.get(i);
            if (s.rank() != 2 || s.size(1) != variables) {
                throw new IllegalArgumentException("points must have shape (N, " + variables + "), got "
                        + Arrays.toString(s.shape()));
            }
            offsets[i + 1] = offsets[i] + s.size(0);
            List<Tensor> cols = new ArrayList<>();
            for (int v = 0; v < variables; v++) {
                cols.add(s.col(v).detach());
            }
            variableColumns.add(cols);
        }
        if (net.inputSize() != variables) {
            throw new IllegalArgumentException("the network takes " + net.inputSize() + " inputs but the problem has "
                    + variables + " variables");
        }
        stacked = Tensor.concat(0, sets.toArray(new Tensor[0])).detach();
        TaylorJet jet = allowFused ? net.taylorJet().orElse(null) : null;
        jetDirections = jet != null ? JetDirections.of(jet, variables, needed) : null;
        taylorJet = jetDirections != null ? jet : null;
    }

    /** Chooses nested reverse passes ({@code true}) or the Taylor pass for the generic path; returns this. */
    PointEvaluator nestedDerivatives(boolean nestedPasses) {
        nested = nestedPasses;
        return this;
    }

    /** Whether the fused Taylor pass is used. */
    boolean fused() {
        return taylorJet != null;
    }

    /** Total number of points. */
    int size() {
        return stacked.size(0);
    }

    /**
     * One pass at all points; the evaluations are lazy and share the pass's results.
     *
     * @param unknowns current values of the unknown parameters by name
     * @return one evaluation per point set
     */
    List<Evaluation> evaluate(Map<String, Tensor> unknowns) {
        Pass pass = fused() ? (transform == null ? new FusedPass() : new TransformedFusedPass())
                : nested ? new GenericPass(Autodiff.asInput(stacked)) : new TaylorPass();
        List<Evaluation> out = new ArrayList<>();
        for (int s = 0; s < offsets.length - 1; s++) {
            int set = s;
            out.add(evaluation(set, d -> pass.column(d, set, offsets), unknowns));
        }
        return out;
    }

    /**
     * One generic pass at the evaluator's single point set, differentiated at {@code points}: a leaf made with
     * {@code requireGrad()} holding that set's values, shape (N, variables). Columns are not sliced out of a stack,
     * so every row of a residual is computed from its own point and {@code Autodiff.jacobianRows(residual, points,
     * parameters)} applies.
     *
     * @throws IllegalStateException if the evaluator has more than one point set
     */
    Evaluation evaluateAt(Tensor points, Map<String, Tensor> unknowns) {
        if (offsets.length != 2 || !Arrays.equals(points.shape(), stacked.shape())) {
            throw new IllegalStateException("evaluateAt needs an evaluator of one point set of shape "
                    + Arrays.toString(points.shape()));
        }
        GenericPass pass = new GenericPass(points);
        return evaluation(0, pass::column, unknowns);
    }

    private Evaluation evaluation(int set, Function<Derivative, Tensor> columns,
            Map<String, Tensor> unknowns) {
        return new Evaluation() {
            @Override
            public Tensor variable(int index) {
                return variableColumns.get(set).get(index);
            }

            @Override
            public Tensor derivative(Derivative d) {
                return columns.apply(d);
            }

            @Override
            public Tensor parameter(String name) {
                Tensor t = unknowns.get(name);
                if (t == null) {
                    throw new IllegalArgumentException("no value for unknown parameter '" + name + "'");
                }
                return t;
            }
        };
    }

    /** The network's values (no derivatives) at {@code x}, (N, outputs), without recording. */
    static Tensor predict(Module net, Tensor x) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return net.forward(x);
        }
    }

    /** A derivative column at all stacked points, computed on first request. */
    private abstract static class Pass {
        private final Map<Derivative, Tensor> columns = new HashMap<>();

        Tensor column(Derivative d) {
            return columns.computeIfAbsent(d, this::compute);
        }

        /** The column of {@code d} at the points of set {@code set} (rows offsets[set] .. offsets[set + 1]). */
        Tensor column(Derivative d, int set, int[] offsets) {
            return column(d).slice(0, offsets[set], offsets[set + 1]);
        }

        abstract Tensor compute(Derivative d);
    }

    /**
     * The stacked points of a fused pass: the sets with derivatives first (in their order), then the sets that need
     * values only; {@code start[s]} is set s's first row there (in the value block and, for a set with derivatives, in
     * each derivative block).
     */
    private record FusedLayout(boolean[] derivatives, Tensor points, int derivativePoints, int[] start) {
    }

    /** The layout for sets with derivatives where {@code derivatives} says (all sets: the stacked order). */
    private FusedLayout layoutFor(boolean[] derivatives) {
        int sets = offsets.length - 1;
        int[] start = new int[sets];
        List<Tensor> parts = new ArrayList<>();
        int row = 0;
        int nd = 0;
        boolean identity = true;
        for (int pass = 0; pass < 2; pass++) {
            for (int s = 0; s < sets; s++) {
                if (derivatives[s] == (pass == 0)) {
                    identity &= row == offsets[s];
                    start[s] = row;
                    row += offsets[s + 1] - offsets[s];
                    parts.add(stacked.slice(0, offsets[s], offsets[s + 1]));
                }
            }
            if (pass == 0) {
                nd = row;
            }
        }
        Tensor points = identity ? stacked : Tensor.concat(0, parts.toArray(new Tensor[0])).detach();
        return new FusedLayout(derivatives.clone(), points, nd, start);
    }

    /**
     * Multi-direction jets ({@link TaylorJet#evaluate}) along every variable in {@code jetDirections}, made on first use:
     * one with derivative rows at the sets that asked for derivatives in earlier passes (all sets in the first pass)
     * and value rows alone at the others; should a set ask for a derivative it did not ask for before, a second jet
     * with derivatives everywhere serves it (its values agree to a few ulps).
     */
    private final class FusedPass extends Pass {
        private Tensor[] jet;
        private FusedLayout at;
        private Tensor[] full;
        private FusedLayout fullLayout;
        /** Whole columns already taken from the jet and from the full jet, by derivative. */
        private final Map<Derivative, Tensor> takenFromJet = new HashMap<>();
        private final Map<Derivative, Tensor> takenFromFull = new HashMap<>();

        @Override
        Tensor compute(Derivative d) {
            throw new UnsupportedOperationException("columns of a fused pass are taken per set");
        }

        @Override
        Tensor column(Derivative d, int set, int[] offsets) {
            int sets = offsets.length - 1;
            boolean derivative = d.order() > 0;
            if (jet == null) {
                boolean[] want = derivativeSets;
                if (want == null) {
                    want = new boolean[sets];
                    Arrays.fill(want, true);
                }
                if (layout == null || !Arrays.equals(layout.derivatives(), want)) {
                    layout = layoutFor(want);
                }
                at = layout;
                jet = taylorJet.evaluate(at.points(), jetDirections.variables(), jetDirections.orders(),
                        at.derivativePoints());
                if (derivativeSets == null) {
                    derivativeSets = new boolean[sets];
                }
            }
            if (derivative) {
                derivativeSets[set] = true; // for the next passes
            }
            Tensor[] from = jet;
            FusedLayout in = at;
            if (derivative && !at.derivatives()[set]) {
                if (full == null) {
                    boolean[] all = new boolean[sets];
                    Arrays.fill(all, true);
                    fullLayout = layoutFor(all);
                    full = taylorJet.evaluate(fullLayout.points(), jetDirections.variables(),
                            jetDirections.orders(), fullLayout.derivativePoints());
                }
                from = full;
                in = fullLayout;
            }
            Map<Derivative, Tensor> taken = from == jet ? takenFromJet : takenFromFull;
            Tensor whole = taken.get(d);
            if (whole == null) {
                whole = column(from, d);
                taken.put(d, whole);
            }
            int s0 = in.start()[set];
            return whole.slice(0, s0, s0 + offsets[set + 1] - offsets[set]);
        }

        /** The whole column of {@code d} from the blocks of {@code source}. */
        private Tensor column(Tensor[] source, Derivative d) {
            JetDirections.Terms terms = jetDirections.terms(d);
            int[][] at = terms.parts();
            Tensor[] parts = new Tensor[at.length];
            for (int i = 0; i < parts.length; i++) {
                Tensor t = source[at[i][0] < 0 ? 0 : jetDirections.block(at[i][0], at[i][1])];
                parts[i] = t.size(1) == 1 ? t : t.col(d.fieldIndex());
            }
            return JetDirections.combine(parts, terms);
        }
    }

    /**
     * The fused jet of the network at all stacked points, its blocks seeding a Taylor pass through the output
     * transforms: u and its derivatives along the jet's directions (orders 1 to 3) of the transformed fields, mixed
     * second derivatives by polarisation of theirs.
     */
    private final class TransformedFusedPass extends Pass {
        /** Per direction (the jet's order of variables) {u, D u, ..} to its order, (N, fields) each; [0][0] alone if none. */
        private Tensor[][] fields;

        @Override
        Tensor compute(Derivative d) {
            if (fields == null) {
                run();
            }
            JetDirections.Terms terms = jetDirections.terms(d);
            int[][] at = terms.parts();
            Tensor[] parts = new Tensor[at.length];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = (at[i][0] < 0 ? fields[0][0] : fields[at[i][0]][at[i][1]]).col(d.fieldIndex());
            }
            return JetDirections.combine(parts, terms);
        }

        private void run() {
            int[] directions = jetDirections.variables();
            int[] orders = jetDirections.orders();
            Tensor[] jet = taylorJet.evaluate(stacked, directions, orders, stacked.size(0));
            if (directions.length == 0) {
                fields = new Tensor[][] {{transform.apply(stacked, jet[0])}};
                return;
            }
            Tensor[][] inner = new Tensor[directions.length][];
            for (int k = 0; k < directions.length; k++) {
                inner[k] = new Tensor[1 + orders[k]]; // {unused, D g, D^2 g, D^3 g} to the direction's order
                for (int o = 1; o <= orders[k]; o++) {
                    inner[k][o] = jet[jetDirections.block(k, o)];
                }
            }
            if (unitDirections == null) { // the points do not change: made once per evaluator
                unitDirections = new Tensor[directions.length];
                for (int k = 0; k < directions.length; k++) {
                    unitDirections[k] = Tensor.of(jetDirections.vector(k, variables), variables)
                            .broadcastTo(stacked.shape()).copy();
                }
            }
            fields = Taylor.jetsAfter(transform, stacked, jet[0], inner, unitDirections, orders);
        }
    }

    /**
     * Every derivative the problem uses, at all stacked points, from one Taylor pass over the recorded graph of the
     * network and its output transforms ({@link Taylor#partials}); a derivative asked for outside that set gets a
     * pass of its own.
     */
    private final class TaylorPass extends Pass {
        /** All fields' partials, (N, fields), by multi-index. */
        private final Map<List<Integer>, Tensor> partials = new HashMap<>();

        @Override
        Tensor compute(Derivative d) {
            if (partials.isEmpty()) {
                run(needed);
            }
            if (!partials.containsKey(key(d.orders()))) {
                run(Set.of(d));
            }
            Tensor all = partials.get(key(d.orders()));
            return all.col(d.fieldIndex());
        }

        private void run(Set<Derivative> derivatives) {
            List<int[]> indices = new ArrayList<>();
            for (Derivative d : derivatives) {
                if (!partials.containsKey(key(d.orders())) && indices.stream().noneMatch(
                        i -> Arrays.equals(i, d.orders()))) {
                    indices.add(d.orders());
                }
            }
            if (indices.isEmpty()) {
                return;
            }
            Tensor[] r = Taylor.partials(output, stacked, indices.toArray(new int[0][]));
            for (int i = 0; i < r.length; i++) {
                partials.put(key(indices.get(i)), r[i]);
            }
        }

        private static List<Integer> key(int[] orders) {
            return Arrays.stream(orders).boxed().toList();
        }
    }

    private final class GenericPass extends Pass {
        private final Tensor x;
        private Tensor u;
        /** Gradient with respect to x of the column for (field, orders): key "field:orders". */
        private final Map<String, Tensor> gradients = new HashMap<>();

        /** A pass at the tracked points {@code x}, shape (N, variables). */
        GenericPass(Tensor x) {
            this.x = x;
        }

        @Override
        Tensor compute(Derivative d) {
            if (u == null) {
                u = output.apply(x);
            }
            return column(d.fieldIndex(), d.orders());
        }

        private Tensor column(int field, int[] orders) {
            int along = -1;
            for (int v = 0; v < orders.length; v++) {
                if (orders[v] > 0) {
                    along = v;
                }
            }
            if (along < 0) {
                return u.col(field);
            }
            int[] lower = orders.clone();
            lower[along]--;
            String key = field + ":" + Arrays.toString(lower);
            Tensor g = gradients.get(key);
            if (g == null) {
                Tensor base = column(field, lower);
                g = Autodiff.grad(base.sum(), List.of(x), null, true).get(0);
                gradients.put(key, g);
            }
            return g.col(along);
        }
    }
}
