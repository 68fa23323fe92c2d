package org.sciml4j.dynamics.data;

import java.util.SplittableRandom;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.sciml4j.tensor.Tensor;

/**
 * Makes trajectories of a {@link DynamicalSystem} with Hipparchus's Dormand-Prince 8(5,3) at tight tolerances
 * (relative 1e-12, absolute 1e-12), as Greydanus et al. do with SciPy's solve_ivp: observation times
 * {@code linspace(t0, t1, round(rate (t1 - t0)))}, the exact derivative at each noise-free state, then Gaussian noise
 * of standard deviation {@code noise} added to the observed states (not to the derivatives). Deterministic under the
 * seed.
 */
public final class TrajectoryGenerator {
    private final DynamicalSystem system;
    private int trajectories = 50;
    private double[] timeSpan;
    private double rate;
    private double noise = 0.1;
    private double[] radius;
    private long seed;

    /** A generator with the system's defaults: 50 trajectories, noise 0.1, seed 0. */
    public TrajectoryGenerator(DynamicalSystem system) {
        this.system = system;
        this.timeSpan = system.defaultTimeSpan();
        this.rate = system.defaultRate();
        this.radius = system.defaultRadius();
    }

    /** Number of trajectories K, >= 1. */
    public TrajectoryGenerator trajectories(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("trajectories must be >= 1, got " + k);
        }
        trajectories = k;
        return this;
    }

    /** Time span [t0, t1], t1 > t0. */
    public TrajectoryGenerator timeSpan(double t0, double t1) {
        if (!(t1 > t0) || !Double.isFinite(t0) || !Double.isFinite(t1)) {
            throw new IllegalArgumentException("the time span must be [t0, t1] with t1 > t0, got [" + t0 + ", " + t1
                    + "]");
        }
        timeSpan = new double[] {t0, t1};
        return this;
    }

    /** Observations per unit time, > 0 (at least two points are always taken). */
    public TrajectoryGenerator rate(double pointsPerUnitTime) {
        if (!(pointsPerUnitTime > 0) || !Double.isFinite(pointsPerUnitTime)) {
            throw new IllegalArgumentException("the observation rate must be > 0, got " + pointsPerUnitTime);
        }
        rate = pointsPerUnitTime;
        return this;
    }

    /** Standard deviation of the observation noise, >= 0. */
    public TrajectoryGenerator noise(double sd) {
        if (!(sd >= 0) || !Double.isFinite(sd)) {
            throw new IllegalArgumentException("the noise sd must be >= 0, got " + sd);
        }
        noise = sd;
        return this;
    }

    /** The radius range of the initial states (see {@link DynamicalSystem#initialState}). */
    public TrajectoryGenerator radius(double lo, double hi) {
        if (!(lo >= 0) || !(hi >= lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("the radius range must be [lo, hi] with 0 <= lo <= hi, got [" + lo
                    + ", " + hi + "]");
        }
        radius = new double[] {lo, hi};
        return this;
    }

    /** The seed of the initial states and the noise. */
    public TrajectoryGenerator seed(long s) {
        seed = s;
        return this;
    }

    /** How many observation points a trajectory of [t0, t1] at {@code rate} per unit time has: at least 2. */
    public static int points(double rate, double t0, double t1) {
        return Math.max(2, (int) Math.round(rate * (t1 - t0)));
    }

    /** The observation times. */
    public double[] times() {
        int n = points(rate, timeSpan[0], timeSpan[1]);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = timeSpan[0] + (timeSpan[1] - timeSpan[0]) * i / (n - 1);
        }
        return t;
    }

    /** Draws the initial states and integrates them. */
    public TrajectoryData generate() {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x0 = new double[trajectories][];
        for (int k = 0; k < trajectories; k++) {
            x0[k] = system.initialState(rng, radius[0], radius[1]);
        }
        return fromInitialStates(system, x0, times(), noise, rng);
    }

    /**
     * Trajectories from given initial states at given times, with noise drawn from {@code rng} (none when
     * {@code noise} is 0).
     *
     * @param x0 K initial states of the system's width
     */
    public static TrajectoryData fromInitialStates(DynamicalSystem system, double[][] x0, double[] t, double noise,
            SplittableRandom rng) {
        int d = system.dimension();
        int k = x0.length;
        double[] x = new double[k * t.length * d];
        double[] dx = new double[x.length];
        for (int j = 0; j < k; j++) {
            double[][] path = integrate(system, x0[j], t);
            for (int i = 0; i < t.length; i++) {
                double[] der = system.derivative(path[i]);
                int at = (j * t.length + i) * d;
                System.arraycopy(path[i], 0, x, at, d);
                System.arraycopy(der, 0, dx, at, d);
            }
        }
        if (noise > 0) {
            for (int i = 0; i < x.length; i++) {
                x[i] += noise * gaussian(rng);
            }
        }
        return new TrajectoryData(Tensor.of(t, t.length), Tensor.wrap(x, k, t.length, d),
                Tensor.wrap(dx, k, t.length, d));
    }

    /** The exact (to 1e-12) states at the given times, row i at t[i]. */
    public static double[][] integrate(DynamicalSystem system, double[] x0, double[] t) {
        OrdinaryDifferentialEquation eq = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return system.dimension();
            }

            @Override
            public double[] computeDerivatives(double time, double[] y) {
                return system.derivative(y);
            }
        };
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-12, 10, 1e-12, 1e-12);
        double[][] out = new double[t.length][];
        out[0] = x0.clone();
        ODEState state = new ODEState(t[0], x0.clone());
        for (int i = 1; i < t.length; i++) {
            ODEStateAndDerivative s = integrator.integrate(eq, state, t[i]);
            out[i] = s.getPrimaryState().clone();
            state = new ODEState(t[i], out[i].clone());
        }
        return out;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
