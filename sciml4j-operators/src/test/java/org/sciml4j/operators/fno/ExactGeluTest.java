package org.sciml4j.operators.fno;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.GradCheck;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The exact GELU against PyTorch's values, erf against reference values, derivatives in both modes. */
class ExactGeluTest {

    @Test
    void valuesArePyTorchsExactGelu() {
        // torch.nn.functional.gelu(torch.tensor([...], dtype=torch.float64)), torch 1.13
        double[] x = {-3.0, -1.5, -0.3, 0.0, 0.7, 2.2, 5.0};
        double[] torch = {-0.00404969409489031, -0.10021080190328704, -0.1146265733433142, 0.0, 0.5306254434438489,
            2.1694124154703034, 4.999998566742141};
        double[] y = ExactGelu.apply(Tensor.of(x, 7)).data();
        for (int i = 0; i < x.length; i++) {
            assertThat(y[i]).as("gelu(" + x[i] + ")").isCloseTo(torch[i], within(4e-16 * Math.max(1, Math.abs(x[i]))));
        }
    }

    @Test
    void erfMatchesReferenceValues() {
        // Python's math.erf
        double[][] cases = {{0.1, 0.1124629160182849}, {0.5, 0.5204998778130465}, {1, 0.8427007929497149},
            {2, 0.9953222650189527}, {2.4, 0.999311486103355}, {2.6, 0.9997639655834707}, {3, 0.9999779095030014},
            {4, 0.9999999845827421}, {5.9, 0.9999999999999999}};
        for (double[] c : cases) {
            assertThat(GaussianTables.erf(c[0])).as("erf(" + c[0] + ")").isCloseTo(c[1], within(4e-16));
            assertThat(GaussianTables.erf(-c[0])).isCloseTo(-c[1], within(4e-16));
        }
        assertThat(GaussianTables.cdf(12)).isEqualTo(1.0);
        assertThat(GaussianTables.cdf(-12)).isEqualTo(0.0);
        assertThat(GaussianTables.cdf(Double.NaN)).isNaN();
    }

    @Test
    void tablesMatchTheirSeriesEverywhere() {
        Rng rng = new Rng(1);
        double[] z = Tensor.rand(rng, 2000).mul(7.0).data();
        for (double a : z) {
            double x = a * Math.sqrt(2);
            assertThat(GaussianTables.cdf(x)).isCloseTo(0.5 + 0.5 * GaussianTables.erfReference(a), within(1e-15));
            double slope = 0.5 + 0.5 * GaussianTables.erfReference(a) + x * Math.exp(-a * a) / Math.sqrt(2 * Math.PI);
            assertThat(GaussianTables.geluSlope(x)).isCloseTo(slope, within(1e-15));
            assertThat(GaussianTables.geluSlope(-x)).isCloseTo(1 - slope, within(1e-15));
        }
    }

    @Test
    void derivativesPassGradCheckInBothModesToSecondOrder() {
        GradCheck check = new GradCheck();
        Rng rng = new Rng(2);
        Tensor x = Tensor.randn(rng, 3, 4).mul(2.0);
        for (GradCheck.Mode mode : GradCheck.Mode.values()) {
            assertThat(check.maxError(a -> ExactGelu.apply(a[0]), new Tensor[] {x}, 2, mode, rng, 3))
                    .as(mode.name()).isLessThan(1e-7);
            // third order: through the reverse rule's own primitive and the slope's rules
            assertThat(check.maxError(a -> ExactGelu.apply(a[0]).mul(a[0]), new Tensor[] {x}, 3, mode, rng, 2))
                    .as(mode.name() + ", third order").isLessThan(1e-6);
        }
    }
}
