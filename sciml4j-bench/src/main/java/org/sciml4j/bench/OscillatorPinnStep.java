package org.sciml4j.bench;

import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * One training step of the damped-oscillator PINN written directly on the core engine: network 1-20-20-1 tanh,
 * 101 collocation points on [0, 10], residual u_tt + 0.1 u_t + u, loss = mean squared residual, and the gradient of
 * the loss with respect to all 481 parameters. Input derivatives come from forward mode (two nested JVPs), the
 * parameter gradient from one reverse pass on top.
 */
public final class OscillatorPinnStep {
    /** Collocation points, shape (101, 1). */
    final Tensor t;
    final Tensor ones;
    /** W1 (1,20), b1 (20), W2 (20,20), b2 (20), W3 (20,1), b3 (1). */
    public final List<Tensor> params = new ArrayList<>();

    public OscillatorPinnStep(long seed) {
        Rng rng = new Rng(seed);
        t = Tensor.linspace(0, 10, 101).reshape(101, 1);
        ones = Tensor.ones(101, 1);
        int[] sizes = {1, 20, 20, 1};
        for (int l = 0; l + 1 < sizes.length; l++) {
            double sd = Math.sqrt(2.0 / (sizes[l] + sizes[l + 1]));
            params.add(Tensor.randn(rng, sizes[l], sizes[l + 1]).mul(sd).requireGrad());
            params.add(Tensor.zeros(sizes[l + 1]).requireGrad());
        }
    }

    Tensor network(Tensor x) {
        Tensor h = x;
        for (int l = 0; l < params.size(); l += 2) {
            h = h.matmul(params.get(l)).add(params.get(l + 1));
            if (l + 2 < params.size()) {
                h = h.tanh();
            }
        }
        return h;
    }

    /** The loss (recorded) for the current parameters. */
    public Tensor loss() {
        Tensor x = t.requireGrad();
        Tensor u = network(x);
        Tensor ut = Autodiff.jvp(u, x, ones);
        Tensor utt = Autodiff.jvp(ut, x, ones);
        return utt.add(ut.mul(0.1)).add(u).square().mean();
    }

    /** One step: loss and its gradient with respect to every parameter. */
    public List<Tensor> step() {
        return Autodiff.grad(loss(), params, null, false);
    }

    /** Quick timing without JMH: {@code java -cp benchmarks.jar org.sciml4j.bench.OscillatorPinnStep [steps]}. */
    public static void main(String[] args) {
        OscillatorPinnStep s = new OscillatorPinnStep(1);
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        time("sciml4j oscillator PINN step (generic engine)", s::step, steps);
    }

    /** Runs {@code step} steps/2 times to warm up, then {@code steps} times, and prints microseconds per step. */
    static void time(String label, java.util.function.Supplier<List<Tensor>> step, int steps) {
        double sink = 0;
        for (int i = 0; i < steps / 2; i++) {
            sink += step.get().get(0).data()[0];
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            sink += step.get().get(0).data()[0];
        }
        double us = (System.nanoTime() - t0) / 1e3 / steps;
        System.out.printf("%s: %.1f us/step (%d steps, checksum %.3g)%n", label, us, steps, sink);
    }
}
