/**
 * Numerical solvers that make operator-learning data: Gaussian random fields ({@code grf}), Burgers, Darcy,
 * antiderivative, diffusion-reaction and sine-Gordon solvers ({@code pde}), and the deterministic parallel generator
 * behind {@code sciml4j generate} ({@code generate}). See docs/SOLVERS.md.
 */
package org.sciml4j.solvers;
