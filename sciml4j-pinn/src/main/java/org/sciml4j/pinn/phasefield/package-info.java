/**
 * Phase-field shrinkage cracks of a film on a substrate as a variational-energy PINN ({@code kind: phase_field}):
 * the network and its constraint-keeping output transform ({@link org.sciml4j.pinn.phasefield.PhaseFieldNetwork}),
 * the energy objective per load step, the run and its comparison with the grid solver of
 * {@link org.sciml4j.solvers.fracture}. See docs/PHASE-FIELD.md.
 */
package org.sciml4j.pinn.phasefield;
