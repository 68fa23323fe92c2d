/**
 * Quadrature over the domains of {@link org.sciml4j.domain.geometry}: points and weights
 * ({@link org.sciml4j.domain.quadrature.Quadrature}) from a rule ({@link org.sciml4j.domain.quadrature.QuadratureRule}:
 * Monte Carlo, randomly shifted quasi-Monte Carlo, tensor and polar Gauss-Legendre), and the volume of a shape
 * ({@link org.sciml4j.domain.quadrature.Volumes}). The energy (Deep Ritz) form of a physics-informed network
 * integrates its energy density with them.
 */
package org.sciml4j.domain.quadrature;
