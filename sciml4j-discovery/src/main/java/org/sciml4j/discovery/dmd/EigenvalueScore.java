package org.sciml4j.discovery.dmd;

/**
 * How far a fit's eigenvalues are from the true continuous-time ones: each true eigenvalue is matched to a distinct
 * fitted one (closest pairs first; extra fitted eigenvalues, such as EDMD's constant function, are ignored).
 *
 * @param eigenvalueError         the largest |omega - omega_true| (continuous time)
 * @param discreteEigenvalueError the largest |lambda - exp(omega_true dt)| (discrete time, one step dt)
 * @param growthRateRelativeError the largest |Re omega - Re omega_true| / |Re omega_true| over the true eigenvalues
 *                                with Re omega_true != 0 (NaN when none)
 * @param frequencyRelativeError  the largest |Im omega - Im omega_true| / |Im omega_true| over those with Im != 0
 *                                (NaN when none)
 */
public record EigenvalueScore(double eigenvalueError, double discreteEigenvalueError,
                              double growthRateRelativeError, double frequencyRelativeError) {

    /** Scores a fit against true continuous-time eigenvalues. */
    public static EigenvalueScore of(DmdResult fit, double[] truthRe, double[] truthIm) {
        int[] match = BopDmd.match(truthRe, truthIm, fit.omegaRe(), fit.omegaIm());
        double err = 0;
        double disc = 0;
        double growth = Double.NaN;
        double freq = Double.NaN;
        for (int j = 0; j < truthRe.length; j++) {
            if (match[j] < 0) {
                return new EigenvalueScore(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                        Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
            }
            int k = match[j];
            err = Math.max(err, Math.hypot(fit.omegaRe()[k] - truthRe[j], fit.omegaIm()[k] - truthIm[j]));
            double g = Math.exp(truthRe[j] * fit.dt());
            disc = Math.max(disc, Math.hypot(fit.lambdaRe()[k] - g * Math.cos(truthIm[j] * fit.dt()),
                    fit.lambdaIm()[k] - g * Math.sin(truthIm[j] * fit.dt())));
            if (truthRe[j] != 0) {
                double e = Math.abs(fit.omegaRe()[k] - truthRe[j]) / Math.abs(truthRe[j]);
                growth = Double.isNaN(growth) ? e : Math.max(growth, e);
            }
            if (truthIm[j] != 0) {
                double e = Math.abs(fit.omegaIm()[k] - truthIm[j]) / Math.abs(truthIm[j]);
                freq = Double.isNaN(freq) ? e : Math.max(freq, e);
            }
        }
        return new EigenvalueScore(err, disc, growth, freq);
    }
}
