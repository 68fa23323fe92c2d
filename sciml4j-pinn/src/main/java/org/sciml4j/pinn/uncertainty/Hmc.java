package org.sciml4j.pinn.uncertainty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hamiltonian Monte Carlo (Neal 2011) with a fixed number of leapfrog steps per transition, a diagonal mass matrix
 * and Stan's warm-up: the step size found by the heuristic of Hoffman and Gelman (2014, algorithm 4), adapted by
 * {@link DualAveraging} toward the target acceptance, and (optionally) the inverse mass matrix set to the draws'
 * regularised variances at the end of doubling windows (init buffer 15 %, term buffer 10 % of warm-up; Stan's 75 /
 * 25 / 50 when warm-up is at least 150). Deterministic for a seed.
 * <pre>{@code
 * HmcResult r = new Hmc(HmcSettings.of(1000, 500, 20)).sample(target, x0, 7, null);
 * }</pre>
 */
public final class Hmc {
    /** An energy error above which a transition counts as divergent (Stan's 1000). */
    public static final double DIVERGENCE = 1000;

    /** Told about every transition; returning false stops the run after it. */
    @FunctionalInterface
    public interface Monitor {
        /**
         * @param transition the transition just run, from 1 (warm-up included)
         * @param total      transitions planned
         * @param warmup     whether it was a warm-up transition
         * @param logDensity log p at the current state
         * @param step       the step size it used
         * @param acceptance its acceptance probability
         * @return whether to go on
         */
        boolean onTransition(int transition, int total, boolean warmup, double logDensity, double step,
                double acceptance);
    }

    private final HmcSettings settings;

    /** A sampler with these settings. */
    public Hmc(HmcSettings settings) {
        this.settings = settings;
    }

    /**
     * Samples from {@code target} starting at {@code start}.
     *
     * @param target  the log density
     * @param start   the first state, length d (not modified); log p must be finite there
     * @param seed    seeds the momenta and the acceptance draws
     * @param monitor told about each transition (null: none)
     * @throws IllegalArgumentException if log p is not finite at {@code start}
     */
    public HmcResult sample(LogDensity target, double[] start, long seed, Monitor monitor) {
        int d = target.dimension();
        if (start.length != d) {
            throw new IllegalArgumentException("the start has " + start.length + " values but the density "
                    + d + " dimensions");
        }
        State s = new State(target, start.clone(), new SplittableRandom(seed));
        if (!Double.isFinite(s.logp)) {
            throw new IllegalArgumentException("the log density is " + s.logp + " at the start");
        }
        double[] invMass = new double[d];
        Arrays.fill(invMass, 1);
        double step = s.findStep(settings.initialStep(), invMass);
        DualAveraging adapt = new DualAveraging(settings.targetAcceptance(), step);
        List<int[]> windows = settings.adaptMass() ? windows(settings.warmup()) : List.of();
        Welford variance = new Welford(d);
        int total = settings.warmup() + settings.samples() * settings.thin();
        List<double[]> draws = new ArrayList<>();
        List<Double> logps = new ArrayList<>();
        double acceptSum = 0;
        int divergent = 0;
        int done = 0;
        boolean stopped = false;
        for (int it = 0; it < total && !stopped; it++) {
            boolean warm = it < settings.warmup();
            if (it == settings.warmup()) {
                step = adapt.averaged();
            }
            double a = s.transition(step, settings.leapfrog(), invMass);
            done++;
            if (warm) {
                step = adapt.update(a);
                for (int[] w : windows) {
                    if (it >= w[0] && it < w[1]) {
                        variance.add(s.x);
                    }
                    if (it == w[1] - 1) {
                        variance.regularisedInto(invMass);
                        variance = new Welford(d);
                        step = s.findStep(step, invMass);
                        adapt.restart(step);
                    }
                }
            } else {
                acceptSum += a;
                divergent += s.divergent ? 1 : 0;
                if ((it - settings.warmup() + 1) % settings.thin() == 0) {
                    draws.add(s.x.clone());
                    logps.add(s.logp);
                }
            }
            if (monitor != null && !monitor.onTransition(it + 1, total, warm, s.logp, step, a)) {
                stopped = true;
            }
        }
        int sampled = Math.max(0, done - settings.warmup());
        return new HmcResult(draws.toArray(new double[0][]), logps.stream().mapToDouble(Double::doubleValue)
                .toArray(), sampled == 0 ? Double.NaN : acceptSum / sampled, step, invMass, divergent, done, stopped);
    }

    /**
     * The mass-adaptation windows of a warm-up, each {from, to}: after an initial buffer, windows that double in
     * length, the last one stretched to the final buffer (Stan's schedule).
     */
    static List<int[]> windows(int warmup) {
        List<int[]> out = new ArrayList<>();
        if (warmup < 20) {
            return out;
        }
        int init = warmup >= 150 ? 75 : (int) (0.15 * warmup);
        int term = warmup >= 150 ? 50 : (int) (0.1 * warmup);
        int base = warmup >= 150 ? 25 : Math.max(1, warmup - init - term);
        int end = warmup - term;
        int from = init;
        int len = base;
        while (from < end) {
            int to = from + len;
            if (to + 2 * len > end) {
                to = end; // the next window would not fit: this one runs to the final buffer
            }
            out.add(new int[] {from, to});
            from = to;
            len *= 2;
        }
        return out;
    }

    /** The sampler's current point, its log density and gradient, and the random stream. */
    private static final class State {
        final LogDensity target;
        final double[] x;
        final double[] grad;
        final SplittableRandom random;
        double logp;
        boolean divergent;

        State(LogDensity target, double[] x, SplittableRandom random) {
            this.target = target;
            this.x = x;
            this.random = random;
            this.grad = new double[x.length];
            this.logp = target.logDensity(x, grad);
        }

        /** One HMC transition: fresh momenta, a leapfrog trajectory, a Metropolis test. Returns min(1, e^-dH). */
        double transition(double step, int steps, double[] invMass) {
            int d = x.length;
            double[] p = new double[d];
            for (int i = 0; i < d; i++) {
                p[i] = random.nextGaussian() / Math.sqrt(invMass[i]);
            }
            double h0 = -logp + Leapfrog.kinetic(p, invMass);
            double[] x1 = x.clone();
            double[] g1 = grad.clone();
            double logp1 = Leapfrog.integrate(target, x1, p, g1, step, steps, invMass);
            double h1 = -logp1 + Leapfrog.kinetic(p, invMass);
            double dh = h1 - h0;
            divergent = !(dh < DIVERGENCE);
            double accept = divergent ? 0 : Math.min(1, Math.exp(-dh));
            if (random.nextDouble() < accept) {
                System.arraycopy(x1, 0, x, 0, d);
                System.arraycopy(g1, 0, grad, 0, d);
                logp = logp1;
            }
            return accept;
        }

        /**
         * Hoffman and Gelman's heuristic: with one draw of momenta, doubles (or halves) the step while one leapfrog
         * step's acceptance probability stays above (or below) 1/2; the step where it crosses.
         */
        double findStep(double step, double[] invMass) {
            double[] p = new double[x.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = random.nextGaussian() / Math.sqrt(invMass[i]);
            }
            boolean grow = oneStepAcceptance(step, p, invMass) > 0.5;
            for (int k = 0; k < 60; k++) {
                double next = grow ? step * 2 : step / 2;
                boolean above = oneStepAcceptance(next, p, invMass) > 0.5;
                step = next;
                if (above != grow) {
                    break;
                }
            }
            return step;
        }

        private double oneStepAcceptance(double step, double[] p0, double[] invMass) {
            double[] p = p0.clone();
            double[] x1 = x.clone();
            double[] g1 = grad.clone();
            double h0 = -logp + Leapfrog.kinetic(p, invMass);
            double logp1 = Leapfrog.integrate(target, x1, p, g1, step, 1, invMass);
            double dh = -logp1 + Leapfrog.kinetic(p, invMass) - h0;
            return dh < DIVERGENCE ? Math.min(1, Math.exp(-dh)) : 0;
        }
    }

    /** Running mean and variance per coordinate (Welford), and Stan's regularised variance. */
    private static final class Welford {
        final double[] mean;
        final double[] m2;
        int n;

        Welford(int d) {
            mean = new double[d];
            m2 = new double[d];
        }

        void add(double[] x) {
            n++;
            for (int i = 0; i < x.length; i++) {
                double delta = x[i] - mean[i];
                mean[i] += delta / n;
                m2[i] += delta * (x[i] - mean[i]);
            }
        }

        /** (n / (n + 5)) var + 1e-3 (5 / (n + 5)): shrunk toward a small value while few draws are in. */
        void regularisedInto(double[] invMass) {
            if (n < 3) {
                return;
            }
            for (int i = 0; i < invMass.length; i++) {
                double var = m2[i] / (n - 1);
                invMass[i] = (n / (n + 5.0)) * var + 1e-3 * (5.0 / (n + 5.0));
            }
        }
    }
}
