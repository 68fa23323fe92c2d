package org.sciml4j.dynamics.ode;

import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * The implicit midpoint rule {@code x1 = x0 + h f(t + h/2, (x0 + x1)/2)}, solved by fixed-point iteration from an
 * explicit Euler guess until the largest change is below {@code tolerance} (at most {@code maxIterations}).
 * Second order and symplectic for any Hamiltonian (separable or not); it conserves quadratic invariants exactly
 * (to the iteration tolerance). The iterations are recorded, so direct gradients differentiate through them.
 * The iteration converges when {@code h L / 2 < 1}, L the field's Lipschitz constant; a step where it does not
 * is an error naming the step, never a silent result.
 */
public final class ImplicitMidpoint extends FixedStepSolver {
    private final double tolerance;
    private final int maxIterations;

    /** Tolerance 1e-12 and at most 100 iterations. */
    public ImplicitMidpoint(double maxStep) {
        this(maxStep, 1e-12, 100);
    }

    /**
     * @param maxStep       the longest step
     * @param tolerance     stop when the largest change of an iterate is at most this
     * @param maxIterations give up (an error) after this many iterations
     */
    public ImplicitMidpoint(double maxStep, double tolerance, int maxIterations) {
        super(maxStep);
        if (!(tolerance > 0) || maxIterations < 1) {
            throw new IllegalArgumentException("tolerance must be > 0 and maxIterations >= 1");
        }
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    @Override
    public String name() {
        return "implicit_midpoint";
    }

    @Override
    public Tensor step(VectorField f, double t, Tensor x, double h) {
        Tensor x1 = x.add(f.apply(t, x).mul(h));
        for (int it = 0; it < maxIterations; it++) {
            Tensor next = x.add(f.apply(t + h / 2, x.add(x1).mul(0.5)).mul(h));
            double change = maxAbsDifference(next, x1);
            x1 = next;
            if (change <= tolerance * Math.max(1, maxAbs(x1))) {
                return x1;
            }
            if (!Double.isFinite(change)) {
                break;
            }
        }
        throw new IllegalStateException("implicit midpoint: the fixed-point iteration did not converge at t = " + t
                + " with step " + h + " (take a smaller step)");
    }

    private static double maxAbsDifference(Tensor a, Tensor b) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            double[] x = a.data();
            double[] y = b.data();
            double m = 0;
            for (int i = 0; i < x.length; i++) {
                double d = Math.abs(x[i] - y[i]);
                m = Double.isNaN(d) ? Double.NaN : Math.max(m, d);
                if (Double.isNaN(m)) {
                    return m;
                }
            }
            return m;
        }
    }

    private static double maxAbs(Tensor a) {
        double m = 0;
        for (double v : a.data()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
