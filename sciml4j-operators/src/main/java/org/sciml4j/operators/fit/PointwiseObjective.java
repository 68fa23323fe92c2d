package org.sciml4j.operators.fit;

import org.sciml4j.operators.deeponet.DeepOnet;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.MiniBatches;

import java.util.List;

/**
 * Supervised DeepONet training on (function, point, value) triples, the DeepONet repository's unaligned data: each
 * input function comes with its own Q query points and the true output there, and the model is evaluated at those
 * points only ({@link DeepOnet#evaluateUnaligned}: one trunk row per point, a row-wise dot product with its
 * function's branch coefficients). Each step (an epoch of the Trainer) takes a mini-batch of functions with all their
 * points ({@link MiniBatches}; batch 0 = every function, DeepXDE's full batch).
 */
public final class PointwiseObjective extends FunctionBatchObjective {
    private final DeepOnet model;
    private final Tensor inputs;
    private final Tensor points;
    private final Tensor values;
    private final OperatorLoss loss;

    /**
     * @param inputs sensor values {@code (N, m)}
     * @param points query points {@code (N, Q)} (1-D)
     * @param values the true output at those points {@code (N, Q)}
     * @param batch  functions per step (0: all)
     * @param seed   seeds the shuffles
     */
    public PointwiseObjective(DeepOnet model, Tensor inputs, Tensor points, Tensor values, OperatorLoss loss,
                              int batch, long seed) {
        super(model, rows(inputs, points, values), batch, seed);
        this.model = model;
        this.inputs = inputs;
        this.points = points;
        this.values = values;
        this.loss = loss;
    }


    /** N, after checking that inputs (N, m), points (N, Q) and values (N, Q) agree. */
    private static int rows(Tensor inputs, Tensor points, Tensor values) {
        if (inputs.size(0) != points.size(0) || points.rank() != 2 || values.rank() != 2
                || points.size(0) != values.size(0) || points.size(1) != values.size(1)) {
            throw new IllegalArgumentException("pointwise objective: inputs " + inputs.size(0) + " rows, points "
                    + java.util.Arrays.toString(points.shape()) + " and values "
                    + java.util.Arrays.toString(values.shape()) + " must agree as (N, m), (N, Q), (N, Q)");
        }
        return inputs.size(0);
    }

    @Override
    public List<String> termNames() {
        return List.of(loss.term());
    }




    @Override
    public List<Tensor> loss() {
        Tensor pred = predict(model, functions.select(inputs), functions.select(points));
        return List.of(loss.of(pred, functions.select(values)));
    }

    /**
     * The mean square error of the model at per-function points, without recording, in chunks of {@code chunk}
     * functions.
     *
     * @param u      {@code (N, m)}
     * @param points {@code (N, Q)}
     * @param values {@code (N, Q)}
     */
    public static double mse(DeepOnet model, Tensor u, Tensor points, Tensor values, int chunk) {
        int n = u.size(0);
        double sum = 0;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            for (int i = 0; i < n; i += chunk) {
                int j = Math.min(n, i + chunk);
                double[] p = predict(model, u.slice(0, i, j), points.slice(0, i, j)).data();
                double[] t = values.slice(0, i, j).data();
                for (int k = 0; k < p.length; k++) {
                    sum += (p[k] - t[k]) * (p[k] - t[k]);
                }
            }
        }
        return sum / values.numel();
    }

    /**
     * The model at per-function points.
     *
     * @param u      {@code (B, m)}
     * @param points {@code (B, Q)}
     * @return {@code (B, Q)}, the first output field
     */
    public static Tensor predict(DeepOnet model, Tensor u, Tensor points) {
        int b = points.size(0);
        int q = points.size(1);
        Tensor out = model.evaluateUnalignedFused(u, points.reshape(b, q, 1));    // (B, c, Q)
        return (model.outputs() == 1 ? out : out.slice(1, 0, 1)).reshape(b, q);
    }
}
