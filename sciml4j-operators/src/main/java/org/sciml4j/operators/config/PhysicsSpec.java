package org.sciml4j.operators.config;

import org.sciml4j.operators.fit.EnergyPenalty;
import org.sciml4j.operators.fit.SineGordonEnergy;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.util.Map;
import java.util.Set;

/**
 * The {@code physics:} section, one of:
 * <ul>
 *   <li>{@code physics: {antiderivative: {x0: 0, s0: 0}}}: train a DeepONet without output data on
 *       {@code ds/dx = v(x), s(x0) = s0} (v the input function); the data file's outputs serve only the test
 *       figures;</li>
 *   <li>{@code physics: {energy: sine_gordon, weight: 1.0, states: 100, length: 10}}: the Hamiltonian penalty,
 *       added to the supervised loss of an FNO that maps a state (u, u_t) to a later state (data with
 *       {@code input_fields: 2} and two output fields); weight 0 trains without it but still reports the test
 *       {@code energy_drift}. {@code states}: the penalty also takes the input states of that many rows after the
 *       training rows, whose outputs are never read (default 0). {@code length} (the period) defaults to s times
 *       the spacing of the data's {@code x} (the generator's {@code x_j = L j / s}).</li>
 * </ul>
 */
sealed interface PhysicsSpec {
    Set<String> KEYS = Set.of("antiderivative", "energy", "weight", "length", "states");
    Set<String> ENERGIES = Set.of("sine_gordon");

    /**
     * @param x0 where the initial condition holds (default the first grid point)
     * @param s0 its value (default 0)
     */
    record Antiderivative(double x0, double s0) implements PhysicsSpec {
    }

    /**
     * @param penalty the energy and the penalty's weight
     * @param states  unlabelled input states for the penalty: the rows after the training rows
     */
    record Energy(EnergyPenalty penalty, int states) implements PhysicsSpec {

        /** The unlabelled input states {@code (states, 2, s)}, rows {@code [train, train + states)}. */
        org.sciml4j.tensor.Tensor unlabelled(OperatorData data) {
            return data.inputs().slice(0, data.train(), data.train() + states);
        }
    }

    static PhysicsSpec read(YamlDocument doc, Node node, ModelSpec model, OperatorData data) {
        Map<String, NodeTuple> m = doc.mapping(node, "physics", KEYS);
        if (m.containsKey("antiderivative") == m.containsKey("energy")) {
            throw doc.error(node, "physics needs one of 'antiderivative: {x0: 0, s0: 0}' (PI-DeepONet) or"
                    + " 'energy: sine_gordon' (the Hamiltonian penalty)");
        }
        if (m.containsKey("energy")) {
            return energy(doc, m, model, data);
        }
        for (String k : new String[] {"weight", "length", "states"}) {
            if (m.containsKey(k)) {
                throw doc.error(m.get(k).getKeyNode(), "'" + k + "' belongs to 'energy:', not to 'antiderivative:'");
            }
        }
        NodeTuple t = m.get("antiderivative");
        if (!(model instanceof ModelSpec.DeepOnetSpec)) {
            throw doc.error(t.getKeyNode(), "physics-informed training needs 'model: {deeponet: ...}'");
        }
        if (data.dims() != 1 || data.components() != 1 || data.inputFields() != 1) {
            throw doc.error(t.getKeyNode(), data.file() + ": the antiderivative needs 1-D inputs (N, s) and"
                    + " outputs (N, s)");
        }
        double x0 = data.coordinates()[0].get(0);
        double s0 = 0;
        if (!YamlDocument.isEmpty(t.getValueNode())) {
            Map<String, NodeTuple> a = doc.mapping(t.getValueNode(), "antiderivative", Set.of("x0", "s0"));
            x0 = a.containsKey("x0") ? doc.number(a.get("x0").getValueNode()) : x0;
            s0 = a.containsKey("s0") ? doc.number(a.get("s0").getValueNode()) : s0;
        }
        return new Antiderivative(x0, s0);
    }

    private static Energy energy(YamlDocument doc, Map<String, NodeTuple> m, ModelSpec model, OperatorData data) {
        NodeTuple t = m.get("energy");
        String name = doc.string(t.getValueNode());
        if (!ENERGIES.contains(name)) {
            throw doc.error(t.getValueNode(), "unknown energy '" + name + "' (valid: sine_gordon)"
                    + YamlDocument.suggestion(name, ENERGIES));
        }
        if (!(model instanceof ModelSpec.FnoSpec)) {
            throw doc.error(t.getKeyNode(), "the energy penalty needs 'model: {fno: ...}' (an FNO maps the state"
                    + " (u, u_t) to the later state)");
        }
        if (data.dims() != 1 || data.inputFields() != 2 || data.components() != 2) {
            throw doc.error(t.getKeyNode(), data.file() + ": the sine_gordon energy needs states (u, u_t) on a 1-D"
                    + " grid: inputs (N, 2, s) with 'input_fields: 2' under data, and outputs (N, 2, s); got inputs "
                    + java.util.Arrays.toString(data.inputs().shape()) + " (input_fields " + data.inputFields()
                    + ") and outputs " + java.util.Arrays.toString(data.outputs().shape()));
        }
        double weight = doc.nonNegativeOr(m, "weight", 1.0);
        double length = m.containsKey("length") ? doc.positiveOr(m, "length", 1) : period(doc, t, data);
        int states = doc.nonNegativeIntOr(m, "states", 0);
        int rows = data.inputs().size(0);
        if (data.train() + states + data.test() > rows) {
            throw doc.error(m.get("states").getValueNode(), data.file() + ": train " + data.train() + " + states "
                    + states + " + test " + data.test() + " > the " + rows + " rows of the inputs (the states are"
                    + " the rows after the training rows and must not reach the test rows)");
        }
        EnergyPenalty penalty = new EnergyPenalty(new SineGordonEnergy(length), weight);
        double[] e = penalty.energies(data.inputs().slice(0, 0, data.train() + states)).toArray();
        for (int i = 0; i < e.length; i++) {
            if (!(e[i] > 0)) {
                throw doc.error(t.getKeyNode(), data.file() + ": input row " + i + " has energy " + e[i]
                        + "; the penalty is relative to the input's energy and needs it > 0");
            }
        }
        return new Energy(penalty, states);
    }

    /** The period from the data's x: s times its (even) spacing, x_j = L j / s as the generators write it. */
    private static double period(YamlDocument doc, NodeTuple at, OperatorData data) {
        double[] x = data.coordinates()[0].toArray();
        double dx = x[1] - x[0];
        for (int j = 1; j < x.length; j++) {
            if (!(Math.abs(x[j] - x[j - 1] - dx) <= 1e-9 * Math.max(1, Math.abs(x[j])))) {
                throw doc.error(at.getKeyNode(), data.file() + ": x is not an even grid (x[" + j + "] - x[" + (j - 1)
                        + "] = " + (x[j] - x[j - 1]) + ", not " + dx + "); give the period as 'length:'");
            }
        }
        if (!(dx > 0)) {
            throw doc.error(at.getKeyNode(), data.file() + ": x must increase to give the period; give it as"
                    + " 'length:'");
        }
        return dx * x.length;
    }
}
