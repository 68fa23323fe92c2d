package org.sciml4j.discovery.sindy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sciml4j.discovery.data.Generators;
import org.sciml4j.discovery.derivative.FiniteDifference;
import org.sciml4j.domain.expr.ExpressionException;

class LibraryAndOptimizerTest {
    static final List<String> XY = List.of("x", "y");

    @Test
    void polynomialNamesFollowScikitLearnsOrderAndValuesMatch() {
        PolynomialLibrary lib = new PolynomialLibrary(3);
        assertThat(lib.names(XY)).containsExactly("1", "x", "y", "x^2", "x y", "y^2", "x^3", "x^2 y", "x y^2", "y^3");
        assertThat(new PolynomialLibrary(5).names(List.of("x", "y", "z"))).hasSize(56);
        assertThat(new PolynomialLibrary(3, false, false).names(XY)).containsExactly("x", "y", "x^2", "y^2", "x^3",
                "y^3");
        double[] t = lib.transform(new double[] {2, 3, -1, 0.5}, 2, 2);
        assertThat(java.util.Arrays.copyOfRange(t, 0, 10)).containsExactly(1, 2, 3, 4, 6, 9, 8, 12, 18, 27);
        assertThat(t[10 + 7]).isEqualTo(0.5); // x^2 y at (-1, 0.5)
        double[] noCross = new PolynomialLibrary(3, false, false).transform(new double[] {2, 3}, 1, 2);
        assertThat(noCross).containsExactly(2, 3, 4, 9, 8, 27);
    }

    @Test
    void fourierCustomConcatAndTensorLibraries() {
        FourierLibrary f = new FourierLibrary(2);
        assertThat(f.names(List.of("x"))).containsExactly("sin(x)", "cos(x)", "sin(2 x)", "cos(2 x)");
        assertThat(f.transform(new double[] {0.3}, 1, 1)).containsExactly(Math.sin(0.3), Math.cos(0.3),
                Math.sin(0.6), Math.cos(0.6));
        CustomLibrary c = CustomLibrary.of(XY, "sin(x) * y", "exp(-y^2)");
        assertThat(c.names(XY)).containsExactly("sin(x) * y", "exp(-y^2)");
        double[] v = c.transform(new double[] {0.5, 2}, 1, 2);
        assertThat(v[0]).isCloseTo(Math.sin(0.5) * 2, within(1e-15));
        assertThat(v[1]).isCloseTo(Math.exp(-4), within(1e-15));
        assertThatThrownBy(() -> CustomLibrary.of(XY, "sin(q)")).isInstanceOf(ExpressionException.class);
        FeatureLibrary cat = new ConcatLibrary(List.of(new PolynomialLibrary(1), f));
        assertThat(cat.names(List.of("x"))).containsExactly("1", "x", "sin(x)", "cos(x)", "sin(2 x)", "cos(2 x)");
        FeatureLibrary tensor = new TensoredLibrary(new PolynomialLibrary(1, true, false), new FourierLibrary(1));
        assertThat(tensor.names(XY)).containsExactly("x sin(x)", "x cos(x)", "x sin(y)", "x cos(y)", "y sin(x)",
                "y cos(x)", "y sin(y)", "y cos(y)");
        double[] tv = tensor.transform(new double[] {0.5, 2}, 1, 2);
        assertThat(tv[5]).isCloseTo(2 * Math.cos(0.5), within(1e-15));
    }

    @Test
    void pdeLibraryNamesAndProducts() {
        PdeLibrary lib = new PdeLibrary(1, 2);
        List<String> in = PdeLibrary.inputNames("u", "x", 2);
        assertThat(in).containsExactly("u", "u_x", "u_xx");
        assertThat(lib.names(in)).containsExactly("1", "u", "u^2", "u_x", "u u_x", "u^2 u_x", "u_xx", "u u_xx",
                "u^2 u_xx");
        assertThat(lib.transform(new double[] {2, 3, 5}, 1, 3)).containsExactly(1, 2, 4, 3, 6, 12, 5, 10, 20);
    }

    /** A random sparse linear problem y = Theta xi + small noise. */
    static Design sparseProblem(double[] xi, int n, double noise) {
        int p = xi.length;
        SplittableRandom rng = new SplittableRandom(5);
        double[] theta = new double[n * p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < p; f++) {
                theta[i * p + f] = rng.nextGaussian();
                y[i] += theta[i * p + f] * xi[f];
            }
            y[i] += noise * rng.nextGaussian();
        }
        return new Design(theta, n, p, y, 1);
    }

    @Test
    void stlsqAndSr3RecoverASparseVector() {
        double[] truth = {0, 1.5, 0, 0, -2, 0, 0.7, 0};
        Design d = sparseProblem(truth, 400, 0.01);
        for (SparseRegressor r : List.of(new Stlsq(0.2), new Sr3(0.2, 1, Sr3.Penalty.L0),
                new Sr3(0.05, 1, Sr3.Penalty.L1), new Stlsq(0.2, 0.05, 20, true))) {
            double[] xi = r.fit(d);
            for (int f = 0; f < truth.length; f++) {
                if (truth[f] == 0) {
                    assertThat(xi[f]).as(r.describe() + " feature " + f).isZero();
                } else {
                    assertThat(xi[f]).as(r.describe() + " feature " + f).isCloseTo(truth[f], within(0.005));
                }
            }
        }
    }

    @Test
    void sr3HoldsAnEqualityConstraintExactly() {
        // two targets; force xi[1][target 0] + xi[4][target 1] = 0 (vec order: target 0's 8, then target 1's 8)
        int p = 8;
        double[] truth0 = {0, 1.5, 0, 0, -2, 0, 0.7, 0};
        Design one = sparseProblem(truth0, 400, 0.01);
        double[] y = new double[400 * 2];
        for (int i = 0; i < 400; i++) {
            y[2 * i] = one.y()[i];
            y[2 * i + 1] = -one.y()[i];
        }
        Design d = new Design(one.theta(), 400, p, y, 2);
        double[] lhs = new double[2 * p];
        lhs[1] = 1;
        lhs[p + 1] = 1;
        Sr3 sr3 = new Sr3(0.2, 1, Sr3.Penalty.L0, 10000, 1e-12, false, lhs, new double[] {0.25});
        double[] xi = sr3.fit(d);
        assertThat(xi[1 * 2] + xi[1 * 2 + 1]).isCloseTo(0.25, within(1e-9));
        // the constraint splits the misfit between the two targets: 1.5 + 0.125 and -1.5 + 0.125
        assertThat(xi[1 * 2]).isCloseTo(1.625, within(0.01));
        assertThatThrownBy(() -> new Sr3(0.2, 1, Sr3.Penalty.L0, 10, 1e-9, false, new double[3], new double[] {0})
                .fit(d)).hasMessageContaining("expected 1 x 16");
    }

    @Test
    void ensembleGivesInclusionProbabilitiesAndMedians() {
        double[] truth = {0, 1.5, 0, 0, -2, 0, 0.7, 0};
        Design d = sparseProblem(truth, 400, 0.05);
        // each model drops 1 of the 8 columns, so a true term is seen in about 7/8 of the models
        Ensemble e = new Ensemble(new Stlsq(0.2), 25, true, 1, 0.5, 7);
        double[] xi = e.fit(d);
        double[] inc = e.inclusionProbabilities();
        assertThat(inc[1]).isBetween(0.6, 1.0);
        assertThat(inc[0]).isLessThan(0.2);
        assertThat(xi[4]).isCloseTo(-2, within(0.02));
        assertThat(xi[0]).isZero();
        assertThat(new Ensemble(new Stlsq(0.2), 25, true, 1, 0.5, 7).fit(d)).containsExactly(xi);
    }

    @Test
    void sindyWithAControlInput() {
        // x' = -x + u with u = sin(3 t): the control enters the library as an input
        double[] t = Generators.times(0.001, 10);
        int n = t.length;
        double[] x = new double[n];
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            u[i] = Math.sin(3 * t[i]);
            // exact solution from x(0) = 1
            x[i] = (1 + 0.3) * Math.exp(-t[i]) + (Math.sin(3 * t[i]) - 3 * Math.cos(3 * t[i])) / 10;
        }
        SindyModel model = new Sindy(new PolynomialLibrary(2), new Stlsq(0.05, 0, 20, false),
                new FiniteDifference(1, 4), null).fit(t, x, List.of("x"), u, List.of("u"));
        assertThat(model.equations(3)).containsExactly("x' = -1.000 x + 1.000 u");
        double[] sim = model.simulate(t, new double[] {1}, u).x();
        assertThat(sim[n - 1]).isCloseTo(x[n - 1], within(1e-6));
        assertThat(model.predict(new double[] {2}, new double[] {0.5}, 1)[0]).isCloseTo(-1.5, within(1e-6));
    }

    @Test
    void pdeFindOnExactBurgersData() {
        Generators.Field f = Generators.burgers(0.1, 128, 81, 4);
        int nt = f.t().length;
        int nx = f.x().length;
        double[] in = PdeLibrary.inputs(f.u(), nt, f.x(), 3, true);
        double[] ut = new FiniteDifference(1, 4).apply(f.t(), f.u(), nx);
        PdeLibrary lib = new PdeLibrary(1, 2);
        Design d = new Design(lib.transform(in, nt * nx, 4), nt * nx, 12, ut, 1);
        double[] xi = new Stlsq(0.02, 0, 20, false).fit(d);
        List<String> names = lib.names(PdeLibrary.inputNames("u", "x", 3));
        assertThat(xi[names.indexOf("u u_x")]).isCloseTo(-1, within(0.005));
        assertThat(xi[names.indexOf("u_xx")]).isCloseTo(0.1, within(0.0005));
        int nonzero = 0;
        for (double v : xi) {
            nonzero += v != 0 ? 1 : 0;
        }
        assertThat(nonzero).isEqualTo(2);
    }
}
