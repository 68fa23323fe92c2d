package org.sciml4j.inference.sbi;

import java.util.List;
import java.util.Map;
import org.sciml4j.optim.GradientClipping;
import org.sciml4j.optim.Optimizer;
import org.sciml4j.tensor.Tensor;

/** An optimiser whose gradients are first scaled to a global norm of at most {@code maxNorm} (sbi's clip_max_norm). */
final class ClippedOptimizer implements Optimizer {
    private final Optimizer inner;
    private final double maxNorm;

    ClippedOptimizer(Optimizer inner, double maxNorm) {
        this.inner = inner;
        this.maxNorm = maxNorm;
    }

    @Override
    public void step(List<Tensor> params, List<Tensor> grads) {
        if (Double.isFinite(maxNorm)) {
            GradientClipping.clipByNorm(grads, maxNorm);
        }
        inner.step(params, grads);
    }

    @Override
    public int stepCount() {
        return inner.stepCount();
    }

    @Override
    public double learningRate() {
        return inner.learningRate();
    }

    @Override
    public Map<String, Tensor> state() {
        return inner.state();
    }

    @Override
    public void loadState(Map<String, Tensor> state) {
        inner.loadState(state);
    }
}
