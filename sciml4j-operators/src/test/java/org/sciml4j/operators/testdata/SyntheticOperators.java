package org.sciml4j.operators.testdata;

import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * Small operator-learning data sets made in the test code, with exact outputs: the antiderivative of a random
 * Fourier series (1-D) and the periodic smoothing operator {@code (1 - alpha Laplacian)^-1} (2-D).
 */
public final class SyntheticOperators {
    private SyntheticOperators() {
    }

    /**
     * Random smooth functions {@code v(x) = a_0 + sum_{k=1}^{K} w_k (a_k cos 2 pi k x + b_k sin 2 pi k x)} with
     * {@code w_k = exp(-(pi k l)^2 / 2)}, l = 0.2 (a Gaussian-like spectrum), and their antiderivatives
     * {@code s(x) = int_0^x v} in closed form, at the grid {@code x_j = j / (s - 1)}.
     *
     * @return {inputs (n, s), outputs (n, s), x (s,)}
     */
    public static Tensor[] antiderivative(int n, int s, long seed) {
        Rng rng = new Rng(seed);
        int modes = 8;
        double[] in = new double[n * s];
        double[] out = new double[n * s];
        double[] x = new double[s];
        for (int j = 0; j < s; j++) {
            x[j] = (double) j / (s - 1);
        }
        for (int i = 0; i < n; i++) {
            double[] a = Tensor.randn(rng, modes + 1).toArray();
            double[] b = Tensor.randn(rng, modes + 1).toArray();
            for (int j = 0; j < s; j++) {
                double v = a[0];
                double integral = a[0] * x[j];
                for (int k = 1; k <= modes; k++) {
                    double w = Math.exp(-Math.pow(Math.PI * k * 0.2, 2) / 2);
                    double om = 2 * Math.PI * k;
                    v += w * (a[k] * Math.cos(om * x[j]) + b[k] * Math.sin(om * x[j]));
                    integral += w * (a[k] * Math.sin(om * x[j]) + b[k] * (1 - Math.cos(om * x[j]))) / om;
                }
                in[i * s + j] = v;
                out[i * s + j] = integral;
            }
        }
        return new Tensor[] {Tensor.wrap(in, n, s), Tensor.wrap(out, n, s), Tensor.wrap(x, s)};
    }

    /**
     * Random periodic fields on an s x s grid of [0, 1)^2 with a few low modes and their smoothing
     * {@code (1 - alpha Laplacian)^-1 u}, exact mode by mode (alpha = 0.01).
     *
     * @return {inputs (n, s, s), outputs (n, s, s), x (s,)}
     */
    public static Tensor[] smoothing2d(int n, int s, long seed) {
        Rng rng = new Rng(seed);
        int modes = 3;
        double alpha = 0.01;
        double[] in = new double[n * s * s];
        double[] out = new double[n * s * s];
        for (int i = 0; i < n; i++) {
            for (int k1 = -modes; k1 <= modes; k1++) {
                for (int k2 = -modes; k2 <= modes; k2++) {
                    double c = rng.normal() / (1 + k1 * k1 + k2 * k2);
                    double phase = 2 * Math.PI * rng.uniform();
                    double gain = 1 / (1 + alpha * 4 * Math.PI * Math.PI * (k1 * k1 + k2 * k2));
                    for (int j1 = 0; j1 < s; j1++) {
                        for (int j2 = 0; j2 < s; j2++) {
                            double v = c * Math.cos(2 * Math.PI * (k1 * j1 + k2 * j2) / (double) s + phase);
                            in[(i * s + j1) * s + j2] += v;
                            out[(i * s + j1) * s + j2] += gain * v;
                        }
                    }
                }
            }
        }
        double[] x = new double[s];
        for (int j = 0; j < s; j++) {
            x[j] = (double) j / s;
        }
        return new Tensor[] {Tensor.wrap(in, n, s, s), Tensor.wrap(out, n, s, s), Tensor.wrap(x, s)};
    }
}
