/**
 * Numerical solvers that make training data: Gaussian random fields, Burgers, Darcy, diffusion-reaction, Hamiltonian PDEs.
 */
package org.sciml4j.solvers;
