package org.sciml4j.solvers.fracture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ShrinkageFilmSolverTest {
    private static final double LAMBDA = 1;
    private static final double MU = 1;
    private static final double ETA = 40;
    private static final double S = 0.1;
    private static final double G = 4e-3;

    private static FilmGrid grid(int cells, double lambda) {
        return new FilmGrid(cells, 1, lambda, MU, ETA, S, (x, y) -> G);
    }

    /**
     * u1 = a x + c y, u2 = b y, phi = p + q x on the unit square (2 x 2 cells): the bilinear interpolation is exact
     * and every integrand is of degree <= 2 per coordinate, so the 2 x 2 Gauss rule gives the exact integrals.
     */
    @Test
    void energyOfASmallFieldMatchesTheHandComputedValue() {
        FilmGrid g = grid(2, LAMBDA);
        double a = 0.03;
        double b = -0.02;
        double c = 0.01;
        double p = 0.2;
        double q = 0.1;
        double e0 = 0.05;
        double[] xy = g.nodeCoordinates();
        int n = g.nodes();
        double[] u1 = new double[n];
        double[] u2 = new double[n];
        double[] phi = new double[n];
        for (int k = 0; k < n; k++) {
            double x = xy[2 * k];
            double y = xy[2 * k + 1];
            u1[k] = a * x + c * y;
            u2[k] = b * y;
            phi[k] = p + q * x;
        }
        FilmGrid.Energy e = g.energy(u1, u2, phi, e0);
        // strains: exx = a - e0 = -0.02, eyy = b - e0 = -0.07, exy = c / 2 = 0.005, trace -0.09;
        // psi = lam/2 * 0.0081 + mu * (0.0004 + 0.0049 + 2 * 0.000025) = 0.00405 + 0.00535 = 0.0094;
        // int (1 - phi)^2 = int (0.8 - 0.1 x)^2 = 0.64 - 0.08 + 0.01/3 = 0.563333...
        double elastic = 0.0094 * (0.56 + 0.01 / 3);
        // G/(2s) int ((0.2 + 0.1 x)^2 + s^2 0.01) = 0.02 * (0.04 + 0.02 + 0.01/3 + 0.0001)
        double surface = 0.02 * (0.0601 + 0.01 / 3);
        // eta/2 int ((a x + c y)^2 + b^2 y^2) = 20 * (0.0009/3 + 0.0003/2 + 0.0001/3 + 0.0004/3)
        double substrate = 20 * (0.0014 / 3 + 0.00015);
        assertThat(e.elastic()).isCloseTo(elastic, within(1e-15));
        assertThat(e.surface()).isCloseTo(surface, within(1e-15));
        assertThat(e.substrate()).isCloseTo(substrate, within(1e-15));
        assertThat(e.crackLength()).isCloseTo(surface / G, within(1e-13));
        assertThat(e.total()).isCloseTo(elastic + surface + substrate, within(1e-15));
    }

    /** The u-gradient and the phi-system are the energy's derivatives (central differences of the energy). */
    @Test
    void gradientsMatchFiniteDifferencesOfTheEnergy() {
        FilmGrid g = grid(3, LAMBDA);
        int n = g.nodes();
        java.util.Random r = new java.util.Random(1);
        double[] u1 = new double[n];
        double[] u2 = new double[n];
        double[] phi = new double[n];
        for (int k = 0; k < n; k++) {
            u1[k] = 0.05 * r.nextGaussian();
            u2[k] = 0.05 * r.nextGaussian();
            phi[k] = r.nextDouble();
        }
        double e0 = 0.07;
        double[] g1 = new double[n];
        double[] g2 = new double[n];
        g.displacementGradient(u1, u2, phi, e0, g1, g2);
        double[] stencil = new double[9 * n];
        double[] rhs = new double[n];
        g.phaseSystem(u1, u2, e0, stencil, rhs);
        int w = g.nodesPerSide();
        double d = 1e-6;
        for (int k = 0; k < n; k++) {
            assertThat(g1[k]).isCloseTo(central(g, u1, u2, phi, e0, u1, k, d), within(1e-9));
            assertThat(g2[k]).isCloseTo(central(g, u1, u2, phi, e0, u2, k, d), within(1e-9));
            double kphi = -rhs[k];
            int i = k % w;
            int j = k / w;
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    if (i + di >= 0 && i + di < w && j + dj >= 0 && j + dj < w) {
                        kphi += stencil[9 * k + 3 * (dj + 1) + di + 1] * phi[(j + dj) * w + i + di];
                    }
                }
            }
            assertThat(kphi).isCloseTo(central(g, u1, u2, phi, e0, phi, k, d), within(1e-9));
        }
    }

    /** The u-step's Jacobi preconditioner is the diagonal of A: (A e_k)_k, A applied to unit vectors (eps0 = 0). */
    @Test
    void displacementDiagonalIsTheMatrixDiagonal() {
        FilmGrid g = grid(3, LAMBDA);
        int n = g.nodes();
        java.util.Random r = new java.util.Random(2);
        double[] phi = new double[n];
        for (int k = 0; k < n; k++) {
            phi[k] = r.nextDouble();
        }
        double[] d1 = new double[n];
        double[] d2 = new double[n];
        g.displacementDiagonal(phi, d1, d2);
        double[] zero = new double[n];
        double[] a1 = new double[n];
        double[] a2 = new double[n];
        for (int k = 0; k < n; k++) {
            double[] unit = new double[n];
            unit[k] = 1;
            g.displacementGradient(unit, zero, phi, 0, a1, a2);
            assertThat(d1[k]).isCloseTo(a1[k], within(1e-13));
            g.displacementGradient(zero, unit, phi, 0, a1, a2);
            assertThat(d2[k]).isCloseTo(a2[k], within(1e-13));
            assertThat(d1[k]).isPositive();
        }
    }

    private static double central(FilmGrid g, double[] u1, double[] u2, double[] phi, double e0, double[] which,
            int k, double d) {
        double keep = which[k];
        which[k] = keep + d;
        double plus = g.energy(u1, u2, phi, e0).total();
        which[k] = keep - d;
        double minus = g.energy(u1, u2, phi, e0).total();
        which[k] = keep;
        return (plus - minus) / (2 * d);
    }

    /**
     * With lambda = 0 and phi = 0 the film's displacement is separable: u1 = f(x), u2 = f(y) with
     * 2 mu f'' = eta f and 2 mu (f' - e0) = 0 at the free edges, so f(x) = e0 sinh(k (x - 1/2)) / (k cosh(k / 2)),
     * k = sqrt(eta / (2 mu)). The u-step reproduces it to the grid's second-order error.
     */
    @Test
    void displacementStepMatchesTheHomogeneousShrinkageClosedForm() {
        double e0 = 0.01;
        double k = Math.sqrt(ETA / (2 * MU));
        double[] err = new double[2];
        int[] sizes = {16, 32};
        for (int m = 0; m < 2; m++) {
            FilmGrid g = grid(sizes[m], 0);
            int n = g.nodes();
            double[] u1 = new double[n];
            double[] u2 = new double[n];
            new ShrinkageFilmSolver(g, 1e-6, 10).solveDisplacement(u1, u2, new double[n], e0);
            double[] xy = g.nodeCoordinates();
            for (int i = 0; i < n; i++) {
                double fx = e0 * Math.sinh(k * (xy[2 * i] - 0.5)) / (k * Math.cosh(k / 2));
                double fy = e0 * Math.sinh(k * (xy[2 * i + 1] - 0.5)) / (k * Math.cosh(k / 2));
                err[m] = Math.max(err[m], Math.max(Math.abs(u1[i] - fx), Math.abs(u2[i] - fy)));
            }
        }
        double edge = e0 * Math.tanh(k / 2) / k;
        assertThat(err[1]).isLessThan(2e-3 * edge);
        assertThat(err[0] / err[1]).isGreaterThan(3.5); // second order
    }

    /**
     * Below the threshold the film stays nearly sound and every half-step lowers the energy; past it a crack (phi
     * near 1) forms, the energy still falls at every half-step, and phi never decreases from step to step.
     */
    @Test
    void alternatingMinimisationLowersTheEnergyAndCracksPastTheThreshold() {
        FilmGrid g = new FilmGrid(24, 1, LAMBDA, MU, ETA, 0.06, (x, y) -> G);
        List<ShrinkageFilmSolver.Step> steps = new ShrinkageFilmSolver(g, 1e-4, 300).solve(new double[] {0.03,
            0.16});
        for (ShrinkageFilmSolver.Step st : steps) {
            double[] h = st.history();
            for (int i = 1; i < h.length; i++) {
                assertThat(h[i]).isLessThanOrEqualTo(h[i - 1] * (1 + 1e-12));
            }
            assertThat(st.converged()).isTrue();
        }
        double small = max(steps.get(0).phi());
        // the sound film's damage is bounded by the clamped film's psi / (psi + G / 2s)
        double psi = 2 * (LAMBDA + MU) * 0.03 * 0.03;
        assertThat(small).isLessThan(psi / (psi + G / (2 * 0.06)));
        assertThat(max(steps.get(1).phi())).isGreaterThan(0.95);
        for (int i = 0; i < g.nodes(); i++) {
            assertThat(steps.get(1).phi()[i]).isGreaterThanOrEqualTo(steps.get(0).phi()[i]).isLessThanOrEqualTo(1);
        }
        assertThat(steps.get(1).energy().crackLength()).isGreaterThan(0.5);
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
