package org.sciml4j.operators.fno;

import org.sciml4j.nn.Initializer;
import org.sciml4j.nn.Linear;
import org.sciml4j.nn.Parameters;
import org.sciml4j.operators.OperatorModel;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.ShapeException;
import org.sciml4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fourier neural operator (Li et al. 2021), 1-D and 2-D, laid out as the original {@code fourier_1d.py} /
 * {@code fourier_2d.py} of neuraloperator:
 * <ol>
 *   <li>lifting {@code fc0}: {@code Linear(f + d, width)} on the values of the f input fields (f = 1 as the
 *       original) and the grid coordinates in [0, 1];</li>
 *   <li>{@code layers} Fourier layers {@code v <- gelu(K v + W v)}, K a {@link SpectralConv}, W a pointwise
 *       {@code Linear(width, width)} (the 1x1 convolution), no activation after the last one;</li>
 *   <li>projection {@code fc1: Linear(width, 128)}, gelu, {@code fc2: Linear(128, c)}.</li>
 * </ol>
 * GELU is the exact (erf) form, as the original and PyTorch's {@code F.gelu} ({@link ExactGelu}).
 * <p>
 * 1-D runs on a grid-first layout {@code (s, B, W)}: the lifting, each Fourier layer ({@link FourierLayer1d}: the
 * spectral convolution as truncated-DFT matrix products plus the 1x1 convolution) and the projection
 * ({@link Dense}) are single large matrix products over the {@code (s B, channels)} rows, with hand-written reverse
 * rules (differentiable once, in reverse mode). {@link #applyComposed} is the same model composed of the engine's
 * primitives (any order, both modes; the 2-D path and the 1-D reference in the tests).
 * With {@code padding > 0} each axis of length s is padded with {@code round(padding s)} zeros at its end after the
 * lifting and cropped before the projection (for non-periodic inputs such as Darcy flow; the original pads a fixed
 * 9 points, about 0.1 of its 85-point grid; a fraction keeps the padded domain the same at every resolution).
 * The model works at any resolution: the weights act on modes, not grid points, so a model trained at s can be
 * evaluated at 4s.
 * <p>
 * Parameter count for width W, modes m, L layers, one output: 1-D {@code (2 W + W) + L (2 W^2 m + W^2 + W) +
 * (128 W + 128) + 129}; 2-D the same with {@code 3 W + W} lifting and {@code 4 W^2 m^2} spectral weights per layer:
 * W = 64, m = 16, L = 4 in 1-D gives 549,569 and W = 32, m = 12, L = 4 in 2-D 2,368,001, neuraloperator's counts.
 */
public final class Fno implements OperatorModel {
    /** Width of the projection's hidden layer, fixed at 128 as in the original. */
    public static final int PROJECTION = 128;

    private final int dims;
    private final int inputFields;
    private final int width;
    private final double padding;
    private final int outputs;
    private final Parameters params = new Parameters();
    private final Linear lift;
    private final List<SpectralConv> spectral = new ArrayList<>();
    private final List<Linear> pointwise = new ArrayList<>();
    private final Linear fc1;
    private final Linear fc2;

    /**
     * @param dims    1 or 2
     * @param modes   Fourier modes kept per axis
     * @param width   channels of the Fourier layers
     * @param layers  number of Fourier layers (>= 1)
     * @param padding zeros appended at the end of each spatial axis, as a fraction of its length (0: periodic
     *                inputs; neuraloperator's {@code domain_padding}), so that it scales with the resolution
     * @param outputs output fields c (>= 1)
     * @param rng     draws the weights (PyTorch's default for the linear layers)
     */
    public Fno(int dims, int modes, int width, int layers, double padding, int outputs, Rng rng) {
        this(dims, 1, modes, width, layers, padding, outputs, rng);
    }

    /**
     * An FNO whose inputs have several fields (e.g. a state (u, u_t)): the lifting reads {@code inputFields + d}
     * values per grid point, the fields' values and the coordinates; inputs are then {@code (B, f, s...)}.
     *
     * @param inputFields input fields f (>= 1); 1 keeps inputs {@code (B, s...)}
     */
    public Fno(int dims, int inputFields, int modes, int width, int layers, double padding, int outputs, Rng rng) {
        if (inputFields < 1) {
            throw new IllegalArgumentException("FNO: need inputFields >= 1, got " + inputFields);
        }
        if (dims < 1 || dims > 2 || modes < 1 || width < 1 || layers < 1 || !(padding >= 0 && padding <= 1)
                || outputs < 1) {
            throw new IllegalArgumentException("FNO: need dims 1 or 2, modes, width, layers and outputs >= 1 and"
                    + " padding in [0, 1], got dims " + dims + ", modes " + modes + ", width " + width + ", layers "
                    + layers + ", padding " + padding + ", outputs " + outputs);
        }
        this.dims = dims;
        this.inputFields = inputFields;
        this.width = width;
        this.padding = padding;
        this.outputs = outputs;
        Initializer init = Initializer.pytorchDefault();
        this.lift = linear("fc0", inputFields + dims, width, init, rng);
        for (int l = 0; l < layers; l++) {
            spectral.add(new SpectralConv(dims, width, width, modes, rng, params, "conv" + l));
            pointwise.add(linear("w" + l, width, width, init, rng));
        }
        this.fc1 = linear("fc1", width, PROJECTION, init, rng);
        this.fc2 = linear("fc2", PROJECTION, outputs, init, rng);
    }

    private Linear linear(String name, int in, int out, Initializer init, Rng rng) {
        Linear l = new Linear(in, out, init, rng);
        params.register(name, l.parameters());
        return l;
    }

    /**
     * The data an FNO's saved weights (named as {@link #parameters()} names them: {@code fc0.weight (W, f + d)},
     * {@code conv0.weights_re (W, W, m)} or {@code (W, W, 2 m, m)}, {@code fc2.weight (c, 128)}) were made for.
     *
     * @return {@code {d, f, c}}: spatial dimensions, input fields, output fields; null when the weights are not an
     *         FNO's (e.g. a DeepONet's)
     */
    public static int[] layoutOf(Map<String, Tensor> weights) {
        Tensor lift = weights.get("fc0.weight");
        Tensor conv = weights.get("conv0.weights_re");
        Tensor last = weights.get("fc2.weight");
        if (lift == null || conv == null || last == null || lift.rank() != 2 || last.rank() != 2
                || conv.rank() < 3 || conv.rank() > 4) {
            return null;
        }
        int d = conv.rank() - 2;
        return new int[] {d, lift.size(1) - d, last.size(0)};
    }

    /** Modes kept per axis. */
    public int modes() {
        return spectral.get(0).modes();
    }

    /** 1 or 2. */
    public int dims() {
        return dims;
    }

    @Override
    public Parameters parameters() {
        return params;
    }

    @Override
    public String describe() {
        return "FNO-" + dims + "d (modes " + modes() + ", width " + width + ", " + spectral.size() + " layers"
                + (inputFields > 1 ? ", " + inputFields + " input fields" : "")
                + (padding > 0 ? ", padding " + padding : "") + ")";
    }

    /**
     * Checks that a grid of these sizes keeps enough modes: 1-D {@code modes <= s/2 + 1}; 2-D (with padding)
     * {@code 2 modes <= s1'} and {@code modes <= s2'/2 + 1}, s' the padded lengths.
     *
     * @return null when it fits, else why not
     */
    public String gridProblem(int... sizes) {
        int m = modes();
        if (dims == 1) {
            int n = sizes[0] + padPoints(sizes[0]);
            int h = n / 2 + 1;
            return m <= h ? null : "modes " + m + " > s/2 + 1 = " + h + " for s = " + n;
        }
        int n1 = sizes[0] + padPoints(sizes[0]);
        int h2 = (sizes[1] + padPoints(sizes[1])) / 2 + 1;
        if (2 * m > n1) {
            return "2 * modes = " + 2 * m + " > s1 = " + n1;
        }
        return m <= h2 ? null : "modes " + m + " > s2/2 + 1 = " + h2;
    }

    /**
     * @param inputs {@code (B, s)} (1-D) or {@code (B, s1, s2)} (2-D)
     * @return {@code (B, s)} / {@code (B, s1, s2)} for one output, {@code (B, c, s)} / {@code (B, c, s1, s2)}
     */
    @Override
    public Tensor apply(Tensor inputs) {
        int[] sizes = checkedSizes(inputs);
        return dims == 1 ? apply1d(inputs, sizes[0]) : composed(inputs, sizes);
    }

    /**
     * The same model composed of the engine's primitives (FFT primitives, matmul, permutes): differentiable to any
     * order in both modes, slower in 1-D than {@link #apply}; equal to it in values and gradients.
     *
     * @param inputs as {@link #apply}
     * @return as {@link #apply}
     */
    public Tensor applyComposed(Tensor inputs) {
        return composed(inputs, checkedSizes(inputs));
    }

    private int[] checkedSizes(Tensor inputs) {
        int lead = inputFields > 1 ? 2 : 1;
        if (inputs.rank() != dims + lead || (lead == 2 && inputs.size(1) != inputFields)) {
            throw new ShapeException("FNO-" + dims + "d: inputs must be (B" + (lead == 2 ? ", " + inputFields : "")
                    + (dims == 1 ? ", s)" : ", s1, s2)") + ", got " + Arrays.toString(inputs.shape()));
        }
        int[] sizes = Arrays.copyOfRange(inputs.shape(), lead, dims + lead);
        String problem = gridProblem(sizes);
        if (problem != null) {
            throw new ShapeException("FNO: " + problem);
        }
        return sizes;
    }

    /** 1-D on the grid-first layout: rows are (grid point, function), channels last; no transposes in between. */
    private Tensor apply1d(Tensor inputs, int s) {
        int b = inputs.size(0);
        Tensor x = Tensor.linspace(0, 1, s).reshape(s, 1).broadcastTo(s, b);
        Tensor features = inputFields == 1                                     // (s B, f + 1): values, coordinate
                ? Tensor.stack(2, inputs.mT(), x).reshape(s * b, 2)
                : Tensor.concat(2, inputs.permute(2, 0, 1), x.unsqueeze(2)).reshape(s * b, inputFields + 1);
        Tensor v = Dense.apply(features, lift.weight(), lift.bias()).reshape(s, b, width);
        int extra = padPoints(s);
        if (extra > 0) {
            v = Tensor.concat(0, v, Tensor.zeros(extra, b, width));
        }
        for (int l = 0; l < spectral.size(); l++) {
            SpectralConv k = spectral.get(l);
            Linear w = pointwise.get(l);
            Tensor u = FourierLayer1d.apply(v, k.weightsRe(), k.weightsIm(), w.weight(), w.bias());
            v = l < spectral.size() - 1 ? ExactGelu.apply(u) : u;
        }
        if (extra > 0) {
            v = v.slice(0, 0, s);
        }
        Tensor h = ExactGelu.apply(Dense.apply(v.reshape(s * b, width), fc1.weight(), fc1.bias()));
        Tensor y = Dense.apply(h, fc2.weight(), fc2.bias());                     // (s B, c)
        return outputs == 1 ? y.reshape(s, b).mT() : y.reshape(s, b, outputs).permute(1, 2, 0);
    }

    private Tensor composed(Tensor inputs, int[] sizes) {
        Tensor v = lift.forward(withGrid(inputs));                 // (B, s..., W)
        v = dims == 1 ? v.permute(0, 2, 1) : v.permute(0, 3, 1, 2);
        v = pad(v);
        for (int l = 0; l < spectral.size(); l++) {
            Tensor u = spectral.get(l).apply(v).add(pointwiseApply(pointwise.get(l), v));
            v = l < spectral.size() - 1 ? ExactGelu.apply(u) : u;
        }
        v = crop(v, sizes);
        v = dims == 1 ? v.permute(0, 2, 1) : v.permute(0, 2, 3, 1);
        Tensor y = fc2.forward(ExactGelu.apply(fc1.forward(v)));  // (B, s..., c)
        if (outputs == 1) {
            return y.squeeze(dims + 1);
        }
        return dims == 1 ? y.permute(0, 2, 1) : y.permute(0, 3, 1, 2);
    }

    /**
     * (B, s...) -> (B, s..., 1 + d), or (B, f, s...) -> (B, s..., f + d): the field values and the grid coordinates,
     * each in [0, 1].
     */
    private Tensor withGrid(Tensor inputs) {
        int b = inputs.size(0);
        Tensor values = inputFields == 1 ? inputs.unsqueeze(dims + 1)
                : dims == 1 ? inputs.permute(0, 2, 1) : inputs.permute(0, 2, 3, 1);
        if (dims == 1) {
            int s = values.size(1);
            Tensor x = Tensor.linspace(0, 1, s).reshape(1, s, 1).broadcastTo(b, s, 1);
            return Tensor.concat(2, values, x);
        }
        int s1 = values.size(1);
        int s2 = values.size(2);
        Tensor x = Tensor.linspace(0, 1, s1).reshape(1, s1, 1, 1).broadcastTo(b, s1, s2, 1);
        Tensor y = Tensor.linspace(0, 1, s2).reshape(1, 1, s2, 1).broadcastTo(b, s1, s2, 1);
        return Tensor.concat(3, values, x, y);
    }

    /** The 1x1 convolution on channels-first {@code (B, W, n...)}: {@code weight @ v + bias}. */
    private static Tensor pointwiseApply(Linear w, Tensor v) {
        int[] s = v.shape();
        int c = s[1];
        Tensor flat = s.length == 3 ? v : v.reshape(s[0], c, -1);
        Tensor y = w.weight().matmul(flat).add(w.bias().reshape(c, 1));
        return s.length == 3 ? y : y.reshape(s);
    }

    /** Zeros appended to an axis of length s. */
    private int padPoints(int s) {
        return (int) Math.round(padding * s);
    }

    private Tensor pad(Tensor v) {
        int[] s = v.shape();
        for (int axis = 2; axis < s.length; axis++) {
            int extra = padPoints(s[axis]);
            if (extra > 0) {
                int[] z = v.shape().clone();
                z[axis] = extra;
                v = Tensor.concat(axis, v, Tensor.zeros(z));
            }
        }
        return v;
    }

    private Tensor crop(Tensor v, int[] sizes) {
        for (int i = 0; i < sizes.length; i++) {
            v = v.slice(2 + i, 0, sizes[i]);
        }
        return v;
    }
}
