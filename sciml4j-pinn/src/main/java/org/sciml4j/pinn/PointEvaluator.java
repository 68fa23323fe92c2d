package org.sciml4j.pinn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.Module;
import org.sciml4j.pinn.expr.Derivative;
import org.sciml4j.pinn.expr.Evaluation;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * Evaluates a network and the derivatives of its outputs that a problem uses, at several point sets stacked into one
 * batch, once per training step: one forward pass (or one fused Taylor pass) serves the equations and every
 * condition.
 * <p>
 * Fused path: when the network is an {@link Mlp} that {@link MlpJet} handles and every derivative used is of order at
 * most 2 along one and the same variable (ODEs, surrogates {@code u(c, t)} differentiated in t), one
 * {@link MlpJet} call gives u, u', u'' at all points. Otherwise derivatives come from reverse mode with
 * {@code createGraph}, each lower derivative's gradient computed once and reused for all the variables.
 */
final class PointEvaluator {
    private final Module net;
    private final int variables;
    private final Tensor stacked;         // (N, variables), all sets one after another
    private final int[] offsets;          // set i is rows offsets[i] .. offsets[i+1]
    private final List<List<Tensor>> variableColumns = new ArrayList<>();
    private final int fusedVariable;      // -1: generic path
    private final Tensor direction;       // (N, variables) one-hot along the fused variable

    PointEvaluator(Module net, int variables, List<Tensor> sets, Set<Derivative> needed) {
        this(net, variables, sets, needed, true);
    }

    /** As above; {@code allowFused = false} forces the generic path (to check one path against the other). */
    PointEvaluator(Module net, int variables, List<Tensor> sets, Set<Derivative> needed, boolean allowFused) {
        this.net = net;
        this.variables = variables;
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
        fusedVariable = allowFused ? fusedVariable(net, variables, needed) : -1;
        if (fusedVariable >= 0) {
            double[] v = new double[stacked.numel()];
            for (int i = 0; i < stacked.size(0); i++) {
                v[i * variables + fusedVariable] = 1;
            }
            direction = Tensor.wrap(v, stacked.size(0), variables);
        } else {
            direction = null;
        }
    }

    /** The variable of a fused Taylor pass, or -1 when the generic path is needed. */
    private static int fusedVariable(Module net, int variables, Set<Derivative> needed) {
        if (!(net instanceof Mlp mlp) || mlp.embedding().isPresent()) {
            return -1;
        }
        String act = mlp.activation().toString();
        if (!act.equals("tanh") && !act.equals("sin")) {
            return -1;
        }
        int along = -1;
        for (Derivative d : needed) {
            if (d.order() > 2) {
                return -1;
            }
            for (int v = 0; v < variables; v++) {
                if (d.order(v) > 0) {
                    if (along >= 0 && along != v) {
                        return -1;
                    }
                    along = v;
                }
            }
        }
        return Math.max(along, 0);
    }

    /** Whether the fused Taylor pass is used. */
    boolean fused() {
        return fusedVariable >= 0;
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
        Pass pass = fused() ? new FusedPass() : new GenericPass();
        List<Evaluation> out = new ArrayList<>();
        for (int s = 0; s < offsets.length - 1; s++) {
            int set = s;
            out.add(new Evaluation() {
                @Override
                public Tensor variable(int index) {
                    return variableColumns.get(set).get(index);
                }

                @Override
                public Tensor derivative(Derivative d) {
                    return pass.column(d).slice(0, offsets[set], offsets[set + 1]);
                }

                @Override
                public Tensor parameter(String name) {
                    Tensor t = unknowns.get(name);
                    if (t == null) {
                        throw new IllegalArgumentException("no value for unknown parameter '" + name + "'");
                    }
                    return t;
                }
            });
        }
        return out;
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

        abstract Tensor compute(Derivative d);
    }

    private final class FusedPass extends Pass {
        private Tensor[] jet;

        @Override
        Tensor compute(Derivative d) {
            if (jet == null) {
                jet = MlpJet.of((Mlp) net, stacked, direction);
            }
            return jet[d.order()].col(d.fieldIndex());
        }
    }

    private final class GenericPass extends Pass {
        private final Tensor x = Autodiff.asInput(stacked);
        private Tensor u;
        /** Gradient with respect to x of the column for (field, orders): key "field:orders". */
        private final Map<String, Tensor> gradients = new HashMap<>();

        @Override
        Tensor compute(Derivative d) {
            if (u == null) {
                u = net.forward(x);
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
