package org.sciml4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sciml4j.optim.Minimizer.Result;
import org.sciml4j.tensor.Tensor;

/**
 * The natural gradient (Gauss-Newton with a pseudo-inverse) and the self-scaled quasi-Newton methods on NIST StRD
 * Misra1a (certified values) and MGH Rosenbrock; the natural gradient's resume; the Gauss-Newton products.
 */
class SecondOrderTest {
    private static final double B1 = 2.3894212918E+02;
    private static final double B2 = 5.5015643181E-04;
    private static final double RSS = 1.2455138894E-01;

    /**
     * Misra1a's parameters differ in scale by 1e6, so J^T J's eigenvalues span 1e-13 of the largest: a cutoff of
     * 1e-12 drops b1's direction (the run stalls far away; asserted below), cutoff 0 keeps it (the 2 x 2 matrix is
     * exact to rounding).
     */
    @Test
    void naturalGradientReachesMisra1aCertifiedValuesFromBothStarts() {
        for (NaturalGradient.LineSearch search : NaturalGradient.LineSearch.values()) {
            for (double[] start : new double[][] {{500, 1e-4}, {250, 5e-4}}) {
                Result r = NaturalGradient.builder().cutoff(0).lineSearch(search, 30).build()
                        .minimize(LevenbergMarquardtTest::misra1a, start);
                assertThat(r.x()[0]).as(r.toString()).isCloseTo(B1, within(B1 * 1e-8));
                assertThat(r.x()[1]).as(r.toString()).isCloseTo(B2, within(B2 * 1e-8));
                assertThat(r.value()).isCloseTo(RSS, within(1e-10));
            }
        }
    }

    @Test
    void theCutoffDecides() {
        Result r = NaturalGradient.builder().cutoff(1e-12).build().minimize(LevenbergMarquardtTest::misra1a,
                new double[] {500, 1e-4});
        assertThat(r.termination()).isEqualTo(Minimizer.Termination.LINE_SEARCH_FAILED);
        assertThat(r.value()).isGreaterThan(1);
    }

    @Test
    void naturalGradientSolvesRosenbrockAndTakesFullStepsNearTheMinimum() {
        Result r = NaturalGradient.builder().build().minimize((x, jac) -> new LeastSquares.Residuals(
                new double[] {10 * (x[1] - x[0] * x[0]), 1 - x[0]},
                jac ? new double[] {-20 * x[0], 10, -1, 0} : null), new double[] {-1.2, 1});
        assertThat(r.x()).as(r.toString()).containsExactly(new double[] {1, 1}, within(1e-10));
        assertThat(r.message()).contains("last step size 1");
    }

    /** Misra1a with b2 in units of 1e-4, so that a gradient method sees both parameters on one scale. */
    private static double misra1aScaled(double[] p, double[] gradient) {
        LeastSquares.Residuals at = LevenbergMarquardtTest.misra1a(new double[] {p[0], p[1] * 1e-4}, true);
        double[] r = at.values();
        double[] j = at.jacobian();
        gradient[0] = 0;
        gradient[1] = 0;
        for (int i = 0; i < r.length; i++) {
            gradient[0] += 2 * r[i] * j[2 * i];
            gradient[1] += 2 * r[i] * j[2 * i + 1] * 1e-4;
        }
        return at.sumOfSquares();
    }

    @Test
    void selfScaledMethodsReachMisra1aCertifiedValues() {
        for (QuasiNewton q : new QuasiNewton[] {SelfScaledBfgs.builder().maxIterations(2000).build(),
            SelfScaledBroyden.builder().maxIterations(2000).build()}) {
            Result r = q.minimize(SecondOrderTest::misra1aScaled, new double[] {250, 5});
            assertThat(r.x()[0]).as(q + " " + r).isCloseTo(B1, within(B1 * 1e-6));
            assertThat(r.x()[1] * 1e-4).as(q + " " + r).isCloseTo(B2, within(B2 * 1e-6));
            assertThat(r.value()).as(q + " " + r).isCloseTo(RSS, within(1e-9));
        }
    }

    @Test
    void selfScaledMethodsSolveRosenbrock() {
        Objective rosenbrock = (x, g) -> {
            double a = x[1] - x[0] * x[0];
            double b = 1 - x[0];
            g[0] = -400 * a * x[0] - 2 * b;
            g[1] = 200 * a;
            return 100 * a * a + b * b;
        };
        for (QuasiNewton q : new QuasiNewton[] {SelfScaledBfgs.builder().build(),
            SelfScaledBroyden.builder().build()}) {
            Result r = q.minimize(rosenbrock, new double[] {-1.2, 1});
            assertThat(r.x()).as(q + " " + r).containsExactly(new double[] {1, 1}, within(1e-6));
        }
    }

    @Test
    void naturalGradientResumesBitForBit() {
        NaturalGradient ng = NaturalGradient.builder().build();
        LeastSquares f = LevenbergMarquardtTest::misra1a;
        SteppingMinimizer.Run whole = ng.start(f, new double[] {500, 1e-4});
        SteppingMinimizer.Run first = ng.start(f, new double[] {500, 1e-4});
        for (int i = 0; i < 3; i++) {
            whole.step();
            first.step();
        }
        Map<String, Tensor> saved = first.state();
        SteppingMinimizer.Run resumed = ng.restore(f, saved);
        while (whole.step()) {
            assertThat(resumed.step()).isTrue();
        }
        assertThat(resumed.step()).isFalse();
        assertThat(resumed.result()).isEqualTo(whole.result());
    }

    @Test
    void naturalGradientRefusesABadCutoff() {
        assertThatThrownBy(() -> NaturalGradient.builder().cutoff(1)).hasMessageContaining("cutoff must be in [0, 1)");
    }

    @Test
    void gramianAndProductsMatchTheDefinitions() {
        int m = 7;
        int n = 5;
        double[] j = new double[m * n];
        double[] r = new double[m];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int k = 0; k < j.length; k++) {
            j[k] = rnd.nextDouble(-1, 1);
        }
        for (int i = 0; i < m; i++) {
            r[i] = rnd.nextDouble(-1, 1);
        }
        double[] g = NormalEquations.gramian(j, m, n);
        double[] jtr = NormalEquations.transposeTimes(j, r, n);
        double[] jv = NormalEquations.times(j, jtr, m);
        for (int a = 0; a < n; a++) {
            double t = 0;
            for (int i = 0; i < m; i++) {
                t += j[i * n + a] * r[i];
            }
            assertThat(jtr[a]).isCloseTo(t, within(1e-14));
            for (int b = 0; b < n; b++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += j[i * n + a] * j[i * n + b];
                }
                assertThat(g[a * n + b]).isCloseTo(s, within(1e-14));
            }
        }
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int a = 0; a < n; a++) {
                s += j[i * n + a] * jtr[a];
            }
            assertThat(jv[i]).isCloseTo(s, within(1e-14));
        }
    }
}
