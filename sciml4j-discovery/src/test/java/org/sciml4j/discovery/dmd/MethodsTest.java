package org.sciml4j.discovery.dmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class MethodsTest {

    private static DmdResult exact(Snapshots d, RankRule rule) {
        return ExactDmd.fit(d.pairFirsts(), d.pairSeconds(), d.features(), d.pairs(), d.uniformStep(), rule,
                Arrays.copyOf(d.x(), d.features()));
    }

    @Test
    void exactDmdOfAGeneratedLinearSystem() {
        Snapshots d = Generators.linear(new double[] {-0.1, 0.05, -0.5}, new double[] {2.0, 0.7, 0}, 40,
                Generators.uniformTimes(100, 0.1), 4);
        DmdResult r = exact(d, RankRule.optimal());
        assertThat(r.rank()).isEqualTo(5);
        EigenvalueScore s = EigenvalueScore.of(r, d.truthRe(), d.truthIm());
        assertThat(s.discreteEigenvalueError()).isLessThan(1e-12);
        assertThat(s.eigenvalueError()).isLessThan(1e-10);
        assertThat(r.frequency(0)).isNotNaN();
    }

    @Test
    void rankRules() {
        double[] s = {10, 5, 1, 0.1, 0.01, 1e-20};
        assertThat(RankRule.fixed(3).rank(s, 10, 6)).isEqualTo(3);
        assertThat(RankRule.full().rank(s, 10, 6)).isEqualTo(5); // 1e-20 is under the numerical floor
        // energy: 100 + 25 = 125 of 126.0101 (0.99199): 0.995 needs the third
        assertThat(RankRule.energy(0.995).rank(s, 10, 6)).isEqualTo(3);
        assertThat(RankRule.energy(0.99).rank(s, 10, 6)).isEqualTo(2);
        assertThat(RankRule.energy(0.9).rank(s, 10, 6)).isEqualTo(2);
        // square: beta = 1, omega = 2.86; median of 6 = (1 + 0.1) / 2 = 0.55: threshold 1.573
        assertThat(RankRule.optimal().rank(s, 6, 6)).isEqualTo(2);
    }

    @Test
    void hankelDmdFindsTwoFrequenciesInOneSignal() {
        Snapshots d = Generators.dampedOscillations(new double[] {0.5, 1.3}, new double[] {-0.05, -0.1}, 4,
                Generators.uniformTimes(200, 0.05), 5);
        double[] one = new double[d.snapshots()];
        for (int k = 0; k < one.length; k++) {
            one[k] = d.x()[k * 4];
        }
        DmdResult r = HankelDmd.fit(one, 1, one.length, 10, 0.05, RankRule.optimal());
        EigenvalueScore s = EigenvalueScore.of(r, d.truthRe(), d.truthIm());
        assertThat(r.rank()).isEqualTo(4);
        assertThat(s.eigenvalueError()).isLessThan(1e-8);
        double[] rec = r.reconstruct(OptimizedDmd.fromZero(d.times()));
        for (int k = 0; k < one.length; k++) {
            assertThat(rec[k]).isCloseTo(one[k], within(1e-8));
        }
    }

    @Test
    void optimizedDmdOnUnevenTimes() {
        double[] times = Generators.unevenTimes(150, 0.1, 9);
        Snapshots d = Generators.dampedOscillations(new double[] {0.4, 1.1}, new double[] {-0.1, 0.02}, 30, times,
                6);
        DmdResult r = OptimizedDmd.fit(d.x(), d.features(), d.snapshots(), d.times(), 0.1, RankRule.optimal());
        EigenvalueScore s = EigenvalueScore.of(r, d.truthRe(), d.truthIm());
        assertThat(r.rank()).isEqualTo(4);
        assertThat(s.eigenvalueError()).isLessThan(1e-8);
    }

    @Test
    void bopDmdIsUnbiasedWhereExactDmdIsNot() {
        Snapshots clean = Generators.dampedOscillations(new double[] {0.3, 0.8}, new double[] {-0.1, -0.2}, 50,
                Generators.uniformTimes(400, 0.05), 7);
        Snapshots d = Generators.withNoise(clean, 0.05, 8);
        DmdResult bop = BopDmd.fit(d.x(), d.features(), d.snapshots(), d.times(), 0.05, RankRule.fixed(4), 20,
                0.6, 3);
        DmdResult ex = exact(d, RankRule.fixed(4));
        EigenvalueScore sb = EigenvalueScore.of(bop, d.truthRe(), d.truthIm());
        EigenvalueScore se = EigenvalueScore.of(ex, d.truthRe(), d.truthIm());
        System.out.println("bop " + sb + "\nexact " + se);
        assertThat(sb.growthRateRelativeError()).isLessThan(0.01);
        assertThat(sb.frequencyRelativeError()).isLessThan(0.01);
        assertThat(se.growthRateRelativeError()).isGreaterThan(sb.growthRateRelativeError());
        assertThat(Arrays.stream(bop.omegaSdRe()).min().orElseThrow()).isPositive();
    }

    @Test
    void edmdRecoversTheSlowManifoldEigenvalues() {
        Snapshots d = Generators.slowManifold(-0.05, -1, 20, 30, 0.1, 1);
        DmdResult r = Edmd.fit(d.pairFirsts(), d.pairSeconds(), 2, d.pairs(), 0.1, new PolynomialDictionary(2, 2),
                1e-13);
        EigenvalueScore s = EigenvalueScore.of(r, d.truthRe(), d.truthIm());
        assertThat(s.eigenvalueError()).isLessThan(1e-6);
        assertThat(new PolynomialDictionary(2, 2).size()).isEqualTo(6);
        assertThat(new PolynomialDictionary(2, 2).name(3)).isEqualTo("x1^2");
    }

    @Test
    void kernelDmdWithAPolynomialKernelMatchesEdmd() {
        Snapshots d = Generators.slowManifold(-0.05, -1, 20, 30, 0.1, 1);
        DmdResult r = KernelDmd.fit(d.pairFirsts(), d.pairSeconds(), 2, d.pairs(), 0.1, Kernel.polynomial(2, 1),
                RankRule.fixed(6));
        EigenvalueScore s = EigenvalueScore.of(r, d.truthRe(), d.truthIm());
        assertThat(s.eigenvalueError()).isLessThan(1e-6);
    }

    @Test
    void dmdcSeparatesDynamicsFromInputs() {
        // x_{k+1} = A x_k + B u_k, A with eigenvalues 0.9, 0.5, random inputs
        int m = 2;
        int n = 60;
        double[] a = {0.9, 0, 0.2, 0.5}; // column-major [[0.9, 0.2], [0, 0.5]]
        double[] b = {1, 0.5};
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        double[] u = new double[n];
        double[] x = new double[m * n];
        x[0] = 1;
        x[1] = -1;
        for (int k = 0; k < n - 1; k++) {
            u[k] = rnd.nextGaussian();
            x[(k + 1) * m] = a[0] * x[k * m] + a[2] * x[k * m + 1] + b[0] * u[k];
            x[(k + 1) * m + 1] = a[1] * x[k * m] + a[3] * x[k * m + 1] + b[1] * u[k];
        }
        Snapshots d = Snapshots.of(x, m, Generators.uniformTimes(n, 1)).withInputs(u, 1);
        Dmdc.Model unknown = Dmdc.fitUnknownB(d.pairFirsts(), d.pairSeconds(), d.pairInputs(), m, d.pairs(), 1, 1,
                RankRule.full());
        Dmdc.Model known = Dmdc.fitKnownB(d.pairFirsts(), d.pairSeconds(), d.pairInputs(), b, m, d.pairs(), 1, 1,
                RankRule.full());
        for (Dmdc.Model model : new Dmdc.Model[] {unknown, known}) {
            double[] lam = model.modal().lambdaRe().clone();
            Arrays.sort(lam);
            assertThat(lam[0]).isCloseTo(0.5, within(1e-10));
            assertThat(lam[1]).isCloseTo(0.9, within(1e-10));
            double[] sim = model.simulate(Arrays.copyOf(x, m), u, n - 1);
            for (int i = 0; i < x.length; i++) {
                assertThat(sim[i]).isCloseTo(x[i], within(1e-9));
            }
        }
    }
}
