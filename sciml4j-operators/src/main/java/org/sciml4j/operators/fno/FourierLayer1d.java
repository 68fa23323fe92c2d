package org.sciml4j.operators.fno;

import org.sciml4j.tensor.FusedOp;
import org.sciml4j.tensor.ShapeException;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.MatMul;
import org.sciml4j.tensor.kernel.Parallel;

import java.util.Arrays;

/**
 * One 1-D Fourier layer before its activation, {@code u = K v + W v + b} (K the spectral convolution over the lowest
 * m modes, W the 1x1 convolution), fused into matrix products on a grid-first layout {@code (n, B, C)}: every row of
 * the flattened {@code (n B, C)} array is one grid point of one function, so
 * <ul>
 *   <li>the modes of all B C signals are one product {@code X = A V}, {@code A (2m, n)} ({@link TruncatedDft}),
 *       giving {@code X (2m, B C)}, whose rows 2k and 2k+1 are the real and imaginary (B, C) blocks of mode k;</li>
 *   <li>the complex channel mixing of mode k is one real product {@code [X_re; X_im] (2B, in) [R_re | R_im]
 *       (in, 2 out)} followed by {@code Y_re = Z_00 - Z_11}, {@code Y_im = Z_01 + Z_10} (modes in parallel);</li>
 *   <li>back to the grid: {@code U = S Y}, {@code S (n, 2m)}; the 1x1 convolution adds {@code V W^T + b} over
 *       the {@code (n B, in)} rows.</li>
 * </ul>
 * The reverse rule runs the same products transposed (left-transposed products, no copies of the activations).
 * Equal in values and gradients to neuraloperator's {@code SpectralConv1d} + {@code Conv1d(width, width, 1)} composed
 * of the FFT primitives (tested); differentiable once, in reverse mode.
 * <p>
 * Inputs of {@link #apply}: {@code v (n, B, in)}, spectral weights {@code re, im (in, out, m)}, pointwise weight
 * {@code (out, in)}, bias {@code (out)}; output {@code (n, B, out)}. The modes X are a node of their own
 * ({@link Modes}), an input of the layer's node beside v.
 */
final class FourierLayer1d extends FusedOp {
    static final FourierLayer1d INSTANCE = new FourierLayer1d();

    private FourierLayer1d() {
    }

    /** Applies the layer; shapes as in the class description. */
    static Tensor apply(Tensor v, Tensor re, Tensor im, Tensor weight, Tensor bias) {
        Tensor x = Modes.INSTANCE.apply(v, re);
        return INSTANCE.apply(new Tensor[] {v, x, re, im, weight, bias});
    }

    /**
     * The kept modes {@code X = A V (2m, B, in)} of {@code v (n, B, in)} as their own node (the second input, the
     * spectral weights, only fixes m and gets no cotangent), so that the layer's reverse rule reads them instead of
     * transforming again; its own reverse rule is {@code gV = A^T gX}.
     */
    private static final class Modes extends FusedOp {
        static final Modes INSTANCE = new Modes();

        @Override
        protected String name() {
            return "fourier_modes_1d";
        }

        @Override
        protected Tensor forward(Tensor[] t) {
            int[] v = t[0].shape();
            int m = t[1].size(2);
            if (v.length != 3 || m > v[0] / 2 + 1) {
                throw new ShapeException("fourier_modes_1d: need v (n, B, C) and m <= n/2 + 1 modes, got "
                        + Arrays.toString(v) + " and m = " + m);
            }
            double[] x = new double[2 * m * v[1] * v[2]];
            MatMul.gemm(TruncatedDft.analysis(v[0], m), 0, t[0].data(), 0, x, 0, 2 * m, v[0], v[1] * v[2], false);
            return Tensor.wrap(x, 2 * m, v[1], v[2]);
        }

        @Override
        protected Tensor[] backward(Tensor g, Tensor output, Tensor[] t, boolean[] need) {
            int[] v = t[0].shape();
            int m = t[1].size(2);
            Tensor[] r = new Tensor[2];
            if (need[0]) {
                double[] gv = new double[t[0].numel()];
                MatMul.gemmTransA(TruncatedDft.analysis(v[0], m), 0, g.data(), 0, gv, 0, v[0], 2 * m, v[1] * v[2],
                        false);
                r[0] = Tensor.wrap(gv, v);
            }
            return r;
        }
    }

    @Override
    protected String name() {
        return "fourier_layer_1d";
    }

    /** The sizes of one application: grid n, batch B, channels in and out, modes m. */
    private record Sizes(int n, int b, int in, int out, int m) {
        static Sizes of(Tensor[] t) {
            int[] v = t[0].shape();
            int[] w = t[2].shape();
            int[] p = t[4].shape();
            if (v.length != 3 || w.length != 3 || w[0] != v[2] || !Arrays.equals(w, t[3].shape())
                    || w[2] > v[0] / 2 + 1 || p.length != 2 || p[0] != w[1] || p[1] != v[2]
                    || t[5].rank() != 1 || t[5].size(0) != w[1]
                    || !Arrays.equals(t[1].shape(), new int[] {2 * w[2], v[1], v[2]})) {
                throw new ShapeException("fourier_layer_1d: need v (n, B, in), modes (2m, B, in), spectral weights"
                        + " (in, out, m <= n/2 + 1), pointwise weight (out, in) and bias (out), got "
                        + Arrays.toString(v) + ", " + Arrays.toString(t[1].shape()) + ", "
                        + Arrays.toString(w) + ", " + Arrays.toString(t[3].shape()) + ", " + Arrays.toString(p) + ", "
                        + Arrays.toString(t[5].shape()));
            }
            return new Sizes(v[0], v[1], v[2], w[1], w[2]);
        }
    }

    @Override
    protected Tensor forward(Tensor[] t) {
        Sizes z = Sizes.of(t);
        int n = z.n;
        int m = z.m;
        double[] v = t[0].data();
        double[] x = t[1].data();
        double[] y = new double[2 * m * z.b * z.out];
        double[] re = t[2].data();
        double[] im = t[3].data();
        Parallel.each(m, k -> mixMode(z, k, x, re, im, y));
        double[] u = new double[n * z.b * z.out];
        MatMul.gemm(TruncatedDft.synthesis(n, m), 0, y, 0, u, 0, n, 2 * m, z.b * z.out, false);
        Dense.affine(v, 0, n * z.b, z.in, t[4].data(), t[5].data(), u, 0, true);
        return Tensor.wrap(u, n, z.b, z.out);
    }

    /** Mode k: {@code Y_k = X_k R_k} for complex (B, in) X_k and (in, out) R_k, as one real product. */
    private static void mixMode(Sizes z, int k, double[] x, double[] re, double[] im, double[] y) {
        int b = z.b;
        int out = z.out;
        double[] packed = new double[z.in * 2 * out];                  // [R_re | R_im] (in, 2 out)
        for (int i = 0; i < z.in; i++) {
            for (int o = 0; o < out; o++) {
                packed[i * 2 * out + o] = re[(i * out + o) * z.m + k];
                packed[i * 2 * out + out + o] = im[(i * out + o) * z.m + k];
            }
        }
        double[] prod = new double[2 * b * 2 * out];                   // [[X_re R_re, X_re R_im], [X_im R_re, ..]]
        MatMul.gemm(x, 2 * k * b * z.in, packed, 0, prod, 0, 2 * b, z.in, 2 * out, false);
        int yr = 2 * k * b * out;
        int yi = yr + b * out;
        for (int r = 0; r < b; r++) {
            int top = r * 2 * out;
            int bottom = (b + r) * 2 * out;
            for (int o = 0; o < out; o++) {
                y[yr + r * out + o] = prod[top + o] - prod[bottom + out + o];
                y[yi + r * out + o] = prod[top + out + o] + prod[bottom + o];
            }
        }
    }

    @Override
    protected Tensor[] backward(Tensor g, Tensor output, Tensor[] t, boolean[] need) {
        Sizes z = Sizes.of(t);
        int n = z.n;
        int m = z.m;
        int rows = n * z.b;
        double[] v = t[0].data();
        double[] gu = g.data();
        Tensor[] r = new Tensor[6];
        if (need[4]) {
            double[] gw = new double[z.out * z.in];
            MatMul.gemmTransA(gu, 0, v, 0, gw, 0, z.out, rows, z.in, false);
            r[4] = Tensor.wrap(gw, z.out, z.in);
        }
        if (need[5]) {
            r[5] = Tensor.wrap(Dense.columnSums(gu, 0, rows, z.out), z.out);
        }
        if (need[0]) {
            double[] gv = new double[rows * z.in];
            MatMul.gemm(gu, 0, t[4].data(), 0, gv, 0, rows, z.out, z.in, false);
            r[0] = Tensor.wrap(gv, n, z.b, z.in);
        }
        if (need[1] || need[2] || need[3]) {
            // back through the synthesis: gY = S^T gU (2m, B out), then each mode's mixing
            double[] gy = new double[2 * m * z.b * z.out];
            MatMul.gemmTransA(TruncatedDft.synthesis(n, m), 0, gu, 0, gy, 0, 2 * m, n, z.b * z.out, false);
            double[] x = t[1].data();
            double[] gx = new double[x.length];
            double[] gre = new double[z.in * z.out * m];
            double[] gim = new double[gre.length];
            double[] re = t[2].data();
            double[] im = t[3].data();
            Parallel.each(m, k -> mixModeBackward(z, k, x, re, im, gy, gx, gre, gim));
            r[1] = need[1] ? Tensor.wrap(gx, 2 * m, z.b, z.in) : null;
            r[2] = need[2] ? Tensor.wrap(gre, z.in, z.out, m) : null;
            r[3] = need[3] ? Tensor.wrap(gim, z.in, z.out, m) : null;
        }
        return r;
    }

    /**
     * The transpose of {@link #mixMode}: with {@code gZ = [[gY_re, gY_im], [gY_im, -gY_re]]} (2B, 2 out),
     * {@code gX_k = gZ [R_re | R_im]^T} and {@code g[R_re | R_im] = X_k^T gZ}.
     */
    private static void mixModeBackward(Sizes z, int k, double[] x, double[] re, double[] im, double[] gy,
                                        double[] gx, double[] gre, double[] gim) {
        int b = z.b;
        int out = z.out;
        int cin = z.in;
        double[] packedT = new double[2 * out * cin];                  // [R_re | R_im]^T (2 out, in)
        for (int i = 0; i < cin; i++) {
            for (int o = 0; o < out; o++) {
                packedT[o * cin + i] = re[(i * out + o) * z.m + k];
                packedT[(out + o) * cin + i] = im[(i * out + o) * z.m + k];
            }
        }
        double[] gz = new double[2 * b * 2 * out];
        int yr = 2 * k * b * out;
        int yi = yr + b * out;
        for (int r = 0; r < b; r++) {
            int top = r * 2 * out;
            int bottom = (b + r) * 2 * out;
            for (int o = 0; o < out; o++) {
                double gr = gy[yr + r * out + o];
                double gi = gy[yi + r * out + o];
                gz[top + o] = gr;
                gz[top + out + o] = gi;
                gz[bottom + o] = gi;
                gz[bottom + out + o] = -gr;
            }
        }
        MatMul.gemm(gz, 0, packedT, 0, gx, 2 * k * b * cin, 2 * b, 2 * out, cin, false);
        double[] gw = new double[cin * 2 * out];
        MatMul.gemmTransA(x, 2 * k * b * cin, gz, 0, gw, 0, cin, 2 * b, 2 * out, false);
        for (int i = 0; i < cin; i++) {
            for (int o = 0; o < out; o++) {
                gre[(i * out + o) * z.m + k] = gw[i * 2 * out + o];
                gim[(i * out + o) * z.m + k] = gw[i * 2 * out + out + o];
            }
        }
    }
}
