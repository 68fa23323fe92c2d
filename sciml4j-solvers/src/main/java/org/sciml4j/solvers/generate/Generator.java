package org.sciml4j.solvers.generate;

import java.util.Map;

import org.sciml4j.tensor.Rng;

/**
 * A maker of operator-learning pairs (input function, solution) on fixed grids. {@link Generation} draws sample i
 * with its own generator seeded from (seed, i), so the data do not depend on how many threads made them.
 */
public interface Generator {
    /** The generator's name as written after {@code generator:} in a spec file, e.g. "burgers". */
    String name();

    /** Shape of one input sample (without the leading N), e.g. {s}, {s, s} or {2, s}. */
    int[] inputShape();

    /** Shape of one output sample (without the leading N). */
    int[] outputShape();

    /**
     * The named arrays one output row is written as, in row order, each with its shape per sample (without the
     * leading N); their sizes add up to the product of {@link #outputShape()}. Default: the whole row as
     * {@code outputs}. A generator that also writes per-sample query points (e.g. the antiderivative's
     * {@code points} and {@code values}) lays them after the grid outputs in the same row, so every consumer of
     * flat rows (threads, shards) carries them without knowing.
     */
    default Map<String, int[]> outputArrays() {
        return Map.of("outputs", outputShape());
    }

    /** The grid coordinates written beside the data: "x" (s,), and "y" (s,) for 2-D sets; in the order to write. */
    Map<String, double[]> coordinates();

    /** Every knob with its value (defaults filled in), for the {@code .json} beside the data; in a stable order. */
    Map<String, Object> settings();

    /** A sampler for one thread (samplers may keep scratch space and FFT plans; they are not shared). */
    Sampler newSampler();

    /** Draws samples; one per thread. */
    interface Sampler {
        /**
         * Draws one input with {@code rng}, solves, and writes both flattened row-major.
         *
         * @param input  space for one input, length = product of {@link #inputShape()}
         * @param output space for one output, length = product of {@link #outputShape()}
         */
        void sample(Rng rng, double[] input, double[] output);
    }
}
