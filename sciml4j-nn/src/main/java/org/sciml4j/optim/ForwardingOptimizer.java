package org.sciml4j.optim;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.sciml4j.tensor.Tensor;

/**
 * An optimiser that changes how the gradients are used (clipped, taken at a perturbed point, ...) and leaves the
 * stepping, its count, learning rate and saved state to an inner optimiser. A subclass writes {@link #step}, usually
 * ending with {@code inner().step(params, grads)}.
 */
public abstract class ForwardingOptimizer implements Optimizer {
    private final Optimizer inner;

    /** @param inner the optimiser that takes the steps */
    protected ForwardingOptimizer(Optimizer inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /** The optimiser that takes the steps. */
    protected final Optimizer inner() {
        return inner;
    }

    /**
     * An optimiser whose gradients are first scaled to a global L2 norm of at most {@code maxNorm} (an infinite
     * {@code maxNorm} leaves them as they are), e.g. sbi's {@code clip_max_norm}.
     */
    public static Optimizer clipped(Optimizer inner, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("the clipping norm must be > 0, got " + maxNorm);
        }
        return new ForwardingOptimizer(inner) {
            @Override
            public void step(List<Tensor> params, List<Tensor> grads) {
                if (Double.isFinite(maxNorm)) {
                    GradientClipping.clipByNorm(grads, maxNorm);
                }
                inner().step(params, grads);
            }
        };
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
