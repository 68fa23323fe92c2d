package org.sciml4j.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimationTest {
    @Test
    void shortLinesKeepEveryPoint() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThat(Decimation.m4(x, x.clone(), 2)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void eachBucketKeepsItsFirstLastLowestHighestAndFirstGap() {
        int n = 10000;
        int buckets = 100;
        double[] x = new double[n];
        double[] y = new double[n];
        Random r = new Random(7);
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
            y[i] = r.nextDouble() < 0.01 ? Double.NaN : r.nextGaussian();
        }
        int[] kept = Decimation.m4(x, y, buckets);
        assertThat(kept).isSorted().doesNotHaveDuplicates();
        assertThat(kept.length).isLessThanOrEqualTo(5 * buckets).isGreaterThanOrEqualTo(4 * buckets);
        assertThat(kept[0]).isZero();
        assertThat(kept[kept.length - 1]).isEqualTo(n - 1);
        double width = (x[n - 1] - x[0]) / buckets;
        for (int b = 0; b < buckets; b++) {
            int first = -1;
            int last = -1;
            int lo = -1;
            int hi = -1;
            int gap = -1;
            for (int i = 0; i < n; i++) {
                if (Math.min(buckets - 1, (int) ((x[i] - x[0]) / width)) != b) {
                    continue;
                }
                first = first < 0 ? i : first;
                last = i;
                if (Double.isNaN(y[i])) {
                    gap = gap < 0 ? i : gap;
                } else {
                    lo = lo < 0 || y[i] < y[lo] ? i : lo;
                    hi = hi < 0 || y[i] > y[hi] ? i : hi;
                }
            }
            assertThat(kept).contains(first, last, lo, hi);
            if (gap >= 0) {
                assertThat(kept).contains(gap);
            }
        }
    }

    @Test
    void theDecimatedLineSpansTheSameRange() {
        int n = 5000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 10 + 0.5 * i;
            y[i] = Math.exp(-i / 700.0) * (1 + 0.2 * Math.sin(i));
        }
        int[] kept = Decimation.m4(x, y, 300);
        double[] ky = Decimation.pick(y, kept);
        assertThat(java.util.Arrays.stream(ky).min().getAsDouble())
                .isEqualTo(java.util.Arrays.stream(y).min().getAsDouble());
        assertThat(java.util.Arrays.stream(ky).max().getAsDouble())
                .isEqualTo(java.util.Arrays.stream(y).max().getAsDouble());
        assertThat(Decimation.pick(x, kept)).startsWith(10.0).endsWith(x[n - 1]);
    }
}
