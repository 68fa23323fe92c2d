package org.sciml4j.pinn.marching;

/**
 * A parameter curriculum (Krishnapriyan et al. 2021, "Characterizing possible failure modes in physics-informed
 * neural networks"): train with an easy value of a known coefficient first, then move geometrically to the
 * problem's value in {@code steps} stages, each started from the last ({@link ParameterCurriculum}).
 *
 * @param parameter the known parameter's name
 * @param from      the first stage's value, of the same sign as the target and not 0
 * @param steps     stages, the last at the target (>= 2)
 */
public record Curriculum(String parameter, double from, int steps) {
    /** Checks the values. */
    public Curriculum {
        if (steps < 2) {
            throw new IllegalArgumentException("curriculum: steps must be >= 2 (the last stage is the target), got "
                    + steps);
        }
        if (!(from != 0) || !Double.isFinite(from)) {
            throw new IllegalArgumentException("curriculum: from must be a finite number other than 0, got " + from);
        }
    }

    /**
     * The stages' values: {@code from (target / from)^(i / (steps - 1))}, i = 0 .. steps - 1, the last exactly
     * {@code target}.
     *
     * @return shape (steps,)
     * @throws IllegalArgumentException if target is 0 or of the other sign (no geometric path)
     */
    public double[] values(double target) {
        if (!(target / from > 0) || !Double.isFinite(target)) {
            throw new IllegalArgumentException("curriculum: the parameter '" + parameter + "' moves geometrically"
                    + " from " + from + " to its value " + target + ", so both must have the same sign and not be 0");
        }
        double[] v = new double[steps];
        for (int i = 0; i < steps; i++) {
            v[i] = i == steps - 1 ? target : from * Math.pow(target / from, (double) i / (steps - 1));
        }
        return v;
    }
}
