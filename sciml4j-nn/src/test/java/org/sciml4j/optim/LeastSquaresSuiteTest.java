package org.sciml4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sciml4j.optim.Minimizer.Result;

/**
 * Issue 13's test line, each second-order optimiser on one more small least-squares problem with a known minimum:
 * NIST StRD DanWood (y = b1 x^b2, 6 observations, certified b1 = 0.76886226176, b2 = 3.8604055871, residual sum of
 * squares 4.3173084083e-3) from both NIST starts, and the problem's Jacobian against central differences.
 * (Misra1a and Rosenbrock for each are in {@link LevenbergMarquardtTest}, {@link SecondOrderTest},
 * {@link NewtonCgTest}.)
 */
class LeastSquaresSuiteTest {
    private static final double[] X = {1.309, 1.471, 1.490, 1.565, 1.611, 1.680};
    private static final double[] Y = {2.138, 3.421, 3.597, 4.340, 4.882, 5.660};
    private static final double B1 = 7.6886226176E-01;
    private static final double B2 = 3.8604055871E+00;
    private static final double RSS = 4.3173084083E-03;
    private static final double[][] STARTS = {{1, 5}, {0.7, 4}};

    static LeastSquares.Residuals danWood(double[] b, boolean withJacobian) {
        double[] r = new double[X.length];
        double[] j = withJacobian ? new double[2 * X.length] : null;
        for (int i = 0; i < X.length; i++) {
            double p = Math.pow(X[i], b[1]);
            r[i] = b[0] * p - Y[i];
            if (j != null) {
                j[2 * i] = p;
                j[2 * i + 1] = b[0] * p * Math.log(X[i]);
            }
        }
        return new LeastSquares.Residuals(r, j);
    }

    private static double sumOfSquares(double[] b, double[] gradient) {
        LeastSquares.Residuals at = danWood(b, true);
        double[] r = at.values();
        double[] j = at.jacobian();
        gradient[0] = 0;
        gradient[1] = 0;
        for (int i = 0; i < r.length; i++) {
            gradient[0] += 2 * r[i] * j[2 * i];
            gradient[1] += 2 * r[i] * j[2 * i + 1];
        }
        return at.sumOfSquares();
    }

    private static void assertCertified(Result r, String who) {
        assertThat(r.x()[0]).as(who + " " + r).isCloseTo(B1, within(B1 * 1e-7));
        assertThat(r.x()[1]).as(who + " " + r).isCloseTo(B2, within(B2 * 1e-7));
        assertThat(r.value()).as(who + " " + r).isCloseTo(RSS, within(1e-12));
    }

    @Test
    void theJacobianMatchesCentralDifferences() {
        double[] b = {0.9, 3.5};
        double[] j = danWood(b, true).jacobian();
        double h = 1e-6;
        for (int k = 0; k < 2; k++) {
            double[] up = b.clone();
            double[] down = b.clone();
            up[k] += h;
            down[k] -= h;
            double[] rp = danWood(up, false).values();
            double[] rm = danWood(down, false).values();
            for (int i = 0; i < X.length; i++) {
                assertThat(j[2 * i + k]).isCloseTo((rp[i] - rm[i]) / (2 * h), within(1e-8));
            }
        }
    }

    @Test
    void leastSquaresMinimizersReachTheCertifiedValues() {
        LeastSquaresMinimizer[] all = {LevenbergMarquardt.builder().build(), NaturalGradient.builder().build(),
            NewtonCg.builder().gradientTolerance(1e-13).build().leastSquares()};
        for (LeastSquaresMinimizer m : all) {
            for (double[] start : STARTS) {
                assertCertified(m.minimize(LeastSquaresSuiteTest::danWood, start), m.name());
            }
        }
    }

    @Test
    void gradientMinimizersReachTheCertifiedValues() {
        Minimizer[] all = {SelfScaledBfgs.builder().gradientTolerance(1e-12).build(),
            SelfScaledBroyden.builder().gradientTolerance(1e-12).build(),
            NewtonCg.builder().gradientTolerance(1e-12).build()};
        for (Minimizer m : all) {
            for (double[] start : STARTS) {
                assertCertified(m.minimize(LeastSquaresSuiteTest::sumOfSquares, start), m.toString());
            }
        }
    }
}
