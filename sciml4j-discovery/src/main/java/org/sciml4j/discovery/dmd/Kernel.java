package org.sciml4j.discovery.dmd;

/** A kernel k(a, b) = psi(a) . psi(b) of an implicit (possibly infinite) dictionary, for kernel DMD. */
public interface Kernel {

    /** k(a, b) for states a (m values from {@code ia}) and b (m values from {@code ib}). */
    double value(double[] a, int ia, double[] b, int ib, int m);

    /** The polynomial kernel (1 + a.b / c)^degree: all monomials up to that degree, weighted. */
    static Kernel polynomial(int degree, double scale) {
        return (a, ia, b, ib, m) -> {
            double dot = 0;
            for (int i = 0; i < m; i++) {
                dot += a[ia + i] * b[ib + i];
            }
            return Math.pow(1 + dot / scale, degree);
        };
    }

    /** The Gaussian kernel exp(-|a - b|^2 / (2 sigma^2)). */
    static Kernel gaussian(double sigma) {
        return (a, ia, b, ib, m) -> {
            double r2 = 0;
            for (int i = 0; i < m; i++) {
                double d = a[ia + i] - b[ib + i];
                r2 += d * d;
            }
            return Math.exp(-r2 / (2 * sigma * sigma));
        };
    }
}
