/** Optimisers: first-order steppers, schedules, and whole-problem minimisers (L-BFGS, BFGS). */
package org.sciml4j.optim;
