package org.sciml4j.domain.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * Sobol points against SciPy 1.17's unscrambled {@code qmc.Sobol} (Joe-Kuo new-joe-kuo-6.21201, Gray-code order; our
 * row i is its point i + 1), and the net properties that define the sequence.
 */
class SobolTest {

    private final Sampler sobol = Sampler.sobol();

    @Test
    void firstTwoDimensionalPointsAfterTheOrigin() {
        double[] p = sobol.unitCube(7, 2, 0);
        assertThat(p).containsExactly(
                0.5, 0.5,
                0.75, 0.25,
                0.25, 0.75,
                0.375, 0.375,
                0.875, 0.875,
                0.625, 0.125,
                0.125, 0.625);
    }

    /** SciPy's points 1..8 in 21 dimensions, times 16. */
    private static final int[][] FIRST_21D_TIMES_16 = {
        {8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8},
        {12, 4, 4, 4, 12, 12, 4, 12, 12, 12, 12, 12, 4, 4, 12, 4, 12, 4, 12, 4, 4},
        {4, 12, 12, 12, 4, 4, 12, 4, 4, 4, 4, 4, 12, 12, 4, 12, 4, 12, 4, 12, 12},
        {6, 6, 10, 14, 6, 2, 6, 14, 14, 10, 14, 6, 6, 10, 6, 14, 6, 14, 14, 2, 2},
        {14, 14, 2, 6, 14, 10, 14, 6, 6, 2, 6, 14, 14, 2, 14, 6, 14, 6, 6, 10, 10},
        {10, 2, 14, 10, 10, 14, 2, 2, 2, 6, 2, 10, 2, 14, 10, 10, 10, 10, 2, 6, 6},
        {2, 10, 6, 2, 2, 6, 10, 10, 10, 14, 10, 2, 10, 6, 2, 2, 2, 2, 10, 14, 14},
        {3, 5, 15, 7, 9, 5, 7, 15, 15, 5, 11, 1, 15, 15, 13, 15, 13, 13, 15, 5, 3},
    };

    /** SciPy's point 1000 in 21 dimensions and point 1023 in 32, times 1024. */
    private static final int[] POINT_1000_TIMES_1024 =
        {225, 99, 531, 693, 287, 929, 47, 921, 513, 71, 87, 261, 165, 393, 147, 379, 737, 353, 1015, 743, 535};
    private static final int[] POINT_1023_TIMES_1024 = {1, 771, 627, 149, 191, 449, 143, 633, 353, 871, 695, 37, 133,
        681, 371, 475, 321, 897, 599, 327, 887, 19, 813, 201, 245, 385, 521, 779, 861, 445, 951, 629};

    /** SciPy's point 150001 in 32 dimensions, times 2^18: exercises direction numbers up to the 18th bit. */
    private static final int[] POINT_150001_TIMES_2_18 = {148187, 137945, 220425, 246235, 70369, 173195, 128569,
        26855, 116947, 174889, 100561, 238401, 58925, 144855, 92823, 260723, 158839, 230463, 123903, 171069, 134555,
        158387, 216027, 53303, 85743, 34921, 31137, 2667, 260423, 97099, 150795, 244481};

    @Test
    void matchesScipyInTwentyOneDimensions() {
        int d = 21;
        double[] p = sobol.unitCube(1023, d, 0);
        for (int i = 0; i < FIRST_21D_TIMES_16.length; i++) {
            for (int j = 0; j < d; j++) {
                assertThat(p[i * d + j]).as("point %d, dimension %d", i + 1, j + 1)
                        .isEqualTo(FIRST_21D_TIMES_16[i][j] / 16.0);
            }
        }
        for (int j = 0; j < d; j++) {
            assertThat(p[999 * d + j]).as("point 1000, dimension %d", j + 1)
                    .isEqualTo(POINT_1000_TIMES_1024[j] / 1024.0);
        }
    }

    @Test
    void matchesScipyInThirtyTwoDimensionsFarIntoTheSequence() {
        int d = Sobol.MAX_DIMENSION;
        assertThat(d).isEqualTo(32);
        double[] p = sobol.unitCube(150001, d, 0);
        for (int j = 0; j < d; j++) {
            assertThat(p[1022 * d + j]).as("point 1023, dimension %d", j + 1)
                    .isEqualTo(POINT_1023_TIMES_1024[j] / 1024.0);
            assertThat(p[150000 * d + j]).as("point 150001, dimension %d", j + 1)
                    .isEqualTo(POINT_150001_TIMES_2_18[j] / 262144.0);
        }
    }

    @Test
    void oneDimensionalProjectionsOfTheFirstPowerOfTwoPointsAreStratified() {
        // With the skipped origin put back, the first 2^k points hold exactly one point in each interval
        // [m 2^-k, (m+1) 2^-k) of every coordinate: ours (points 1..2^k - 1) fill every interval but the first.
        int d = Sobol.MAX_DIMENSION;
        int kMax = 14;
        double[] p = sobol.unitCube((1 << kMax) - 1, d, 0);
        for (int k = 1; k <= kMax; k++) {
            int cells = 1 << k;
            for (int j = 0; j < d; j++) {
                int[] count = new int[cells];
                for (int i = 0; i < cells - 1; i++) {
                    count[(int) (p[i * d + j] * cells)]++;
                }
                assertThat(count[0]).as("k = %d, dimension %d, first interval", k, j + 1).isZero();
                for (int m = 1; m < cells; m++) {
                    assertThat(count[m]).as("k = %d, dimension %d, interval %d", k, j + 1, m).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void firstTwoDimensionsFormA0m2Net() {
        // every elementary box of area 2^-m (2^-a by 2^-b, a + b = m) holds exactly one of the first 2^m points
        int m = 10;
        int n = 1 << m;
        double[] p = sobol.unitCube(n - 1, 2, 0);
        for (int a = 0; a <= m; a++) {
            int b = m - a;
            int[] count = new int[n];
            count[0] = 1; // the skipped origin
            for (int i = 0; i < n - 1; i++) {
                int cx = (int) (p[2 * i] * (1 << a));
                int cy = (int) (p[2 * i + 1] * (1 << b));
                count[(cx << b) + cy]++;
            }
            for (int c = 0; c < n; c++) {
                assertThat(count[c]).as("boxes 2^-%d x 2^-%d, box %d", a, b, c).isEqualTo(1);
            }
        }
    }

    @Test
    void anchoredBoxDiscrepancyIsFarBelowRandomPoints() {
        int n = 1024;
        double sobolD = Discrepancy.anchored2d(sobol.unitCube(n, 2, 0), 10);
        double randomD = Discrepancy.anchored2d(Sampler.random().unitCube(n, 2, 7), 10);
        // about log(n)^2 / n against n^(-1/2)
        assertThat(sobolD).isLessThan(0.004);
        assertThat(randomD).isGreaterThan(5 * sobolD);
    }

    @Test
    void pointsLieInTheOpenCubeAndTheSeedIsIgnored() {
        double[] p = sobol.unitCube(4000, 5, 1);
        assertThat(Arrays.stream(p).min().getAsDouble()).isGreaterThan(0);
        assertThat(Arrays.stream(p).max().getAsDouble()).isLessThan(1);
        assertThat(sobol.unitCube(4000, 5, 99)).containsExactly(p);
        // a prefix of a longer run is the shorter run
        double[] longer = sobol.unitCube(5000, 5, 0);
        assertThat(Arrays.copyOf(longer, p.length)).containsExactly(p);
    }

    @Test
    void refusesMoreDimensionsThanItHasDirectionNumbersFor() {
        assertThatThrownBy(() -> sobol.unitCube(10, 33, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sobol: dim = 33 exceeds the 32 dimensions with direction numbers; use halton, lhs or"
                        + " random");
    }
}
