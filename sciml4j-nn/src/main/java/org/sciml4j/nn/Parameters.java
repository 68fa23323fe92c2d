package org.sciml4j.nn;

import org.sciml4j.tensor.Shape;
import org.sciml4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered collection of named parameters: leaf tensors that require gradients, named like the keys of PyTorch's
 * {@code state_dict()} ({@code "layers.0.weight"}, {@code "layers.0.bias"}, ...). Order is registration order.
 * <p>
 * A parent module builds its collection from its children's with {@link #register(String, Parameters)}; the
 * entries are shared, not copied, so the parent sees the same leaves and freezing a parameter through either
 * collection is seen by both.
 * <p>
 * A <em>frozen</em> parameter is left out of {@link #trainable()}, which is what an optimiser receives, so it is never
 * updated. Its tensor still requires gradients (tensors are immutable in that respect); gradients are only computed
 * for the tensors passed to {@code Autodiff.grad}, so leaving it out costs nothing.
 * <p>
 * {@link #snapshot()} and {@link #load(Map)} move values in and out, e.g. to checkpoint, or to exchange weights with
 * PyTorch: shapes follow PyTorch's ({@code Linear.weight} is {@code (out, in)}).
 */
public final class Parameters {
    /** One parameter; shared between the collections of a module and of its parents. */
    private static final class Entry {
        final Tensor leaf;
        boolean frozen;

        Entry(Tensor leaf, boolean frozen) {
            this.leaf = leaf;
            this.frozen = frozen;
        }
    }

    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    /** An empty collection. */
    public Parameters() {
    }

    // ================================================================== building

    /**
     * Registers a parameter.
     *
     * @param name    unique within this collection, non-empty, without leading, trailing or doubled dots
     * @param initial the initial value (any shape); an untracked tensor becomes a leaf sharing its storage, a leaf
     *                that already requires gradients is used as it is
     * @return the leaf the module must use in {@code forward}
     * @throws IllegalArgumentException if the name is taken or malformed, or {@code initial} is computed from other
     *                                  tracked tensors (not a leaf)
     */
    public Tensor add(String name, Tensor initial) {
        checkName(name);
        if (initial.isTracked() && !initial.requiresGrad()) {
            throw new IllegalArgumentException("parameter '" + name + "' must be a leaf tensor, got one computed from"
                    + " tracked tensors; pass its detach() or copy()");
        }
        Tensor leaf = initial.requiresGrad() ? initial : initial.requireGrad();
        put(name, new Entry(leaf, false));
        return leaf;
    }

    /**
     * Adds every parameter of {@code child} under {@code prefix + "." + name} (e.g. {@code "layers.0"} and
     * {@code "weight"} give {@code "layers.0.weight"}), sharing the entries.
     *
     * @return this collection
     */
    public Parameters register(String prefix, Parameters child) {
        checkName(prefix);
        if (child == this) {
            throw new IllegalArgumentException("register: a collection cannot contain itself");
        }
        for (Map.Entry<String, Entry> e : child.entries.entrySet()) {
            put(prefix + "." + e.getKey(), e.getValue());
        }
        return this;
    }

    /** A new collection with the same (shared) entries, every name preceded by {@code prefix + "."}. */
    public Parameters withPrefix(String prefix) {
        return new Parameters().register(prefix, this);
    }

    private void put(String name, Entry e) {
        if (entries.containsKey(name)) {
            throw new IllegalArgumentException("duplicate parameter name '" + name + "'");
        }
        entries.put(name, e);
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            throw new IllegalArgumentException("invalid parameter name '" + name
                    + "': use non-empty parts separated by single dots, like 'layers.0.weight'");
        }
    }

    // ================================================================== access

    /** The names, in registration order. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** The names of the parameters that are not frozen, in order. */
    public List<String> trainableNames() {
        List<String> out = new ArrayList<>();
        entries.forEach((n, e) -> {
            if (!e.frozen) {
                out.add(n);
            }
        });
        return out;
    }

    /** Whether a parameter of that name exists. */
    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** Number of parameter tensors. */
    public int size() {
        return entries.size();
    }

    /**
     * The leaf tensor of a parameter (shares storage with the module's).
     *
     * @throws IllegalArgumentException if there is no such parameter (the message lists the names)
     */
    public Tensor get(String name) {
        return entry(name).leaf;
    }

    /** The leaves that are not frozen, in order: what an optimiser must update. */
    public List<Tensor> trainable() {
        List<Tensor> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (!e.frozen) {
                out.add(e.leaf);
            }
        }
        return out;
    }

    /** All leaves, frozen ones included, in order. */
    public List<Tensor> all() {
        List<Tensor> out = new ArrayList<>(entries.size());
        for (Entry e : entries.values()) {
            out.add(e.leaf);
        }
        return out;
    }

    /** Number of scalar values in all parameters. */
    public long count() {
        long n = 0;
        for (Entry e : entries.values()) {
            n += e.leaf.numel();
        }
        return n;
    }

    /** Number of scalar values in the parameters that are not frozen. */
    public long countTrainable() {
        long n = 0;
        for (Entry e : entries.values()) {
            n += e.frozen ? 0 : e.leaf.numel();
        }
        return n;
    }

    private Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; parameters are " + entries.keySet());
        }
        return e;
    }

    // ================================================================== freezing

    /**
     * Freezes parameters so that they are left out of {@link #trainable()}. Each argument is a full name or a prefix
     * ending at a dot boundary: {@code "layers.0"} freezes {@code "layers.0.weight"} and {@code "layers.0.bias"}
     * but not {@code "layers.01.weight"}.
     *
     * @return this collection
     * @throws IllegalArgumentException if an argument matches no parameter
     */
    public Parameters freeze(String... namesOrPrefixes) {
        return setFrozen(true, namesOrPrefixes);
    }

    /** Undoes {@link #freeze} for the matching parameters (same matching rules). */
    public Parameters unfreeze(String... namesOrPrefixes) {
        return setFrozen(false, namesOrPrefixes);
    }

    /** Whether a parameter is frozen. */
    public boolean isFrozen(String name) {
        return entry(name).frozen;
    }

    private Parameters setFrozen(boolean frozen, String... namesOrPrefixes) {
        for (String p : namesOrPrefixes) {
            boolean matched = false;
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                if (e.getKey().equals(p) || e.getKey().startsWith(p + ".")) {
                    e.getValue().frozen = frozen;
                    matched = true;
                }
            }
            if (!matched) {
                throw new IllegalArgumentException((frozen ? "freeze" : "unfreeze") + ": '" + p
                        + "' matches no parameter name or prefix; parameters are " + entries.keySet());
            }
        }
        return this;
    }

    // ================================================================== values

    /**
     * Deep copies of all values by name, in order, untracked: a checkpoint that later updates do not change (like
     * {@code {k: v.clone() for k, v in module.state_dict().items()}}).
     */
    public Map<String, Tensor> snapshot() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        entries.forEach((n, e) -> out.put(n, e.leaf.copy()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Copies values into the existing parameter storage, in place (the module keeps using the same leaves). The
     * names must match exactly, as PyTorch's {@code load_state_dict(strict=True)}; nothing is changed unless every
     * check passes.
     *
     * @param values a value for every parameter, each of that parameter's shape
     * @throws IllegalArgumentException naming every missing or unknown name and every parameter whose shape differs,
     *                                  with both shapes
     */
    public void load(Map<String, Tensor> values) {
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        entries.forEach((n, e) -> {
            Tensor v = values.get(n);
            if (v == null) {
                missing.add(n);
            } else if (!Arrays.equals(v.shape(), e.leaf.shape())) {
                problems.add("parameter '" + n + "' has shape " + Shape.str(e.leaf.shape()) + " but the value given has"
                        + " shape " + Shape.str(v.shape()));
            }
        });
        if (!missing.isEmpty()) {
            problems.add("no value for " + missing);
        }
        List<String> unknown = new ArrayList<>();
        for (String n : values.keySet()) {
            if (!entries.containsKey(n)) {
                unknown.add(n);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add("unknown parameter name(s) " + unknown + "; parameters are " + entries.keySet());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("load: " + String.join("; ", problems));
        }
        entries.forEach((n, e) -> System.arraycopy(values.get(n).data(), 0, e.leaf.data(), 0, e.leaf.numel()));
    }

    /**
     * A deep copy: same names, frozen flags and values in new leaves with their own storage, attached to no module.
     * Useful as a named checkpoint that keeps the frozen state, or to {@link #load(Map)} elsewhere via
     * {@link #snapshot()}.
     */
    public Parameters copy() {
        Parameters p = new Parameters();
        entries.forEach((n, e) -> p.entries.put(n, new Entry(e.leaf.copy().requireGrad(), e.frozen)));
        return p;
    }

    /** One line per parameter: name, shape, and whether frozen. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Parameters(").append(count()).append(" values");
        entries.forEach((n, e) -> b.append("\n  ").append(n).append(' ').append(Shape.str(e.leaf.shape()))
                .append(e.frozen ? " frozen" : ""));
        return b.append(')').toString();
    }
}
