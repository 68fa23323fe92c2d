/**
 * Models with physics inside: ODE integration with derivatives, neural ODEs, Hamiltonian networks, SSGP, hybrid models.
 */
package org.sciml4j.dynamics;
