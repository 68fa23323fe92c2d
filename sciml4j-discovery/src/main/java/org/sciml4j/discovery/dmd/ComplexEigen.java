package org.sciml4j.discovery.dmd;

/**
 * Eigenvalues and right eigenvectors of a real (n, n) matrix: eigenvalue j is {@code re[j] + i im[j]} (conjugate
 * pairs adjacent, positive imaginary part first), its eigenvector column j of {@code vectors} (n, n), unit 2-norm.
 */
public record ComplexEigen(double[] re, double[] im, ComplexMatrix vectors) {
}
