package org.sciml4j.inference.tasks;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.sciml4j.inference.sbi.Prior;
import org.sciml4j.inference.sbi.Simulator;

/**
 * sbibm's tasks (Lueckmann et al. 2021), priors and simulators as in its code:
 * <ul>
 * <li>{@code gaussian_linear}: theta ~ N(0, 0.1 I_10), x ~ N(theta, 0.1 I_10). The posterior is Gaussian with mean
 * x / 2 and covariance 0.05 I.</li>
 * <li>{@code two_moons}: theta ~ U(-1, 1)^2; a ~ U(-pi/2, pi/2), r ~ N(0.1, 0.01^2), p = (r cos a + 0.25, r sin a),
 * x = p + (-|theta_1 + theta_2| / sqrt 2, (-theta_1 + theta_2) / sqrt 2).</li>
 * <li>{@code slcp}: theta ~ U(-3, 3)^5; m = (theta_1, theta_2), s_1 = theta_3^2, s_2 = theta_4^2, rho =
 * tanh(theta_5), S = [[s_1^2, rho s_1 s_2], [rho s_1 s_2, s_2^2]]; x = four independent draws of N(m, S), stacked
 * (x_1a, x_1b, ..., x_4a, x_4b).</li>
 * </ul>
 */
public final class SbibmTasks {
    /** The names {@link #byName} knows. */
    public static final List<String> NAMES = List.of("gaussian_linear", "two_moons", "slcp");

    private SbibmTasks() {
    }

    /**
     * The task of that name.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static BenchmarkTask byName(String name) {
        return switch (name) {
            case "gaussian_linear" -> gaussianLinear();
            case "two_moons" -> twoMoons();
            case "slcp" -> slcp();
            default -> throw new IllegalArgumentException("unknown sbibm task '" + name + "', expected one of "
                    + NAMES + " (or the physical task damped_oscillator)");
        };
    }

    /** gaussian_linear, dimension 10. */
    public static BenchmarkTask gaussianLinear() {
        int d = 10;
        double sd = Math.sqrt(0.1);
        double[] sds = new double[d];
        Arrays.fill(sds, sd);
        Simulator sim = Simulator.of(d, (theta, r) -> {
            double[] x = new double[d];
            for (int j = 0; j < d; j++) {
                x[j] = theta[j] + sd * Simulator.normal(r);
            }
            return x;
        });
        return new BenchmarkTask("gaussian_linear", Prior.gaussian(new double[d], sds), sim);
    }

    /** two_moons. */
    public static BenchmarkTask twoMoons() {
        Simulator sim = Simulator.of(2, (theta, r) -> {
            double a = -Math.PI / 2 + Math.PI * r.nextDouble();
            double rad = 0.1 + 0.01 * Simulator.normal(r);
            double s2 = Math.sqrt(2);
            return new double[] {rad * Math.cos(a) + 0.25 - Math.abs(theta[0] + theta[1]) / s2,
                rad * Math.sin(a) + (-theta[0] + theta[1]) / s2};
        });
        return new BenchmarkTask("two_moons", Prior.uniform(new double[] {-1, -1}, new double[] {1, 1}), sim);
    }

    /** slcp. */
    public static BenchmarkTask slcp() {
        double[] lo = new double[5];
        double[] hi = new double[5];
        Arrays.fill(lo, -3);
        Arrays.fill(hi, 3);
        return new BenchmarkTask("slcp", Prior.uniform(lo, hi), Simulator.of(8, SbibmTasks::slcpData));
    }

    private static double[] slcpData(double[] theta, SplittableRandom r) {
        double s1 = theta[2] * theta[2];
        double s2 = theta[3] * theta[3];
        double rho = Math.tanh(theta[4]);
        // Cholesky factor of S = [[s1^2, rho s1 s2], [rho s1 s2, s2^2]]: L = [[s1, 0], [rho s2, s2 sqrt(1 - rho^2)]]
        double l21 = rho * s2;
        double l22 = s2 * Math.sqrt(Math.max(0, 1 - rho * rho));
        double[] x = new double[8];
        for (int k = 0; k < 4; k++) {
            double u = Simulator.normal(r);
            double v = Simulator.normal(r);
            x[2 * k] = theta[0] + s1 * u;
            x[2 * k + 1] = theta[1] + l21 * u + l22 * v;
        }
        return x;
    }
}
