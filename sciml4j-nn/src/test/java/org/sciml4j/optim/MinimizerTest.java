package org.sciml4j.optim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MinimizerTest {

    /** Extended Rosenbrock: sum_i 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2, minimum 0 at (1, ..., 1). */
    static final Objective ROSENBROCK = (x, g) -> {
        int n = x.length;
        java.util.Arrays.fill(g, 0);
        double f = 0;
        for (int i = 0; i + 1 < n; i++) {
            double t = x[i + 1] - x[i] * x[i];
            double u = 1 - x[i];
            f += 100 * t * t + u * u;
            g[i] += -400 * x[i] * t - 2 * u;
            g[i + 1] += 200 * t;
        }
        return f;
    };

    static List<Double> list(double[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }

    static double[] rosenbrockStart(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1;
        }
        return x;
    }

    @Test
    void lbfgsSolvesRosenbrock10() {
        Minimizer.Result r = Lbfgs.builder().maxIterations(2000).build().minimize(ROSENBROCK, rosenbrockStart(10));
        System.out.println("L-BFGS Rosenbrock-10: " + r);
        assertThat(r.value()).isLessThan(1e-12);
        assertThat(r.converged()).isTrue();
        assertThat(list(r.x())).hasSize(10).allSatisfy(v -> assertThat(v).isCloseTo(1.0, within(1e-6)));
        assertThat(r.gradientNorm()).isLessThanOrEqualTo(1e-8);
        assertThat(r.evaluations()).isGreaterThan(r.iterations());
    }

    @Test
    void bfgsSolvesRosenbrock10() {
        Minimizer.Result r = Bfgs.builder().maxIterations(2000).build().minimize(ROSENBROCK, rosenbrockStart(10));
        System.out.println("BFGS Rosenbrock-10: " + r);
        assertThat(r.value()).isLessThan(1e-14);
        assertThat(r.converged()).isTrue();
        assertThat(list(r.x())).allSatisfy(v -> assertThat(v).isCloseTo(1.0, within(1e-6)));
    }

    @Test
    void lbfgsWithSmallHistoryStillSolvesRosenbrock() {
        Minimizer.Result r = Lbfgs.builder().historySize(5).maxIterations(5000).build()
                .minimize(ROSENBROCK, rosenbrockStart(10));
        assertThat(r.value()).isLessThan(1e-12);
    }

    /** f(x) = 0.5 (x - c)'A(x - c) with A = diag(1..n) + 0.1 (ones), a dense SPD matrix; minimum 0 at c. */
    static Objective quadratic(int n, double[] c) {
        return (x, g) -> {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += x[i] - c[i];
            }
            double f = 0;
            for (int i = 0; i < n; i++) {
                double e = x[i] - c[i];
                g[i] = (i + 1) * e + 0.1 * sum;
                f += 0.5 * e * g[i];
            }
            return f;
        };
    }

    @Test
    void bfgsMinimisesAQuadraticInAboutNIterations() {
        int n = 8;
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = 1 + i % 3;
        }
        // with a line search close to exact (small c2), BFGS ends in n iterations on a quadratic
        Minimizer.Result exact = Bfgs.builder().lineSearch(new StrongWolfe(1e-5, 1e-4, 25)).gradientTolerance(1e-10)
                .build().minimize(quadratic(n, c), new double[n]);
        System.out.println("BFGS quadratic n=8, near-exact line search: " + exact);
        assertThat(exact.termination()).isEqualTo(Minimizer.Termination.GRADIENT_TOLERANCE);
        assertThat(exact.iterations()).isLessThanOrEqualTo(n + 1);
        // with the default inexact line search (c2 = 0.9) the finite termination is lost, but not by much
        Minimizer.Result loose = Bfgs.builder().gradientTolerance(1e-10).build().minimize(quadratic(n, c),
                new double[n]);
        System.out.println("BFGS quadratic n=8, default line search: " + loose);
        assertThat(loose.termination()).isEqualTo(Minimizer.Termination.GRADIENT_TOLERANCE);
        assertThat(loose.iterations()).isLessThanOrEqualTo(2 * n + 4); // SciPy's BFGS: 14 iterations, 20 evaluations
        assertThat(loose.x()).containsExactly(c, within(1e-10));
        assertThat(exact.x()).containsExactly(c, within(1e-13));
    }

    @Test
    void strongWolfeConditionsHoldOnRosenbrock() {
        StrongWolfe ls = StrongWolfe.defaults();
        double[] x = rosenbrockStart(10);
        double[] g = new double[10];
        double f0 = ROSENBROCK.valueAndGradient(x, g);
        double[] d = new double[10];
        for (int i = 0; i < 10; i++) {
            d[i] = -g[i];
        }
        double dphi0 = QuasiNewton.dot(g, d);
        // initial steps far too long, too short, and about right all end with both conditions met
        for (double a0 : new double[] {10.0, 1.0, 1e-2, 1e-6}) {
            StrongWolfe.Step step = ls.search(ROSENBROCK, x, f0, g, d, a0);
            assertThat(step.status()).as("a0 = %s", a0).isEqualTo(StrongWolfe.Status.STRONG_WOLFE);
            assertThat(step.alpha()).isPositive();
            assertThat(step.value()).isLessThanOrEqualTo(f0 + 1e-4 * step.alpha() * dphi0);
            assertThat(Math.abs(step.derivative())).isLessThanOrEqualTo(0.9 * Math.abs(dphi0));
            // the returned point, gradient and value are consistent
            double[] gp = new double[10];
            double fp = ROSENBROCK.valueAndGradient(step.point(), gp);
            assertThat(fp).isEqualTo(step.value());
            assertThat(gp).containsExactly(step.gradient());
            assertThat(QuasiNewton.dot(gp, d)).isEqualTo(step.derivative());
            for (int i = 0; i < 10; i++) {
                assertThat(step.point()[i]).isEqualTo(x[i] + step.alpha() * d[i]);
            }
        }
    }

    @Test
    void strongWolfeWithTightCurvatureFindsTheOneDimensionalMinimum() {
        // phi(a) = f(x + a d) for f(x) = (x - 3)^4 + x^2 along d = 1 from 0; phi'(a) = 4 (a - 3)^3 + 2 a
        Objective f = (x, g) -> {
            double t = x[0] - 3;
            g[0] = 4 * t * t * t + 2 * x[0];
            return t * t * t * t + x[0] * x[0];
        };
        double[] g0 = new double[1];
        double f0 = f.valueAndGradient(new double[] {0}, g0);
        StrongWolfe tight = new StrongWolfe(1e-4, 1e-3, 50);
        StrongWolfe.Step step = tight.search(f, new double[] {0}, f0, g0, new double[] {1}, 1.0);
        assertThat(step.status()).isEqualTo(StrongWolfe.Status.STRONG_WOLFE);
        assertThat(Math.abs(step.derivative())).isLessThanOrEqualTo(1e-3 * Math.abs(g0[0]));
        assertThat(step.evaluations()).isLessThan(20);
    }

    @Test
    void lineSearchShrinksPastNonFiniteValues() {
        // f = sum (x_i - 1)^2 is NaN beyond |x_i| > 1.5; a huge first step must shrink, not crash
        Objective f = (x, g) -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                if (Math.abs(x[i]) > 1.5) {
                    java.util.Arrays.fill(g, Double.NaN);
                    return Double.NaN;
                }
                g[i] = 2 * (x[i] - 1);
                s += (x[i] - 1) * (x[i] - 1);
            }
            return s;
        };
        double[] x = {0, 0};
        double[] g = new double[2];
        double f0 = f.valueAndGradient(x, g);
        StrongWolfe.Step step = StrongWolfe.defaults().search(f, x, f0, g, new double[] {1, 1}, 1000);
        assertThat(step.status()).isEqualTo(StrongWolfe.Status.STRONG_WOLFE);
        assertThat(step.value()).isLessThan(f0);
        assertThat(list(step.point())).allSatisfy(v -> assertThat(Math.abs(v)).isLessThanOrEqualTo(1.5));
    }

    @Test
    void minimisersConvergeWhenLargeStepsGiveNaN() {
        // pseudo-Huber sum c_i (sqrt(1 + t_i^2) - 1), t = x - 1, minimum 0 at (1, ..., 1): far from the minimum
        // the gradient is almost constant, so the line searches extrapolate and the secant pairs predict long steps;
        // the function is undefined (NaN, or +infinity for odd i) where any x_i > 1.25 or x_i < -3, just past
        // the minimum, so those long steps land in the undefined region
        int n = 4;
        AtomicInteger nonFinite = new AtomicInteger();
        Objective f = (x, g) -> {
            double s = 0;
            for (int i = 0; i < n; i++) {
                if (x[i] > 1.25 || x[i] < -3) {
                    nonFinite.incrementAndGet();
                    java.util.Arrays.fill(g, i % 2 == 0 ? Double.NaN : Double.POSITIVE_INFINITY);
                    return i % 2 == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
                }
                double c = 1 + i;
                double t = x[i] - 1;
                double r = Math.sqrt(1 + t * t);
                s += c * t * t / (r + 1); // = c (r - 1) without cancellation
                g[i] = c * t / r;
            }
            return s;
        };
        double[] x0 = {-2, -2, -2, -2};
        for (Minimizer m : List.of(Lbfgs.create(), Bfgs.create())) {
            nonFinite.set(0);
            Minimizer.Result r = m.minimize(f, x0);
            System.out.println(m.getClass().getSimpleName() + " with NaN region: " + r + ", non-finite evaluations "
                    + nonFinite.get());
            assertThat(nonFinite.get()).as("the test must actually hit the NaN region").isPositive();
            assertThat(r.converged()).isTrue();
            assertThat(r.value()).isLessThan(1e-14);
            assertThat(list(r.x())).allSatisfy(v -> assertThat(v).isCloseTo(1.0, within(1e-7)));
        }
    }

    @Test
    void listenerSeesEveryIterationAndCanStop() {
        List<double[]> seen = new ArrayList<>();
        Minimizer.Result r = Lbfgs.create().minimize(ROSENBROCK, rosenbrockStart(4), (k, f, g) -> {
            seen.add(new double[] {k, f, g});
            return k < 5;
        });
        assertThat(r.termination()).isEqualTo(Minimizer.Termination.STOPPED_BY_LISTENER);
        assertThat(r.converged()).isFalse();
        assertThat(r.iterations()).isEqualTo(5);
        assertThat(seen).hasSize(6);
        for (int k = 0; k < 6; k++) {
            assertThat(seen.get(k)[0]).isEqualTo(k);
        }
        assertThat(seen.get(5)[1]).isLessThan(seen.get(0)[1]);
        assertThat(r.value()).isEqualTo(seen.get(5)[1]);
    }

    @Test
    void limitsEndTheRunWithTheBestPoint() {
        Minimizer.Result it = Lbfgs.builder().maxIterations(7).build().minimize(ROSENBROCK, rosenbrockStart(10));
        assertThat(it.termination()).isEqualTo(Minimizer.Termination.MAX_ITERATIONS);
        assertThat(it.iterations()).isEqualTo(7);
        Minimizer.Result ev = Bfgs.builder().maxEvaluations(15).build().minimize(ROSENBROCK, rosenbrockStart(10));
        assertThat(ev.termination()).isEqualTo(Minimizer.Termination.MAX_EVALUATIONS);
        assertThat(ev.evaluations()).isEqualTo(15);
        assertThat(ev.message()).contains("15 evaluations");
    }

    @Test
    void neverReturnsWorseThanTheBestPointSeen() {
        // record every evaluated value; the result is the minimum of them
        for (Minimizer m : List.of(Lbfgs.builder().maxIterations(12).build(),
                Bfgs.builder().maxEvaluations(23).build(), Lbfgs.create())) {
            double[] best = {Double.POSITIVE_INFINITY};
            Objective rec = (x, g) -> {
                double v = ROSENBROCK.valueAndGradient(x, g);
                best[0] = Math.min(best[0], v);
                return v;
            };
            Minimizer.Result r = m.minimize(rec, rosenbrockStart(6));
            assertThat(r.value()).isEqualTo(best[0]);
            double[] g = new double[6];
            assertThat(ROSENBROCK.valueAndGradient(r.x(), g)).isEqualTo(r.value());
        }
    }

    @Test
    void wrongGradientEndsWithLineSearchFailure() {
        // the gradient points the wrong way: no descent is possible along -g
        Objective f = (x, g) -> {
            g[0] = -2 * x[0];
            return x[0] * x[0];
        };
        Minimizer.Result r = Lbfgs.create().minimize(f, new double[] {1});
        assertThat(r.termination()).isEqualTo(Minimizer.Termination.LINE_SEARCH_FAILED);
        assertThat(r.value()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void startAtTheMinimumAndNonFiniteStart() {
        Minimizer.Result r = Bfgs.create().minimize(ROSENBROCK, new double[] {1, 1, 1});
        assertThat(r.termination()).isEqualTo(Minimizer.Termination.GRADIENT_TOLERANCE);
        assertThat(r.iterations()).isZero();
        assertThat(r.evaluations()).isEqualTo(1);
        assertThatThrownBy(() -> Lbfgs.create().minimize((x, g) -> Double.NaN, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("starting point");
    }

    @Test
    void functionAndStepTolerances() {
        // offset by 1000 the relative change soon falls below 1e-3
        Objective shifted = (x, g) -> 1000 + ROSENBROCK.valueAndGradient(x, g);
        Minimizer.Result r = Lbfgs.builder().gradientTolerance(0).functionTolerance(1e-3).build()
                .minimize(shifted, rosenbrockStart(4));
        assertThat(r.termination()).isEqualTo(Minimizer.Termination.FUNCTION_TOLERANCE);
        assertThat(r.converged()).isTrue();
        Minimizer.Result s = Bfgs.builder().gradientTolerance(0).functionTolerance(0).stepTolerance(1e-3).build()
                .minimize(ROSENBROCK, rosenbrockStart(4));
        assertThat(s.termination()).isEqualTo(Minimizer.Termination.STEP_TOLERANCE);
    }
}
