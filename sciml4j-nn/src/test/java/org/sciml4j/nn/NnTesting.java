package org.sciml4j.nn;

import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import java.util.List;

/** Test helpers. */
final class NnTesting {
    private NnTesting() {
    }

    /**
     * Relative error between the reverse-mode directional derivative of {@code L = sum(c * module(x))} with respect
     * to all of the module's parameters, along a random direction, and a Richardson-extrapolated central difference
     * obtained by moving the parameters' storage in place (so the module's own code is what is checked).
     */
    static double parameterGradientError(Module module, Tensor x, Rng rng) {
        List<Tensor> params = module.parameters().all();
        Tensor c = Tensor.randn(rng, module.forward(x).shape());
        List<Tensor> grads = Autodiff.grad(module.forward(x).mul(c).sum(), params, null, false);
        Tensor[] dir = new Tensor[params.size()];
        double analytic = 0;
        for (int i = 0; i < params.size(); i++) {
            dir[i] = Tensor.randn(rng, params.get(i).shape());
            analytic += grads.get(i).mul(dir[i]).sum().item();
        }
        double h = 1e-4; // Richardson error O(h^4) stays small even for Fourier features' fast oscillations
        double d1 = (loss(module, x, c, params, dir, h) - loss(module, x, c, params, dir, -h)) / (2 * h);
        double d2 = (loss(module, x, c, params, dir, h / 2) - loss(module, x, c, params, dir, -h / 2)) / h;
        double numeric = (4 * d2 - d1) / 3;
        return Math.abs(analytic - numeric) / Math.max(1e-2, Math.max(Math.abs(analytic), Math.abs(numeric)));
    }

    /** The loss with every parameter moved by {@code t * dir}, restored afterwards. */
    private static double loss(Module m, Tensor x, Tensor c, List<Tensor> params, Tensor[] dir, double t) {
        shift(params, dir, t);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return m.forward(x).mul(c).sum().item();
        } finally {
            shift(params, dir, -t);
        }
    }

    private static void shift(List<Tensor> params, Tensor[] dir, double t) {
        for (int i = 0; i < params.size(); i++) {
            double[] p = params.get(i).data();
            double[] d = dir[i].data();
            for (int k = 0; k < p.length; k++) {
                p[k] += t * d[k];
            }
        }
    }
}
