/** Iterative linear solvers shared by the grid solvers. */
package org.sciml4j.solvers.linear;
