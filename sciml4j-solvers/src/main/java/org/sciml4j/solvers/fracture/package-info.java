/**
 * Phase-field fracture on a grid: the discrete AT2 energy of a shrinking film on a substrate
 * ({@link org.sciml4j.solvers.fracture.FilmGrid}) and its alternating minimisation load step by load step
 * ({@link org.sciml4j.solvers.fracture.ShrinkageFilmSolver}). See docs/PHASE-FIELD.md.
 */
package org.sciml4j.solvers.fracture;
