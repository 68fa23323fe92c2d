/**
 * Data for equation discovery made by sciml4j itself: ODE trajectories (Lorenz, cubic oscillator) sampled from an
 * adaptive high-order integrator, and Burgers' equation from its exact Cole-Hopf solution.
 */
package org.sciml4j.discovery.data;
