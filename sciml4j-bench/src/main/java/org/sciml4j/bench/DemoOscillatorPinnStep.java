package org.sciml4j.bench;

import java.util.List;

import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.jet.MlpJet;
import org.sciml4j.optim.Adam;
import org.sciml4j.optim.Optimizer;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * One training step exactly as the loop body of {@code ./sciml4j demo}: network 1-20-20-1 tanh, 102 points
 * (101 collocation points and t = 0 last) through the fused {@link MlpJet}, loss = mean((u_tt + 0.1 u_t + u)^2) over
 * the first 101 rows + (u(0) - 1)^2 + u_t(0)^2, its gradient for all 481 parameters, and one Adam step.
 */
public final class DemoOscillatorPinnStep {
    static final double C = 0.1;
    static final double K = 1.0;
    final Mlp net;
    final List<Tensor> params;
    final Optimizer adam = Adam.of(1e-3);
    final Tensor t = Tensor.concat(0, Tensor.linspace(0, 10, 101), Tensor.zeros(1)).reshape(102, 1);
    /** The jet along the one input (t), to second order: u, u_t, u_tt. */
    static final int[] ALONG_T = {0};
    static final int[] SECOND_ORDER = {2};

    public DemoOscillatorPinnStep(long seed) {
        net = Mlp.builder().sizes(1, 20, 20, 1).activation("tanh").initializer("glorot_normal").seed(seed).build();
        params = net.parameters().trainable();
    }

    /** One step: the loss, its gradient, the Adam update (as {@code DemoCommand}); returns the gradients. */
    public List<Tensor> step() {
        Tensor[] jet = MlpJet.multi(net, t, ALONG_T, SECOND_ORDER);
        Tensor u = jet[0].slice(0, 0, 101);
        Tensor ut = jet[1].slice(0, 0, 101);
        Tensor utt = jet[2].slice(0, 0, 101);
        Tensor equation = utt.add(ut.mul(C)).add(u.mul(K)).square().mean();
        Tensor initial = jet[0].slice(0, 101, 102).sub(1.0).square().mean()
                .add(jet[1].slice(0, 101, 102).square().mean());
        Tensor loss = equation.add(initial);
        List<Tensor> grads = Autodiff.grad(loss, params, null, false);
        adam.step(params, grads);
        lastLoss = loss.item() + equation.item() + initial.item();
        return grads;
    }

    double lastLoss;

    /** Quick timing without JMH. */
    public static void main(String[] args) {
        DemoOscillatorPinnStep s = new DemoOscillatorPinnStep(0);
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 50000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        for (int r = 0; r < repeats; r++) {
            OscillatorPinnStep.time("sciml4j demo step (fused MlpJet, 102 points, Adam)", s::step, steps);
        }
    }
}
