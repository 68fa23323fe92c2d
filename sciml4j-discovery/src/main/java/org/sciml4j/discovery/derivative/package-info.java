/**
 * Derivatives of measured signals: finite differences (any order, one-sided at the ends, non-uniform grids),
 * Savitzky-Golay smoothing, total-variation regularised differentiation and spectral differentiation of periodic
 * data. Every method implements {@link org.sciml4j.discovery.derivative.Differentiator} on row-major
 * (n_samples, n_vars) arrays.
 */
package org.sciml4j.discovery.derivative;
