/**
 * Collocation points: where a physics-informed network's residual is evaluated. Every sampler places {@code n} points
 * in the unit cube [0, 1]^d ({@link org.sciml4j.domain.sampling.Sampler#unitCube}, a flat row-major array) and, by an
 * affine map per coordinate, in an axis-aligned box [lo, hi] ({@link org.sciml4j.domain.sampling.Sampler#box}, a tensor
 * of shape (n, d)): an ODE's time interval, or time times parameter ranges for a surrogate model. Other geometries
 * map unit-cube points into their shape.
 *
 * <ul>
 *   <li>{@link org.sciml4j.domain.sampling.Sampler#uniform() uniform}: equally spaced, boundaries included. In one
 *       dimension this is the classic choice for an ODE on [0, T] (n = 101 over [0, 10]: spacing 0.1). In d
 *       dimensions it needs n = m^d and is refused otherwise; {@link org.sciml4j.domain.sampling.Sampler#grid(int...)
 *       grid(21, 51)} gives a product grid with its own count per coordinate (1071 points, first coordinate varying
 *       slowest). Grids waste points in higher dimensions (each projection has only m distinct values) and can
 *       alias with oscillating solutions; use them for 1-2 dimensions and for plotting and evaluation.</li>
 *   <li>{@link org.sciml4j.domain.sampling.Sampler#random() random}: independent uniform points from
 *       {@link org.sciml4j.tensor.Rng}, reproducible under a seed. Fine for resampling every few epochs; clusters and
 *       gaps of size about n^(-1/2) make it the least even of all.</li>
 *   <li>{@link org.sciml4j.domain.sampling.Sampler#latinHypercube() lhs}: Latin hypercube, each of the n strata of
 *       every coordinate holding exactly one point. Random yet evenly spread along every axis; a good default for
 *       random parameter samples of a surrogate model.</li>
 *   <li>{@link org.sciml4j.domain.sampling.Sampler#sobol() sobol}: Joe and Kuo's Sobol sequence, low-discrepancy and
 *       deterministic, up to 32 dimensions; a good choice for fixed PINN collocation points, which usually train
 *       better from low-discrepancy points than from random ones of the same number. The origin (the sequence's
 *       first point) is skipped, as in DeepXDE, so n = 2^m - 1 points are the balanced ones.</li>
 *   <li>{@link org.sciml4j.domain.sampling.Sampler#halton() halton}: radical inverses in the first d primes,
 *       low-discrepancy and extensible (the first n points do not depend on how many follow); degrades beyond about
 *       a dozen dimensions.</li>
 *   <li>{@link org.sciml4j.domain.sampling.Sampler#hammersley() hammersley}: (i + 1/2)/n in the first coordinate,
 *       Halton in the others; lower discrepancy than Halton for a fixed n, but the whole set changes with n.</li>
 * </ul>
 *
 * <p>{@link org.sciml4j.domain.sampling.Sampler#of(String)} picks one by DeepXDE's names ("uniform", "pseudo" or
 * "random", "LHS", "Halton", "Hammersley", "Sobol", any case). The quasi-random samplers are unscrambled, so they
 * ignore the seed; only random and lhs use it. All samplers are immutable and thread-safe.
 */
package org.sciml4j.domain.sampling;
