/**
 * Eikonal travel times |grad T| = 1 / v(x) by factored fast marching (first and second order, 2-D and 3-D): the
 * classical reference against which eikonal networks are measured.
 */
package org.sciml4j.solvers.eikonal;
