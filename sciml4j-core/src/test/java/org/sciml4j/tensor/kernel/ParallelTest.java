package org.sciml4j.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kernels' pool: every index once, nested calls on the caller, the thread count changed at run time. */
class ParallelTest {

    @AfterEach
    void restore() {
        Parallel.setThreads(Parallel.defaultThreads());
    }

    @Test
    void everyIndexRunsOnceForAnyThreadCount() {
        for (int threads : new int[] {1, 2, 3, 5}) {
            Parallel.setThreads(threads);
            for (int count : new int[] {0, 1, 2, 7, 64}) {
                AtomicIntegerArray runs = new AtomicIntegerArray(count);
                Parallel.each(count, c -> runs.incrementAndGet(c));
                for (int c = 0; c < count; c++) {
                    assertThat(runs.get(c)).as("index %d of %d, %d threads", c, count, threads).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void workRunsOnTheCallerAndThePoolsThreadsAndNestedCallsStayOnTheirThread() {
        Parallel.setThreads(2);
        Set<String> names = ConcurrentHashMap.newKeySet();
        AtomicIntegerArray nested = new AtomicIntegerArray(16 * 4);
        for (int round = 0; round < 200 && names.size() < 2; round++) {
            Parallel.each(16, c -> {
                names.add(Thread.currentThread().getName().startsWith("sciml4j-kernel") ? "pool" : "caller");
                String outer = Thread.currentThread().getName();
                Parallel.each(4, d -> {
                    assertThat(Thread.currentThread().getName()).isEqualTo(outer);
                    nested.incrementAndGet(c * 4 + d);
                });
                busy();
            });
        }
        assertThat(names).contains("caller");
        assertThat(nested.get(0)).isPositive();
    }

    @Test
    void rangeCoversEveryIndexOnce() {
        Parallel.setThreads(2);
        int n = 3 * Thresholds.PARALLEL_ELEMENTWISE + 5;
        AtomicIntegerArray runs = new AtomicIntegerArray(n);
        Parallel.range(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                runs.incrementAndGet(i);
            }
        });
        for (int i = 0; i < n; i++) {
            assertThat(runs.get(i)).isEqualTo(1);
        }
    }

    @Test
    void aThreadCountBelowOneIsRefused() {
        assertThatThrownBy(() -> Parallel.setThreads(0)).hasMessageContaining("at least 1");
        Parallel.setThreads(3);
        assertThat(Parallel.describe()).startsWith("3 (");
    }

    private static double sink;

    private static void busy() {
        double s = 0;
        for (int i = 0; i < 20_000; i++) {
            s += Math.sqrt(i);
        }
        sink += s;
    }
}
