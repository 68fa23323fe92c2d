package org.sciml4j.dynamics.ode;

import java.util.ArrayList;
import java.util.List;
import org.sciml4j.tensor.Tensor;

/**
 * A one-step method with a fixed step: each interval between output times is cut into the fewest equal steps no
 * longer than {@link #maxStep()}, so output times are hit exactly.
 */
public abstract class FixedStepSolver implements OdeSolver {
    private final double maxStep;

    /** @param maxStep the longest step, finite and > 0 */
    protected FixedStepSolver(double maxStep) {
        if (!(maxStep > 0) || !Double.isFinite(maxStep)) {
            throw new IllegalArgumentException("the step must be finite and > 0, got " + maxStep);
        }
        this.maxStep = maxStep;
    }

    /** The longest step. */
    public double maxStep() {
        return maxStep;
    }

    /**
     * One step of length {@code h} (negative to integrate backwards).
     *
     * @param x states at {@code t}, shape (B, d)
     * @return states at {@code t + h}, shape (B, d)
     */
    public abstract Tensor step(VectorField f, double t, Tensor x, double h);

    /** How many equal steps cover an interval of length {@code dt}. */
    public int stepsFor(double dt) {
        return Math.max(1, (int) Math.ceil(Math.abs(dt) / maxStep - 1e-9));
    }

    @Override
    public Tensor solve(VectorField f, Tensor x0, double[] times) {
        OdeSolver.checkArguments(x0, times);
        List<Tensor> out = new ArrayList<>(times.length);
        out.add(x0);
        Tensor x = x0;
        for (int i = 1; i < times.length; i++) {
            double dt = times[i] - times[i - 1];
            int n = stepsFor(dt);
            double h = dt / n;
            for (int k = 0; k < n; k++) {
                x = step(f, times[i - 1] + k * h, x, h);
            }
            out.add(x);
        }
        return Tensor.stack(0, out.toArray(new Tensor[0]));
    }
}
