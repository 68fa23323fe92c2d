package org.sciml4j.operators.deeponet;

import org.sciml4j.nn.Activation;
import org.sciml4j.nn.Initializer;
import org.sciml4j.nn.Linear;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.Parameters;
import org.sciml4j.operators.OperatorModel;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.ShapeException;
import org.sciml4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DeepONet (Lu et al. 2021) as DeepXDE builds it: a branch net encodes an input function's values at m sensors
 * into p coefficients b_k, a trunk net encodes a query point y (d coordinates) into p basis values t_k (the trunk's
 * activation is applied to its output too, as DeepXDE), and the output is {@code G(u)(y) = sum_k b_k t_k + b0}.
 * <p>
 * Variants: <em>unstacked</em> (one branch MLP {@code m -> hidden... -> c p}) or <em>stacked</em> (c p branch MLPs
 * {@code m -> hidden... -> 1}); c output fields split the p-feature blocks: field j uses features
 * {@code [j p, (j + 1) p)} of both nets and its own bias. For points shared by all functions ("aligned") the
 * output is {@code B (N, p) T(M, p)^T}, never forming the N M Cartesian product; for per-function points
 * ("unaligned") it is a row-wise dot product.
 * <p>
 * Parameters: {@code branch.*} (stacked: {@code branch.<i>.*}), {@code trunk.*}, {@code bias} of shape {@code (c,)}.
 */
public final class DeepOnet implements OperatorModel {
    private final int sensors;
    private final int pointDim;
    private final int p;
    private final int outputs;
    private final boolean stacked;
    private final Activation activation;
    private final List<Mlp> branches = new ArrayList<>();
    private final Mlp trunk;
    private final Tensor bias;
    private final Parameters params = new Parameters();
    private final Tensor points;
    private final int[] grid;

    /**
     * @param sensors      m, the sensor values per input function
     * @param branchHidden hidden widths of the branch net
     * @param trunkHidden  hidden widths of the trunk net
     * @param p            basis functions per output field
     * @param outputs      output fields c
     * @param stacked      c p branch nets of one output each instead of one branch net
     * @param activation   of both nets (DeepXDE's antiderivative example: relu)
     * @param points       the query points of {@link #apply}, {@code (M, d)}
     * @param grid         the shape of those points' grid for {@link #apply}'s output (its product is M)
     * @param rng          draws the weights (Glorot normal, zero biases)
     */
    public DeepOnet(int sensors, int[] branchHidden, int[] trunkHidden, int p, int outputs, boolean stacked,
                    Activation activation, Tensor points, int[] grid, Rng rng) {
        if (sensors < 1 || p < 1 || outputs < 1 || points.rank() != 2) {
            throw new IllegalArgumentException("DeepONet: need sensors, p and outputs >= 1 and points (M, d), got"
                    + " sensors " + sensors + ", p " + p + ", outputs " + outputs + ", points "
                    + Arrays.toString(points.shape()));
        }
        this.sensors = sensors;
        this.pointDim = points.size(1);
        this.p = p;
        this.outputs = outputs;
        this.stacked = stacked;
        this.activation = activation;
        this.points = points;
        this.grid = grid.clone();
        Initializer init = Initializer.glorotNormal();
        int nets = stacked ? p * outputs : 1;
        int width = stacked ? 1 : p * outputs;
        for (int i = 0; i < nets; i++) {
            Mlp b = new Mlp(sizes(sensors, branchHidden, width), activation, init, rng);
            branches.add(b);
            params.register(stacked ? "branch." + i : "branch", b.parameters());
        }
        this.trunk = new Mlp(sizes(pointDim, trunkHidden, p * outputs), activation, init, rng);
        params.register("trunk", trunk.parameters());
        this.bias = params.add("bias", Tensor.zeros(outputs));
    }

    private static int[] sizes(int in, int[] hidden, int out) {
        int[] s = new int[hidden.length + 2];
        s[0] = in;
        System.arraycopy(hidden, 0, s, 1, hidden.length);
        s[s.length - 1] = out;
        return s;
    }

    @Override
    public Parameters parameters() {
        return params;
    }

    @Override
    public String describe() {
        return "DeepONet (" + (stacked ? "stacked" : "unstacked") + ", p " + p + ", " + outputs + " output"
                + (outputs > 1 ? "s" : "") + ", " + sensors + " sensors, " + activation + ")";
    }

    /** Number of output fields c. */
    public int outputs() {
        return outputs;
    }

    /** The branch coefficients: {@code (B, m) -> (B, c p)}. */
    public Tensor branch(Tensor u) {
        if (u.rank() != 2 || u.size(1) != sensors) {
            throw new ShapeException("DeepONet: branch input must be (B, " + sensors + "), got "
                    + Arrays.toString(u.shape()));
        }
        if (!stacked) {
            return branches.get(0).forward(u);
        }
        Tensor[] cols = new Tensor[branches.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = branches.get(i).forward(u);
        }
        return Tensor.concat(1, cols);
    }

    /** The trunk basis: {@code (M, d) -> (M, c p)}, activation applied to the output (DeepXDE). */
    public Tensor trunk(Tensor y) {
        return activation.apply(trunk.forward(y));
    }

    /**
     * Aligned evaluation without forming the Cartesian product: per field, {@code B_j (N, p) T_j (M, p)^T + b0_j}.
     *
     * @param b branch coefficients {@code (N, c p)}
     * @param t trunk basis {@code (M, c p)} (or its derivative; then pass {@code withBias} false)
     * @return {@code (N, c, M)}
     */
    public Tensor combine(Tensor b, Tensor t, boolean withBias) {
        int n = b.size(0);
        int m = t.size(0);
        Tensor bb = b.reshape(n, outputs, p).permute(1, 0, 2);      // (c, N, p)
        Tensor tt = t.reshape(m, outputs, p).permute(1, 2, 0);      // (c, p, M)
        Tensor y = bb.matmul(tt).permute(1, 0, 2);                  // (N, c, M)
        return withBias ? y.add(bias.reshape(outputs, 1)) : y;
    }

    /**
     * Evaluates at points shared by all functions.
     *
     * @param u      sensor values {@code (N, m)}
     * @param points {@code (M, d)}
     * @return {@code (N, c, M)}
     */
    public Tensor evaluate(Tensor u, Tensor points) {
        return combine(branch(u), trunk(points), true);
    }

    /**
     * Evaluates at per-function points (unaligned data).
     *
     * @param u      sensor values {@code (N, m)}
     * @param points {@code (N, Q, d)}, function i's points in row i
     * @return {@code (N, c, Q)}
     */
    public Tensor evaluateUnaligned(Tensor u, Tensor points) {
        int n = u.size(0);
        int q = points.size(1);
        Tensor t = trunk(points.reshape(n * q, pointDim)).reshape(n, q, outputs, p);
        Tensor b = branch(u).reshape(n, 1, outputs, p);
        return t.mul(b).sum(new int[] {3}, false).permute(0, 2, 1).add(bias.reshape(outputs, 1));
    }

    /**
     * {@link #evaluateUnaligned} as one fused operation ({@link PointwiseKernel}: a matrix product and a bias +
     * activation loop per layer, a hand-written reverse rule) when the model is unstacked with ReLU or tanh
     * activations, else {@link #evaluateUnaligned} itself. The fused result is differentiable once, in reverse
     * mode, which is what supervised training needs; use {@link #evaluateUnaligned} for forward-mode or higher
     * derivatives.
     *
     * @param u      sensor values {@code (N, m)}
     * @param points {@code (N, Q, d)}
     * @return {@code (N, c, Q)}
     */
    public Tensor evaluateUnalignedFused(Tensor u, Tensor points) {
        boolean tanh = activation == Activation.TANH;
        if (stacked || !(tanh || activation == Activation.RELU) || !plain(branches.get(0)) || !plain(trunk)) {
            return evaluateUnaligned(u, points);
        }
        if (u.rank() != 2 || u.size(1) != sensors || points.rank() != 3 || points.size(0) != u.size(0)
                || points.size(2) != pointDim) {
            throw new ShapeException("DeepONet: need u (N, " + sensors + ") and points (N, Q, " + pointDim
                    + "), got " + Arrays.toString(u.shape()) + " and " + Arrays.toString(points.shape()));
        }
        int n = u.size(0);
        int q = points.size(1);
        List<Tensor> in = new ArrayList<>();
        in.add(u);
        in.add(points.reshape(n * q, pointDim));
        for (Mlp net : List.of(branches.get(0), trunk)) {
            for (var layer : net.layers()) {
                in.add(((Linear) layer).weight());
                in.add(((Linear) layer).bias());
            }
        }
        in.add(bias);
        return new PointwiseKernel(branches.get(0).layers().size(), trunk.layers().size(), tanh, outputs, p, q)
                .apply(in.toArray(new Tensor[0]));
    }

    /** Whether the fused kernel handles this net: plain affine layers, no input embedding. */
    private static boolean plain(Mlp net) {
        return net.embedding().isEmpty() && net.layers().stream().allMatch(l -> l instanceof Linear);
    }

    /**
     * The derivative of the output with respect to coordinate {@code axis} of aligned points, through forward mode
     * on the trunk (each trunk row depends on its own point only, so one tangent gives every point's derivative).
     *
     * @return {@code (N, c, M)}
     */
    public Tensor derivative(Tensor u, Tensor points, int axis) {
        Tensor y = Autodiff.asInput(points);
        Tensor t = trunk(y);
        double[] dir = new double[points.numel()];
        for (int i = axis; i < dir.length; i += pointDim) {
            dir[i] = 1;
        }
        Tensor dt = Autodiff.jvp(t, y, Tensor.wrap(dir, points.shape()));
        return combine(branch(u), dt, false);
    }

    /**
     * @param inputs {@code (B, s)} or {@code (B, s1, s2)}: the sensor values (flattened to m)
     * @return at the model's points: {@code (B, grid...)} for one field, {@code (B, c, grid...)} for c
     */
    @Override
    public Tensor apply(Tensor inputs) {
        int b = inputs.size(0);
        Tensor y = evaluate(inputs.reshape(b, -1), points);
        int[] shape = new int[grid.length + (outputs == 1 ? 1 : 2)];
        shape[0] = b;
        if (outputs > 1) {
            shape[1] = outputs;
        }
        System.arraycopy(grid, 0, shape, shape.length - grid.length, grid.length);
        return y.reshape(shape);
    }
}
