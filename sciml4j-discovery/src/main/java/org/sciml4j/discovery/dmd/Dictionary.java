package org.sciml4j.discovery.dmd;

/** The observables psi_1..psi_N of extended DMD: functions of the state x (m features). */
public interface Dictionary {

    /** The number N of functions. */
    int size();

    /** A readable name of function k, e.g. {@code x1^2 x2}. */
    String name(int k);

    /** Writes psi_1(x)..psi_N(x) into {@code out} (N) for the state in {@code x} starting at {@code offset} (m). */
    void evaluate(double[] x, int offset, double[] out);

    /** Psi (p, N), column-major: row i holds the functions at the snapshot i (column i of x (m, p)). */
    default double[] matrix(double[] x, int m, int p) {
        int nf = size();
        double[] psi = new double[p * nf];
        double[] row = new double[nf];
        for (int i = 0; i < p; i++) {
            evaluate(x, i * m, row);
            for (int k = 0; k < nf; k++) {
                psi[i + k * p] = row[k];
            }
        }
        return psi;
    }
}
