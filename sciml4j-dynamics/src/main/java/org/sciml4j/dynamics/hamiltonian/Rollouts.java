package org.sciml4j.dynamics.hamiltonian;

import java.util.SplittableRandom;
import org.sciml4j.dynamics.data.DynamicalSystem;
import org.sciml4j.dynamics.data.TrajectoryGenerator;
import org.sciml4j.dynamics.ode.DormandPrince;
import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * Rolled-out test trajectories and the figures Greydanus et al. report on them. Test initial states are drawn as in
 * their analysis notebooks for two-dimensional systems (each coordinate uniform in +-[0.2, 1.0]), from the system's
 * own draw otherwise; truth comes from {@link TrajectoryGenerator#integrate} (DOP853 at 1e-12), the model's rollout
 * from the adaptive {@link DormandPrince} at rtol 1e-7, atol 1e-7, all test trajectories in one batch.
 *
 * @param t     evaluation times, shape (T,)
 * @param truth exact states, (K, T, d) as [K][T][d]
 * @param model the model's rollout, [K][T][d]
 */
public record Rollouts(double[] t, double[][][] truth, double[][][] model) {

    /**
     * Rolls out {@code trajectories} test initial states over [0, tEnd] at {@code points} evenly spaced times.
     */
    public static Rollouts of(DynamicalSystem system, VectorField field, int trajectories, double tEnd, int points,
            long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int d = system.dimension();
        double[] t = new double[points];
        for (int i = 0; i < points; i++) {
            t[i] = tEnd * i / (points - 1);
        }
        double[][] x0 = new double[trajectories][];
        double[] flat = new double[trajectories * d];
        for (int k = 0; k < trajectories; k++) {
            x0[k] = d == 2 ? greydanusTestState(rng) : system.initialState(rng, system.defaultRadius()[0],
                    system.defaultRadius()[1]);
            System.arraycopy(x0[k], 0, flat, k * d, d);
        }
        double[][][] truth = new double[trajectories][][];
        for (int k = 0; k < trajectories; k++) {
            truth[k] = TrajectoryGenerator.integrate(system, x0[k], t);
        }
        Tensor path;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            path = new DormandPrince(1e-7, 1e-7).solve(field, Tensor.wrap(flat, trajectories, d), t);
        }
        double[][][] model = new double[trajectories][points][d];
        double[] p = path.data();
        for (int i = 0; i < points; i++) {
            for (int k = 0; k < trajectories; k++) {
                System.arraycopy(p, (i * trajectories + k) * d, model[k][i], 0, d);
            }
        }
        return new Rollouts(t, truth, model);
    }

    /**
     * The evaluation exactly as Greydanus's analyze-spring / analyze-pend notebooks run it (their energy-MSE cell):
     * their {@code integrate_models} multiplies {@code t_span[1]} and {@code t_eval} by c = 1 + 0.9 noise in place on
     * every call (the "rescaled time" of their appendix), and one earlier call has already done so once. So test
     * trajectory k (0-based) has truth at t_k = c^(k+1) linspace(0, tEnd, points), and the model is compared there
     * with its own rollout at the times c t_k: horizons grow from c tEnd to c^K tEnd (about 22 to 73 time units for
     * tEnd = 20, noise 0.1, K = 15). Test states as {@link #of}; each trajectory is solved alone (its own times).
     * The returned {@code t} is trajectory 0's truth times.
     *
     * @param noise the training data's noise sd (their {@code noise_std}, 0.1)
     */
    public static Rollouts greydanusNotebook(DynamicalSystem system, VectorField field, int trajectories,
            double tEnd, int points, double noise, long seed) {
        if (system.dimension() != 2) {
            throw new IllegalArgumentException("the notebook protocol is for two-dimensional systems, got d = "
                    + system.dimension());
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double c = 1 + 0.9 * noise;
        double[][][] truth = new double[trajectories][][];
        double[][][] model = new double[trajectories][points][2];
        double[] first = null;
        for (int k = 0; k < trajectories; k++) {
            double[] x0 = greydanusTestState(rng);
            double horizon = tEnd * Math.pow(c, k + 1);
            double[] t = new double[points];
            double[] tm = new double[points];
            for (int i = 0; i < points; i++) {
                t[i] = horizon * i / (points - 1);
                tm[i] = c * t[i];
            }
            first = first == null ? t : first;
            truth[k] = TrajectoryGenerator.integrate(system, x0, t);
            double[] p;
            try (Autodiff.Scope s = Autodiff.noGrad()) {
                p = new DormandPrince(1e-7, 1e-7).solve(field, Tensor.wrap(x0.clone(), 1, 2), tm).data();
            }
            for (int i = 0; i < points; i++) {
                System.arraycopy(p, i * 2, model[k][i], 0, 2);
            }
        }
        return new Rollouts(first, truth, model);
    }

    /** {@code x0 = U(-0.8, 0.8)^2 + 0.2 sign(x0)}, as in Greydanus's analyze-spring and analyze-pend notebooks. */
    static double[] greydanusTestState(SplittableRandom rng) {
        double[] x = new double[2];
        for (int i = 0; i < 2; i++) {
            x[i] = rng.nextDouble() * 1.6 - 0.8;
            x[i] += 0.2 * Math.signum(x[i]);
        }
        return x;
    }

    /**
     * Greydanus's energy MSE: per trajectory, the mean over time of {@code (|x_true|^2 - |x_model|^2)^2} (their
     * notebooks use the squared norm of the state as the energy for both the mass-spring and the pendulum), then
     * the mean over trajectories.
     */
    public double greydanusEnergyMse() {
        return meanOverTrajectories((a, b) -> {
            double e = squaredNorm(a) - squaredNorm(b);
            return e * e;
        });
    }

    /** The same with the system's own energy: mean over trajectories and times of (H(x_true) - H(x_model))^2. */
    public double energyMse(DynamicalSystem system) {
        return meanOverTrajectories((a, b) -> {
            double e = system.energy(a) - system.energy(b);
            return e * e;
        });
    }

    /** Mean over trajectories, times and coordinates of (x_true - x_model)^2. */
    public double trajectoryMse() {
        return meanOverTrajectories((a, b) -> {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += (a[i] - b[i]) * (a[i] - b[i]);
            }
            return s / a.length;
        });
    }

    private interface PointError {
        double at(double[] truth, double[] model);
    }

    private double meanOverTrajectories(PointError err) {
        double sum = 0;
        for (int k = 0; k < truth.length; k++) {
            double s = 0;
            for (int i = 0; i < t.length; i++) {
                s += err.at(truth[k][i], model[k][i]);
            }
            sum += s / t.length;
        }
        return sum / truth.length;
    }

    private static double squaredNorm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }
}
