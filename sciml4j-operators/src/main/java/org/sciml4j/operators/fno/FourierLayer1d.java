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
 * Inputs: {@code v (n, B, in)}, spectral weights {@code re, im (in, out, m)}, pointwise weight {@code (out, in)},
 * bias {@code (out)}. Output {@code (n, B, out)}.
 */
final class FourierLayer1d extends FusedOp {
    static final FourierLayer1d INSTANCE = new FourierLayer1d();

    private FourierLayer1d() {
    }

    /** Applies the layer; shapes as in the class description. */
    static Tensor apply(Tensor v, Tensor re, Tensor im, Tensor weight, Tensor bias) {
        return INSTANCE.apply(new Tensor[] {v, re, im, weight, bias});
    }

    @Override
    protected String name() {
        return "fourier_layer_1d";
    }

    /** The sizes of one application: grid n, batch B, channels in and out, modes m. */
    private record Sizes(int n, int b, int in, int out, int m) {
        static Sizes of(Tensor[] t) {
            int[] v = t[0].shape();
            int[] w = t[1].shape();
            int[] p = t[3].shape();
            if (v.length != 3 || w.length != 3 || w[0] != v[2] || !Arrays.equals(w, t[2].shape())
                    || w[2] > v[0] / 2 + 1 || p.length != 2 || p[0] != w[1] || p[1] != v[2]
                    || t[4].rank() != 1 || t[4].size(0) != w[1]) {
                throw new ShapeException("fourier_layer_1d: need v (n, B, in), spectral weights (in, out, m <= n/2"
                        + " + 1), pointwise weight (out, in) and bias (out), got " + Arrays.toString(v) + ", "
                        + Arrays.toString(w) + ", " + Arrays.toString(t[2].shape()) + ", " + Arrays.toString(p) + ", "
                        + Arrays.toString(t[4].shape()));
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
        double[] x = new double[2 * m * z.b * z.in];
        MatMul.gemm(TruncatedDft.analysis(n, m), 0, v, 0, x, 0, 2 * m, n, z.b * z.in, false);
        double[] y = new double[2 * m * z.b * z.out];
        double[] re = t[1].data();
        double[] im = t[2].data();
        Parallel.each(m, k -> mixMode(z, k, x, re, im, y));
        double[] u = new double[n * z.b * z.out];
        MatMul.gemm(TruncatedDft.synthesis(n, m), 0, y, 0, u, 0, n, 2 * m, z.b * z.out, false);
        Dense.affine(v, 0, n * z.b, z.in, t[3].data(), t[4].data(), u, 0, true);
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
        Tensor[] r = new Tensor[5];
        if (need[3]) {
            double[] gw = new double[z.out * z.in];
            MatMul.gemmTransA(gu, 0, v, 0, gw, 0, z.out, rows, z.in, false);
            r[3] = Tensor.wrap(gw, z.out, z.in);
        }
        if (need[4]) {
            r[4] = Tensor.wrap(Dense.columnSums(gu, 0, rows, z.out), z.out);
        }
        // back through the synthesis: gY = S^T gU (2m, B out); the modes X again (not kept from the forward)
        double[] gy = new double[2 * m * z.b * z.out];
        MatMul.gemmTransA(TruncatedDft.synthesis(n, m), 0, gu, 0, gy, 0, 2 * m, n, z.b * z.out, false);
        double[] a = TruncatedDft.analysis(n, m);
        double[] x = new double[2 * m * z.b * z.in];
        MatMul.gemm(a, 0, v, 0, x, 0, 2 * m, n, z.b * z.in, false);
        double[] gx = new double[x.length];
        double[] gre = new double[z.in * z.out * m];
        double[] gim = new double[gre.length];
        double[] re = t[1].data();
        double[] im = t[2].data();
        Parallel.each(m, k -> mixModeBackward(z, k, x, re, im, gy, gx, gre, gim));
        r[1] = need[1] ? Tensor.wrap(gre, z.in, z.out, m) : null;
        r[2] = need[2] ? Tensor.wrap(gim, z.in, z.out, m) : null;
        if (need[0]) {
            double[] gv = new double[rows * z.in];
            MatMul.gemm(gu, 0, t[3].data(), 0, gv, 0, rows, z.out, z.in, false);
            MatMul.gemmTransA(a, 0, gx, 0, gv, 0, n, 2 * m, z.b * z.in, true);
            r[0] = Tensor.wrap(gv, n, z.b, z.in);
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
