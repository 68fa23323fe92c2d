package org.sciml4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sciml4j.optim.Minimizer.Result;
import org.sciml4j.tensor.Tensor;

/**
 * Newton-CG (Steihaug trust region): the forward-over-reverse Hessian-vector products against the exact Hessian
 * and against finite differences of the gradient, the matrix-free Gauss-Newton products against a dense Jacobian,
 * Rosenbrock (exact, finite-difference and tensor Hessians), NIST StRD Misra1a by Gauss-Newton curvature, a
 * negative-curvature start, and a bit-for-bit resume.
 */
class NewtonCgTest {
    private static final double MISRA_B1 = 2.3894212918E+02;
    private static final double MISRA_B2 = 5.5015643181E-04;
    private static final double MISRA_RSS = 1.2455138894E-01;

    /** f(a, b) = sum_i a_i^2 b_i + sin(a_i) exp(b_i), params a (2), b (2). */
    private static Tensor smallFunction(Tensor a, Tensor b) {
        return a.mul(a).mul(b).add(a.sin().mul(b.exp())).sum();
    }

    @Test
    void hessianVectorProductsEqualTheExactHessian() {
        double[] a0 = {0.3, -1.1};
        double[] b0 = {0.7, 0.2};
        Tensor a = Tensor.of(a0.clone(), 2).requireGrad();
        Tensor b = Tensor.of(b0.clone(), 2).requireGrad();
        CurvatureObjective f = HessianVectorProducts.objective(() -> smallFunction(a, b), List.of(a, b));
        double[] x = {a0[0], a0[1], b0[0], b0[1]};
        double[] g = new double[4];
        CurvatureObjective.Expansion e = f.expand(x, g);
        double[][] h = new double[4][4];
        for (int i = 0; i < 2; i++) {
            double ai = a0[i];
            double eb = Math.exp(b0[i]);
            h[i][i] = 2 * b0[i] - Math.sin(ai) * eb;
            h[i][i + 2] = 2 * ai + Math.cos(ai) * eb;
            h[i + 2][i] = h[i][i + 2];
            h[i + 2][i + 2] = Math.sin(ai) * eb;
            assertThat(g[i]).isCloseTo(2 * ai * b0[i] + Math.cos(ai) * eb, within(1e-14));
            assertThat(g[i + 2]).isCloseTo(ai * ai + Math.sin(ai) * eb, within(1e-14));
        }
        for (int col = 0; col < 4; col++) {
            double[] unit = new double[4];
            unit[col] = 1;
            double[] out = new double[4];
            e.times(unit, out);
            for (int row = 0; row < 4; row++) {
                assertThat(out[row]).as("H[%d][%d]", row, col).isCloseTo(h[row][col], within(1e-14));
            }
        }
    }

    /**
     * A one-hidden-layer tanh network's squared error on 12 points: W1 (2, 4), b1 (4), W2 (4, 1), used as they are
     * (no transposed copies), so that the recorded graph reads the parameters' own storage.
     */
    private static final class TinyNetwork {
        final Tensor w1;
        final Tensor b1;
        final Tensor w2;
        final Tensor xs;
        final Tensor ys;

        TinyNetwork(long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            w1 = Tensor.of(rnd.doubles(8, -1, 1).toArray(), 2, 4).requireGrad();
            b1 = Tensor.of(rnd.doubles(4, -1, 1).toArray(), 4).requireGrad();
            w2 = Tensor.of(rnd.doubles(4, -1, 1).toArray(), 4, 1).requireGrad();
            double[] x = rnd.doubles(24, -1, 1).toArray();
            double[] y = new double[12];
            for (int i = 0; i < 12; i++) {
                y[i] = Math.sin(2 * x[2 * i]) * x[2 * i + 1];
            }
            xs = Tensor.of(x, 12, 2);
            ys = Tensor.of(y, 12, 1);
        }

        List<Tensor> params() {
            return List.of(w1, b1, w2);
        }

        Tensor residuals() {
            return xs.matmul(w1).add(b1).tanh().matmul(w2).sub(ys);
        }

        Tensor loss() {
            return residuals().square().sum();
        }
    }

    @Test
    void hessianVectorProductsMatchFiniteDifferencesOfTheGradient() {
        TinyNetwork net = new TinyNetwork(7);
        CurvatureObjective f = HessianVectorProducts.objective(net::loss, net.params());
        double[] x = ParameterVector.get(net.params());
        int n = x.length;
        double[] v = new SplittableRandom(11).doubles(n, -1, 1).toArray();
        CurvatureObjective.Expansion e = f.expand(x, new double[n]);
        double[] hv = new double[n];
        e.times(v, hv);
        double h = 1e-5;
        double[] gp = new double[n];
        double[] gm = new double[n];
        f.valueAndGradient(axpy(x, h, v), gp);
        f.valueAndGradient(axpy(x, -h, v), gm);
        for (int i = 0; i < n; i++) {
            assertThat(hv[i]).as("(Hv)[%d]", i).isCloseTo((gp[i] - gm[i]) / (2 * h), within(1e-8));
        }
        // the finite-difference fallback agrees to about half the digits
        double[] fd = new double[n];
        FiniteDifferenceCurvature.of((Objective) f::valueAndGradient).expand(x, new double[n]).times(v, fd);
        for (int i = 0; i < n; i++) {
            assertThat(fd[i]).isCloseTo(hv[i], within(1e-5 * (1 + Math.abs(hv[i]))));
        }
    }

    @Test
    void matrixFreeGaussNewtonProductsMatchTheJacobian() {
        TinyNetwork net = new TinyNetwork(5);
        CurvatureObjective f = GaussNewtonProducts.objective(net::residuals, net.params());
        double[] x = ParameterVector.get(net.params());
        int n = x.length;
        double[] g = new double[n];
        GaussNewtonProducts.Linearization lin = (GaussNewtonProducts.Linearization) f.expand(x, g);
        double[] r = lin.residuals();
        int m = r.length;
        // the products first: the differences below move the parameters, which the recorded graph reads
        SplittableRandom rnd = new SplittableRandom(2);
        double[] v = rnd.doubles(n, -1, 1).toArray();
        double[] w = rnd.doubles(m, -1, 1).toArray();
        double[] jv = new double[m];
        double[] jtw = new double[n];
        lin.jacobianTimes(v, jv);
        lin.jacobianTransposeTimes(w, jtw);
        double[] bv = new double[n];
        lin.times(v, bv);
        // the Jacobian by central differences of the residuals, column by column
        double[][] jac = new double[m][n];
        double h = 1e-6;
        for (int j = 0; j < n; j++) {
            double[] unit = new double[n];
            unit[j] = 1;
            double[] rp = residualsAt(net, axpy(x, h, unit));
            double[] rm = residualsAt(net, axpy(x, -h, unit));
            for (int i = 0; i < m; i++) {
                jac[i][j] = (rp[i] - rm[i]) / (2 * h);
            }
        }
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += jac[i][j] * v[j];
            }
            assertThat(jv[i]).isCloseTo(s, within(1e-8));
        }
        for (int j = 0; j < n; j++) {
            double s = 0;
            double grad = 0;
            double gn = 0;
            for (int i = 0; i < m; i++) {
                s += jac[i][j] * w[i];
                grad += 2 * jac[i][j] * r[i];
                gn += 2 * jac[i][j] * jv[i];
            }
            assertThat(jtw[j]).isCloseTo(s, within(1e-8));
            assertThat(g[j]).isCloseTo(grad, within(1e-8));
            assertThat(bv[j]).isCloseTo(gn, within(1e-7));
        }
        double rss = 0;
        for (double ri : r) {
            rss += ri * ri;
        }
        assertThat(lin.value()).isEqualTo(rss);
    }

    private static double[] residualsAt(TinyNetwork net, double[] x) {
        ParameterVector.set(net.params(), x);
        return net.residuals().toArray();
    }

    private static double[] axpy(double[] x, double a, double[] v) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += a * v[i];
        }
        return out;
    }

    /** Rosenbrock's function with its exact Hessian as a curvature objective. */
    private static final CurvatureObjective ROSENBROCK = new CurvatureObjective() {
        @Override
        public double valueAndGradient(double[] x, double[] g) {
            double a = x[1] - x[0] * x[0];
            double b = 1 - x[0];
            g[0] = -400 * a * x[0] - 2 * b;
            g[1] = 200 * a;
            return 100 * a * a + b * b;
        }

        @Override
        public Expansion expand(double[] x, double[] g) {
            double value = valueAndGradient(x, g);
            double h00 = 1200 * x[0] * x[0] - 400 * x[1] + 2;
            double h01 = -400 * x[0];
            return new Expansion() {
                @Override
                public double value() {
                    return value;
                }

                @Override
                public void times(double[] v, double[] out) {
                    out[0] = h00 * v[0] + h01 * v[1];
                    out[1] = h01 * v[0] + 200 * v[1];
                }
            };
        }
    };

    @Test
    void rosenbrockConvergesWithExactAndFiniteDifferenceCurvature() {
        NewtonCg newton = NewtonCg.builder().gradientTolerance(1e-12).build();
        Result exact = newton.minimize(ROSENBROCK, new double[] {-1.2, 1});
        assertThat(exact.x()).as(exact.toString()).containsExactly(new double[] {1, 1}, within(1e-10));
        assertThat(exact.termination()).isEqualTo(Minimizer.Termination.GRADIENT_TOLERANCE);
        assertThat(exact.iterations()).isLessThan(40);
        Result fd = NewtonCg.builder().gradientTolerance(1e-9).build()
                .minimize((Objective) ROSENBROCK::valueAndGradient, new double[] {-1.2, 1});
        assertThat(fd.x()).as(fd.toString()).containsExactly(new double[] {1, 1}, within(1e-7));
    }

    /** At (0, 1) ... the start (-1.2, 1) has an indefinite Hessian too; here the saddle-like point (0, 0.5). */
    @Test
    void negativeCurvatureIsFollowedToTheBoundary() {
        double[] x = {0, 0.5};
        double[] g = new double[2];
        CurvatureObjective.Expansion e = ROSENBROCK.expand(x, g);
        double[] hv = new double[2];
        e.times(new double[] {1, 0}, hv);
        assertThat(hv[0]).isNegative(); // H[0][0] = 2 - 400 * 0.5 < 0
        NewtonCg newton = NewtonCg.builder().maxIterations(1).radius(0.5, 10).build();
        SteppingMinimizer.Run run = newton.start(ROSENBROCK, x);
        assertThat(run.step()).isTrue();
        assertThat(run.value()).isLessThan(e.value());
        assertThat(Math.hypot(run.x()[0] - x[0], run.x()[1] - x[1])).isLessThanOrEqualTo(0.5 + 1e-15);
    }

    /**
     * Refused trials move the network's shared parameters (whose storage the recorded graph reads): the run expands
     * again at its point, so it follows, step for step, a run whose Hessians were formed in full at each expansion
     * (a large first radius makes trials fail).
     */
    @Test
    void refusedTrialsDoNotLeaveStaleProducts() {
        TinyNetwork net = new TinyNetwork(3);
        CurvatureObjective f = HessianVectorProducts.objective(net::loss, net.params());
        CurvatureObjective dense = new CurvatureObjective() {
            @Override
            public double valueAndGradient(double[] x, double[] g) {
                return f.valueAndGradient(x, g);
            }

            @Override
            public Expansion expand(double[] x, double[] g) {
                Expansion e = f.expand(x, g);
                int n = x.length;
                double[][] h = new double[n][n];
                for (int j = 0; j < n; j++) {
                    double[] unit = new double[n];
                    unit[j] = 1;
                    e.times(unit, h[j]); // column j, = row j by symmetry
                }
                double value = e.value();
                return new Expansion() {
                    @Override
                    public double value() {
                        return value;
                    }

                    @Override
                    public void times(double[] v, double[] out) {
                        for (int i = 0; i < n; i++) {
                            double s = 0;
                            for (int j = 0; j < n; j++) {
                                s += h[j][i] * v[j];
                            }
                            out[i] = s;
                        }
                    }
                };
            }
        };
        double[] x0 = ParameterVector.get(net.params());
        NewtonCg newton = NewtonCg.builder().radius(50, 1000).maxIterations(15).build();
        // one run after the other: both move the same parameters
        SteppingMinimizer.Run a = newton.start(dense, x0);
        List<double[]> path = new java.util.ArrayList<>();
        while (a.step()) {
            path.add(a.x());
        }
        SteppingMinimizer.Run b = newton.start(f, x0);
        for (int k = 0; k < path.size(); k++) {
            assertThat(b.step()).isTrue();
            assertThat(b.x()).as("iteration %d", k + 1).containsExactly(path.get(k), within(1e-9));
        }
        assertThat(b.step()).isFalse();
        assertThat(a.evaluations()).isGreaterThan(a.iterations() + 1); // some trials were refused
        assertThat(b.evaluations()).isEqualTo(a.evaluations());
    }

    /** The extended Rosenbrock function in 40 dimensions on tensors, Hessian by forward-over-reverse. */
    @Test
    void extendedRosenbrockOnTensorsConverges() {
        int n = 40;
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            start[i] = i % 2 == 0 ? -1.2 : 1;
        }
        Tensor p = Tensor.of(start.clone(), n).requireGrad();
        CurvatureObjective f = HessianVectorProducts.objective(() -> {
            Tensor odd = p.slice(0, 0, n, 2);
            Tensor even = p.slice(0, 1, n, 2);
            Tensor a = even.sub(odd.square());
            return a.square().mul(100).add(odd.neg().add(1).square()).sum();
        }, List.of(p));
        Result r = NewtonCg.builder().gradientTolerance(1e-10).cgIterations(n).build().minimize(f, start);
        for (double xi : r.x()) {
            assertThat(xi).as(r.toString()).isCloseTo(1, within(1e-9));
        }
        assertThat(r.iterations()).isLessThan(60);
    }

    /**
     * Misra1a with b2 in units of 1e-4: the trust region is a Euclidean ball, so parameters 1e6 apart in scale
     * (b1 ~ 240, b2 ~ 5e-4) would make it creep along b2; scaled, both starts reach the certified values.
     */
    @Test
    void misra1aReachesTheCertifiedValuesByGaussNewtonCurvature() {
        LeastSquaresMinimizer gn = NewtonCg.builder().maxIterations(500).gradientTolerance(0).build().leastSquares();
        LeastSquares scaled = (p, withJacobian) -> {
            LeastSquares.Residuals at = LevenbergMarquardtTest.misra1a(new double[] {p[0], p[1] * 1e-4}, withJacobian);
            double[] j = at.jacobian();
            if (j != null) {
                for (int i = 1; i < j.length; i += 2) {
                    j[i] *= 1e-4;
                }
            }
            return at;
        };
        for (double[] start : new double[][] {{500, 1}, {250, 5}}) {
            Result r = gn.minimize(scaled, start);
            assertThat(r.x()[0]).as(r.toString()).isCloseTo(MISRA_B1, within(MISRA_B1 * 1e-7));
            assertThat(r.x()[1] * 1e-4).as(r.toString()).isCloseTo(MISRA_B2, within(MISRA_B2 * 1e-7));
            assertThat(r.value()).isCloseTo(MISRA_RSS, within(1e-10));
        }
    }

    @Test
    void aRestoredRunContinuesBitForBit() {
        NewtonCg newton = NewtonCg.builder().gradientTolerance(1e-12).build();
        SteppingMinimizer.Run whole = newton.start(ROSENBROCK, new double[] {-1.2, 1});
        SteppingMinimizer.Run first = newton.start(ROSENBROCK, new double[] {-1.2, 1});
        for (int i = 0; i < 5; i++) {
            whole.step();
            first.step();
        }
        Map<String, Tensor> saved = first.state();
        SteppingMinimizer.Run resumed = newton.restore(ROSENBROCK, saved);
        while (whole.step()) {
            assertThat(resumed.step()).isTrue();
            assertThat(resumed.x()).containsExactly(whole.x());
        }
        assertThat(resumed.step()).isFalse();
        assertThat(resumed.result()).isEqualTo(whole.result());
    }

    @Test
    void badSettingsAndStartsAreRefused() {
        assertThatThrownBy(() -> NewtonCg.builder().cgIterations(0)).hasMessageContaining("cg_iterations");
        assertThatThrownBy(() -> NewtonCg.builder().radius(2, 1)).hasMessageContaining("radius");
        assertThatThrownBy(() -> NewtonCg.builder().build().minimize((x, g) -> Double.NaN, new double[] {1}))
                .hasMessageContaining("not finite at the starting point");
    }
}
