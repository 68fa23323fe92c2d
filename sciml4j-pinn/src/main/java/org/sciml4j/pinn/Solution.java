package org.sciml4j.pinn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.sciml4j.nn.Module;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.LossHistory;

/**
 * A trained network with what training learned and recorded.
 *
 * @param problem      the problem it solves
 * @param network      the trained network (inputs: the problem's variables; outputs: its fields)
 * @param parameters   the unknown parameters' trained values by name (empty for a forward problem)
 * @param history      the loss per epoch
 * @param epochs       epochs and L-BFGS iterations run
 * @param trainSeconds wall time of training
 * @param firstSeconds wall time of the first-order phase (Adam), part of {@code trainSeconds}
 * @param stopReason   why training ended: "completed", the L-BFGS termination, "stopped by listener", "time budget"
 *                     or "diverged: ..." (see {@link org.sciml4j.train.Trainer.Result#stopReason()})
 */
public record Solution(Problem problem, Module network, Map<String, Double> parameters, LossHistory history,
        int epochs, double trainSeconds, double firstSeconds, String stopReason) {

    /** Copies the parameter map. */
    public Solution {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A solution whose training had a single phase, or none, of {@code trainSeconds}. */
    public Solution(Problem problem, Module network, Map<String, Double> parameters, LossHistory history,
            int epochs, double trainSeconds, String stopReason) {
        this(problem, network, parameters, history, epochs, trainSeconds, trainSeconds, stopReason);
    }

    /**
     * The fields at points (the network's outputs, through the problem's output transforms if it has any).
     *
     * @param points shape (N, variables)
     * @return shape (N, fields)
     */
    public Tensor predict(Tensor points) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return problem.output(network, points);
        }
    }

    /**
     * Errors of the prediction against reference values.
     *
     * @param points shape (N, variables)
     * @param truth  reference values of the fields, (N, fields), or (N,) for one field
     */
    public Errors errors(Tensor points, Tensor truth) {
        return Errors.of(predict(points), truth);
    }
}
