package org.sciml4j.discovery.sindy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sciml4j.discovery.data.Generators;
import org.sciml4j.discovery.derivative.FiniteDifference;

class SindyTest {

    static final List<String> XYZ = List.of("x", "y", "z");

    /** Largest relative error over the seven Lorenz terms, and the number of other non-zero terms. */
    static double[] lorenzErrors(SindyModel model) {
        String[][] terms = {{"x", "y"}, {"x", "y", "x z"}, {"z", "x y"}};
        double[][] truth = {{-10, 10}, {28, -1, -1}, {-8.0 / 3, 1}};
        double worst = 0;
        int found = 0;
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < terms[j].length; k++) {
                double c = model.coefficient(terms[j][k], j);
                worst = Math.max(worst, Math.abs(c - truth[j][k]) / Math.abs(truth[j][k]));
            }
        }
        double[] xi = model.coefficients();
        int nonzero = 0;
        for (double v : xi) {
            nonzero += v != 0 ? 1 : 0;
        }
        return new double[] {worst, nonzero - 7};
    }

    @Test
    void stlsqFindsLorenzWithinATenthOfAPercent() {
        Generators.Trajectory d = Generators.lorenz(10, 28, 8.0 / 3, new double[] {-8, 8, 27}, 0.002, 10);
        SindyModel model = new Sindy(new PolynomialLibrary(2), new Stlsq(0.1), new FiniteDifference(1, 4), null)
                .fit(d.t(), d.x(), XYZ);
        double[] e = lorenzErrors(model);
        assertThat(e[1]).isZero();
        assertThat(e[0]).isLessThan(1e-3);
        assertThat(model.equations(3).get(0)).isEqualTo("x' = -10.000 x + 10.000 y");
    }

    @Test
    void weakFormFindsLorenzFromOnePercentNoise() {
        Generators.Trajectory d = Generators.lorenz(10, 28, 8.0 / 3, new double[] {-8, 8, 27}, 0.002, 10);
        double[] x = d.x().clone();
        SplittableRandom rng = new SplittableRandom(42);
        for (int j = 0; j < 3; j++) {
            double rms = 0;
            for (int i = 0; i < d.t().length; i++) {
                rms += x[i * 3 + j] * x[i * 3 + j] / d.t().length;
            }
            rms = Math.sqrt(rms);
            for (int i = 0; i < d.t().length; i++) {
                x[i * 3 + j] += 0.01 * rms * rng.nextGaussian();
            }
        }
        SindyModel model = new Sindy(new PolynomialLibrary(2), new Stlsq(0.5, 0, 20, false), null,
                new WeakForm(400, 101, 4))
                .fit(d.t(), x, XYZ);
        double[] e = lorenzErrors(model);
        assertThat(e[1]).isZero();
        assertThat(e[0]).isLessThan(0.02);
    }

    @Test
    void aNonFiniteLibraryTermIsNamed() {
        double[] t = {0, 1, 2, 3, 4};
        double[] x = {1, 0.5, -0.2, 0.3, 0.4};
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Sindy(CustomLibrary.of(List.of("x"), "log(x)"),
                new Stlsq(0.1), new FiniteDifference(), null).fit(t, x, List.of("x")))
                .hasMessageContaining("library term 'log(x)' is NaN at sample 2 (t = 2.0)");
    }
}
