package org.sciml4j.discovery.dmd;

import java.util.SplittableRandom;

/**
 * Data sets with known eigenvalues for testing and demonstrating the DMD family. Every generator is exact (closed-form
 * solutions, no integrator error) and deterministic under its seed.
 */
public final class Generators {
    private Generators() {
    }

    /**
     * A linear system x' = A x in m features with the given continuous-time eigenvalues: x(t) = V z(t), z made of
     * decoupled real modes exp(a t) and rotating pairs exp(a t) (cos b t, sin b t) for a +- ib, V (m, k) a random
     * Gaussian mixing, z(0) random. A complex eigenvalue brings its conjugate (give only one of each pair, b > 0).
     *
     * @param re real parts (growth rates) of the eigenvalues
     * @param im imaginary parts (angular frequencies, >= 0)
     * @param times the sample times (n)
     */
    public static Snapshots linear(double[] re, double[] im, int features, double[] times, long seed) {
        int k = 0;
        for (double b : im) {
            k += b == 0 ? 1 : 2;
        }
        if (features < k) {
            throw new IllegalArgumentException("a linear system with " + k + " eigenvalues (conjugates counted) needs"
                    + " at least " + k + " features, got " + features);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[features * k];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        double[] z0 = new double[k];
        for (int i = 0; i < k; i++) {
            z0[i] = 1 + rnd.nextDouble();
        }
        int n = times.length;
        double[] z = new double[k];
        double[] x = new double[features * n];
        double[] tre = new double[k];
        double[] tim = new double[k];
        for (int s = 0; s < n; s++) {
            double t = times[s];
            int c = 0;
            for (int e = 0; e < re.length; e++) {
                double g = Math.exp(re[e] * t);
                if (im[e] == 0) {
                    z[c] = g * z0[c];
                    tre[c] = re[e];
                    c++;
                } else {
                    double cs = Math.cos(im[e] * t);
                    double sn = Math.sin(im[e] * t);
                    z[c] = g * (cs * z0[c] - sn * z0[c + 1]);
                    z[c + 1] = g * (sn * z0[c] + cs * z0[c + 1]);
                    tre[c] = re[e];
                    tim[c] = im[e];
                    tre[c + 1] = re[e];
                    tim[c + 1] = -im[e];
                    c += 2;
                }
            }
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < features; i++) {
                    x[i + s * features] += v[i + j * features] * z[j];
                }
            }
        }
        return new Snapshots(x, features, n, times, new int[] {0}, null, 0, tre, tim);
    }

    /**
     * A forced linear system for DMD with control: latent z_{k+1} = E z_k + G u_k with E = exp(D dt) (the decoupled
     * real modes and rotating pairs of {@link #linear} for the given continuous-time eigenvalues), G (k, q) and the
     * inputs u_k random Gaussian, observed as x = V z in m features (V random Gaussian, z_0 random). In the features
     * x_{k+1} = A x_k + B u_k exactly, with A = V E V^+ and B = V G. Inputs are (q, n), the last column unused.
     */
    public static Snapshots forced(double[] re, double[] im, int features, int inputs, int n, double dt, long seed) {
        int k = 0;
        for (double b : im) {
            k += b == 0 ? 1 : 2;
        }
        Snapshots free = linear(re, im, k, new double[] {0}, seed); // only for the truth
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = gaussian(rnd, features * k);
        double[] g = gaussian(rnd, k * inputs);
        double[] u = gaussian(rnd, inputs * n);
        double[] z = gaussian(rnd, k);
        double[] x = new double[features * n];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < features; i++) {
                    x[i + s * features] += v[i + j * features] * z[j];
                }
            }
            double[] next = new double[k];
            int c = 0;
            for (int e = 0; e < re.length; e++) {
                double gr = Math.exp(re[e] * dt);
                if (im[e] == 0) {
                    next[c] = gr * z[c];
                    c++;
                } else {
                    double cs = Math.cos(im[e] * dt);
                    double sn = Math.sin(im[e] * dt);
                    next[c] = gr * (cs * z[c] - sn * z[c + 1]);
                    next[c + 1] = gr * (sn * z[c] + cs * z[c + 1]);
                    c += 2;
                }
            }
            for (int j = 0; j < k; j++) {
                for (int q = 0; q < inputs; q++) {
                    next[j] += g[j + q * k] * u[q + s * inputs];
                }
            }
            z = next;
        }
        return new Snapshots(x, features, n, uniformTimes(n, dt), new int[] {0}, u, inputs, free.truthRe(),
                free.truthIm());
    }

    private static double[] gaussian(SplittableRandom rnd, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = rnd.nextGaussian();
        }
        return out;
    }

    /**
     * Damped oscillations: the linear system with eigenvalues g_j +- i 2 pi f_j, for frequencies f_j (cycles per time
     * unit) and growth rates g_j (negative: damped).
     */
    public static Snapshots dampedOscillations(double[] frequencies, double[] growthRates, int features,
                                               double[] times, long seed) {
        double[] im = new double[frequencies.length];
        for (int j = 0; j < im.length; j++) {
            im[j] = 2 * Math.PI * frequencies[j];
        }
        return linear(growthRates, im, features, times, seed);
    }

    /**
     * The slow-manifold system of Brunton et al. (2016), x1' = mu x1, x2' = lambda (x2 - x1^2), from random initial
     * states in [-1, 1]^2, by its exact solution x1 = x1(0) e^{mu t}, x2 = (x2(0) - c x1(0)^2) e^{lambda t} + c x1(t)^2
     * with c = lambda / (lambda - 2 mu). Its Koopman eigenvalues on {x1, x2, x1^2} are mu, lambda and 2 mu.
     *
     * @param trajectories the number of trajectories, each of {@code steps} snapshots dt apart
     */
    public static Snapshots slowManifold(double mu, double lambda, int trajectories, int steps, double dt,
                                         long seed) {
        if (lambda == 2 * mu) {
            throw new IllegalArgumentException("the slow-manifold solution needs lambda != 2 mu");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = trajectories * steps;
        double[] x = new double[2 * n];
        double[] times = new double[n];
        int[] starts = new int[trajectories];
        double c = lambda / (lambda - 2 * mu);
        for (int tr = 0; tr < trajectories; tr++) {
            double a = rnd.nextDouble(-1, 1);
            double b = rnd.nextDouble(-1, 1);
            starts[tr] = tr * steps;
            for (int s = 0; s < steps; s++) {
                int k = tr * steps + s;
                double t = s * dt;
                double x1 = a * Math.exp(mu * t);
                times[k] = t;
                x[2 * k] = x1;
                x[2 * k + 1] = (b - c * a * a) * Math.exp(lambda * t) + c * x1 * x1;
            }
        }
        return new Snapshots(x, 2, n, times, starts, null, 0, new double[] {mu, lambda, 2 * mu},
                new double[] {0, 0, 0});
    }

    /**
     * The two-frequency field of PyDMD's first tutorial on x in [-5, 5] (m points): f1 = sech(x + 3) exp(i 2.3 t), f2
     * = 2 sech(x) tanh(x) exp(i 2.8 t); the real part of f1 + f2 (m features), or real and imaginary parts stacked
     * (2 m features) when {@code both}. True eigenvalues +-2.3i and +-2.8i.
     */
    public static Snapshots travellingWave(int points, double[] times, boolean both) {
        int m = both ? 2 * points : points;
        int n = times.length;
        double[] x = new double[m * n];
        for (int s = 0; s < n; s++) {
            double t = times[s];
            for (int i = 0; i < points; i++) {
                double xi = -5 + 10.0 * i / (points - 1);
                double a = 1 / Math.cosh(xi + 3);
                double b = 2 / Math.cosh(xi) * Math.tanh(xi);
                x[i + s * m] = a * Math.cos(2.3 * t) + b * Math.cos(2.8 * t);
                if (both) {
                    x[points + i + s * m] = a * Math.sin(2.3 * t) + b * Math.sin(2.8 * t);
                }
            }
        }
        return new Snapshots(x, m, n, times, new int[] {0}, null, 0, new double[] {0, 0, 0, 0},
                new double[] {2.3, -2.3, 2.8, -2.8});
    }

    /** n equally spaced times from 0 by dt. */
    public static double[] uniformTimes(int n, double dt) {
        double[] t = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = k * dt;
        }
        return t;
    }

    /** n increasing times in [0, (n - 1) dt], uniformly random (the first 0, the last (n - 1) dt). */
    public static double[] unevenTimes(int n, double dt, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] t = new double[n];
        for (int k = 1; k < n - 1; k++) {
            t[k] = rnd.nextDouble() * (n - 1) * dt;
        }
        t[n - 1] = (n - 1) * dt;
        java.util.Arrays.sort(t);
        return t;
    }

    /**
     * Adds Gaussian noise of standard deviation {@code sd} times the root mean square of the data (so sd = 0.05 is
     * 5 % noise), deterministic under the seed.
     */
    public static Snapshots withNoise(Snapshots data, double sd, long seed) {
        double[] v = data.x().clone();
        double rms = Dense.norm(v) / Math.sqrt(v.length);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < v.length; i++) {
            v[i] += sd * rms * rnd.nextGaussian();
        }
        return data.withValues(v);
    }
}
