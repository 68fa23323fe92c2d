package org.sciml4j.dynamics.data;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The reference systems. Conventions follow the papers whose setups they reproduce:
 * <ul>
 *   <li>{@code mass_spring}: H = q^2 + p^2 (Greydanus et al. 2019: k = 2, m = 1/2), radius [0.1, 1], 10 points per
 *   unit time over [0, 3].</li>
 *   <li>{@code pendulum}: H = 3 (1 - cos q) + p^2 (Greydanus: m = 1/2, g = 3, l = 1), radius [1.3, 2.3], 15 points
 *   per unit time over [0, 3].</li>
 *   <li>{@code duffing}: H = p^2/2 + q^2/2 + q^4/4 (alpha = beta = 1).</li>
 *   <li>{@code duffing_double_well}: H = p^2/2 - q^2/2 + q^4/4, the SSGP paper's Duffing (Tanaka et al. 2022, code
 *   yusuk-e/SSGP): initial states uniform in [-3, 3]^2 kept when H lies in the "radius" range, which for this system
 *   is an energy range (the paper's [0.5, 2]: above the separatrix H = 0, orbits around both wells); 5 points per
 *   unit time over [0, 10].</li>
 *   <li>{@code damped_pendulum}: q'' = -omega0^2 sin q - alpha q' with omega0 = 2 pi / 6, alpha = 0.2 (APHYNITY);
 *   state (q, q'), energy q'^2/2 + omega0^2 (1 - cos q).</li>
 *   <li>{@code two_body}: two unit masses, G = 1, state (x1, y1, x2, y2, px1, py1, px2, py2); near-circular orbits
 *   about the origin of radius drawn from the radius range (Greydanus's orbits setup).</li>
 *   <li>{@code double_pendulum}: unit masses and lengths, g = 9.81, state (theta1, theta2, p1, p2) with the
 *   canonical momenta; released from rest at angles drawn in [-radius, radius].</li>
 *   <li>{@code spiral}: dx/dt = (x^3) A, A = [[-0.1, 2], [-2, -0.1]] (torchdiffeq's ode_demo); no energy.</li>
 * </ul>
 */
public final class Systems {
    private static final Map<String, DynamicalSystem> ALL = new TreeMap<>();

    static {
        for (DynamicalSystem s : List.of(new MassSpring(), new Pendulum(), new Duffing(), new DuffingDoubleWell(),
                new DampedPendulum(),
                new TwoBody(), new DoublePendulum(), new Spiral())) {
            ALL.put(s.name(), s);
        }
    }

    private Systems() {
    }

    /** The names known to {@link #named}. */
    public static java.util.Set<String> names() {
        return ALL.keySet();
    }

    /**
     * @throws IllegalArgumentException naming the known systems when {@code name} is not one
     */
    public static DynamicalSystem named(String name) {
        DynamicalSystem s = ALL.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown system '" + name + "'; known: " + String.join(", ", names()));
        }
        return s;
    }

    /** A random unit direction in d dimensions scaled to a radius uniform in [lo, hi] (Greydanus's draw). */
    static double[] onSphere(SplittableRandom rng, int d, double lo, double hi) {
        double[] y = new double[d];
        double n = 0;
        while (n < 1e-12) {
            n = 0;
            for (int i = 0; i < d; i++) {
                y[i] = rng.nextDouble() * 2 - 1;
                n += y[i] * y[i];
            }
        }
        double r = lo + (hi - lo) * rng.nextDouble();
        double scale = r / Math.sqrt(n);
        for (int i = 0; i < d; i++) {
            y[i] *= scale;
        }
        return y;
    }

    /** Base of the one-degree-of-freedom systems: state (q, p). */
    private abstract static class OneDof implements DynamicalSystem {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public boolean conservative() {
            return true;
        }

        @Override
        public double[] initialState(SplittableRandom rng, double lo, double hi) {
            return onSphere(rng, 2, lo, hi);
        }

        @Override
        public double defaultRate() {
            return 10;
        }

        @Override
        public double[] defaultTimeSpan() {
            return new double[] {0, 3};
        }
    }

    static final class MassSpring extends OneDof {
        @Override
        public String name() {
            return "mass_spring";
        }

        @Override
        public double[] derivative(double[] x) {
            return new double[] {2 * x[1], -2 * x[0]};
        }

        @Override
        public double energy(double[] x) {
            return x[0] * x[0] + x[1] * x[1];
        }

        @Override
        public double[] defaultRadius() {
            return new double[] {0.1, 1.0};
        }
    }

    static final class Pendulum extends OneDof {
        @Override
        public String name() {
            return "pendulum";
        }

        @Override
        public double[] derivative(double[] x) {
            return new double[] {2 * x[1], -3 * Math.sin(x[0])};
        }

        @Override
        public double energy(double[] x) {
            return 3 * (1 - Math.cos(x[0])) + x[1] * x[1];
        }

        @Override
        public double[] defaultRadius() {
            return new double[] {1.3, 2.3};
        }

        @Override
        public double defaultRate() {
            return 15;
        }
    }

    static final class Duffing extends OneDof {
        @Override
        public String name() {
            return "duffing";
        }

        @Override
        public double[] derivative(double[] x) {
            return new double[] {x[1], -x[0] - x[0] * x[0] * x[0]};
        }

        @Override
        public double energy(double[] x) {
            double q2 = x[0] * x[0];
            return 0.5 * x[1] * x[1] + 0.5 * q2 + 0.25 * q2 * q2;
        }

        @Override
        public double[] defaultRadius() {
            return new double[] {0.2, 1.5};
        }
    }

    static final class DuffingDoubleWell extends OneDof {
        @Override
        public String name() {
            return "duffing_double_well";
        }

        @Override
        public double[] derivative(double[] x) {
            return new double[] {x[1], x[0] - x[0] * x[0] * x[0]};
        }

        @Override
        public double energy(double[] x) {
            double q2 = x[0] * x[0];
            return 0.5 * x[1] * x[1] - 0.5 * q2 + 0.25 * q2 * q2;
        }

        /** The paper's draw: (q, p) uniform in [-3, 3]^2 until H(q, p) lies in [energyLow, energyHigh]. */
        @Override
        public double[] initialState(SplittableRandom rng, double energyLow, double energyHigh) {
            if (!(energyHigh >= energyLow) || energyHigh < -0.25) {
                throw new IllegalArgumentException("the double-well Duffing draws by energy: the range must have"
                        + " high >= low and reach above the wells' floor -1/4, got [" + energyLow + ", "
                        + energyHigh + "]");
            }
            while (true) {
                double[] x = {rng.nextDouble() * 6 - 3, rng.nextDouble() * 6 - 3};
                double h = energy(x);
                if (h >= energyLow && h <= energyHigh) {
                    return x;
                }
            }
        }

        @Override
        public double[] defaultRadius() {
            return new double[] {0.5, 2.0};
        }

        @Override
        public double defaultRate() {
            return 5;
        }

        @Override
        public double[] defaultTimeSpan() {
            return new double[] {0, 10};
        }
    }

    static final class DampedPendulum extends OneDof {
        static final double OMEGA0 = 2 * Math.PI / 6;
        static final double ALPHA = 0.2;

        @Override
        public String name() {
            return "damped_pendulum";
        }

        @Override
        public boolean conservative() {
            return false;
        }

        @Override
        public double[] derivative(double[] x) {
            return new double[] {x[1], -OMEGA0 * OMEGA0 * Math.sin(x[0]) - ALPHA * x[1]};
        }

        @Override
        public double energy(double[] x) {
            return 0.5 * x[1] * x[1] + OMEGA0 * OMEGA0 * (1 - Math.cos(x[0]));
        }

        @Override
        public double[] defaultRadius() {
            return new double[] {0.5, 1.5};
        }

        @Override
        public double[] defaultTimeSpan() {
            return new double[] {0, 10};
        }
    }

    static final class Spiral extends OneDof {
        @Override
        public String name() {
            return "spiral";
        }

        @Override
        public boolean conservative() {
            return false;
        }

        @Override
        public double[] derivative(double[] x) {
            double a = x[0] * x[0] * x[0];
            double b = x[1] * x[1] * x[1];
            return new double[] {-0.1 * a - 2 * b, 2 * a - 0.1 * b};
        }

        @Override
        public double energy(double[] x) {
            return Double.NaN;
        }

        @Override
        public double[] defaultRadius() {
            return new double[] {1.5, 2.5};
        }

        @Override
        public double defaultRate() {
            return 40;
        }

        @Override
        public double[] defaultTimeSpan() {
            return new double[] {0, 25};
        }
    }
}
