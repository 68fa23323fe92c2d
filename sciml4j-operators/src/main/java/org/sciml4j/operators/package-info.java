/**
 * Operator learning: DeepONet (plain and physics-informed), Fourier neural operators, spectral primitives.
 */
package org.sciml4j.operators;
