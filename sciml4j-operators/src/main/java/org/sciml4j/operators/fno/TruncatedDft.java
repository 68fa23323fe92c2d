package org.sciml4j.operators.fno;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real FFT restricted to its lowest m modes, and its inverse from those modes, as dense matrices, so that a
 * batch of signals laid out grid-first, {@code (n, columns)}, goes through one matrix product with no transpose:
 * <ul>
 *   <li>{@link #analysis} {@code A (2m, n)}: rows {@code 2k, 2k+1} give the real and imaginary part of
 *       {@code sum_j v_j e^{-2 pi i j k / n}} (numpy's {@code rfft(v)[:m]});</li>
 *   <li>{@link #synthesis} {@code S (n, 2m)}: numpy's {@code irfft(z, n)} of m modes with the others zero,
 *       {@code (1/n) sum_k c_k Re(z_k e^{2 pi i j k / n})}, {@code c_k} = 1 at bin 0 and at the Nyquist bin, else 2
 *       (so, as irfft, it reads only the real part of those two bins).</li>
 * </ul>
 * A product costs {@code 2 m n} multiply-adds per signal, fewer than a full FFT's {@code ~2.5 n log2 n} flops while
 * {@code 2 m < 2.5 log2 n}-ish and far faster per flop (a large GEMM instead of many short transforms); the FNO keeps
 * {@code m <= 16} modes. Matrices are built once per (n, m) and shared (never changed).
 */
final class TruncatedDft {
    private static final Map<Long, double[][]> CACHE = new ConcurrentHashMap<>();

    private TruncatedDft() {
    }

    /** {@code A (2m, n)}, row-major. */
    static double[] analysis(int n, int m) {
        return matrices(n, m)[0];
    }

    /** {@code S (n, 2m)}, row-major. */
    static double[] synthesis(int n, int m) {
        return matrices(n, m)[1];
    }

    private static double[][] matrices(int n, int m) {
        if (m < 1 || m > n / 2 + 1) {
            throw new IllegalArgumentException("truncated DFT: need 1 <= modes <= n/2 + 1, got modes " + m + ", n "
                    + n);
        }
        return CACHE.computeIfAbsent(((long) n << 32) | m, key -> build(n, m));
    }

    private static double[][] build(int n, int m) {
        double[] a = new double[2 * m * n];
        double[] s = new double[n * 2 * m];
        for (int k = 0; k < m; k++) {
            double c = (k == 0 || 2 * k == n) ? 1.0 / n : 2.0 / n;
            for (int j = 0; j < n; j++) {
                // the angle from (j k mod n) keeps it in [0, 2 pi) exactly
                double theta = 2 * Math.PI * (int) ((long) j * k % n) / n;
                double cos = Math.cos(theta);
                double sin = Math.sin(theta);
                a[2 * k * n + j] = cos;
                a[(2 * k + 1) * n + j] = -sin;
                s[j * 2 * m + 2 * k] = c * cos;
                s[j * 2 * m + 2 * k + 1] = -c * sin;
            }
        }
        // bin 0 (and the Nyquist bin) have no imaginary part in rfft, and irfft ignores it
        for (int j = 0; j < n; j++) {
            a[n + j] = 0;
            s[j * 2 * m + 1] = 0;
            if (2 * (m - 1) == n) {
                a[(2 * m - 1) * n + j] = 0;
                s[j * 2 * m + 2 * m - 1] = 0;
            }
        }
        return new double[][] {a, s};
    }
}
