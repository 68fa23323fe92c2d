package org.sciml4j.nn;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.GradCheck;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModifiedMlpTest {
    @Test
    void namesAndCount() {
        ModifiedMlp net = ModifiedMlp.builder().sizes(2, 20, 20, 1).seed(1).build();
        assertThat(net.parameters().names()).containsExactly("u.weight", "u.bias", "v.weight", "v.bias",
                "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "layers.2.weight",
                "layers.2.bias");
        // an Mlp of the same sizes (60 + 420 + 21) plus the two encoders (60 each)
        assertThat(net.parameters().count()).isEqualTo(501 + 120);
        assertThat(net.parameters().get("u.weight").shape()).containsExactly(20, 2);
        assertThat(net.forward(Tensor.zeros(4, 2)).shape()).containsExactly(4, 1);
    }

    /** The forward pass against the formula evaluated with plain loops over the weights. */
    @Test
    void forwardEqualsTheFormula() {
        int in = 2;
        int h = 5;
        int out = 3;
        ModifiedMlp net = ModifiedMlp.builder().sizes(in, h, h, h, out).activation("tanh")
                .initializer("pytorch_default").seed(8).build();
        Parameters p = net.parameters();
        Tensor x = Tensor.randn(new Rng(4), 7, in);
        Tensor y = net.forward(x);
        for (int n = 0; n < 7; n++) {
            double[] xn = {x.get(n, 0), x.get(n, 1)};
            double[] u = tanh(affine(p, "u", xn));
            double[] v = tanh(affine(p, "v", xn));
            double[] hk = xn;
            for (int k = 0; k < 3; k++) {
                double[] z = tanh(affine(p, "layers." + k, hk));
                hk = new double[h];
                for (int i = 0; i < h; i++) {
                    hk[i] = z[i] * u[i] + (1 - z[i]) * v[i];
                }
            }
            double[] expected = affine(p, "layers.3", hk);
            for (int j = 0; j < out; j++) {
                assertThat(y.get(n, j)).isCloseTo(expected[j], within(1e-14));
            }
        }
    }

    /** {@code W x + b} of a layer with PyTorch-layout parameters {@code prefix.weight (out, in)}, {@code prefix.bias}. */
    private static double[] affine(Parameters p, String prefix, double[] x) {
        Tensor w = p.get(prefix + ".weight");
        Tensor b = p.get(prefix + ".bias");
        double[] y = new double[w.size(0)];
        for (int i = 0; i < y.length; i++) {
            y[i] = b.get(i);
            for (int k = 0; k < x.length; k++) {
                y[i] += w.get(i, k) * x[k];
            }
        }
        return y;
    }

    private static double[] tanh(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.tanh(v[i]);
        }
        return r;
    }

    @Test
    void hiddenWidthsMustBeEqual() {
        assertThatThrownBy(() -> ModifiedMlp.builder().sizes(2, 20, 10, 1).build())
                .hasMessageContaining("all hidden layers must have the same width");
        assertThatThrownBy(() -> ModifiedMlp.builder().sizes(2, 1).build())
                .hasMessageContaining("need at least 3 layer sizes");
    }

    @Test
    void embeddingFactorizationAndDerivatives() {
        ModifiedMlp net = ModifiedMlp.builder().sizes(2, 16, 16, 2).activation("gelu").fourierFeatures(6, 2.0, true)
                .weightFactorization(0.5, 0.1).seed(3).build();
        Parameters p = net.parameters();
        assertThat(p.names()).startsWith("embedding.B", "u.weight_s", "u.weight_v", "u.bias", "v.weight_s");
        assertThat(p.get("u.weight_v").shape()).containsExactly(16, 12);
        assertThat(p.isFrozen("embedding.B")).isFalse();
        Rng rng = new Rng(12);
        Tensor x = Tensor.randn(rng, 4, 2).mul(0.3);
        assertThat(NnTesting.parameterGradientError(net, x, rng)).isLessThan(1e-7);
        for (GradCheck.Mode mode : GradCheck.Mode.values()) {
            // a smaller step than the default: Fourier features of scale 2 oscillate fast (2 pi B up to ~40)
            assertThat(new GradCheck(1e-4, 1e-2).maxError(in -> net.forward(in[0]), new Tensor[] {x}, 2, mode, rng, 2))
                    .as(mode.toString()).isLessThan(1e-6);
        }
    }

    @Test
    void sameSeedSameNetwork() {
        Tensor x = Tensor.randn(new Rng(1), 3, 2);
        double[] a = ModifiedMlp.builder().sizes(2, 8, 8, 1).seed(5).build().forward(x).data();
        double[] b = ModifiedMlp.builder().sizes(2, 8, 8, 1).seed(5).build().forward(x).data();
        double[] c = ModifiedMlp.builder().sizes(2, 8, 8, 1).seed(6).build().forward(x).data();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }
}
