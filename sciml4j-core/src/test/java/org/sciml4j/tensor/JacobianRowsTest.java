package org.sciml4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The one-pass per-point Jacobian equals one ordinary backward pass per residual. */
class JacobianRowsTest {
    final Rng rng = new Rng(9);
    final int n = 6;
    /** A PyTorch-layout MLP (weights (out, in), used as x W^T) and a positive coefficient c = exp(raw). */
    final List<Tensor> params = new ArrayList<>();

    JacobianRowsTest() {
        int[] sizes = {1, 5, 5, 1};
        for (int l = 0; l + 1 < sizes.length; l++) {
            params.add(Tensor.randn(rng, sizes[l + 1], sizes[l]).mul(0.8).requireGrad());
            params.add(Tensor.randn(rng, sizes[l + 1]).mul(0.1).requireGrad());
        }
        params.add(Tensor.scalar(-1.2).requireGrad()); // raw damping
    }

    Tensor residual(Tensor x) {
        return residual(x, params);
    }

    Tensor residual(Tensor x, List<Tensor> params) {
        Tensor h = x;
        for (int l = 0; l < 6; l += 2) {
            h = h.matmul(params.get(l).mT()).add(params.get(l + 1));
            if (l < 4) {
                h = h.tanh();
            }
        }
        Tensor ones = Tensor.ones(n, 1);
        Tensor ut = Autodiff.jvp(h, x, ones);
        Tensor utt = Autodiff.jvp(ut, x, ones);
        Tensor c = params.get(6).exp();
        return utt.add(ut.mul(c)).add(h.mul(h.sin())).reshape(n);
    }

    @Test
    void onePassEqualsOneBackwardPerRow() {
        Tensor x = Tensor.uniform(rng, 0, 3, n, 1).requireGrad();
        Tensor r = residual(x);
        Tensor j = Autodiff.jacobianRows(r, x, params);
        int p = 0;
        for (Tensor t : params) {
            p += t.numel();
        }
        assertThat(j.shape()).containsExactly(n, p);
        for (int i = 0; i < n; i++) {
            List<Tensor> g = Autodiff.grad(r.slice(0, i, i + 1).sum(), params, null, false);
            int col = 0;
            for (Tensor gk : g) {
                for (double v : gk.toArray()) {
                    assertThat(j.get(i, col)).as("row %d column %d", i, col)
                            .isCloseTo(v, org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, Math.abs(v))));
                    col++;
                }
            }
        }
    }

    @Test
    void jacobianTimesDirectionMatchesFiniteDifferencesOfTheResiduals() {
        Tensor x = Tensor.uniform(rng, 0, 3, n, 1);
        Tensor xi = x.requireGrad();
        Tensor j = Autodiff.jacobianRows(residual(xi), xi, params);
        List<Tensor> dir = new ArrayList<>();
        List<Double> flat = new ArrayList<>();
        for (Tensor t : params) {
            Tensor d = Tensor.randn(rng, t.shape());
            dir.add(d);
            for (double v : d.toArray()) {
                flat.add(v);
            }
        }
        double[] v = flat.stream().mapToDouble(Double::doubleValue).toArray();
        Tensor jv = j.matmul(Tensor.of(v, v.length, 1)).reshape(n);
        double h = 1e-4;
        Tensor plus = residual(x.requireGrad(), shifted(dir, h)).detach();
        Tensor minus = residual(x.requireGrad(), shifted(dir, -h)).detach();
        Tensor plus2 = residual(x.requireGrad(), shifted(dir, h / 2)).detach();
        Tensor minus2 = residual(x.requireGrad(), shifted(dir, -h / 2)).detach();
        Tensor fd = plus2.sub(minus2).div(h).mul(4).sub(plus.sub(minus).div(2 * h)).div(3);
        for (int i = 0; i < n; i++) {
            assertThat(jv.get(i)).isCloseTo(fd.get(i), org.assertj.core.data.Offset.offset(1e-7 * Math.max(1,
                    Math.abs(fd.get(i)))));
        }
    }

    List<Tensor> shifted(List<Tensor> dir, double h) {
        List<Tensor> p = new ArrayList<>();
        for (int k = 0; k < params.size(); k++) {
            p.add(params.get(k).detach().add(dir.get(k).mul(h)));
        }
        return p;
    }

    @Test
    void operationsThatMixPointsAreRefused() {
        Tensor x = Tensor.uniform(rng, 0, 3, n, 1).requireGrad();
        Tensor w = Tensor.randn(rng, 1, 1).requireGrad();
        Tensor mixed = x.matmul(w).sub(x.matmul(w).mean()).reshape(n);
        assertThatThrownBy(() -> Autodiff.jacobianRows(mixed, x, List.of(w)))
                .hasMessageContaining("mixes the points");
        assertThatThrownBy(() -> Autodiff.jacobianRows(x.matmul(w).sum(), x, List.of(w)))
                .hasMessageContaining("one value per point");
    }
}
