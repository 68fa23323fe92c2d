package org.sciml4j.domain.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The symbols an expression may use: independent variables (network inputs, e.g. t, x, y), fields (network
 * outputs, functions of the variables, e.g. u, v, p; or x, y, z over t for the Lorenz system) and parameters, known
 * constants or unknown ones to be trained. Names are unique across all three kinds and may not be function names;
 * they may shadow the constants {@code pi} and {@code e}. Derivatives are written {@code <field>_<letters>} (see
 * {@link BoundExpression}), so only variables with one-letter names can be differentiated along.
 */
public final class Vocabulary {

    /**
     * A named parameter.
     *
     * @param name    its name
     * @param unknown whether it is trained (an inverse problem's unknown) rather than given
     * @param value   the known value, or the initial guess of an unknown one
     */
    public record Parameter(String name, boolean unknown, double value) {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Prefix of the names of the outward normal's components on a boundary: {@code normal_x}, {@code normal_y}. */
    public static final String NORMAL_PREFIX = "normal_";

    private final List<String> variables;
    private final List<String> fields;
    private final Map<String, Parameter> parameters;
    private final List<String> space;
    private final boolean normals;

    private Vocabulary(Builder b) {
        variables = List.copyOf(b.variables);
        fields = List.copyOf(b.fields);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
        if (b.space != null) {
            for (String v : b.space) {
                if (!variables.contains(v)) {
                    throw new IllegalArgumentException("space variable '" + v + "' is not a variable " + variables);
                }
            }
            space = List.copyOf(b.space);
        } else {
            space = variables.stream().filter(v -> !v.equals("t")).toList();
        }
        normals = b.normals;
    }

    /** The same symbols plus the outward normal's components (see {@link #normals()}): for boundary conditions. */
    public Vocabulary withNormals() {
        Builder b = new Builder();
        b.variables.addAll(variables);
        b.fields.addAll(fields);
        b.parameters.putAll(parameters);
        b.space = space;
        b.normals = true;
        Vocabulary v = b.build();
        for (String n : v.normalNames()) {
            if (variables.contains(n) || fields.contains(n) || parameters.containsKey(n)) {
                throw new IllegalArgumentException("'" + n + "' names the boundary normal's component; rename the"
                        + " symbol of that name");
            }
        }
        return v;
    }

    /**
     * The space variables, in input order: those {@code lap} and {@code div} differentiate along and a boundary's
     * normal has components for. By default every variable but one named {@code t}.
     */
    public List<String> space() {
        return space;
    }

    /**
     * Whether the symbols of a boundary are known: the outward normal's components {@code normal_x},
     * {@code normal_y}, ... (one per space variable) and the normal derivatives {@code u_n} of each field.
     */
    public boolean normals() {
        return normals;
    }

    /** Names of the normal's components, one per space variable, when {@link #normals()}; else empty. */
    public List<String> normalNames() {
        return normals ? space.stream().map(v -> NORMAL_PREFIX + v).toList() : List.of();
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Independent variables, in input order. */
    public List<String> variables() {
        return variables;
    }

    /** Fields, in output order. */
    public List<String> fields() {
        return fields;
    }

    /** Parameters in declaration order. */
    public List<Parameter> parameters() {
        return List.copyOf(parameters.values());
    }

    /** The parameter of this name, if any. */
    public Optional<Parameter> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** Index of variable {@code name}, or -1. */
    public int variableIndex(String name) {
        return variables.indexOf(name);
    }

    /** Index of field {@code name}, or -1. */
    public int fieldIndex(String name) {
        return fields.indexOf(name);
    }

    /** Kind of a symbol: "variable", "field", "parameter", "constant", "function", or null when unknown. */
    String kindOf(String name) {
        if (variables.contains(name)) {
            return "variable";
        } else if (fields.contains(name)) {
            return "field";
        } else if (parameters.containsKey(name)) {
            return "parameter";
        } else if (Expression.CONSTANTS.containsKey(name)) {
            return "constant";
        } else if (normalNames().contains(name)) {
            return "normal component";
        }
        return Expression.FUNCTIONS.containsKey(name) ? "function" : null;
    }

    /** Every symbol name: variables, fields, parameters, constants. */
    List<String> symbols() {
        List<String> all = new ArrayList<>(variables);
        all.addAll(fields);
        all.addAll(parameters.keySet());
        all.addAll(normalNames());
        Expression.CONSTANTS.keySet().stream().filter(c -> !all.contains(c)).forEach(all::add);
        return all;
    }

    /** {@code variables t, x; fields u; parameters nu; constants pi, e}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (!variables.isEmpty()) {
            parts.add("variables " + String.join(", ", variables));
        }
        if (!fields.isEmpty()) {
            parts.add("fields " + String.join(", ", fields));
        }
        if (!parameters.isEmpty()) {
            parts.add("parameters " + String.join(", ", parameters.keySet()));
        }
        if (normals) {
            parts.add("normal " + String.join(", ", normalNames()) + " and normal derivatives "
                    + String.join(", ", fields.stream().map(f -> f + "_n").toList()));
        }
        parts.add("constants pi, e");
        return String.join("; ", parts);
    }

    /** Builds a {@link Vocabulary}; each name may be declared once. */
    public static final class Builder {
        private final List<String> variables = new ArrayList<>();
        private final List<String> fields = new ArrayList<>();
        private final Map<String, Parameter> parameters = new LinkedHashMap<>();
        private List<String> space;
        private boolean normals;

        private Builder() {
        }

        /** The space variables (default: every variable but one named {@code t}); see {@link Vocabulary#space()}. */
        public Builder space(String... names) {
            space = List.of(names);
            return this;
        }

        /** Adds independent variables, in input order. */
        public Builder variables(String... names) {
            for (String n : names) {
                variables.add(check(n));
            }
            return this;
        }

        /** Adds fields, in output order. */
        public Builder fields(String... names) {
            for (String n : names) {
                fields.add(check(n));
            }
            return this;
        }

        /** Adds a known parameter; it is folded into the expression as a constant. */
        public Builder knownParameter(String name, double value) {
            parameters.put(check(name), new Parameter(name, false, value));
            return this;
        }

        /** Adds an unknown (trainable) parameter with initial guess 0. */
        public Builder unknownParameter(String name) {
            return unknownParameter(name, 0);
        }

        /** Adds an unknown (trainable) parameter with an initial guess. */
        public Builder unknownParameter(String name, double initialGuess) {
            parameters.put(check(name), new Parameter(name, true, initialGuess));
            return this;
        }

        /** The vocabulary. */
        public Vocabulary build() {
            return new Vocabulary(this);
        }

        private String check(String name) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid symbol name '" + name
                        + "': use letters, digits and '_', starting with a letter");
            }
            if (Expression.FUNCTIONS.containsKey(name)) {
                throw new IllegalArgumentException("'" + name + "' is a function name and cannot be a symbol");
            }
            if (variables.contains(name) || fields.contains(name) || parameters.containsKey(name)) {
                throw new IllegalArgumentException("symbol '" + name + "' is declared twice");
            }
            return name;
        }
    }
}
