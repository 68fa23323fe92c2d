/**
 * Antiplane strain (out-of-plane displacement w of an elastic half-space with faults): the closed-form screw
 * dislocation ({@link org.sciml4j.solvers.antiplane.ScrewDislocation}) and a finite-difference reference for
 * layered media ({@link org.sciml4j.solvers.antiplane.AntiplaneFd}).
 */
package org.sciml4j.solvers.antiplane;
