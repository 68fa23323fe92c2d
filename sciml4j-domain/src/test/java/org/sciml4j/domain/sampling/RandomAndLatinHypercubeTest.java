package org.sciml4j.domain.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sciml4j.tensor.Rng;

/** The seeded samplers: reproducible under a seed, different between seeds, and LHS stratified. */
class RandomAndLatinHypercubeTest {

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 3", "7, 2", "100, 5", "1000, 3", "4096, 12"})
    void latinHypercubeHoldsOnePointPerStratumOfEveryCoordinate(int n, int d) {
        for (long seed : new long[] {0, 1, 42}) {
            double[] p = Sampler.latinHypercube().unitCube(n, d, seed);
            for (int j = 0; j < d; j++) {
                boolean[] taken = new boolean[n];
                for (int i = 0; i < n; i++) {
                    double x = p[i * d + j];
                    assertThat(x).isGreaterThanOrEqualTo(0).isLessThan(1);
                    // the stratum k with k / n <= x < (k + 1) / n as doubles (x * n alone may round across)
                    int k = (int) (x * n);
                    while (k > 0 && x < (double) k / n) {
                        k--;
                    }
                    while (x >= (k + 1.0) / n) {
                        k++;
                    }
                    assertThat(taken[k]).as("n = %d, coordinate %d: stratum %d twice", n, j, k).isFalse();
                    taken[k] = true;
                }
            }
        }
    }

    @Test
    void latinHypercubeCoordinatesAreIndependentlyPermuted() {
        // the strata of two coordinates are matched by different permutations: not the diagonal, and roughly
        // uncorrelated (|rank correlation| below 4 standard errors, 4 / sqrt(n))
        int n = 1000;
        double[] p = Sampler.latinHypercube().unitCube(n, 2, 5);
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (p[2 * i] - 0.5) * (p[2 * i + 1] - 0.5);
        }
        double correlation = sxy / n * 12; // the variance of a uniform is 1/12
        assertThat(Math.abs(correlation)).isLessThan(4 / Math.sqrt(n));
    }

    @Test
    void seededSamplersAreReproducibleAndDifferBetweenSeeds() {
        for (Sampler s : new Sampler[] {Sampler.random(), Sampler.latinHypercube()}) {
            double[] a = s.unitCube(200, 3, 11);
            assertThat(s.unitCube(200, 3, 11)).as("%s", s).containsExactly(a);
            double[] b = s.unitCube(200, 3, 12);
            int same = 0;
            for (int k = 0; k < a.length; k++) {
                same += a[k] == b[k] ? 1 : 0;
            }
            assertThat(same).as("%s: equal values under seeds 11 and 12", s).isZero();
        }
    }

    @Test
    void randomIsTheRngStreamRowMajor() {
        double[] p = Sampler.random().unitCube(50, 4, 2024);
        Rng rng = new Rng(2024);
        for (double x : p) {
            assertThat(x).isEqualTo(rng.uniform());
        }
    }

    @Test
    void randomIsUniformInTheHalfOpenCube() {
        int n = 100_000;
        double[] p = Sampler.random().unitCube(n, 1, 3);
        int[] count = new int[10];
        for (double x : p) {
            assertThat(x).isGreaterThanOrEqualTo(0).isLessThan(1);
            count[(int) (x * 10)]++;
        }
        // each tenth holds n/10 = 10000 points, standard deviation about 95
        for (int c : count) {
            assertThat(c).isBetween(9600, 10400);
        }
    }
}
