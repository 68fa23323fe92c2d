package org.sciml4j.nn;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
 */
public record NetworkSpec(String type, int[] hidden, String activation, String initializer, int fourierFeatures,
        double fourierScale, Map<String, NetworkSpec> fieldNetworks) {

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
        return new NetworkSpec(newType, hidden, activation, initializer, fourierFeatures, fourierScale, fieldNetworks);
    }

    /** This spec with other hidden widths. */
    public NetworkSpec withHidden(int... newHidden) {
        return new NetworkSpec(type, newHidden, activation, initializer, fourierFeatures, fourierScale, fieldNetworks);
    }

    /** This spec with another activation. */
    public NetworkSpec withActivation(String name) {
        return new NetworkSpec(type, hidden, name, initializer, fourierFeatures, fourierScale, fieldNetworks);
    }

    /** This spec with another initializer. */
    public NetworkSpec withInitializer(String name) {
        return new NetworkSpec(type, hidden, activation, name, fourierFeatures, fourierScale, fieldNetworks);
    }

    /** This spec with a Fourier-feature embedding of {@code features} frequencies, entries {@code N(0, scale^2)}. */
    public NetworkSpec withFourierFeatures(int features, double scale) {
        return new NetworkSpec(type, hidden, activation, initializer, features, scale, fieldNetworks);
    }

    /** This spec with these outputs from networks of their own (see {@link #fieldNetworks()}). */
    public NetworkSpec withFieldNetworks(Map<String, NetworkSpec> networks) {
        return new NetworkSpec(type, hidden, activation, initializer, fourierFeatures, fourierScale, networks);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSpec s && type.equals(s.type) && Arrays.equals(hidden, s.hidden)
                && activation.equals(s.activation) && initializer.equals(s.initializer)
                && fourierFeatures == s.fourierFeatures && Double.compare(fourierScale, s.fourierScale) == 0
                && fieldNetworks.equals(s.fieldNetworks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(hidden), activation, initializer,
                fourierFeatures, fourierScale, fieldNetworks);
    }

    @Override
    public String toString() {
        return "NetworkSpec[" + type + " " + Arrays.toString(hidden) + " " + activation + " " + initializer
                + (fourierFeatures > 0 ? " fourier " + fourierFeatures + " x " + fourierScale : "")
                + (fieldNetworks.isEmpty() ? "" : " fields " + fieldNetworks) + "]";
    }
}
