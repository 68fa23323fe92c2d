/**
 * Simulation-based inference and generative models: normalising flows, NPE/NLE, diagnostics, flow matching.
 */
package org.sciml4j.inference;
