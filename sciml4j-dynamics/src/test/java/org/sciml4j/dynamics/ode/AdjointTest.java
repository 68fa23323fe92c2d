package org.sciml4j.dynamics.ode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/** Adjoint gradients against direct ones and finite differences; the memory each keeps against the step count. */
class AdjointTest {
    static final double[] TIMES = {0, 0.3, 0.7, 1.0};

    /** f(x) = tanh(x W1 + b1) W2 + c: a small neural vector field, d = 2, 8 hidden units. */
    static final class Field implements VectorField {
        final Tensor w1;
        final Tensor b1;
        final Tensor w2;

        Field(long seed) {
            Rng rng = new Rng(seed);
            w1 = Tensor.randn(rng, 2, 8).mul(0.8).requireGrad();
            b1 = Tensor.randn(rng, 8).mul(0.3).requireGrad();
            w2 = Tensor.randn(rng, 8, 2).mul(0.8).requireGrad();
        }

        @Override
        public Tensor apply(double t, Tensor x) {
            return x.matmul(w1).add(b1).tanh().matmul(w2).add(x.mul(-0.1 * t));
        }

        @Override
        public List<Tensor> parameters() {
            return List.of(w1, b1, w2);
        }
    }

    static final Tensor X0 = Tensor.matrix(new double[] {1.0, -0.5}, new double[] {0.3, 0.8},
            new double[] {-1.2, 0.1});
    static final Tensor WEIGHTS = Tensor.randn(new Rng(7), 4, 3, 2);

    static Tensor loss(Tensor solution) {
        return solution.mul(WEIGHTS).sum().add(solution.square().sum().mul(0.5));
    }

    static List<Tensor> grads(Field f, Tensor x0, boolean adjoint, double h) {
        Tensor sol = adjoint ? Adjoint.solve(new Rk4(h), f, x0, TIMES) : new Rk4(h).solve(f, x0, TIMES);
        List<Tensor> wrt = new java.util.ArrayList<>(f.parameters());
        wrt.add(x0);
        return Autodiff.grad(loss(sol), wrt, null, false);
    }

    static double relative(Tensor a, Tensor b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.numel(); i++) {
            num = Math.max(num, Math.abs(a.data()[i] - b.data()[i]));
            den = Math.max(den, Math.abs(b.data()[i]));
        }
        return num / den;
    }

    @Test
    void adjointGradientEqualsDirectGradient() {
        Field f = new Field(1);
        Tensor x0 = X0.requireGrad();
        List<Tensor> direct = grads(f, x0, false, 0.01);
        List<Tensor> adjoint = grads(f, x0, true, 0.01);
        double worst = 0;
        for (int i = 0; i < direct.size(); i++) {
            worst = Math.max(worst, relative(adjoint.get(i), direct.get(i)));
        }
        System.out.printf("adjoint vs direct, RK4 h = 0.01: largest relative difference %.2e%n", worst);
        assertThat(worst).isLessThan(1e-6);
    }

    @Test
    void directGradientEqualsFiniteDifferences() {
        Field f = new Field(2);
        List<Tensor> g = grads(f, X0.requireGrad(), false, 0.05);
        double eps = 1e-6;
        for (int p = 0; p < 3; p++) {
            double[] w = f.parameters().get(p).data();
            for (int i = 0; i < w.length; i += 3) {
                double keep = w[i];
                w[i] = keep + eps;
                double up = loss(new Rk4(0.05).solve(f, X0, TIMES)).item();
                w[i] = keep - eps;
                double down = loss(new Rk4(0.05).solve(f, X0, TIMES)).item();
                w[i] = keep;
                double fd = (up - down) / (2 * eps);
                assertThat(g.get(p).data()[i]).isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-6 * (1
                        + Math.abs(fd))));
            }
        }
    }

    @Test
    void adjointWorksOnAnAdaptiveForwardSolve() {
        Field f = new Field(3);
        Tensor x0 = X0.requireGrad();
        List<Tensor> direct = grads(f, x0, false, 0.01);
        Tensor sol = Adjoint.solve(new DormandPrince(1e-10, 1e-12), f, x0, TIMES, 0.01);
        List<Tensor> wrt = new java.util.ArrayList<>(f.parameters());
        wrt.add(x0);
        List<Tensor> adjoint = Autodiff.grad(loss(sol), wrt, null, false);
        for (int i = 0; i < direct.size(); i++) {
            assertThat(relative(adjoint.get(i), direct.get(i))).isLessThan(1e-6);
        }
    }

    @Test
    void adjointMemoryIsFlatInTheNumberOfSteps() throws ReflectiveOperationException {
        Field f = new Field(4);
        Tensor x0 = X0.requireGrad();
        int[] direct = new int[3];
        int[] adjoint = new int[3];
        double[] steps = {0.1, 0.05, 0.025};
        for (int i = 0; i < 3; i++) {
            direct[i] = GraphSize.nodes(new Rk4(steps[i]).solve(f, x0, TIMES));
            adjoint[i] = GraphSize.nodes(Adjoint.solve(new Rk4(steps[i]), f, x0, TIMES));
        }
        System.out.printf("recorded nodes kept for the backward pass at 10/20/40 RK4 steps: direct %d %d %d,"
                + " adjoint %d %d %d%n", direct[0], direct[1], direct[2], adjoint[0], adjoint[1], adjoint[2]);
        assertThat(adjoint[0]).isEqualTo(adjoint[1]).isEqualTo(adjoint[2]).isEqualTo(1);
        assertThat(direct[2]).isGreaterThan(3 * direct[0]);
    }
}
