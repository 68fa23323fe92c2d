package org.sciml4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sciml4j.optim.Minimizer.Result;
import org.sciml4j.optim.Minimizer.Termination;
import org.sciml4j.tensor.Tensor;

/** Levenberg-Marquardt on small least-squares problems with known minima (NIST StRD, Moré-Garbow-Hillstrom). */
class LevenbergMarquardtTest {

    /** NIST StRD Misra1a (lower difficulty): y = b1 (1 - exp(-b2 x)), 14 observations. */
    static final double[][] MISRA1A = {{77.6, 10.07}, {114.9, 14.73}, {141.1, 17.94}, {190.8, 23.93},
        {239.9, 29.61}, {289.0, 35.18}, {332.8, 40.02}, {378.4, 44.82}, {434.8, 50.76}, {477.3, 55.05},
        {536.8, 61.01}, {593.1, 66.40}, {689.1, 75.47}, {760.0, 81.78}};

    static LeastSquares.Residuals misra1a(double[] b, boolean withJacobian) {
        int m = MISRA1A.length;
        double[] r = new double[m];
        double[] j = withJacobian ? new double[2 * m] : null;
        for (int i = 0; i < m; i++) {
            double x = MISRA1A[i][0];
            double e = Math.exp(-b[1] * x);
            r[i] = b[0] * (1 - e) - MISRA1A[i][1];
            if (j != null) {
                j[2 * i] = 1 - e;
                j[2 * i + 1] = b[0] * x * e;
            }
        }
        return new LeastSquares.Residuals(r, j);
    }

    /** The certified values from both NIST starting points, with D the identity and scaled. */
    @Test
    void misra1aReachesTheCertifiedValues() {
        for (boolean scaled : new boolean[] {false, true}) {
            for (double[] start : new double[][] {{500, 1e-4}, {250, 5e-4}}) {
                Result r = LevenbergMarquardt.builder().scaled(scaled).build()
                        .minimize(LevenbergMarquardtTest::misra1a, start);
                assertThat(r.converged()).as(r.toString()).isTrue();
                assertThat(r.x()[0]).as(r.toString()).isCloseTo(2.3894212918E+02, within(2.3894212918E+02 * 1e-9));
                assertThat(r.x()[1]).as(r.toString()).isCloseTo(5.5015643181E-04, within(5.5015643181E-04 * 1e-9));
                assertThat(r.value()).isCloseTo(1.2455138894E-01, within(1e-10));
            }
        }
    }

    /** MGH 1, Rosenbrock: r = (10 (x2 - x1^2), 1 - x1) from (-1.2, 1), minimum 0 at (1, 1). */
    @Test
    void rosenbrockReachesItsMinimum() {
        Result r = LevenbergMarquardt.builder().build().minimize((x, jac) -> new LeastSquares.Residuals(
                new double[] {10 * (x[1] - x[0] * x[0]), 1 - x[0]},
                jac ? new double[] {-20 * x[0], 10, -1, 0} : null), new double[] {-1.2, 1});
        assertThat(r.converged()).as(r.toString()).isTrue();
        assertThat(r.x()).containsExactly(new double[] {1, 1}, within(1e-12));
        assertThat(r.value()).isLessThan(1e-28);
    }

    /**
     * MGH 2, Freudenstein and Roth from (0.5, -2): the known local minimum F = 48.9842536792400 at (11.4128,
     * -0.896805) (MGH 1981, to their digits), where the gradient vanishes.
     */
    @Test
    void freudensteinRothStopsAtItsKnownLocalMinimum() {
        Result r = LevenbergMarquardt.builder().build().minimize((x, jac) -> new LeastSquares.Residuals(
                new double[] {-13 + x[0] + ((5 - x[1]) * x[1] - 2) * x[1],
                    -29 + x[0] + ((x[1] + 1) * x[1] - 14) * x[1]},
                jac ? new double[] {1, 10 * x[1] - 3 * x[1] * x[1] - 2, 1, 3 * x[1] * x[1] + 2 * x[1] - 14}
                        : null), new double[] {0.5, -2});
        assertThat(r.converged()).as(r.toString()).isTrue();
        assertThat(r.value()).isCloseTo(48.9842536792400, within(1e-10));
        assertThat(r.x()[0]).isCloseTo(11.4128, within(1e-4));
        assertThat(r.x()[1]).isCloseTo(-0.896805, within(1e-6));
        assertThat(r.gradientNorm()).isLessThan(1e-5); // the function tolerance 1e-15 resolves no less
    }

    static LeastSquares.Residuals powellSingular(double[] x, boolean jac) {
        double s5 = Math.sqrt(5);
        double s10 = Math.sqrt(10);
        double a = x[1] - 2 * x[2];
        double b = x[0] - x[3];
        double[] r = {x[0] + 10 * x[1], s5 * (x[2] - x[3]), a * a, s10 * b * b};
        double[] j = jac ? new double[] {1, 10, 0, 0, 0, 0, s5, -s5, 0, 2 * a, -4 * a, 0, 2 * s10 * b, 0, 0,
            -2 * s10 * b} : null;
        return new LeastSquares.Residuals(r, j);
    }

    /** MGH 13, Powell singular from (3, -1, 0, 1): the Jacobian is singular at the minimum 0 at the origin. */
    @Test
    void powellSingularApproachesTheOrigin() {
        // a zero residual converging linearly: every step halves the value, so only the gradient tolerance ends it
        Result r = LevenbergMarquardt.builder().stopping(new StoppingCriteria(1e-20, 1e-15, 1e-15, 1000,
                Integer.MAX_VALUE)).build().minimize(LevenbergMarquardtTest::powellSingular, new double[] {3, -1, 0, 1});
        assertThat(r.termination()).as(r.toString()).isEqualTo(Termination.GRADIENT_TOLERANCE);
        assertThat(r.value()).isLessThan(1e-25);
        assertThat(r.x()).containsExactly(new double[] {0, 0, 0, 0}, within(1e-6));
    }

    /** A trial point where the residual is not finite is a refused step: the damping grows, the value stays finite. */
    @Test
    void aNonFiniteTrialIsRefused() {
        // r = x - 3, undefined beyond x = 1: the minimum over where it is defined is at the wall
        Result r = LevenbergMarquardt.builder().build().minimize((x, jac) -> new LeastSquares.Residuals(
                new double[] {x[0] <= 1 ? x[0] - 3 : Double.NaN}, jac ? new double[] {1} : null), new double[] {0});
        assertThat(r.value()).isCloseTo(4, within(1e-6));
        assertThat(r.x()[0]).isLessThanOrEqualTo(1).isGreaterThan(1 - 1e-6);
        assertThat(r.termination()).isIn(Termination.STEP_TOLERANCE, Termination.FUNCTION_TOLERANCE);
    }

    /** A run saved after any step and restored ends with the same bits as the run never interrupted. */
    @Test
    void aRestoredRunContinuesBitForBit() {
        for (boolean scaled : new boolean[] {false, true}) {
            LevenbergMarquardt lm = LevenbergMarquardt.builder().scaled(scaled).build();
            Result whole = lm.minimize(LevenbergMarquardtTest::misra1a, new double[] {500, 1e-4});
            for (int stopAt = 0; stopAt < whole.iterations(); stopAt += 3) {
                LevenbergMarquardt.Run run = lm.start(LevenbergMarquardtTest::misra1a, new double[] {500, 1e-4});
                for (int k = 0; k < stopAt; k++) {
                    assertThat(run.step()).isTrue();
                }
                Map<String, Tensor> saved = run.state();
                LevenbergMarquardt.Run resumed = lm.restore(LevenbergMarquardtTest::misra1a, saved);
                while (resumed.step()) {
                    // to the end
                }
                assertThat(resumed.result()).as("scaled %s, stopped after %d", scaled, stopAt).isEqualTo(whole);
            }
        }
    }
}
