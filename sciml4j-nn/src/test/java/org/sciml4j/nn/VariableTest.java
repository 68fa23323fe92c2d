package org.sciml4j.nn;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.GradCheck;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VariableTest {
    @Test
    void initialValuesRoundTripThroughTheTransforms() {
        assertThat(Variable.of("c", -2.5).current()).isEqualTo(-2.5);
        for (double v : new double[] {0.01 / Math.PI, 0.37, 1.0, 25.0, 800.0}) {
            assertThat(Variable.positive("nu", v).current()).as("softplus " + v).isCloseTo(v, within(1e-12 * v));
        }
        for (double v : new double[] {1e-9, 0.01 / Math.PI, 0.37, 1.0, 25.0, 800.0}) {
            assertThat(new Variable("nu", v, Variable.EXP).current()).as("exp " + v).isCloseTo(v, within(1e-14 * v));
        }
        for (double v : new double[] {-0.99, -0.3, 0.0, 0.5, 0.999}) {
            assertThat(Variable.bounded("k", v, -1, 1).current()).as("bounded " + v).isCloseTo(v, within(1e-14));
        }
        Variable tensor = new Variable("lambda", Tensor.vector(0.5, 2, 3), Variable.SOFTPLUS);
        assertThat(tensor.value().shape()).containsExactly(3);
        assertThat(tensor.value().data()).containsExactly(new double[] {0.5, 2, 3}, within(1e-14));
        assertThat(Variable.positive("nu", 1.0).raw().item()).isCloseTo(Math.log(Math.E - 1), within(1e-15));
    }

    @Test
    void outOfRangeInitialValuesAreRejected() {
        assertThatThrownBy(() -> Variable.positive("nu", 0)).hasMessageContaining("outside the transform's range (0, inf)");
        assertThatThrownBy(() -> Variable.bounded("k", 1, -1, 1)).hasMessageContaining("range (-1.0, 1.0)");
        assertThatThrownBy(() -> Variable.bounded("k", 0, 1, 1)).hasMessageContaining("bounds must be finite with lo < hi, got [1.0, 1.0]");
    }

    @Test
    void parametersExposeTheRawLeafUnderTheName() {
        Variable nu = Variable.positive("nu", 0.05);
        assertThat(nu.name()).isEqualTo("nu");
        assertThat(nu.parameters().names()).containsExactly("nu");
        assertThat(nu.parameters().get("nu")).isSameAs(nu.raw());
        assertThat(nu.raw().requiresGrad()).isTrue();
        assertThat(nu.value().isTracked()).isTrue();
        Parameters all = new Parameters().register("pde", nu.parameters());
        assertThat(all.names()).containsExactly("pde.nu");

        // the optimiser moves raw; value follows
        Tensor g = Autodiff.grad(nu.value().mul(3), nu.raw())[0];
        double sigmoid = 1 / (1 + Math.exp(-nu.raw().item()));
        assertThat(g.item()).isCloseTo(3 * sigmoid, within(1e-15));
        nu.raw().data()[0] += 1;
        assertThat(nu.current()).isCloseTo(Math.log1p(Math.exp(nu.raw().item())), within(1e-15));
        assertThatThrownBy(() -> new Variable("v", Tensor.vector(1, 2), Variable.IDENTITY).current())
                .hasMessageContaining("not 1");
    }

    @Test
    void transformDerivativesMatchFiniteDifferences() {
        Rng rng = new Rng(1);
        Variable.Transform[] transforms = {Variable.IDENTITY, Variable.SOFTPLUS, Variable.EXP,
                Variable.bounded(0.5, 4)};
        Tensor raw = Tensor.vector(-2.3, -0.4, 0.7, 1.9);
        for (Variable.Transform t : transforms) {
            for (GradCheck.Mode mode : GradCheck.Mode.values()) {
                double err = new GradCheck().maxError(in -> t.apply(in[0]), new Tensor[] {raw}, 2, mode, rng, 2);
                assertThat(err).as(t + " " + mode).isLessThan(1e-6);
            }
        }
    }
}
