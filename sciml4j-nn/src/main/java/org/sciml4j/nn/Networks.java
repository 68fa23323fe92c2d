package org.sciml4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of network types a {@link NetworkSpec} may name, and the one place a spec becomes a network. Built
 * in: {@code mlp} ({@link Mlp}), {@code modified_mlp} ({@link ModifiedMlp}) and {@code fbpinn}
 * ({@link FiniteBasis}); other families
 * {@link #register} theirs.
 */
public final class Networks {

    /** Builds one network of a type. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param spec  the settings (its {@code fieldNetworks} are handled by {@link Networks#build})
         * @param sizes {@code {in, h1, ..., out}}: the spec's hidden widths between the input and output widths
         * @param seed  seed of the network's initialisation
         * @return a network mapping {@code (N, in)} to {@code (N, out)}
         * @throws IllegalArgumentException when the settings do not make a network of this type
         */
        Module build(NetworkSpec spec, int[] sizes, long seed);
    }

    private static final Map<String, Factory> FACTORIES = new ConcurrentHashMap<>();

    static {
        register("mlp", (spec, sizes, seed) -> configure(Mlp.builder(), spec, sizes, seed).build());
        register("modified_mlp", (spec, sizes, seed) -> configure(ModifiedMlp.builder(), spec, sizes, seed).build());
        register("fbpinn", FiniteBasis::fromSpec);
    }

    private Networks() {
    }

    /**
     * Adds a network type.
     *
     * @throws IllegalArgumentException when the name is taken
     */
    public static void register(String type, Factory factory) {
        if (FACTORIES.putIfAbsent(type, factory) != null) {
            throw new IllegalArgumentException("network type '" + type + "' is registered already");
        }
    }

    /** The registered type names, sorted. */
    public static Set<String> types() {
        return new TreeSet<>(FACTORIES.keySet());
    }

    /**
     * A fresh network as the spec describes, initialised from {@code seed}: one network of the spec's type, or with
     * {@link NetworkSpec#fieldNetworks()} a {@link Concat} of the main network (the first
     * {@code outputs - fieldNetworks.size()} outputs, when there are any) and one network per listed output (seeds
     * {@code seed + 1}, {@code seed + 2}, ...); with the options of a {@link Piecewise} split, one such network per
     * region. Input {@code (N, inputs)}, output {@code (N, outputs)}.
     *
     * @throws IllegalArgumentException when the settings do not make a network (the builder's message)
     */
    public static Module build(NetworkSpec spec, int inputs, int outputs, long seed) {
        if (spec.option(Piecewise.SPLIT_AT) != null) {
            return Piecewise.fromSpec(spec, inputs, outputs, seed); // one such network per region (XPINN)
        }
        int own = spec.fieldNetworks().size();
        int shared = outputs - own;
        if (shared < 0) {
            throw new IllegalArgumentException(own + " outputs have networks of their own but there are only "
                    + outputs + " outputs");
        }
        List<Module> parts = new ArrayList<>();
        if (shared > 0) {
            parts.add(single(spec, inputs, shared, seed));
        }
        long next = seed;
        for (NetworkSpec n : spec.fieldNetworks().values()) {
            parts.add(single(n, inputs, 1, ++next));
        }
        return parts.size() == 1 ? parts.get(0) : Concat.of(parts.toArray(new Module[0]));
    }

    /** One network of the spec's type, its own field networks aside. */
    private static Module single(NetworkSpec spec, int inputs, int outputs, long seed) {
        int[] hidden = spec.hidden();
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = inputs;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = outputs;
        return factory(spec.type()).build(spec, sizes, seed);
    }

    /** The factory of a type; the message of an unknown one lists the known ones. */
    static Factory factory(String type) {
        Factory f = FACTORIES.get(type);
        if (f == null) {
            throw new IllegalArgumentException("unknown network type '" + type + "'; valid types are "
                    + String.join(", ", types()));
        }
        return f;
    }

    /** A builder set from the spec: sizes, activation, initializer, seed and the Fourier-feature embedding. */
    private static <B extends NetworkBuilder<B, ?>> B configure(B builder, NetworkSpec spec, int[] sizes, long seed) {
        builder.sizes(sizes).activation(spec.activation()).initializer(spec.initializer()).seed(seed);
        if (spec.fourierFeatures() > 0) {
            builder.fourierFeatures(spec.fourierFeatures(), spec.fourierScale());
        }
        return builder;
    }
}
