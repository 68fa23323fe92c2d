package org.sciml4j.inference.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sciml4j.tensor.Rng;

/**
 * What flow to build: its type, number of transforms, hidden units and hidden blocks per conditioner. The sbi
 * defaults for NPE with a MAF are {@code new FlowSpec("maf", 5, 50, 2)}.
 *
 * @param type       {@code maf} (masked autoregressive, a random permutation after each step) or {@code realnvp}
 *                   (affine coupling, alternating halves) or {@code nsf} (rational-quadratic spline coupling,
 *                   10 bins on [-3, 3], alternating halves)
 * @param transforms number of steps, >= 1
 * @param hidden     hidden units per layer, >= 1
 * @param blocks     hidden-to-hidden layers after the first, >= 0
 */
public record FlowSpec(String type, int transforms, int hidden, int blocks) {
    /** The types {@link #build} knows. */
    public static final List<String> TYPES = List.of("maf", "realnvp", "nsf");

    /** Checks the values; each complaint names the field. */
    public FlowSpec {
        type = type.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown flow type '" + type + "', expected one of " + TYPES);
        }
        if (transforms < 1) {
            throw new IllegalArgumentException("transforms must be >= 1, got " + transforms);
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden must be >= 1, got " + hidden);
        }
        if (blocks < 0) {
            throw new IllegalArgumentException("blocks must be >= 0, got " + blocks);
        }
    }

    /** sbi's NPE default: MAF, 5 transforms, 50 hidden units, 2 blocks. */
    public static FlowSpec sbiDefault() {
        return new FlowSpec("maf", 5, 50, 2);
    }

    /**
     * A fresh flow with identity standardisation.
     *
     * @param features        D
     * @param contextFeatures C (0: unconditional)
     * @param rng             initialises the weights and draws the permutations
     */
    public Flow build(int features, int contextFeatures, Rng rng) {
        List<FlowLayer> layers = new ArrayList<>();
        for (int t = 0; t < transforms; t++) {
            if (type.equals("maf")) {
                layers.add(new MaskedAffineLayer(features, contextFeatures, hidden, blocks, rng));
                layers.add(new Permutation(rng.permutation(features)));
            } else if (type.equals("nsf")) {
                layers.add(new SplineCoupling(features, contextFeatures, hidden, blocks, t % 2 == 0, 10, 3, rng));
            } else {
                layers.add(new AffineCoupling(features, contextFeatures, hidden, blocks, t % 2 == 0, rng));
            }
        }
        return new Flow(features, contextFeatures, layers);
    }
}
