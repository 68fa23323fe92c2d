package org.sciml4j.dynamics.hybrid;

import java.util.List;

import org.sciml4j.dynamics.ode.FixedStepSolver;
import org.sciml4j.dynamics.ode.OdeSolver;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Objective;

/**
 * Fits a {@link SeirModel}'s learned rate to daily case counts through the integrator: the model is integrated from
 * the known initial state over days 0..n, daily cases are {@code N (C(k+1) - C(k))}, and the term {@code
 * log_case_mse} is the mean square of {@code log(pred) - log(observed)} over the n days (relative errors: the counts
 * span orders of magnitude).
 */
public final class CaseCountObjective implements Objective {
    private final SeirModel model;
    private final OdeSolver solver;
    private final Tensor x0;
    private final double population;
    private final double[] days;
    private final Tensor logObserved;

    /**
     * @param x0         initial fractions (S, E, I, R, C), length 5
     * @param cases      observed daily cases, length n, all > 0
     * @param population N
     */
    public CaseCountObjective(SeirModel model, OdeSolver solver, double[] x0, double[] cases, double population) {
        if (x0.length != 5) {
            throw new IllegalArgumentException("SEIR initial state needs 5 values (S, E, I, R, C), got " + x0.length);
        }
        double[] logs = new double[cases.length];
        for (int k = 0; k < cases.length; k++) {
            if (!(cases[k] > 0)) {
                throw new IllegalArgumentException("daily cases must be > 0 to fit on a log scale; day " + k + " has "
                        + cases[k]);
            }
            logs[k] = Math.log(cases[k]);
        }
        this.model = model;
        this.solver = solver;
        this.x0 = Tensor.of(x0.clone(), 1, 5);
        this.population = population;
        this.days = new double[cases.length + 1];
        for (int k = 0; k <= cases.length; k++) {
            days[k] = k;
        }
        this.logObserved = Tensor.of(logs, cases.length);
    }

    @Override
    public List<String> termNames() {
        return List.of("log_case_mse");
    }

    @Override
    public List<Tensor> parameters() {
        return model.parameters();
    }

    /** Predicted daily cases, shape (n,). */
    public Tensor predictedCases() {
        Tensor path;
        if (solver instanceof FixedStepSolver fixed) { // RK4-type stages at t, t + h/2, t + h: one network batch
            int per = fixed.stepsFor(1);
            double[] stages = new double[2 * per * (days.length - 1) + 1];
            for (int k = 0; k < stages.length; k++) {
                stages[k] = k / (2.0 * per);
            }
            model.cacheRates(stages);
        }
        try {
            path = solver.solve(model, x0, days); // (n + 1, 1, 5)
        } finally {
            model.clearCache();
        }
        Tensor c = path.slice(2, 4, 5).reshape(days.length);
        return c.slice(0, 1, days.length).sub(c.slice(0, 0, days.length - 1)).mul(population);
    }

    @Override
    public List<Tensor> loss() {
        return List.of(predictedCases().log().sub(logObserved).square().mean());
    }
}
