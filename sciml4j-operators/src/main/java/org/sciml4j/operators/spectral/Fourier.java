package org.sciml4j.operators.spectral;

import org.sciml4j.tensor.CustomPrimitive;
import org.sciml4j.tensor.ShapeException;
import org.sciml4j.tensor.Tensor;

import java.util.Arrays;

/**
 * Real discrete Fourier transforms as engine primitives, differentiable to any order in reverse and forward mode.
 * <p>
 * Complex values are stored as a trailing (re, im) axis of length 2. Conventions are numpy's ({@code norm =
 * "backward"}):
 * <ul>
 *   <li>{@link #rfft}: {@code (..., n) -> (..., n/2+1, 2)}, {@code X_k = sum_j x_j exp(-2 pi i j k / n)};</li>
 *   <li>{@link #irfft}: {@code (..., n/2+1, 2) -> (..., n)}, the inverse, scaled by 1/n; it reads only the real
 *       part of bin 0 and (n even) of the Nyquist bin, as {@code numpy.fft.irfft};</li>
 *   <li>{@link #rfft2}: {@code (..., n1, n2) -> (..., n1, n2/2+1, 2)} over the last two axes;</li>
 *   <li>{@link #irfft2}: {@code (..., n1, n2/2+1, 2) -> (..., n1, n2)}, its inverse (scaled by 1/(n1 n2)).</li>
 * </ul>
 * All four are linear, so each one's forward-mode rule is itself applied to the tangent, and each one's reverse
 * rule is the other one applied to the cotangent with a fixed per-bin weight: with {@code c_k = 1} for bin 0 and
 * the Nyquist bin and 2 otherwise, the adjoint of rfft is {@code n irfft(g / c)} and the adjoint of irfft is
 * {@code rfft(g) c / n} (2-D: the same weights along the last axis, n replaced by n1 n2).
 */
public final class Fourier {
    private Fourier() {
    }

    /** Real FFT along the last axis: {@code (..., n) -> (..., n/2+1, 2)}. */
    public static Tensor rfft(Tensor x) {
        return new Forward(1, lastDims(x, 1, "rfft")).apply(x);
    }

    /** Inverse real FFT along the last axis to length {@code n}: {@code (..., n/2+1, 2) -> (..., n)}. */
    public static Tensor irfft(Tensor y, int n) {
        checkSpectrum(y, 1, new int[] {n}, "irfft");
        return new Inverse(1, new int[] {n}).apply(y);
    }

    /** Real FFT over the last two axes: {@code (..., n1, n2) -> (..., n1, n2/2+1, 2)}. */
    public static Tensor rfft2(Tensor x) {
        return new Forward(2, lastDims(x, 2, "rfft2")).apply(x);
    }

    /** Inverse of {@link #rfft2} to {@code (n1, n2)}: {@code (..., n1, n2/2+1, 2) -> (..., n1, n2)}. */
    public static Tensor irfft2(Tensor y, int n1, int n2) {
        checkSpectrum(y, 2, new int[] {n1, n2}, "irfft2");
        return new Inverse(2, new int[] {n1, n2}).apply(y);
    }

    private static int[] lastDims(Tensor x, int d, String what) {
        if (x.rank() < d) {
            throw new ShapeException(what + ": need at least " + d + " axes, got shape " + Arrays.toString(x.shape()));
        }
        int[] s = x.shape();
        return Arrays.copyOfRange(s, s.length - d, s.length);
    }

    private static void checkSpectrum(Tensor y, int d, int[] n, String what) {
        int[] s = y.shape();
        for (int v : n) {
            if (v < 1) {
                throw new IllegalArgumentException(what + ": length must be >= 1, got " + v);
            }
        }
        boolean ok = s.length >= d + 1 && s[s.length - 1] == 2
                && s[s.length - 2] == FftKernels.half(n[d - 1]) && (d == 1 || s[s.length - 3] == n[0]);
        if (!ok) {
            throw new ShapeException(what + ": spectrum of shape " + Arrays.toString(s) + " does not fit length "
                    + Arrays.toString(n) + " (expected (..., " + (d == 2 ? n[0] + ", " : "")
                    + FftKernels.half(n[d - 1]) + ", 2))");
        }
    }

    /** The per-bin weights c_k (1 at bin 0 and Nyquist, else 2) as a (h, 1) tensor, times {@code factor}. */
    static Tensor binWeights(int n, double factor, boolean inverse) {
        int h = FftKernels.half(n);
        double[] w = new double[h];
        for (int k = 0; k < h; k++) {
            double c = (k == 0 || 2 * k == n) ? 1 : 2;
            w[k] = factor * (inverse ? 1 / c : c);
        }
        return Tensor.wrap(w, h, 1);
    }

    private static int rows(int[] shape, int trailing) {
        int r = 1;
        for (int i = 0; i < shape.length - trailing; i++) {
            r *= shape[i];
        }
        return r;
    }

    /** rfft (d = 1) or rfft2 (d = 2) over the last d axes of length n. */
    private static final class Forward extends CustomPrimitive {
        private final int d;
        private final int[] n;

        Forward(int d, int[] n) {
            this.d = d;
            this.n = n;
        }

        @Override
        protected String name() {
            return d == 1 ? "rfft" : "rfft2";
        }

        @Override
        protected Tensor forward(Tensor[] in) {
            int[] s = in[0].shape();
            int rows = rows(s, d);
            int[] out = Arrays.copyOf(s, s.length + 1);
            out[s.length - 1] = FftKernels.half(n[d - 1]);
            out[s.length] = 2;
            double[] v = d == 1 ? FftKernels.rfft(in[0].toArray(), rows, n[0])
                    : FftKernels.rfft2(in[0].toArray(), rows, n[0], n[1]);
            return Tensor.wrap(v, out);
        }

        @Override
        protected Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            int total = d == 1 ? n[0] : n[0] * n[1];
            Tensor weighted = g.mul(binWeights(n[d - 1], total, true));
            return new Tensor[] {new Inverse(d, n).apply(weighted)};
        }

        @Override
        protected Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return apply(t[0]);
        }
    }

    /** irfft (d = 1) or irfft2 (d = 2) to lengths n. */
    private static final class Inverse extends CustomPrimitive {
        private final int d;
        private final int[] n;

        Inverse(int d, int[] n) {
            this.d = d;
            this.n = n;
        }

        @Override
        protected String name() {
            return d == 1 ? "irfft" : "irfft2";
        }

        @Override
        protected Tensor forward(Tensor[] in) {
            int[] s = in[0].shape();
            int rows = rows(s, d + 1);
            int[] out = Arrays.copyOf(s, s.length - 1);
            out[out.length - 1] = n[d - 1];
            double[] v = d == 1 ? FftKernels.irfft(in[0].toArray(), rows, n[0])
                    : FftKernels.irfft2(in[0].toArray(), rows, n[0], n[1]);
            return Tensor.wrap(v, out);
        }

        @Override
        protected Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            int total = d == 1 ? n[0] : n[0] * n[1];
            Tensor spectrum = new Forward(d, n).apply(g);
            return new Tensor[] {spectrum.mul(binWeights(n[d - 1], 1.0 / total, false))};
        }

        @Override
        protected Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return apply(t[0]);
        }
    }
}
