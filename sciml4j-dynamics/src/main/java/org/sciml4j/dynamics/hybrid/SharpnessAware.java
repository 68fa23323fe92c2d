package org.sciml4j.dynamics.hybrid;

import java.util.List;

import org.sciml4j.optim.ForwardingOptimizer;
import org.sciml4j.optim.Optimizer;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Objective;

/**
 * Sharpness-aware minimisation (Foret et al. 2021) as a wrapper around a first-order optimiser: at each step the
 * chosen parameters (the network's phi) take the ascent step {@code e = rho g / ||g||} (g their gradient, the norm
 * over all of them), the objective's weighted total is evaluated there and differentiated, the parameters return,
 * and the inner optimiser steps with that gradient for every parameter. Two loss evaluations per step.
 * <p>
 * The objective is evaluated on the same points or batch as the trainer's step (its {@code beforeEpoch} is not
 * called again). Use it as a {@code Phase.FirstOrder}'s supplier: {@code () -> new SharpnessAware(Adam.of(lr), rho,
 * objective, phi)}.
 */
public final class SharpnessAware extends ForwardingOptimizer {
    private final double rho;
    private final Objective objective;
    private final List<Tensor> perturbed;

    /**
     * @param inner     the descent optimiser
     * @param rho       the neighbourhood radius (> 0)
     * @param objective what the trainer minimises (its weighted total is re-evaluated at the ascent point)
     * @param perturbed the parameters the ascent step moves, a subset of the objective's parameters
     */
    public SharpnessAware(Optimizer inner, double rho, Objective objective, List<Tensor> perturbed) {
        super(inner);
        if (!(rho > 0) || !Double.isFinite(rho)) {
            throw new IllegalArgumentException("sam: rho must be finite and > 0, got " + rho);
        }
        this.rho = rho;
        this.objective = objective;
        this.perturbed = List.copyOf(perturbed);
    }

    @Override
    public void step(List<Tensor> params, List<Tensor> grads) {
        double[][] shift = ascent(params, grads);
        for (int i = 0; i < params.size(); i++) {
            add(params.get(i), shift[i], 1);
        }
        List<Tensor> sharp;
        try {
            sharp = Autodiff.grad(total(), params, null, false);
        } finally {
            for (int i = 0; i < params.size(); i++) {
                add(params.get(i), shift[i], -1);
            }
        }
        inner().step(params, sharp);
    }

    /** The ascent step per parameter: rho g / ||g|| on the perturbed ones, null elsewhere. */
    private double[][] ascent(List<Tensor> params, List<Tensor> grads) {
        double sq = 0;
        for (int i = 0; i < params.size(); i++) {
            if (moves(params.get(i))) {
                for (double g : grads.get(i).data()) {
                    sq += g * g;
                }
            }
        }
        double scale = rho / (Math.sqrt(sq) + 1e-12);
        double[][] shift = new double[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            if (moves(params.get(i))) {
                double[] g = grads.get(i).data();
                shift[i] = new double[g.length];
                for (int k = 0; k < g.length; k++) {
                    shift[i][k] = scale * g[k];
                }
            }
        }
        return shift;
    }

    private boolean moves(Tensor p) {
        for (Tensor q : perturbed) {
            if (q == p) {
                return true;
            }
        }
        return false;
    }

    private static void add(Tensor p, double[] shift, double sign) {
        if (shift == null) {
            return;
        }
        double[] d = p.data();
        for (int k = 0; k < d.length; k++) {
            d[k] += sign * shift[k];
        }
    }

    private Tensor total() {
        List<Tensor> terms = objective.loss();
        double[] w = objective.weights();
        Tensor sum = null;
        for (int i = 0; i < w.length; i++) {
            Tensor t = terms.get(i).mul(w[i]);
            sum = sum == null ? t : sum.add(t);
        }
        return sum;
    }
}
