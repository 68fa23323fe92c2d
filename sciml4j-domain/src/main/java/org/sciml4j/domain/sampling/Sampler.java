package org.sciml4j.domain.sampling;

import java.util.Locale;

import org.sciml4j.tensor.Tensor;

/**
 * A rule for placing points in the unit cube [0, 1]^d, and from there in an axis-aligned box: the collocation points
 * of a physics-informed network. Implementations are immutable and thread-safe; the same arguments always give the
 * same points. See the {@linkplain org.sciml4j.domain.sampling package description} for which one to use.
 */
public interface Sampler {

    /**
     * {@code n} points in the unit cube [0, 1]^{@code dim}.
     *
     * @param n    number of points, at least 1
     * @param dim  number of coordinates of each point, at least 1
     * @param seed seed of the random samplers; the deterministic ones (grid, Sobol, Halton, Hammersley) ignore it
     * @return the points row-major: {@code n * dim} values, point {@code i} in {@code [i * dim, (i + 1) * dim)}
     * @throws IllegalArgumentException if {@code n} or {@code dim} is out of range for this sampler
     */
    double[] unitCube(int n, int dim, long seed);

    /**
     * {@code n} points in the box [lo[0], hi[0]] x ... x [lo[d-1], hi[d-1]]: the unit-cube points mapped by
     * {@code lo + (hi - lo) u} per coordinate. Coordinate 0 of the unit cube maps to exactly {@code lo} and 1 to
     * exactly {@code hi}, and rounding never takes a point outside the box.
     *
     * @param n    number of points, at least 1
     * @param lo   lower corner, {@code d} finite values
     * @param hi   upper corner, {@code d} finite values, each greater than the matching {@code lo}
     * @param seed seed of the random samplers (ignored by the deterministic ones)
     * @return a new tensor of shape (n, d)
     * @throws IllegalArgumentException naming the argument if {@code n < 1}, the corners' lengths differ or are 0, a
     *                                  bound is not finite, or {@code lo[j] >= hi[j]}
     */
    default Tensor box(int n, double[] lo, double[] hi, long seed) {
        int d = Checks.box(n, lo, hi);
        double[] u = unitCube(n, d, seed);
        scaleInPlace(u, lo, hi);
        return Tensor.wrap(u, n, d);
    }

    // ---------------------------------------------------------------- factories

    /**
     * Equally spaced points including the cube's boundary. For {@code dim = 1}, {@code n} points from 0 to 1
     * inclusive (NumPy's linspace: {@code n = 1} gives the single point 0). For {@code dim > 1}, the tensor-product
     * grid with {@code m} points per coordinate, which exists only when {@code n = m^dim}: any other {@code n} is
     * refused with the nearest admissible counts, rather than silently returning a different number of points. For
     * grids with different counts per coordinate use {@link #grid(int...)}.
     */
    static Sampler uniform() {
        return UniformGrid.INSTANCE;
    }

    /**
     * The tensor-product grid with {@code countsPerDimension[j]} equally spaced points along coordinate {@code j},
     * boundaries included, in row-major order (the first coordinate varies slowest): {@code grid(21, 51)} gives 1071
     * points. A count of 1 places that coordinate at the lower end.
     *
     * @throws IllegalArgumentException if no counts are given, a count is below 1, or the grid has more values than
     *                                  an array can hold
     */
    static Grid grid(int... countsPerDimension) {
        return new Grid(countsPerDimension);
    }

    /** Independent uniform points from {@link org.sciml4j.tensor.Rng} (iid; in [0, 1)^dim). */
    static Sampler random() {
        return RandomSampler.INSTANCE;
    }

    /**
     * Latin hypercube sampling: along every coordinate each of the {@code n} strata [k/n, (k+1)/n) holds exactly one
     * point, at a uniformly random position within it; the strata are matched across coordinates by independent
     * random permutations.
     */
    static Sampler latinHypercube() {
        return LatinHypercube.INSTANCE;
    }

    /**
     * The Sobol sequence with Joe and Kuo's direction numbers ({@code new-joe-kuo-6.21201}), unscrambled, in Gray-code
     * order, without its first point (the origin); at most {@value Sobol#MAX_DIMENSION} dimensions. The seed is
     * ignored.
     */
    static Sampler sobol() {
        return Sobol.INSTANCE;
    }

    /**
     * The Halton sequence: coordinate {@code j} is the radical inverse of the point's index in the {@code j}-th prime
     * (2, 3, 5, ...), without its first point (the origin). The seed is ignored.
     */
    static Sampler halton() {
        return Halton.INSTANCE;
    }

    /**
     * The Hammersley set of {@code n} points: first coordinate {@code (i + 1/2) / n}, the others the first {@code n}
     * {@linkplain #halton() Halton} points in the first {@code dim - 1} primes. The seed is ignored.
     */
    static Sampler hammersley() {
        return Hammersley.INSTANCE;
    }

    /**
     * The sampler with the given name, ignoring case and surrounding blanks: {@code uniform}, {@code random} (or
     * {@code pseudo}, DeepXDE's name), {@code lhs} (or {@code latin_hypercube}), {@code sobol}, {@code halton},
     * {@code hammersley}.
     *
     * @throws IllegalArgumentException listing the valid names if {@code name} is none of them
     */
    static Sampler of(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "uniform":
                return uniform();
            case "random":
            case "pseudo":
                return random();
            case "lhs":
            case "latin_hypercube":
                return latinHypercube();
            case "sobol":
                return sobol();
            case "halton":
                return halton();
            case "hammersley":
                return hammersley();
            default:
                throw new IllegalArgumentException("unknown sampler " + (name == null ? "null" : "\"" + name + "\"")
                        + "; valid names: uniform, random (or pseudo), lhs (or latin_hypercube), sobol, halton,"
                        + " hammersley");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Maps row-major unit-cube points (d = lo.length columns) into the box, in place. */
    private static void scaleInPlace(double[] u, double[] lo, double[] hi) {
        int d = lo.length;
        for (int j = 0; j < d; j++) {
            double a = lo[j];
            double b = hi[j];
            double w = b - a;
            for (int k = j; k < u.length; k += d) {
                double x = u[k];
                // a + w * 1 can round to just below (or above) b: the upper face must be exactly b, and nothing may
                // leave the box. a + w * u >= a holds exactly, since w * u >= 0.
                u[k] = x == 1.0 ? b : Math.min(b, a + w * x);
            }
        }
    }
}
