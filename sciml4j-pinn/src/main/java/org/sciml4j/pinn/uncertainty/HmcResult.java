package org.sciml4j.pinn.uncertainty;

/**
 * What an {@link Hmc} run drew.
 *
 * @param draws       the kept draws after warm-up and thinning, {@code draws[k]} of length d
 * @param logDensity  log p of each kept draw
 * @param acceptance  the mean acceptance probability of the transitions after warm-up
 * @param step        the step size used after warm-up
 * @param invMass     the diagonal of the inverse mass matrix used after warm-up, length d
 * @param divergent   transitions after warm-up whose energy error exceeded {@link Hmc#DIVERGENCE} or was not finite
 * @param transitions transitions run, warm-up included (fewer than planned when stopped)
 * @param stopped     whether the monitor stopped the run early (the draws so far are kept)
 */
public record HmcResult(double[][] draws, double[] logDensity, double acceptance, double step, double[] invMass,
        int divergent, int transitions, boolean stopped) {

    /** Coordinate {@code i} of every kept draw. */
    public double[] coordinate(int i) {
        double[] out = new double[draws.length];
        for (int k = 0; k < draws.length; k++) {
            out[k] = draws[k][i];
        }
        return out;
    }
}
