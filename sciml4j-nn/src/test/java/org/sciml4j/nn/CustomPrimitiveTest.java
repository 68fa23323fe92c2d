package org.sciml4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.CustomPrimitive;
import org.sciml4j.tensor.GradCheck;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.ShapeException;
import org.sciml4j.tensor.Tensor;

/**
 * A primitive defined outside the engine through its public face, {@link CustomPrimitive}: softsign
 * {@code x / (1 + |x|)}, whose rules are written in tensor operations, differentiates to second order in both modes
 * and agrees with its analytic derivatives {@code (1 + |x|)^-2} and {@code -2 sign(x) (1 + |x|)^-3}.
 */
class CustomPrimitiveTest {

    /** softsign, element-wise on any shape; {@code rowwise} declares that it keeps the points apart. */
    static final class Softsign extends CustomPrimitive {
        private final boolean rowwise;

        Softsign(boolean rowwise) {
            this.rowwise = rowwise;
        }

        @Override
        protected String name() {
            return "softsign";
        }

        @Override
        protected Tensor forward(Tensor[] in) {
            double[] x = in[0].toArray();
            for (int i = 0; i < x.length; i++) {
                x[i] = x[i] / (1 + Math.abs(x[i]));
            }
            return Tensor.wrap(x, in[0].shape());
        }

        private static Tensor slope(Tensor x) {
            return x.abs().add(1.0).pow(-2);
        }

        @Override
        protected Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return new Tensor[] {g.mul(slope(in[0]))};
        }

        @Override
        protected Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].mul(slope(in[0]));
        }

        @Override
        protected boolean keepsPoints() {
            return rowwise;
        }
    }

    static final Softsign SOFTSIGN = new Softsign(true);

    /** Values of magnitude 0.3 to 2 with both signs: away from the kink of the second derivative at 0. */
    static Tensor points(Rng rng, int... shape) {
        Tensor magnitude = Tensor.uniform(rng, 0.3, 2.0, shape);
        Tensor sign = Tensor.rand(rng, shape).gt(0.5).mul(2.0).sub(1.0);
        return magnitude.mul(sign);
    }

    @Test
    void valuesAndDerivativesMatchTheAnalyticOnesInBothModes() {
        Tensor x = points(new Rng(7), 3, 4);
        double[] v = x.toArray();

        Tensor xr = x.requireGrad();
        Tensor y = SOFTSIGN.apply(xr);
        Tensor dReverse = Autodiff.grad(y, List.of(xr), null, true).get(0);          // sum_j dy_j/dx_i = y'(x_i)
        Tensor d2Reverse = Autodiff.grad(dReverse.sum(), xr)[0];
        Tensor dForward = Autodiff.jvp(y, xr, Tensor.ones(3, 4));
        Tensor d2Forward = Autodiff.jvp(dForward, xr, Tensor.ones(3, 4));
        Tensor d2Mixed = Autodiff.grad(dForward.sum(), xr)[0];                         // forward, then reverse

        for (int i = 0; i < v.length; i++) {
            double a = Math.abs(v[i]);
            double first = 1 / ((1 + a) * (1 + a));
            double second = -2 * Math.signum(v[i]) / ((1 + a) * (1 + a) * (1 + a));
            assertThat(y.data()[i]).isCloseTo(v[i] / (1 + a), within(1e-15));
            assertThat(dReverse.data()[i]).isCloseTo(first, within(1e-15));
            assertThat(dForward.data()[i]).isCloseTo(first, within(1e-15));
            assertThat(d2Reverse.data()[i]).isCloseTo(second, within(1e-14));
            assertThat(d2Forward.data()[i]).isCloseTo(second, within(1e-14));
            assertThat(d2Mixed.data()[i]).isCloseTo(second, within(1e-14));
        }
        assertThat(y.toString()).contains("<softsign>");
    }

    @Test
    void passesGradCheckToSecondOrderInBothModes() {
        Rng rng = new Rng(11);
        Tensor[] inputs = {points(rng, 4, 3), Tensor.randn(rng, 3)};
        // the primitive inside a small computation, with broadcasting around it
        java.util.function.Function<Tensor[], Tensor> f = x -> SOFTSIGN.apply(x[0].mul(x[1].exp())).mul(x[0]).sin();
        for (GradCheck.Mode mode : GradCheck.Mode.values()) {
            double err = new GradCheck().maxError(f, inputs, 2, mode, rng, 3);
            assertThat(err).as("%s max relative error", mode).isLessThan(1e-6);
        }
    }

    @Test
    void perPointJacobiansAcceptItOnlyWhenItKeepsThePointsApart() {
        Rng rng = new Rng(3);
        Tensor x = Tensor.randn(rng, 5, 2).requireGrad();
        Tensor w = Tensor.randn(rng, 2, 3).requireGrad();
        Tensor r = SOFTSIGN.apply(x.matmul(w)).sum(1);
        Tensor j = Autodiff.jacobianRows(r, x, List.of(w));
        for (int i = 0; i < 5; i++) {
            double[] row = Autodiff.grad(r.slice(0, i, i + 1).sum(), w)[0].toArray();
            for (int p = 0; p < row.length; p++) {
                assertThat(j.get(i, p)).isCloseTo(row[p], within(1e-14));
            }
        }
        Tensor mixed = new Softsign(false).apply(x.matmul(w)).sum(1);
        assertThatThrownBy(() -> Autodiff.jacobianRows(mixed, x, List.of(w)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("'softsign'");
    }

    @Test
    void aRuleOfTheWrongShapeIsNamed() {
        CustomPrimitive broken = new CustomPrimitive() {
            @Override
            protected String name() {
                return "broken";
            }

            @Override
            protected Tensor forward(Tensor[] in) {
                return in[0].sum();
            }

            @Override
            protected Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
                return new Tensor[] {g};             // should be broadcast to the input's shape
            }

            @Override
            protected Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
                return t[0];                         // should be summed
            }
        };
        Tensor x = Tensor.ones(2, 2).requireGrad();
        Tensor y = broken.apply(x);
        assertThatThrownBy(() -> Autodiff.grad(y, x)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("primitive 'broken' vjp: cotangent of input 0 has shape ()");
        assertThatThrownBy(() -> Autodiff.jvp(y, x, Tensor.ones(2, 2))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("primitive 'broken' jvp: tangent of the output has shape (2, 2), expected ()");
    }
}
