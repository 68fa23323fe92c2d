package org.sciml4j.pinn.uncertainty;

/**
 * How {@link Hmc} samples.
 *
 * @param samples          draws kept after warm-up and thinning (>= 1)
 * @param warmup           warm-up transitions (step size, and the mass matrix if {@code adaptMass}), discarded
 * @param leapfrog         leapfrog steps per transition (>= 1)
 * @param thin             keep every {@code thin}-th transition after warm-up (>= 1): {@code samples * thin}
 *                         transitions are run
 * @param targetAcceptance the mean acceptance probability dual averaging aims at during warm-up, in (0, 1)
 *                         (Stan's 0.8; HMC with a fixed trajectory length does best around 0.65)
 * @param initialStep      the first step size tried before the step-size search (> 0)
 * @param adaptMass        whether warm-up also estimates a diagonal mass matrix from the draws' variances
 *                         (Stan's windowed adaptation); without it the mass matrix is the identity
 */
public record HmcSettings(int samples, int warmup, int leapfrog, int thin, double targetAcceptance,
        double initialStep, boolean adaptMass) {

    /** Checks the values. */
    public HmcSettings {
        if (samples < 1 || warmup < 0 || leapfrog < 1 || thin < 1) {
            throw new IllegalArgumentException("HMC needs samples >= 1, warmup >= 0, leapfrog >= 1 and thin >= 1, got"
                    + " samples " + samples + ", warmup " + warmup + ", leapfrog " + leapfrog + ", thin " + thin);
        }
        if (!(targetAcceptance > 0 && targetAcceptance < 1)) {
            throw new IllegalArgumentException("the target acceptance must lie in (0, 1), got " + targetAcceptance);
        }
        if (!(initialStep > 0) || Double.isInfinite(initialStep)) {
            throw new IllegalArgumentException("the initial step size must be finite and > 0, got " + initialStep);
        }
    }

    /** {@code samples} draws after {@code warmup}, {@code leapfrog} steps, no thinning, target 0.65, mass adapted. */
    public static HmcSettings of(int samples, int warmup, int leapfrog) {
        return new HmcSettings(samples, warmup, leapfrog, 1, 0.65, 0.01, true);
    }

    /** The same with another thinning. */
    public HmcSettings withThin(int every) {
        return new HmcSettings(samples, warmup, leapfrog, every, targetAcceptance, initialStep, adaptMass);
    }

    /** The same with or without mass-matrix adaptation. */
    public HmcSettings withAdaptMass(boolean adapt) {
        return new HmcSettings(samples, warmup, leapfrog, thin, targetAcceptance, initialStep, adapt);
    }

    /** The same with another target acceptance. */
    public HmcSettings withTargetAcceptance(double target) {
        return new HmcSettings(samples, warmup, leapfrog, thin, target, initialStep, adaptMass);
    }
}
