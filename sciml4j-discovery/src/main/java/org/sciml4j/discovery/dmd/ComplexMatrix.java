package org.sciml4j.discovery.dmd;

/**
 * A complex (rows, cols) matrix as two column-major {@code double[]} arrays, real and imaginary parts, entry (i, j) at
 * {@code i + j * rows}. Just the few operations DMD needs; real-by-complex products go through real BLAS twice.
 */
public record ComplexMatrix(int rows, int cols, double[] re, double[] im) {

    public ComplexMatrix {
        if (re.length != rows * cols || im.length != rows * cols) {
            throw new IllegalArgumentException("complex matrix (" + rows + ", " + cols + ") needs " + rows * cols
                    + " values, got re " + re.length + " and im " + im.length);
        }
    }

    /** A zero matrix. */
    public ComplexMatrix(int rows, int cols) {
        this(rows, cols, new double[rows * cols], new double[rows * cols]);
    }

    /** A real matrix as a complex one (the array is shared). */
    public static ComplexMatrix real(int rows, int cols, double[] re) {
        return new ComplexMatrix(rows, cols, re, new double[rows * cols]);
    }

    /** R C for a real R (m, rows) column-major: (m, cols). */
    public ComplexMatrix leftMultiplyReal(double[] r, int m) {
        return new ComplexMatrix(m, cols, Dense.multiply(false, false, m, cols, rows, r, re),
                Dense.multiply(false, false, m, cols, rows, r, im));
    }

    /** This times another complex matrix: (rows, o.cols). */
    public ComplexMatrix times(ComplexMatrix o) {
        if (cols != o.rows) {
            throw new IllegalArgumentException("complex product (" + rows + ", " + cols + ") x (" + o.rows + ", "
                    + o.cols + ")");
        }
        double[] rr = Dense.multiply(false, false, rows, o.cols, cols, re, o.re);
        double[] ii = Dense.multiply(false, false, rows, o.cols, cols, im, o.im);
        double[] ri = Dense.multiply(false, false, rows, o.cols, cols, re, o.im);
        double[] ir = Dense.multiply(false, false, rows, o.cols, cols, im, o.re);
        for (int k = 0; k < rr.length; k++) {
            rr[k] -= ii[k];
            ri[k] += ir[k];
        }
        return new ComplexMatrix(rows, o.cols, rr, ri);
    }

    /** The columns {@code from} (inclusive) to {@code to} (exclusive). */
    public ComplexMatrix columns(int from, int to) {
        double[] r = new double[rows * (to - from)];
        double[] i = new double[rows * (to - from)];
        System.arraycopy(re, from * rows, r, 0, r.length);
        System.arraycopy(im, from * rows, i, 0, i.length);
        return new ComplexMatrix(rows, to - from, r, i);
    }

    /** The first {@code count} rows. */
    public ComplexMatrix topRows(int count) {
        ComplexMatrix out = new ComplexMatrix(count, cols);
        for (int j = 0; j < cols; j++) {
            System.arraycopy(re, j * rows, out.re, j * count, count);
            System.arraycopy(im, j * rows, out.im, j * count, count);
        }
        return out;
    }

    /** The 2-norm of column j. */
    public double columnNorm(int j) {
        double s = 0;
        for (int i = 0; i < rows; i++) {
            double a = re[i + j * rows];
            double b = im[i + j * rows];
            s += a * a + b * b;
        }
        return Math.sqrt(s);
    }

    /** The columns reordered: column j of the result is column {@code order[j]} of this. */
    public ComplexMatrix reorderColumns(int[] order) {
        ComplexMatrix out = new ComplexMatrix(rows, order.length);
        for (int j = 0; j < order.length; j++) {
            System.arraycopy(re, order[j] * rows, out.re, j * rows, rows);
            System.arraycopy(im, order[j] * rows, out.im, j * rows, rows);
        }
        return out;
    }

    /**
     * Least squares X = argmin ||A X - B||_F over complex X, A = this (rows, cols), B (rows, nrhs) complex, through
     * the real embedding [[Re A, -Im A], [Im A, Re A]] [Re X; Im X] = [Re B; Im B] (LAPACK dgelsd). Returns X (cols,
     * nrhs).
     */
    public ComplexMatrix leastSquares(ComplexMatrix b) {
        int m = rows;
        int n = cols;
        double[] big = new double[4 * m * n];
        int ld = 2 * m;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                double a = re[i + j * m];
                double c = im[i + j * m];
                big[i + j * ld] = a;
                big[i + m + j * ld] = c;
                big[i + (j + n) * ld] = -c;
                big[i + m + (j + n) * ld] = a;
            }
        }
        double[] rhs = new double[ld * b.cols];
        for (int j = 0; j < b.cols; j++) {
            System.arraycopy(b.re, j * m, rhs, j * ld, m);
            System.arraycopy(b.im, j * m, rhs, j * ld + m, m);
        }
        double[] x = Dense.leastSquares(big, ld, 2 * n, rhs, b.cols, -1);
        ComplexMatrix out = new ComplexMatrix(n, b.cols);
        for (int j = 0; j < b.cols; j++) {
            System.arraycopy(x, j * 2 * n, out.re, j * n, n);
            System.arraycopy(x, j * 2 * n + n, out.im, j * n, n);
        }
        return out;
    }
}
