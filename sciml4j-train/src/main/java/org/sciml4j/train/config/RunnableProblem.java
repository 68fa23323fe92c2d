package org.sciml4j.train.config;

import java.io.IOException;

/**
 * A problem file whose model family runs it itself (operators, dynamics, discovery, inference, ...). {@code sciml4j
 * run FILE} reads the file through {@link ProblemKinds} (every mistake reported before anything runs), opens the run
 * folder, writes {@code problem.yaml} there, and calls {@link #run}; the family writes its results (at least
 * {@code summary.json}, through {@code org.sciml4j.io.SummaryJson}) into {@link RunContext#dir()}.
 */
public interface RunnableProblem extends ProblemDefinition {
    /**
     * The exit status of a run whose training diverged (every command's: {@code sciml4j run}, ensembles, sweeps), or
     * that had too few trainings left that did not.
     */
    int DIVERGED_STATUS = 3;

    /**
     * Runs the problem and writes its results.
     *
     * @param context the run folder, the command line's overrides, where to print, and the interrupt flag
     * @return the exit status: 0 when the run finished or stopped as asked ({@link RunContext#interrupted()} is
     *         reported by the command itself)
     * @throws IOException when a result cannot be written
     */
    int run(RunContext context) throws IOException;

    /**
     * Whether the family trains in epochs, so that {@code --epochs} means something (a regression fitted in closed
     * form, such as SINDy's or DMD's, does not: the command refuses the option rather than ignore it).
     */
    default boolean trainsInEpochs() {
        return true;
    }
}
