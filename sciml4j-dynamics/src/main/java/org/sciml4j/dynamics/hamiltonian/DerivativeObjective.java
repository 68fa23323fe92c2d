package org.sciml4j.dynamics.hamiltonian;

import java.util.ArrayList;
import java.util.List;
import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Objective;

/**
 * Greydanus et al.'s training: the field at the observed states against the observed time derivatives, the mean
 * square over all elements ({@code derivative_mse}), full batch; with {@code weightDecay > 0} a second term
 * {@code weight_decay = weightDecay/2 sum theta^2} whose gradient is PyTorch Adam's coupled weight decay.
 */
public final class DerivativeObjective implements Objective {
    private final VectorField field;
    private final Tensor x;
    private final Tensor dxdt;
    private final double weightDecay;
    private final List<Tensor> params;

    /**
     * @param x           observed states, shape (N, d)
     * @param dxdt        their time derivatives, shape (N, d)
     * @param weightDecay coefficient of the L2 term, >= 0
     */
    public DerivativeObjective(VectorField field, Tensor x, Tensor dxdt, double weightDecay) {
        if (!java.util.Arrays.equals(x.shape(), dxdt.shape()) || x.rank() != 2) {
            throw new IllegalArgumentException("states and derivatives must both be (N, d), got "
                    + java.util.Arrays.toString(x.shape()) + " and " + java.util.Arrays.toString(dxdt.shape()));
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        this.field = field;
        this.x = x.detach();
        this.dxdt = dxdt.detach();
        this.weightDecay = weightDecay;
        this.params = List.copyOf(field.parameters());
    }

    @Override
    public List<String> termNames() {
        return weightDecay > 0 ? List.of("derivative_mse", "weight_decay") : List.of("derivative_mse");
    }

    @Override
    public List<Tensor> parameters() {
        return params;
    }

    @Override
    public List<Tensor> loss() {
        List<Tensor> terms = new ArrayList<>(2);
        terms.add(field.apply(0, x).sub(dxdt).square().mean());
        if (weightDecay > 0) {
            Tensor sum = null;
            for (Tensor p : params) {
                Tensor s = p.square().sum();
                sum = sum == null ? s : sum.add(s);
            }
            terms.add(sum.mul(weightDecay / 2));
        }
        return terms;
    }
}
