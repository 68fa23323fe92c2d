package org.sciml4j.operators.fit;

import org.sciml4j.operators.deeponet.DeepOnet;
import org.sciml4j.tensor.Tensor;

import java.util.List;

/**
 * Physics-informed DeepONet (Wang, Wang and Perdikaris 2021) for the antiderivative operator
 * {@code v -> s, ds/dx = v(x), s(x0) = s0}, trained with no output data: the residual {@code ds/dx - v} at the
 * sensor points (the derivative taken through the trunk in forward mode, {@link DeepOnet#derivative}) and the
 * initial condition at {@code x0}. Terms {@code residual} and {@code initial}, each a mean square.
 */
public final class AntiderivativePhysics extends FunctionBatchObjective {
    private final DeepOnet model;
    private final Tensor inputs;
    private final Tensor points;
    private final Tensor start;
    private final double s0;

    /**
     * @param inputs sensor values of v, {@code (N, m)}, at {@code points}
     * @param points the sensor locations {@code (m, 1)}, also the residual points
     * @param x0     where the initial condition holds
     * @param s0     the value there
     * @param batch  functions per step (0: all)
     */
    public AntiderivativePhysics(DeepOnet model, Tensor inputs, Tensor points, double x0, double s0, int batch,
                                 long seed) {
        super(model, inputs.size(0), batch, seed);
        this.model = model;
        this.inputs = inputs;
        this.points = points;
        this.start = Tensor.of(new double[] {x0}, 1, 1);
        this.s0 = s0;
    }


    @Override
    public List<String> termNames() {
        return List.of("residual", "initial");
    }




    @Override
    public List<Tensor> loss() {
        Tensor v = functions.select(inputs);
        Tensor ds = model.derivative(v, points, 0).squeeze(1);        // (B, m)
        Tensor residual = ds.sub(v).square().mean();
        Tensor initial = model.evaluate(v, start).sub(s0).square().mean();
        return List.of(residual, initial);
    }
}
