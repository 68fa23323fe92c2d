/**
 * The training layer every model family shares: an {@code Objective} says what to minimise, the {@code Trainer}
 * runs a schedule of optimiser phases over it with listeners, progress, a time budget, a divergence stop,
 * mini-batches, checkpoints and resume. PINNs, supervised regression, operators and the other families are
 * objectives on top of it, not copies of its loop.
 */
package org.sciml4j.train;
