package org.sciml4j.pinn.uncertainty;

/**
 * Step-size adaptation by dual averaging (Hoffman and Gelman 2014, the No-U-Turn Sampler paper, section 3.2; Stan's
 * defaults gamma = 0.05, t0 = 10, kappa = 0.75): drives the average acceptance probability to a target by steering
 * log(step) toward a point whose running average converges; after warm-up the averaged step is used.
 */
final class DualAveraging {
    private static final double GAMMA = 0.05;
    private static final double T0 = 10;
    private static final double KAPPA = 0.75;

    private final double target;
    private double mu;
    private double hBar;
    private double logStep;
    private double logStepBar;
    private int t;

    /** Starts (again) around {@code step}: mu = log(10 step), as Stan does. */
    DualAveraging(double target, double step) {
        this.target = target;
        restart(step);
    }

    void restart(double step) {
        mu = Math.log(10 * step);
        hBar = 0;
        logStep = Math.log(step);
        logStepBar = 0;
        t = 0;
    }

    /** Learns from one transition's acceptance probability; returns the next step to try. */
    double update(double acceptance) {
        t++;
        double a = Double.isFinite(acceptance) ? Math.min(1, acceptance) : 0;
        double w = 1.0 / (t + T0);
        hBar = (1 - w) * hBar + w * (target - a);
        logStep = mu - Math.sqrt(t) / GAMMA * hBar;
        double eta = Math.pow(t, -KAPPA);
        logStepBar = eta * logStep + (1 - eta) * logStepBar;
        return Math.exp(logStep);
    }

    /** The averaged step, the one to sample with after warm-up. */
    double averaged() {
        return t == 0 ? Math.exp(logStep) : Math.exp(logStepBar);
    }
}
