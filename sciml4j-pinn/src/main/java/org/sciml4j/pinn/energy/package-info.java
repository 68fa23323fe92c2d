/**
 * Energy forms of physics-informed networks (Deep Ritz, variational-energy PINNs): an energy density given as text,
 * integrated by quadrature ({@link org.sciml4j.domain.quadrature}) and minimised as a loss term beside the usual
 * equations and conditions. See {@link org.sciml4j.pinn.energy.EnergyForm} and docs/DEEP-RITZ.md.
 */
package org.sciml4j.pinn.energy;
