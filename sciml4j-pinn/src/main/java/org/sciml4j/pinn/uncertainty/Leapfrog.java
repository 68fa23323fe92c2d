package org.sciml4j.pinn.uncertainty;

/**
 * The leapfrog (Stormer-Verlet) integrator of Hamiltonian dynamics for H(x, p) = -log p(x) + p^T M^-1 p / 2 with a
 * diagonal mass matrix M: symplectic and time-reversible, so its energy error stays O(step^2) over long trajectories
 * instead of drifting, which is what makes HMC's Metropolis correction accept most proposals.
 */
public final class Leapfrog {
    private Leapfrog() {
    }

    /**
     * The kinetic energy p^T M^-1 p / 2.
     *
     * @param p       momentum, length d
     * @param invMass the diagonal of M^-1, length d
     */
    public static double kinetic(double[] p, double[] invMass) {
        double k = 0;
        for (int i = 0; i < p.length; i++) {
            k += p[i] * p[i] * invMass[i];
        }
        return 0.5 * k;
    }

    /**
     * Moves (x, p) along {@code steps} leapfrog steps of size {@code step}, in place: half a momentum step, then
     * alternating full position and momentum steps, then half a momentum step.
     *
     * @param target   the log density (its gradient is the force)
     * @param x        position, length d, updated
     * @param p        momentum, length d, updated
     * @param gradient on entry d log p / dx at x; on return at the new x
     * @param step     the step size
     * @param steps    the number of steps (>= 1)
     * @param invMass  the diagonal of M^-1, length d
     * @return log p at the new x (NaN or -infinity if the trajectory left the density's domain: it stops there)
     */
    public static double integrate(LogDensity target, double[] x, double[] p, double[] gradient, double step,
            int steps, double[] invMass) {
        int d = x.length;
        double logp = Double.NaN;
        for (int i = 0; i < d; i++) {
            p[i] += 0.5 * step * gradient[i];
        }
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < d; i++) {
                x[i] += step * invMass[i] * p[i];
            }
            logp = target.logDensity(x, gradient);
            if (!Double.isFinite(logp)) {
                return logp;
            }
            double h = s == steps - 1 ? 0.5 * step : step;
            for (int i = 0; i < d; i++) {
                p[i] += h * gradient[i];
            }
        }
        return logp;
    }
}
