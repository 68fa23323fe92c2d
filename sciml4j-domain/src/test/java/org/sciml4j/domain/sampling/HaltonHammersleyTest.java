package org.sciml4j.domain.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Halton and Hammersley points: exact known values, their relation, and their spread. */
class HaltonHammersleyTest {

    @Test
    void haltonFirstPointsInBasesTwoThreeAndFive() {
        double[] p = Sampler.halton().unitCube(8, 3, 0);
        double[][] expected = {
            {1 / 2.0, 1 / 3.0, 1 / 5.0},
            {1 / 4.0, 2 / 3.0, 2 / 5.0},
            {3 / 4.0, 1 / 9.0, 3 / 5.0},
            {1 / 8.0, 4 / 9.0, 4 / 5.0},
            {5 / 8.0, 7 / 9.0, 1 / 25.0},
            {3 / 8.0, 2 / 9.0, 6 / 25.0},
            {7 / 8.0, 5 / 9.0, 11 / 25.0},
            {1 / 16.0, 8 / 9.0, 16 / 25.0},
        };
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < 3; j++) {
                // correctly rounded, so equal to the double nearest the fraction
                assertThat(p[3 * i + j]).as("point %d, coordinate %d", i + 1, j).isEqualTo(expected[i][j]);
            }
        }
    }

    @Test
    void radicalInverseOfLargeIndicesAndTheFirstPrimes() {
        // 1000 = 1111101000 in base 2 -> 0.0001011111 = 95 / 1024
        assertThat(Halton.radicalInverse(1000, 2)).isEqualTo(95 / 1024.0);
        // 100 = 10201 in base 3 -> 0.10201 = 100 / 243 (a palindrome)
        assertThat(Halton.radicalInverse(100, 3)).isEqualTo(100 / 243.0);
        // 2^31 - 1 in base 2 is 31 ones -> 1 - 2^-31
        assertThat(Halton.radicalInverse(Integer.MAX_VALUE, 2)).isEqualTo(1 - 0x1p-31);
        assertThat(Halton.primes(12)).containsExactly(2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37);
    }

    @Test
    void haltonCoordinateInPrimeBaseIsStratifiedOverFullPowers() {
        // points 1..b^k - 1 of coordinate base b are exactly the fractions m / b^k, m = 1..b^k - 1, once each: every
        // interval [m b^-k, (m+1) b^-k) but the first (the skipped origin's) holds one point, at its left end
        int d = 6;
        int[] bases = Halton.primes(d);
        double[] p = Sampler.halton().unitCube(15624, d, 0); // 5^6 - 1
        for (int j = 0; j < d; j++) {
            int b = bases[j];
            int cells = 1;
            while (cells * b <= 15625) {
                cells *= b;
            }
            int[] count = new int[cells];
            for (int i = 0; i < cells - 1; i++) {
                double scaled = p[i * d + j] * cells;
                long m = Math.round(scaled);
                assertThat(Math.abs(scaled - m)).as("base %d, point %d", b, i + 1).isLessThan(1e-9);
                count[(int) m]++;
            }
            assertThat(count[0]).as("base %d", b).isZero();
            for (int m = 1; m < cells; m++) {
                assertThat(count[m]).as("base %d, fraction %d / %d", b, m, cells).isEqualTo(1);
            }
        }
    }

    @Test
    void hammersleyIsCentredStrataThenHalton() {
        int n = 10;
        double[] h = Sampler.hammersley().unitCube(n, 3, 0);
        double[] halton = Sampler.halton().unitCube(n, 2, 0);
        for (int i = 0; i < n; i++) {
            assertThat(h[3 * i]).isEqualTo((i + 0.5) / n);
            assertThat(h[3 * i + 1]).isEqualTo(halton[2 * i]);
            assertThat(h[3 * i + 2]).isEqualTo(halton[2 * i + 1]);
        }
        assertThat(Sampler.hammersley().unitCube(4, 1, 0)).containsExactly(0.125, 0.375, 0.625, 0.875);
        // the set depends on n: its first coordinate is rescaled
        assertThat(Sampler.hammersley().unitCube(5, 2, 0)[0]).isEqualTo(0.1);
    }

    @Test
    void bothSpreadFarMoreEvenlyThanRandomPoints() {
        int n = 1000;
        double random = Discrepancy.anchored2d(Sampler.random().unitCube(n, 2, 3), 10);
        double halton = Discrepancy.anchored2d(Sampler.halton().unitCube(n, 2, 0), 10);
        double hammersley = Discrepancy.anchored2d(Sampler.hammersley().unitCube(n, 2, 0), 10);
        assertThat(halton).isLessThan(0.005);
        assertThat(hammersley).isLessThan(0.005);
        assertThat(random).isGreaterThan(3 * Math.max(halton, hammersley));
    }

    @Test
    void pointsLieInTheOpenCubeAndTheSeedIsIgnored() {
        for (Sampler s : new Sampler[] {Sampler.halton(), Sampler.hammersley()}) {
            double[] p = s.unitCube(3000, 8, 1);
            assertThat(Arrays.stream(p).min().getAsDouble()).as("%s", s).isGreaterThan(0);
            assertThat(Arrays.stream(p).max().getAsDouble()).as("%s", s).isLessThan(1);
            assertThat(s.unitCube(3000, 8, 2)).as("%s", s).containsExactly(p);
        }
    }
}
