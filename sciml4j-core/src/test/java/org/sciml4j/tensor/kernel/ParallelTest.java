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

    /** An index that throws on a helper or on the caller: the exception reaches the caller, after the others ran. */
    @Test
    void anExceptionInAnyIndexReachesTheCaller() {
        Parallel.setThreads(2);
        for (int bad : new int[] {0, 5, 11}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(12);
            assertThatThrownBy(() -> Parallel.each(12, c -> {
                busy();
                if (c == bad) {
                    throw new IllegalStateException("index " + c);
                }
                runs.incrementAndGet(c);
            })).isInstanceOf(IllegalStateException.class).hasMessage("index " + bad);
            for (int c = 0; c < 12; c++) {
                assertThat(runs.get(c)).as("index %d", c).isLessThanOrEqualTo(1);
            }
        }
        AtomicIntegerArray after = new AtomicIntegerArray(8); // the pool still works
        Parallel.each(8, after::incrementAndGet);
        for (int c = 0; c < 8; c++) {
            assertThat(after.get(c)).isEqualTo(1);
        }
    }

    /** Two threads calling at once (the pool is shared): every index of every call runs once. */
    @Test
    void concurrentCallersEachRunEveryIndexOnce() throws Exception {
        Parallel.setThreads(2);
        int rounds = 300;
        AtomicIntegerArray runs = new AtomicIntegerArray(2 * 16);
        Thread[] callers = new Thread[2];
        Throwable[] failed = new Throwable[2];
        for (int t = 0; t < 2; t++) {
            int base = 16 * t;
            callers[t] = new Thread(() -> {
                for (int r = 0; r < rounds; r++) {
                    Parallel.each(16, c -> runs.incrementAndGet(base + c));
                }
            });
            int id = t;
            callers[t].setUncaughtExceptionHandler((th, e) -> failed[id] = e);
            callers[t].start();
        }
        for (Thread c : callers) {
            c.join();
        }
        assertThat(failed).containsOnlyNulls();
        for (int c = 0; c < 32; c++) {
            assertThat(runs.get(c)).as("index %d", c).isEqualTo(rounds);
        }
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

    /**
     * The vectorised tanh runs whole vectors from the start of each chunk and scalar code on its last elements: with
     * chunk boundaries at multiples of the vector length, 1, 2 and 3 threads give the same bits (they did not when
     * 150,000 elements were cut into chunks of 18,750: two scalar elements per chunk).
     */
    @Test
    void vectorisedKernelsGiveTheSameBitsForAnyThreadCount() {
        int n = 750 * 200 + 3;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(0.37 * i) * (1 + i % 7);
        }
        double[][] out = new double[3][];
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            out[threads - 1] = Elementwise.unary(Elementwise.Unary.TANH, x, new double[n]);
        }
        for (int i = 0; i < n; i++) {
            assertThat(out[0][i]).isCloseTo(Math.tanh(x[i]), org.assertj.core.data.Offset.offset(1e-15));
            for (int t = 1; t < 3; t++) {
                assertThat(Double.doubleToRawLongBits(out[t][i])).as("%d threads, element %d", t + 1, i)
                        .isEqualTo(Double.doubleToRawLongBits(out[0][i]));
            }
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
