package org.sciml4j.optim;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ParameterVectorTest {

    @Test
    void flattensInListAndRowMajorOrderAndWritesBack() {
        Tensor w = Tensor.matrix(new double[] {1, 2, 3}, new double[] {4, 5, 6}).requireGrad();
        Tensor b = Tensor.vector(7, 8).requireGrad();
        Tensor s = Tensor.scalar(9).requireGrad();
        List<Tensor> ps = List.of(w, b, s);
        assertThat(ParameterVector.size(ps)).isEqualTo(9);
        assertThat(ParameterVector.get(ps)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        ParameterVector.set(ps, new double[] {-1, -2, -3, -4, -5, -6, -7, -8, -9});
        assertThat(w.get(1, 0)).isEqualTo(-4.0);
        assertThat(b.toArray()).containsExactly(-7, -8);
        assertThat(s.item()).isEqualTo(-9.0);
        assertThat(ParameterVector.flattenGradients(List.of(Tensor.ones(2, 3), Tensor.zeros(2), Tensor.scalar(3))))
                .containsExactly(1, 1, 1, 1, 1, 1, 0, 0, 3);
        assertThatThrownBy(() -> ParameterVector.set(ps, new double[8]))
                .hasMessageContaining("[(2, 3), (2,), ()] have 9 elements but the array has 8");
    }

    @Test
    void objectiveGivesValueAndFlattenedGradient() {
        Tensor w = Tensor.vector(1, 2).requireGrad();
        Tensor c = Tensor.scalar(3).requireGrad();
        List<Tensor> ps = List.of(w, c);
        // loss = sum(w^2) * c, gradient (2 w c, sum(w^2))
        Objective f = ParameterVector.objective(() -> w.square().sum().mul(c), ps);
        double[] g = new double[3];
        double v = f.valueAndGradient(new double[] {0.5, -1, 2}, g);
        assertThat(v).isEqualTo(2.5);
        assertThat(g).containsExactly(2.0, -4.0, 1.25);
        assertThat(w.toArray()).containsExactly(0.5, -1); // x was written into the parameters
        // works inside noGrad too
        try (var scope = Autodiff.noGrad()) {
            assertThat(f.valueAndGradient(new double[] {1, 1, 1}, g)).isEqualTo(2.0);
        }
        assertThatThrownBy(() -> ParameterVector.objective(() -> w.sum(), List.of(Tensor.vector(1, 2))))
                .hasMessageContaining("does not require gradients");
        Objective vectorLoss = ParameterVector.objective(() -> w.mul(2.0), List.of(w));
        assertThatThrownBy(() -> vectorLoss.valueAndGradient(new double[2], new double[2]))
                .hasMessageContaining("must be a scalar");
    }

    @Test
    void lbfgsRecoversALinearModel() {
        // y = 2 x + 1 on 21 points; model x W + b with W (1, 1) and b (1,), mean squared error
        Tensor x = Tensor.linspace(-1, 1, 21).reshape(21, 1);
        Tensor y = x.mul(2.0).add(1.0);
        Tensor w = Tensor.zeros(1, 1).requireGrad();
        Tensor b = Tensor.zeros(1).requireGrad();
        List<Tensor> params = List.of(w, b);
        Supplier<Tensor> loss = () -> x.matmul(w).add(b).sub(y).square().mean();
        Minimizer.Result r = Lbfgs.builder().gradientTolerance(1e-12).build()
                .minimize(ParameterVector.objective(loss, params), ParameterVector.get(params));
        ParameterVector.set(params, r.x());
        System.out.println("L-BFGS linear model: " + r);
        assertThat(r.converged()).isTrue();
        assertThat(w.item()).isCloseTo(2.0, within(1e-8));
        assertThat(b.item()).isCloseTo(1.0, within(1e-8));
        assertThat(loss.get().item()).isLessThan(1e-16);
    }

    @Test
    void lbfgsTrainsATinyTanhNetwork() {
        // 1-4-1 tanh network fitted to sin(pi x) on 16 points: the loss must drop by orders of magnitude
        Tensor x = Tensor.linspace(-1, 1, 16).reshape(16, 1);
        Tensor y = x.mul(Math.PI).sin();
        org.sciml4j.tensor.Rng rng = new org.sciml4j.tensor.Rng(3);
        Tensor w1 = Tensor.randn(rng, 1, 4).requireGrad();
        Tensor b1 = Tensor.zeros(4).requireGrad();
        Tensor w2 = Tensor.randn(rng, 4, 1).mul(0.5).requireGrad();
        Tensor b2 = Tensor.zeros(1).requireGrad();
        List<Tensor> params = List.of(w1, b1, w2, b2);
        Supplier<Tensor> loss = () -> x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sub(y).square().mean();
        double before = loss.get().item();
        Minimizer.Result r = Lbfgs.builder().maxIterations(500).build()
                .minimize(ParameterVector.objective(loss, params), ParameterVector.get(params));
        ParameterVector.set(params, r.x());
        System.out.println("L-BFGS 1-4-1 tanh net: loss " + before + " -> " + r);
        assertThat(r.value()).isLessThan(before * 1e-3);
        assertThat(loss.get().item()).isEqualTo(r.value());
    }
}
