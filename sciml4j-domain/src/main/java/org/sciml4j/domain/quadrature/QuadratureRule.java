package org.sciml4j.domain.quadrature;

import java.util.Locale;

import org.sciml4j.domain.geometry.Box;
import org.sciml4j.domain.geometry.Disk;
import org.sciml4j.domain.geometry.Geometry;
import org.sciml4j.domain.geometry.Interval;
import org.sciml4j.domain.geometry.Rectangle;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/**
 * How to integrate over a domain: a rule that gives {@link Quadrature} points and weights for a {@link Geometry}.
 * <ul>
 *   <li>{@link #monteCarlo}: N independent uniform points inside, each of weight volume / N; error about N^(-1/2),
 *       unbiased, new points for every seed (resample it every epoch).</li>
 *   <li>{@link #quasiMonteCarlo}: N low-discrepancy points (Sobol by default) moved by a random shift modulo 1 of the
 *       unit cube (Cranley-Patterson, so that each seed gives an unbiased estimate), weight volume / N; error close to
 *       N^(-1) for smooth integrands on boxes.</li>
 *   <li>{@link #gaussLegendre}: the tensor Gauss-Legendre rule on a box (n points per axis, optionally in several
 *       sub-intervals per axis), or a polar Gauss-Legendre rule on a disk; exact for polynomials of degree 2n - 1 per
 *       coordinate (box) or total degree 2n - 2 (disk); deterministic, the seed is ignored. Other shapes are
 *       refused.</li>
 * </ul>
 * On a shape without a volume formula (set operations) the weights use an estimated volume, and the quadrature's
 * {@link Quadrature#note()} says so.
 */
public interface QuadratureRule {

    /**
     * The nodes and weights on {@code domain}.
     *
     * @param seed seeds the random rules; ignored by Gauss-Legendre
     * @throws IllegalArgumentException if the rule does not apply to the shape
     */
    Quadrature on(Geometry domain, long seed);

    /** Whether different seeds give different nodes (so that redrawing them every epoch means something). */
    boolean random();

    /** N uniform random points inside the domain, weight volume / N. */
    static QuadratureRule monteCarlo(int points) {
        return new Sampled("monte_carlo", Sampler.random(), points, false);
    }

    /** N Sobol points, randomly shifted modulo 1 by the seed, inside the domain, weight volume / N. */
    static QuadratureRule quasiMonteCarlo(int points) {
        return quasiMonteCarlo(points, Sampler.sobol());
    }

    /** N points of a low-discrepancy {@code sampler} (Sobol, Halton, Hammersley), randomly shifted modulo 1. */
    static QuadratureRule quasiMonteCarlo(int points, Sampler sampler) {
        return new Sampled("qmc", sampler, points, true);
    }

    /** The Gauss-Legendre rule with n points per axis (box) or per radius (disk), one interval. */
    static QuadratureRule gaussLegendre(int n) {
        return gaussLegendre(n, 1);
    }

    /** The composite Gauss-Legendre rule: n points in each of {@code intervals} equal sub-intervals per axis. */
    static QuadratureRule gaussLegendre(int n, int intervals) {
        GaussLegendre.rule(n); // checks n
        if (intervals < 1) {
            throw new IllegalArgumentException("Gauss-Legendre: sub-intervals must be >= 1, got " + intervals);
        }
        return new QuadratureRule() {
            @Override
            public Quadrature on(Geometry domain, long seed) {
                if (domain instanceof Interval || domain instanceof Rectangle || domain instanceof Box) {
                    return GaussLegendre.box(domain.lower(), domain.upper(), n, intervals);
                }
                if (domain instanceof Disk) {
                    double[] lo = domain.lower();
                    double[] hi = domain.upper();
                    return GaussLegendre.disk(0.5 * (lo[0] + hi[0]), 0.5 * (lo[1] + hi[1]), 0.5 * (hi[0] - lo[0]),
                            n, intervals);
                }
                throw new IllegalArgumentException("Gauss-Legendre quadrature needs a box (interval, rectangle, box)"
                        + " or a disk, not " + domain + "; use rule: qmc or monte_carlo");
            }

            @Override
            public boolean random() {
                return false;
            }

            @Override
            public String toString() {
                return "gauss_legendre(" + n + (intervals > 1 ? " x " + intervals + " intervals" : "") + ")";
            }
        };
    }

    /** A sampled rule: points from a sampler inside the shape, weight volume / N. */
    final class Sampled implements QuadratureRule {
        private final String name;
        private final Sampler sampler;
        private final int points;
        private final boolean shift;

        private Sampled(String name, Sampler sampler, int points, boolean shift) {
            if (points < 1) {
                throw new IllegalArgumentException(name + " quadrature needs at least 1 point, got " + points);
            }
            this.name = name;
            this.sampler = sampler;
            this.points = points;
            this.shift = shift;
        }

        @Override
        public Quadrature on(Geometry domain, long seed) {
            Sampler s = shift ? new ShiftedSampler(sampler, seed) : sampler;
            Tensor x = domain.interior(points, s, seed);
            Volumes.Volume v = Volumes.of(domain);
            double[] w = new double[x.size(0)];
            java.util.Arrays.fill(w, v.value() / w.length);
            String note = v.exact() ? "" : String.format(Locale.ROOT, "the volume %.6g of %s is estimated from %d"
                    + " Sobol points of its bounding box", v.value(), domain, Volumes.ESTIMATE_POINTS);
            return new Quadrature(x, w, note);
        }

        @Override
        public boolean random() {
            return true;
        }

        @Override
        public String toString() {
            return name + "(" + points + ")";
        }
    }
}
