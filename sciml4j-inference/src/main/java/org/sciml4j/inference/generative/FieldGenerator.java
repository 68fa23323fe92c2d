package org.sciml4j.inference.generative;

import org.sciml4j.tensor.Rng;

/**
 * Training fields from exact solutions of linear periodic PDEs on x in [0, L), n grid points x_j = j L / n. Each
 * initial state is u0(x) = mean + sum_{k=1..K} (a_k cos(2 pi k x / L) + b_k sin(2 pi k x / L)) with a_k, b_k ~
 * N(0, 1/k^2) (K random Fourier coefficients per mode set), and the field at time T is exact by Fourier modes:
 * <ul>
 * <li>heat u_t = nu u_xx: each mode decays by exp(-nu (2 pi k / L)^2 T);</li>
 * <li>advection u_t + c u_x = 0: each mode shifts by c T (a phase).</li>
 * </ul>
 * Both conserve the mass sum u dx = mean L exactly on the grid (K < n/2). With a target energy E > 0 the fluctuating
 * part of each field is rescaled so that sum u^2 dx = E (a nonlinear constraint that then holds for every field;
 * for the heat equation this is the solution from the equally rescaled initial state, by linearity).
 *
 * @param equation    {@code heat} or {@code advection}
 * @param n           grid points (>= 4)
 * @param modes       Fourier modes K (1 <= K < n/2)
 * @param length      the period L
 * @param time        the time T of the fields
 * @param coefficient nu for heat, c for advection
 * @param mean        the mean of every field (mass = mean L)
 * @param energy      the energy every field is rescaled to; NaN or 0: no rescaling
 */
public record FieldGenerator(String equation, int n, int modes, double length, double time, double coefficient,
                             double mean, double energy) {
    /** Checks the settings. */
    public FieldGenerator {
        if (!equation.equals("heat") && !equation.equals("advection")) {
            throw new IllegalArgumentException("equation is 'heat' or 'advection', got '" + equation + "'");
        }
        if (n < 4) {
            throw new IllegalArgumentException("the grid needs at least 4 points, got " + n);
        }
        if (modes < 1 || 2 * modes >= n) {
            throw new IllegalArgumentException("modes must be in [1, " + ((n - 1) / 2) + "] for a grid of " + n
                    + " points, got " + modes);
        }
        if (!(length > 0) || !Double.isFinite(length)) {
            throw new IllegalArgumentException("the length must be finite and > 0, got " + length);
        }
        if (energy > 0 && mean * mean * length >= energy) {
            throw new IllegalArgumentException("the energy " + energy + " must exceed mean^2 L = "
                    + mean * mean * length + " (the energy of the constant part)");
        }
    }

    /** The grid spacing L / n. */
    public double dx() {
        return length / n;
    }

    /** The mass every field has: mean L. */
    public double mass() {
        return mean * length;
    }

    /**
     * Draws fields.
     *
     * @return {@code count} fields, flat (count, n) row-major
     */
    public double[] sample(int count, long seed) {
        Rng rng = new Rng(seed);
        double[] u = new double[count * n];
        double[] w = new double[n];
        for (int s = 0; s < count; s++) {
            java.util.Arrays.fill(w, 0);
            for (int k = 1; k <= modes; k++) {
                double a = rng.normal() / k;
                double b = rng.normal() / k;
                double wave = 2 * Math.PI * k / length;
                double decay = equation.equals("heat") ? Math.exp(-coefficient * wave * wave * time) : 1;
                double shift = equation.equals("heat") ? 0 : coefficient * time;
                for (int j = 0; j < n; j++) {
                    double phase = wave * (j * dx() - shift);
                    w[j] += decay * (a * Math.cos(phase) + b * Math.sin(phase));
                }
            }
            double scale = 1;
            if (energy > 0) {
                double e = 0;
                for (double v : w) {
                    e += v * v;
                }
                scale = Math.sqrt((energy - mean * mean * length) / (e * dx()));
            }
            for (int j = 0; j < n; j++) {
                u[s * n + j] = mean + scale * w[j];
            }
        }
        return u;
    }
}
