package org.sciml4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * Input derivatives of a random tanh MLP (2 inputs, 3 hidden layers of 20) to 4th order, mixed ones included, and the
 * parameter gradient of a loss built from the Laplacian, against finite differences.
 */
class MlpDerivativeTest {
    static final int N = 7;
    final Rng rng = new Rng(2024);
    final List<Tensor> params = new ArrayList<>();

    MlpDerivativeTest() {
        int[] sizes = {2, 20, 20, 20, 1};
        for (int l = 0; l + 1 < sizes.length; l++) {
            double sd = Math.sqrt(2.0 / (sizes[l] + sizes[l + 1]));
            params.add(Tensor.randn(rng, sizes[l], sizes[l + 1]).mul(sd).requireGrad());
            params.add(Tensor.randn(rng, sizes[l + 1]).mul(0.1).requireGrad());
        }
    }

    Tensor mlp(Tensor x, List<Tensor> p) {
        Tensor h = x;
        for (int l = 0; l < p.size(); l += 2) {
            h = h.matmul(p.get(l)).add(p.get(l + 1));
            if (l + 2 < p.size()) {
                h = h.tanh();
            }
        }
        return h;
    }

    /** Column direction e_j for every point. */
    static Tensor dir(int j) {
        double[] d = new double[N * 2];
        for (int i = 0; i < N; i++) {
            d[i * 2 + j] = 1;
        }
        return Tensor.wrap(d, N, 2);
    }

    /** Nested forward-mode derivative of u along the given coordinates, e.g. {0, 0, 1, 1} for u_xxyy. */
    Tensor derivative(Tensor x, int... coords) {
        Tensor xi = x.requireGrad();
        Tensor u = mlp(xi, params);
        for (int c : coords) {
            u = Autodiff.jvp(u, xi, dir(c));
        }
        return u;
    }

    /** Central difference (Richardson) of the analytic lower-order derivative along one more coordinate. */
    Tensor finiteDifference(Tensor x, int[] coords, int last) {
        double h = 1e-3;
        Function<Double, Tensor> at = s -> derivative(x.add(dir(last).mul(s)), coords).detach();
        Tensor d1 = at.apply(h).sub(at.apply(-h)).div(2 * h);
        Tensor d2 = at.apply(h / 2).sub(at.apply(-h / 2)).div(h);
        return d2.mul(4).sub(d1).div(3);
    }

    static double relErr(Tensor a, Tensor b) {
        return a.sub(b).abs().max().item() / Math.max(1e-3, b.abs().max().item());
    }

    @Test
    void inputDerivativesToFourthOrderMatchFiniteDifferences() {
        Tensor x = Tensor.uniform(rng, -1, 1, N, 2);
        int[][] chains = {{0}, {1}, {0, 0}, {0, 0, 0}, {0, 0, 0, 0}, {1, 1, 1, 1}, {0, 1}, {0, 0, 1}, {0, 0, 1, 1},
            {1, 0, 1}};
        for (int[] chain : chains) {
            int[] lower = java.util.Arrays.copyOf(chain, chain.length - 1);
            Tensor analytic = derivative(x, chain);
            Tensor numeric = finiteDifference(x, lower, chain[chain.length - 1]);
            assertThat(relErr(analytic, numeric)).as("derivative %s", java.util.Arrays.toString(chain))
                    .isLessThan(1e-7);
        }
        // mixed derivatives commute: u_xy == u_yx, u_xxyy == u_yyxx (exactly up to rounding)
        assertThat(relErr(derivative(x, 0, 1), derivative(x, 1, 0))).isLessThan(1e-12);
        assertThat(relErr(derivative(x, 0, 0, 1, 1), derivative(x, 1, 1, 0, 0))).isLessThan(1e-12);
    }

    @Test
    void reverseModeInputGradientsAgreeWithForwardMode() {
        Tensor x = Tensor.uniform(rng, -1, 1, N, 2).requireGrad();
        Tensor u = mlp(x, params);
        // rows are independent, so the gradient of sum(u) holds every point's (u_x, u_y)
        Tensor g = Autodiff.grad(u, List.of(x), null, true).get(0);
        assertThat(relErr(g.col(0), derivative(x.detach(), 0))).isLessThan(1e-13);
        assertThat(relErr(g.col(1), derivative(x.detach(), 1))).isLessThan(1e-13);
        // reverse over reverse: u_xx
        Tensor gxx = Autodiff.grad(g.col(0), List.of(x), null, true).get(0).col(0);
        assertThat(relErr(gxx, derivative(x.detach(), 0, 0))).isLessThan(1e-12);
    }

    @Test
    void tanhNetworkDerivativesMatchTheClosedFormForOneNeuron() {
        // u = tanh(a x + b): u' = a (1 - u^2), u'' = -2 a^2 u (1 - u^2), u''' = -2 a^3 (1 - u^2)(1 - 3u^2)
        double a = 1.7;
        double b = -0.3;
        Tensor x = Tensor.linspace(-2, 2, 9).reshape(9, 1).requireGrad();
        Tensor u = x.mul(a).add(b).tanh();
        Tensor ones = Tensor.ones(9, 1);
        Tensor u1 = Autodiff.jvp(u, x, ones);
        Tensor u2 = Autodiff.jvp(u1, x, ones);
        Tensor u3 = Autodiff.jvp(u2, x, ones);
        for (int i = 0; i < 9; i++) {
            double v = Math.tanh(a * x.data[i] + b);
            double s = 1 - v * v;
            assertThat(u1.data[i]).isCloseTo(a * s, org.assertj.core.data.Offset.offset(1e-14));
            assertThat(u2.data[i]).isCloseTo(-2 * a * a * v * s, org.assertj.core.data.Offset.offset(1e-13));
            assertThat(u3.data[i]).isCloseTo(-2 * a * a * a * s * (1 - 3 * v * v),
                    org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void parameterGradientOfALaplacianLossMatchesFiniteDifferences() {
        Tensor x = Tensor.uniform(rng, -1, 1, N, 2);
        Function<List<Tensor>, Tensor> loss = p -> {
            Tensor xi = x.requireGrad();
            Tensor u = mlp(xi, p);
            Tensor ux = Autodiff.jvp(u, xi, dir(0));
            Tensor uxx = Autodiff.jvp(ux, xi, dir(0));
            Tensor uy = Autodiff.jvp(u, xi, dir(1));
            Tensor uyy = Autodiff.jvp(uy, xi, dir(1));
            Tensor f = xi.col(0).mul(Math.PI).sin(); // a source term
            return uxx.add(uyy).sub(f).square().mean();
        };
        List<Tensor> grads = Autodiff.grad(loss.apply(params), params, null, false);
        // directional finite difference along a random parameter direction
        List<Tensor> dirs = new ArrayList<>();
        double analytic = 0;
        for (int i = 0; i < params.size(); i++) {
            Tensor d = Tensor.randn(rng, params.get(i).shape);
            dirs.add(d);
            analytic += grads.get(i).mul(d).sum().item();
        }
        java.util.function.DoubleUnaryOperator at = h -> {
            List<Tensor> p = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                p.add(params.get(i).detach().add(dirs.get(i).mul(h)));
            }
            return loss.apply(p).item();
        };
        double h = 1e-4;
        double numeric = (4 * (at.applyAsDouble(h / 2) - at.applyAsDouble(-h / 2)) / h
                - (at.applyAsDouble(h) - at.applyAsDouble(-h)) / (2 * h)) / 3;
        assertThat(Math.abs(analytic - numeric) / Math.abs(numeric)).isLessThan(1e-7);
        // and each parameter tensor's gradient has its shape
        for (int i = 0; i < params.size(); i++) {
            assertThat(grads.get(i).shape()).isEqualTo(params.get(i).shape());
        }
    }
}
