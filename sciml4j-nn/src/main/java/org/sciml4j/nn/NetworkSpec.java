package org.sciml4j.nn;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;

/**
 * What network to build, as a problem file's {@code network:} section gives it: a type from the {@link Networks}
 * registry ({@code mlp}, {@code modified_mlp}, ...), hidden layer widths, activation and initializer by name, an
 * optional Fourier-feature embedding, and optionally fields that come from networks of their own (joined with
 * {@link Concat}). The names are checked here, when the spec is made, so a reader can place a bad one; sizes and
 * embedding options are checked by the network builders when {@link Networks#build} runs them.
 *
 * @param type            the registry's name of the network type
 * @param hidden          hidden layer widths (the input and output widths come from the problem)
 * @param activation      see {@link Activation#of(String)}
 * @param initializer     see {@link Initializer#of(String)}
 * @param fourierFeatures frequencies of a frozen {@link FourierFeatures} input embedding; 0: none
 * @param fourierScale    standard deviation of its frequencies (used when {@code fourierFeatures > 0})
 * @param fieldNetworks   outputs that come from their own network (one output each, after the main network's
 *                        outputs), with its spec, in output order; empty: one network for all outputs
 * @param options         numbers that only some types read, by name (a finite-basis network's {@code windows},
 *                        {@code overlap}, {@code lower}, {@code upper}: see {@link FiniteBasis}); empty for most
 */
public record NetworkSpec(String type, int[] hidden, String activation, String initializer, int fourierFeatures,
        double fourierScale, Map<String, NetworkSpec> fieldNetworks, Map<String, List<Double>> options) {

    /** The type of a spec that does not name one. */
    public static final String DEFAULT_TYPE = "mlp";

    /**
     * Copies the widths and the map; checks the names.
     *
     * @throws IllegalArgumentException for an unknown type, activation or initializer (the message lists the valid
     *                                  names), or a negative number of Fourier features
     */
    public NetworkSpec {
        Networks.factory(type);
        Activation.of(activation);
        Initializer.of(initializer);
        if (fourierFeatures < 0) {
            throw new IllegalArgumentException("the number of Fourier features must be >= 0, got " + fourierFeatures);
        }
        hidden = hidden.clone();
        fieldNetworks = Collections.unmodifiableMap(new LinkedHashMap<>(fieldNetworks));
        Map<String, List<Double>> copied = new TreeMap<>();
        options.forEach((k, v) -> copied.put(k, List.copyOf(v)));
        options = Collections.unmodifiableMap(copied);
    }

    /** A spec without type-specific options. */
    public NetworkSpec(String type, int[] hidden, String activation, String initializer, int fourierFeatures,
            double fourierScale, Map<String, NetworkSpec> fieldNetworks) {
        this(type, hidden, activation, initializer, fourierFeatures, fourierScale, fieldNetworks, Map.of());
    }

    /** An MLP of these hidden widths, activation and initializer, without embedding, one network for all outputs. */
    public NetworkSpec(int[] hidden, String activation, String initializer) {
        this(DEFAULT_TYPE, hidden, activation, initializer, 0, 1, Map.of());
    }

    /** The hidden layer widths (a copy). */
    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** This spec with another network type. */
    public NetworkSpec withType(String newType) {
        return new NetworkSpec(newType, hidden, activation, initializer, fourierFeatures, fourierScale,
                fieldNetworks, options);
    }

    /** This spec with other hidden widths. */
    public NetworkSpec withHidden(int... newHidden) {
        return new NetworkSpec(type, newHidden, activation, initializer, fourierFeatures, fourierScale,
                fieldNetworks, options);
    }

    /** This spec with another activation. */
    public NetworkSpec withActivation(String name) {
        return new NetworkSpec(type, hidden, name, initializer, fourierFeatures, fourierScale,
                fieldNetworks, options);
    }

    /** This spec with another initializer. */
    public NetworkSpec withInitializer(String name) {
        return new NetworkSpec(type, hidden, activation, name, fourierFeatures, fourierScale,
                fieldNetworks, options);
    }

    /** This spec with a Fourier-feature embedding of {@code features} frequencies, entries {@code N(0, scale^2)}. */
    public NetworkSpec withFourierFeatures(int features, double scale) {
        return new NetworkSpec(type, hidden, activation, initializer, features, scale,
                fieldNetworks, options);
    }

    /** This spec with these outputs from networks of their own (see {@link #fieldNetworks()}). */
    public NetworkSpec withFieldNetworks(Map<String, NetworkSpec> networks) {
        return new NetworkSpec(type, hidden, activation, initializer, fourierFeatures, fourierScale,
                networks, options);
    }

    /** This spec with option {@code name} set to {@code values} (see {@link #options()}). */
    public NetworkSpec withOption(String name, double... values) {
        Map<String, List<Double>> m = new TreeMap<>(options);
        m.put(name, java.util.Arrays.stream(values).boxed().toList());
        return new NetworkSpec(type, hidden, activation, initializer, fourierFeatures, fourierScale, fieldNetworks, m);
    }

    /** This spec with no type-specific options (the settings a part of a composite network is built from). */
    public NetworkSpec withoutOptions() {
        return new NetworkSpec(type, hidden, activation, initializer, fourierFeatures, fourierScale, fieldNetworks,
                Map.of());
    }

    /** This spec without the named options. */
    public NetworkSpec withoutOption(String... names) {
        Map<String, List<Double>> m = new TreeMap<>(options);
        for (String n : names) {
            m.remove(n);
        }
        return new NetworkSpec(type, hidden, activation, initializer, fourierFeatures, fourierScale, fieldNetworks, m);
    }

    /** The values of option {@code name}, or null when it is not set. */
    public double[] option(String name) {
        List<Double> v = options.get(name);
        return v == null ? null : v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSpec s && type.equals(s.type) && Arrays.equals(hidden, s.hidden)
                && activation.equals(s.activation) && initializer.equals(s.initializer)
                && fourierFeatures == s.fourierFeatures && Double.compare(fourierScale, s.fourierScale) == 0
                && fieldNetworks.equals(s.fieldNetworks) && options.equals(s.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(hidden), activation, initializer,
                fourierFeatures, fourierScale, fieldNetworks, options);
    }

    @Override
    public String toString() {
        return "NetworkSpec[" + type + " " + Arrays.toString(hidden) + " " + activation + " " + initializer
                + (fourierFeatures > 0 ? " fourier " + fourierFeatures + " x " + fourierScale : "")
                + (fieldNetworks.isEmpty() ? "" : " fields " + fieldNetworks)
                + (options.isEmpty() ? "" : " options " + options) + "]";
    }
}
