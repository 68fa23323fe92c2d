package org.sciml4j.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Checks analytic derivatives against central finite differences along random directions, in the style of JAX's
 * {@code check_grads}. A k-th order check differentiates the function k-1 times analytically (recording the graph),
 * contracts with random directions, and compares the last derivative with finite differences of that function.
 * <p>
 * Finite differences use Richardson extrapolation of central differences, {@code (4 D(h/2) - D(h)) / 3}, whose
 * error is O(h^4); the reported error is {@code |analytic - numeric| / max(|analytic|, |numeric|, floor)}.
 */
public final class GradCheck {
    /** Which automatic-differentiation mode computes the analytic derivatives. */
    public enum Mode { REVERSE, FORWARD }

    private final double step;
    private final double floor;

    /** A checker with step 1e-3 and error floor 1e-2 (values below it are compared absolutely). */
    public GradCheck() {
        this(1e-3, 1e-2);
    }

    /**
     * @param step  finite-difference step along a unit-variance random direction
     * @param floor denominator floor of the relative error
     */
    public GradCheck(double step, double floor) {
        this.step = step;
        this.floor = floor;
    }

    /**
     * Largest relative error of derivatives of orders 1..{@code order} of {@code f} at {@code inputs}, in the given
     * mode, over {@code trials} random directions per order.
     *
     * @param f      function of the inputs; any output shape
     * @param inputs point of evaluation (their values, not tracked)
     */
    public double maxError(Function<Tensor[], Tensor> f, Tensor[] inputs, int order, Mode mode, Rng rng,
                           int trials) {
        double worst = 0;
        for (int k = 1; k <= order; k++) {
            for (int t = 0; t < trials; t++) {
                worst = Math.max(worst, error(f, inputs, k, mode, rng));
            }
        }
        return worst;
    }

    /** Relative error of one random k-th order directional derivative. */
    public double error(Function<Tensor[], Tensor> f, Tensor[] inputs, int order, Mode mode, Rng rng) {
        Tensor[] x = detached(inputs);
        Tensor y0;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            y0 = f.apply(x);
        }
        Function<Tensor[], Tensor> g = contract(f, Tensor.randn(rng, y0.shape));
        // g is scalar; differentiate it order-1 times analytically along random directions
        for (int k = 1; k < order; k++) {
            g = directional(g, randomLike(x, rng), mode);
        }
        Tensor[] v = randomLike(x, rng);
        double analytic = directional(g, v, mode).apply(x).item();
        Function<Tensor[], Tensor> gf = g;
        double numeric = finiteDifference(h -> gf.apply(shifted(x, v, h)).item());
        return Math.abs(analytic - numeric) / Math.max(floor, Math.max(Math.abs(analytic), Math.abs(numeric)));
    }

    /** Richardson-extrapolated central difference of a scalar function of the step at 0. */
    double finiteDifference(java.util.function.DoubleUnaryOperator s) {
        double d1 = (s.applyAsDouble(step) - s.applyAsDouble(-step)) / (2 * step);
        double h2 = step / 2;
        double d2 = (s.applyAsDouble(h2) - s.applyAsDouble(-h2)) / (2 * h2);
        return (4 * d2 - d1) / 3;
    }

    /** x -> sum(w * f(x)). */
    static Function<Tensor[], Tensor> contract(Function<Tensor[], Tensor> f, Tensor w) {
        return xs -> f.apply(xs).mul(w).sum();
    }

    /** For a scalar function g: x -> sum_i <dg/dx_i, v_i>, computed in the given mode with its graph recorded. */
    static Function<Tensor[], Tensor> directional(Function<Tensor[], Tensor> g, Tensor[] v, Mode mode) {
        return xs -> {
            List<Tensor> xi = new ArrayList<>();
            for (Tensor x : xs) {
                xi.add(Autodiff.asInput(x));
            }
            Tensor y = g.apply(xi.toArray(new Tensor[0]));
            if (!y.isTracked()) {
                return Tensor.scalar(0); // g does not depend on x (e.g. the derivative of a linear map)
            }
            if (mode == Mode.FORWARD) {
                return Autodiff.jvp(y, xi, Arrays.asList(v)).sum();
            }
            List<Tensor> grads = Autodiff.grad(y, xi, null, true);
            Tensor acc = Tensor.scalar(0);
            for (int i = 0; i < grads.size(); i++) {
                acc = acc.add(grads.get(i).mul(v[i]).sum());
            }
            return acc;
        };
    }

    private static Tensor[] detached(Tensor[] xs) {
        Tensor[] d = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) {
            d[i] = xs[i].detach();
        }
        return d;
    }

    private static Tensor[] randomLike(Tensor[] xs, Rng rng) {
        Tensor[] v = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) {
            v[i] = Tensor.randn(rng, xs[i].shape);
        }
        return v;
    }

    private static Tensor[] shifted(Tensor[] x, Tensor[] v, double h) {
        Tensor[] s = new Tensor[x.length];
        try (Autodiff.Scope sc = Autodiff.noGrad()) {
            for (int i = 0; i < x.length; i++) {
                s[i] = x[i].add(v[i].mul(h));
            }
        }
        return s;
    }
}
