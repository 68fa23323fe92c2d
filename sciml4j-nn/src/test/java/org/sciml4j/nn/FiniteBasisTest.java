package org.sciml4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.optim.Adam;
import org.sciml4j.optim.Optimizer;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

class FiniteBasisTest {

    private static FiniteBasis twoD(long seed) {
        NetworkSpec spec = new NetworkSpec(new int[] {6}, "tanh", "glorot_normal").withType("fbpinn")
                .withOption("windows", 3, 2).withOption("overlap", 0.5)
                .withOption("lower", -1, 0).withOption("upper", 1, 2);
        return (FiniteBasis) Networks.build(spec, 2, 1, seed);
    }

    @Test
    void theWindowsAreAPartitionOfUnityVanishingOutsideTheirSupport() {
        FiniteBasis fb = twoD(1);
        Tensor x = Tensor.uniform(new Rng(3), -1, 1, 500, 2).mul(Tensor.vector(1, 1)).add(Tensor.vector(0, 1));
        Tensor w = fb.partition(x);
        assertThat(w.shape()).containsExactly(500, 6);
        double[] c = fb.centres().data();
        double[] r = fb.halfWidths();
        for (int i = 0; i < 500; i++) {
            double sum = 0;
            for (int j = 0; j < 6; j++) {
                double v = w.get(i, j);
                sum += v;
                boolean inSupport = Math.abs(x.get(i, 0) - c[2 * j]) < r[0]
                        && Math.abs(x.get(i, 1) - c[2 * j + 1]) < r[1];
                assertThat(v >= 0 && (inSupport || v == 0)).as("point %d window %d", i, j).isTrue();
            }
            assertThat(sum).isCloseTo(1, within(1e-14));
        }
        // 3 x 2 parts of the box [-1, 1] x [0, 2]: widths 2/3 and 1, half-widths widened by the overlap 0.5
        assertThat(r[0]).isCloseTo(1.0 / 3 * 1.5, within(1e-15));
        assertThat(r[1]).isCloseTo(0.5 * 1.5, within(1e-15));
        assertThat(fb.centres().get(5, 0)).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(fb.centres().get(5, 1)).isCloseTo(1.5, within(1e-15));
    }

    @Test
    void constantSubnetworksGiveThePartitionWeightedSum() {
        // subnetwork j outputs the constant j + 1 (zero weights, bias j + 1)
        FiniteBasis fb = new FiniteBasis(new double[] {0}, new double[] {1}, new int[] {4}, 0.3, j -> {
            Mlp m = Mlp.builder().sizes(1, 1).initializer("zeros").build();
            m.parameters().get("layers.0.bias").data()[0] = j + 1;
            return m;
        });
        Tensor x = Tensor.linspace(-0.2, 1.2, 141).reshape(-1, 1); // also beyond the box: clamped windows
        Tensor u = fb.forward(x);
        Tensor w = fb.partition(x);
        for (int i = 0; i < 141; i++) {
            double expected = 0;
            for (int j = 0; j < 4; j++) {
                expected += (j + 1) * w.get(i, j);
            }
            assertThat(u.get(i, 0)).isCloseTo(expected, within(1e-13));
        }
        assertThat(u.get(0, 0)).isCloseTo(1, within(1e-15));    // x = -0.2: only the first window
        assertThat(u.get(70, 0)).isCloseTo(2.5, within(1e-13)); // x = 0.5: halfway between windows 2 and 3
    }

    @Test
    void itsDerivativesEqualFiniteDifferences() {
        FiniteBasis fb = twoD(7);
        Tensor x = Tensor.uniform(new Rng(11), 0, 1, 40, 2).mul(Tensor.vector(2, 2)).add(Tensor.vector(-1, 0))
                .requireGrad();
        Tensor u = fb.forward(x);
        Tensor du = Autodiff.grad(u, List.of(x), null, true).get(0);          // (40, 2)
        Tensor duxx = Autodiff.grad(du.col(0), List.of(x), null, false).get(0); // column 0: u_xx, column 1: u_xy
        double h = 1e-5;
        for (int k = 0; k < 2; k++) {
            double[] e = k == 0 ? new double[] {h, 0} : new double[] {0, h};
            Tensor plus = fb.forward(x.detach().add(Tensor.vector(e)));
            Tensor minus = fb.forward(x.detach().sub(Tensor.vector(e)));
            Tensor mid = fb.forward(x.detach());
            for (int i = 0; i < 40; i++) {
                double fd = (plus.get(i, 0) - minus.get(i, 0)) / (2 * h);
                assertThat(du.get(i, k)).as("u_%d at %d", k, i).isCloseTo(fd, within(1e-7 * (1 + Math.abs(fd))));
                if (k == 0) {
                    double fd2 = (plus.get(i, 0) - 2 * mid.get(i, 0) + minus.get(i, 0)) / (h * h);
                    assertThat(duxx.get(i, 0)).as("u_xx at %d", i).isCloseTo(fd2, within(2e-3 * (1 + Math.abs(fd2))));
                }
            }
        }
        // the parameters get gradients too, and only the subnetworks whose support holds a point take part
        Tensor loss = fb.forward(Tensor.of(new double[] {-0.9, 0.1}, 1, 2)).sum();
        List<Tensor> params = fb.parameters().trainable();
        List<Tensor> g = Autodiff.grad(loss, params, null, false);
        List<String> names = fb.parameters().trainableNames();
        for (int p = 0; p < params.size(); p++) {
            double norm = g.get(p).abs().sum().item();
            assertThat(norm > 0).as(names.get(p)).isEqualTo(names.get(p).startsWith("windows.0."));
        }
    }

    @Test
    void itFitsAMultiscaleFunctionInOneDimension() {
        NetworkSpec spec = new NetworkSpec(new int[] {8}, "tanh", "glorot_normal").withType("fbpinn")
                .withOption("windows", 8).withOption("lower", 0).withOption("upper", 1);
        Module fb = Networks.build(spec, 1, 1, 0);
        assertThat(fb.parameters().countTrainable()).isEqualTo(8 * (8 + 8 + 8 + 1));
        Tensor x = Tensor.linspace(0, 1, 201).reshape(-1, 1);
        Tensor y = x.mul(2 * Math.PI).sin().add(x.mul(16 * Math.PI).sin().mul(0.3));
        List<Tensor> params = fb.parameters().trainable();
        Optimizer adam = Adam.of(1e-2);
        double loss = Double.NaN;
        for (int epoch = 0; epoch < 600; epoch++) {
            Tensor l = fb.forward(x).sub(y).square().mean();
            loss = l.item();
            adam.step(params, Autodiff.grad(l, params, null, false));
        }
        double rel = Math.sqrt(loss / y.square().mean().item());
        assertThat(rel).isLessThan(0.1); // 0.053 measured; the fast sine alone is 0.29 of the signal's norm
    }

    @Test
    void badSettingsAreRefusedByName() {
        NetworkSpec spec = new NetworkSpec(new int[] {8}, "tanh", "glorot_normal").withType("fbpinn");
        assertThatThrownBy(() -> Networks.build(spec, 1, 1, 0)).hasMessageContaining("box");
        assertThatThrownBy(() -> Networks.build(spec.withOption("lower", 0).withOption("upper", 1)
                .withOption("overlap", 1.5), 1, 1, 0)).hasMessageContaining("overlap must be in (0, 1]");
        assertThatThrownBy(() -> Networks.build(spec.withOption("lower", 0).withOption("upper", 1)
                .withOption("windows", 2.5), 1, 1, 0)).hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> Networks.build(spec.withOption("lower", 0, 0).withOption("upper", 1, 1), 1, 1, 0))
                .hasMessageContaining("2 axes but the network 1 inputs");
    }
}
