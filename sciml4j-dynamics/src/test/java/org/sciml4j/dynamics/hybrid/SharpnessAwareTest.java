package org.sciml4j.dynamics.hybrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sciml4j.optim.Sgd;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Objective;
import org.sciml4j.train.Trainer;

/** SAM's step against its closed form on a quadratic. */
class SharpnessAwareTest {
    /** L = 0.5 (p0^2 + 4 p1^2) + 0.5 * 2 q^2. */
    static final class Quadratic implements Objective {
        final Tensor p = Tensor.of(new double[] {1, 2}, 2).requireGrad();
        final Tensor q = Tensor.of(new double[] {3}, 1).requireGrad();

        @Override
        public List<String> termNames() {
            return List.of("quadratic");
        }

        @Override
        public List<Tensor> parameters() {
            return List.of(p, q);
        }

        @Override
        public List<Tensor> loss() {
            Tensor a = Tensor.of(new double[] {1, 4}, 2);
            return List.of(p.square().mul(a).sum().mul(0.5).add(q.square().sum()));
        }
    }

    @Test
    void stepDescendsWithTheGradientAtTheAscentPoint() {
        Quadratic o = new Quadratic();
        double rho = 0.05;
        double lr = 0.1;
        Trainer.builder().firstOrder("sam", () -> new SharpnessAware(Sgd.of(lr), rho, o, List.of(o.p)), 1).build()
                .train(o);
        // g_p = (1, 8), |g_p| = sqrt(65); ascent p + rho g_p / |g_p|; q is not perturbed
        double n = Math.sqrt(65);
        double p0 = 1 + rho / n;
        double p1 = 2 + rho * 8 / n;
        assertThat(o.p.data()[0]).isCloseTo(1 - lr * p0, within(1e-14));
        assertThat(o.p.data()[1]).isCloseTo(2 - lr * 4 * p1, within(1e-14));
        assertThat(o.q.data()[0]).isCloseTo(3 - lr * 2 * 3, within(1e-14));
    }

    @Test
    void refusesANonPositiveRadius() {
        Quadratic o = new Quadratic();
        assertThatThrownBy(() -> new SharpnessAware(Sgd.of(0.1), 0, o, List.of(o.p)))
                .hasMessageContaining("rho must be finite and > 0");
    }
}
