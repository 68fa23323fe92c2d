package org.sciml4j.optim;

import org.sciml4j.tensor.Shape;
import org.sciml4j.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Common machinery of the first-order optimisers: argument checks, the step count, the schedule, and the
 * per-parameter buffers with their save and restore. Subclasses name their buffers and implement the update of
 * one parameter over flat arrays.
 * <p>
 * The configuration (base rate, schedule, hyper-parameters) is immutable; the step count and the buffers are the
 * mutable per-run state, which is why instances are not thread-safe.
 */
abstract class AbstractOptimizer implements Optimizer {
    private final double baseRate;
    private final LearningRateSchedule schedule;
    private final double weightDecay;
    private final String[] bufferNames;

    private int steps;
    /** Shapes of the parameters the buffers belong to; null until the first step (or a restore with buffers). */
    private int[][] shapes;
    /** {@code buffers[b][i]}: buffer {@code bufferNames[b]} of parameter {@code i}. */
    private double[][][] buffers;

    AbstractOptimizer(Builder<?, ?> b, String... bufferNames) {
        if (!(b.learningRate >= 0) || Double.isInfinite(b.learningRate)) {
            throw new IllegalArgumentException(name() + ": learning rate must be finite and >= 0, got "
                    + b.learningRate);
        }
        this.baseRate = b.learningRate;
        this.schedule = Objects.requireNonNull(b.schedule, "schedule");
        this.weightDecay = b.weightDecay;
        this.bufferNames = bufferNames.clone();
    }

    /**
     * The settings shared by the builders of {@link Sgd}, {@link Adam} and {@link AdamW}: base learning rate
     * (default 1e-3), schedule (default constant) and weight decay. Each setter validates its argument.
     *
     * @param <B> the concrete builder (for chaining)
     * @param <O> the optimiser it builds
     */
    abstract static class Builder<B extends Builder<B, O>, O> {
        /** The optimiser's name in messages. */
        final String owner;
        private double learningRate = 1e-3;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private double weightDecay;

        Builder(String owner, double defaultWeightDecay) {
            this.owner = owner;
            this.weightDecay = defaultWeightDecay;
        }

        /** This builder, as its concrete type. */
        abstract B self();

        /** Base learning rate (default 1e-3). */
        public B learningRate(double lr) {
            this.learningRate = checkNonNegative(owner, "learning rate", lr);
            return self();
        }

        /** Learning-rate schedule (default constant). */
        public B schedule(LearningRateSchedule s) {
            this.schedule = Objects.requireNonNull(s, "schedule");
            return self();
        }

        /**
         * Weight decay, {@code >= 0}: L2, added to the gradient, for {@link Sgd} and {@link Adam} (default 0);
         * decoupled for {@link AdamW} (default 1e-2, as PyTorch).
         */
        public B weightDecay(double wd) {
            this.weightDecay = checkNonNegative(owner, "weight decay", wd);
            return self();
        }

        /** The optimiser. */
        public abstract O build();
    }

    /** Short name for messages. */
    abstract String name();

    /**
     * Updates one parameter in place.
     *
     * @param step    the step being taken, counting from 1
     * @param lr      the learning rate of this step
     * @param p       the parameter's storage
     * @param g       its gradient (must not be modified)
     * @param buffers this parameter's buffers, in the order of the names given to the constructor
     */
    abstract void update(int step, double lr, double[] p, double[] g, double[][] buffers);

    /** The base learning rate, before the schedule. */
    public final double baseLearningRate() {
        return baseRate;
    }

    /** The learning-rate schedule. */
    public final LearningRateSchedule schedule() {
        return schedule;
    }

    /** Weight decay coefficient: L2 (added to the gradient) for {@link Sgd} and {@link Adam}, decoupled for AdamW. */
    public final double weightDecay() {
        return weightDecay;
    }

    @Override
    public final int stepCount() {
        return steps;
    }

    @Override
    public final double learningRate() {
        return schedule.rate(steps, baseRate);
    }

    @Override
    public final void step(List<Tensor> params, List<Tensor> grads) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(grads, "grads");
        int n = params.size();
        if (grads.size() != n) {
            throw new IllegalArgumentException(name() + ".step: " + n + " parameters but " + grads.size()
                    + " gradients");
        }
        if (shapes != null && shapes.length != n) {
            throw new IllegalArgumentException(name() + ".step: the optimiser's state is for " + shapes.length
                    + " parameters, got " + n + " (pass the same parameter list at every step)");
        }
        int next = steps + 1;
        for (int i = 0; i < n; i++) {
            Tensor p = params.get(i);
            Tensor g = grads.get(i);
            if (p == null || g == null) { // the message is built only here: step runs at every epoch
                throw new NullPointerException((p == null ? "parameter " : "gradient ") + i);
            }
            if (p.isTracked() && !p.requiresGrad()) {
                throw new IllegalArgumentException(name() + ".step: parameter " + i + " of shape "
                        + Shape.str(p.shape()) + " is the result of an operation, not a leaf; pass the parameter"
                        + " tensors themselves");
            }
            // against the state's shape once there is state (in place; p.shape() copies)
            int[] expected = shapes != null && p.hasShape(shapes[i]) ? shapes[i] : p.shape();
            if (!g.hasShape(expected)) {
                throw new IllegalArgumentException(name() + ".step: gradient " + i + " has shape "
                        + Shape.str(g.shape()) + " but parameter " + i + " has shape " + Shape.str(p.shape()));
            }
            if (shapes != null && !p.hasShape(shapes[i])) {
                throw new IllegalArgumentException(name() + ".step: parameter " + i + " has shape "
                        + Shape.str(p.shape()) + " but the optimiser's state for it has shape "
                        + Shape.str(shapes[i]) + " (pass the same parameter list at every step)");
            }
        }
        for (int i = 0; i < n; i++) {
            double[] g = grads.get(i).data();
            for (int j = 0; j < g.length; j++) {
                if (!Double.isFinite(g[j])) {
                    throw new TrainingDivergedException(next, i, "training diverged at step " + next
                            + ": gradient " + i + " (shape " + Shape.str(grads.get(i).shape()) + ") holds "
                            + g[j] + " at flat index " + j + "; the parameters were left unchanged");
                }
            }
        }
        double lr = learningRate();
        if (shapes == null) {
            shapes = new int[n][];
            buffers = new double[bufferNames.length][n][];
            for (int i = 0; i < n; i++) {
                shapes[i] = params.get(i).shape();
                for (int b = 0; b < bufferNames.length; b++) {
                    buffers[b][i] = new double[params.get(i).numel()];
                }
            }
        }
        double[][] bufs = new double[bufferNames.length][];
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < bufferNames.length; b++) {
                bufs[b] = buffers[b][i];
            }
            update(next, lr, params.get(i).data(), grads.get(i).data(), bufs);
        }
        steps = next;
    }

    @Override
    public final Map<String, Tensor> state() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("step", Tensor.scalar(steps));
        if (shapes != null) {
            for (int i = 0; i < shapes.length; i++) {
                for (int b = 0; b < bufferNames.length; b++) {
                    m.put(bufferNames[b] + "." + i, Tensor.of(buffers[b][i], shapes[i]));
                }
            }
        }
        return m;
    }

    @Override
    public final void loadState(Map<String, Tensor> state) {
        Objects.requireNonNull(state, "state");
        Tensor stepTensor = state.get("step");
        if (stepTensor == null) {
            throw new IllegalArgumentException(name() + ".loadState: no \"step\" entry");
        }
        if (stepTensor.numel() != 1) {
            throw new IllegalArgumentException(name() + ".loadState: \"step\" must be a scalar, got shape "
                    + Shape.str(stepTensor.shape()));
        }
        double s = stepTensor.data()[0];
        if (!(s >= 0) || s > Integer.MAX_VALUE || s != Math.rint(s)) {
            throw new IllegalArgumentException(name() + ".loadState: \"step\" must be a non-negative integer, got "
                    + s);
        }
        // collect buffers by name and index
        Map<String, Map<Integer, Tensor>> found = new LinkedHashMap<>();
        for (String b : bufferNames) {
            found.put(b, new LinkedHashMap<>());
        }
        int count = -1;
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String key = e.getKey();
            if (key.equals("step")) {
                continue;
            }
            int dot = key.lastIndexOf('.');
            String base = dot < 0 ? key : key.substring(0, dot);
            int index = -1;
            if (dot >= 0) {
                try {
                    index = Integer.parseInt(key.substring(dot + 1));
                } catch (NumberFormatException ex) {
                    index = -1;
                }
            }
            if (!found.containsKey(base) || index < 0) {
                throw new IllegalArgumentException(name() + ".loadState: unknown key \"" + key + "\"; expected "
                        + "\"step\"" + (bufferNames.length == 0 ? "" : " and " + expectedKeys()));
            }
            found.get(base).put(index, Objects.requireNonNull(e.getValue(), key));
            count = Math.max(count, index + 1);
        }
        int[][] newShapes = null;
        double[][][] newBuffers = null;
        if (count > 0) {
            newShapes = new int[count][];
            newBuffers = new double[bufferNames.length][count][];
            for (int b = 0; b < bufferNames.length; b++) {
                Map<Integer, Tensor> byIndex = found.get(bufferNames[b]);
                for (int i = 0; i < count; i++) {
                    Tensor t = byIndex.get(i);
                    if (t == null) {
                        throw new IllegalArgumentException(name() + ".loadState: missing \"" + bufferNames[b] + "."
                                + i + "\" (buffers are needed for every parameter 0.." + (count - 1) + ")");
                    }
                    if (newShapes[i] == null) {
                        newShapes[i] = t.shape();
                    } else if (!Arrays.equals(newShapes[i], t.shape())) {
                        throw new IllegalArgumentException(name() + ".loadState: \"" + bufferNames[b] + "." + i
                                + "\" has shape " + Shape.str(t.shape()) + " but other buffers of parameter " + i
                                + " have shape " + Shape.str(newShapes[i]));
                    }
                    newBuffers[b][i] = t.toArray();
                }
            }
        }
        if (bufferNames.length > 0 && s > 0 && count <= 0) {
            throw new IllegalArgumentException(name() + ".loadState: \"step\" is " + (long) s + " but no buffers ("
                    + expectedKeys() + ") were given");
        }
        if (s == 0 && count > 0) {
            throw new IllegalArgumentException(name() + ".loadState: buffers were given but \"step\" is 0");
        }
        steps = (int) s;
        shapes = newShapes;
        buffers = newBuffers;
    }

    private String expectedKeys() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < bufferNames.length; i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(bufferNames[i]).append(".<i>\"");
        }
        return b.toString();
    }

    static double checkNonNegative(String owner, String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(owner + ": " + what + " must be finite and >= 0, got " + v);
        }
        return v;
    }
}
