package org.sciml4j.bench;

import java.util.List;

import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.jet.MlpJet;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * The same PINN step as {@link OscillatorPinnStep} (1-20-20-1 tanh, 101 points, u_tt + 0.1 u_t + u, mean squared
 * residual, gradient for all 481 parameters), with u, u_t, u_tt from the fused Taylor-mode {@link MlpJet}.
 */
public final class FusedOscillatorPinnStep {
    final Mlp net;
    final List<Tensor> params;
    final Tensor t = Tensor.linspace(0, 10, 101).reshape(101, 1);
    /** The jet along the one input (t), to second order: u, u_t, u_tt. */
    static final int[] ALONG_T = {0};
    static final int[] SECOND_ORDER = {2};

    public FusedOscillatorPinnStep(long seed) {
        net = Mlp.builder().sizes(1, 20, 20, 1).activation("tanh").initializer("glorot_normal").seed(seed).build();
        params = net.parameters().trainable();
    }

    /** One step: loss and its gradient with respect to every parameter. */
    public List<Tensor> step() {
        Tensor[] jet = MlpJet.multi(net, t, ALONG_T, SECOND_ORDER);
        Tensor loss = jet[2].add(jet[1].mul(0.1)).add(jet[0]).square().mean();
        return Autodiff.grad(loss, params, null, false);
    }

    /** Quick timing without JMH. */
    public static void main(String[] args) {
        FusedOscillatorPinnStep s = new FusedOscillatorPinnStep(1);
        OscillatorPinnStep.time("sciml4j oscillator PINN step (fused MlpJet)", s::step,
                args.length > 0 ? Integer.parseInt(args[0]) : 50000);
    }
}
