package org.sciml4j.optim;

import java.util.Map;

import org.sciml4j.tensor.Tensor;

/**
 * A minimiser of a sum of squares {@code sum_i r_i(x)^2} that uses the residuals' Jacobian ({@link LeastSquares}),
 * one taken step at a time so that a training run can be checkpointed between two and resumed bit for bit:
 * {@link LevenbergMarquardt} and {@link NaturalGradient}.
 */
public interface LeastSquaresMinimizer {

    /** Name for messages and logs, e.g. {@code "levenberg-marquardt"}. */
    String name();

    /**
     * Starts a run at {@code x0} (not modified): evaluates the residuals and the Jacobian there.
     *
     * @throws IllegalArgumentException if the residuals or the Jacobian are not finite at {@code x0}
     */
    SteppingMinimizer.Run start(LeastSquares f, double[] x0);

    /**
     * Restores a run from {@link SteppingMinimizer.Run#state()} of a run with the same settings.
     *
     * @throws IllegalArgumentException if the state is incomplete or does not fit these settings, naming the entry
     */
    SteppingMinimizer.Run restore(LeastSquares f, Map<String, Tensor> state);

    /** Minimises {@code f} from {@code x0} (not modified), stepping until the run ends. */
    default Minimizer.Result minimize(LeastSquares f, double[] x0) {
        SteppingMinimizer.Run run = start(f, x0);
        while (run.step()) {
            // every iteration is in the result
        }
        return run.result();
    }
}
