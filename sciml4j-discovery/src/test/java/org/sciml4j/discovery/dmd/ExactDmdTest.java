package org.sciml4j.discovery.dmd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ExactDmdTest {

    /** x_{k+1} = A x_k with A = V diag-blocks V^-1 of known eigenvalues, in 20 features. */
    @Test
    void recoversTheEigenvaluesOfAKnownLinearMap() {
        int m = 20;
        int n = 60;
        double[][] lam = {{0.9, 0.3}, {0.9, -0.3}, {0.5, 0}, {-0.7, 0}};
        SplittableRandom rnd = new SplittableRandom(1);
        double[] v = new double[m * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        double[] x = new double[m * n];
        double[] z = {1, 0.5, 1, 1};
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < m; i++) {
                double s = 0;
                for (int j = 0; j < 4; j++) {
                    s += v[i + j * m] * z[j];
                }
                x[i + k * m] = s;
            }
            double a = z[0] * 0.9 + z[1] * 0.3; // block [[0.9, 0.3], [-0.3, 0.9]]: eigenvalues 0.9 -+ 0.3i
            double b = -z[0] * 0.3 + z[1] * 0.9;
            z = new double[] {a, b, 0.5 * z[2], -0.7 * z[3]};
        }
        double[] xs = new double[m * (n - 1)];
        double[] ys = new double[m * (n - 1)];
        System.arraycopy(x, 0, xs, 0, xs.length);
        System.arraycopy(x, m, ys, 0, ys.length);
        double[] x0 = new double[m];
        System.arraycopy(x, 0, x0, 0, m);
        DmdResult r = ExactDmd.fit(xs, ys, m, n - 1, 1.0, RankRule.optimal(), x0);
        assertThat(r.rank()).isEqualTo(4);
        for (double[] l : lam) {
            double best = Double.MAX_VALUE;
            for (int j = 0; j < r.modeCount(); j++) {
                best = Math.min(best, Math.hypot(r.lambdaRe()[j] - l[0], r.lambdaIm()[j] - l[1]));
            }
            assertThat(best).isLessThan(1e-12);
        }
        double[] times = new double[n];
        for (int k = 0; k < n; k++) {
            times[k] = k;
        }
        double[] rec = r.reconstruct(times);
        double err = 0;
        for (int i = 0; i < rec.length; i++) {
            err = Math.max(err, Math.abs(rec[i] - x[i]));
        }
        assertThat(err).isLessThan(1e-9);
    }

    @Test
    void snapshotMethodAgreesWithDgesdd() {
        int m = 300;
        int n = 40;
        SplittableRandom rnd = new SplittableRandom(2);
        double[] a = new double[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextGaussian();
        }
        Dense.Svd s1 = Dense.svd(a, m, n);
        Dense.Svd s2 = Dense.svdBySnapshots(a, m, n, 1e-7, RankRule.full());
        assertThat(s2.k()).isEqualTo(n);
        for (int j = 0; j < n; j++) {
            assertThat(s2.s()[j]).isCloseTo(s1.s()[j], org.assertj.core.api.Assertions.within(1e-9 * s1.s()[0]));
        }
    }
}
