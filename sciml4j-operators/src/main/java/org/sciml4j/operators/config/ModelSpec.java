package org.sciml4j.operators.config;

import org.sciml4j.nn.Activation;
import org.sciml4j.operators.OperatorModel;
import org.sciml4j.operators.deeponet.DeepOnet;
import org.sciml4j.operators.fno.Fno;
import org.sciml4j.tensor.Rng;

/** The {@code model:} section: which operator network, with its knobs. */
sealed interface ModelSpec {

    /** The model for this data, weights drawn from {@code rng}. */
    OperatorModel build(OperatorData data, Rng rng);

    /** {@code fno: {modes: 16, width: 64, layers: 4, padding: 0}}; padding is a fraction of each axis. */
    record FnoSpec(int modes, int width, int layers, double padding) implements ModelSpec {
        @Override
        public Fno build(OperatorData data, Rng rng) {
            return new Fno(data.dims(), data.inputFields(), modes, width, layers, padding, data.components(), rng);
        }

        /** Null when the data's grid keeps enough modes (see {@link Fno#gridProblem}), else why not. */
        String gridProblem(OperatorData data) {
            return new Fno(data.dims(), modes, 1, 1, padding, 1, new Rng(0)).gridProblem(data.grid());
        }
    }

    /**
     * {@code deeponet: {branch: [40], trunk: [40, 40], p: 40, stacked: false, activation: relu}}: hidden widths of
     * the branch and trunk nets; each ends in a linear layer to p features per output field.
     */
    record DeepOnetSpec(int[] branch, int[] trunk, int p, boolean stacked, String activation) implements ModelSpec {
        @Override
        public DeepOnet build(OperatorData data, Rng rng) {
            int m = 1;
            for (int s : data.grid()) {
                m *= s;
            }
            return new DeepOnet(m, branch, trunk, p, data.components(), stacked, Activation.of(activation),
                    data.points(), data.grid(), rng);
        }
    }
}
