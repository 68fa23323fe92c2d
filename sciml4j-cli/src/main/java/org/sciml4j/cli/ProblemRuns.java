package org.sciml4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The run logic of {@code sciml4j run} for callers that hold a problem's text rather than a file: a sweep's run is
 * the file's text with overrides applied, run quietly into its own folder, resumed from its checkpoint when asked.
 */
public final class ProblemRuns {
    private ProblemRuns() {
    }

    /**
     * Runs a problem as {@code sciml4j run FILE --out DIR --quiet [--seed S]} does, or continues it as
     * {@code sciml4j run FILE --resume DIR --quiet}.
     *
     * @param text   the problem file's text (overrides already applied)
     * @param file   the path that names the problem in messages and anchors its relative paths (data files)
     * @param dir    the run folder
     * @param resume whether to continue the PINN run in {@code dir} from its checkpoint (other kinds start afresh)
     * @param seed   the seed, or null for the file's
     * @return the exit status of {@code sciml4j run}: 0 done, 3 diverged, 130 interrupted
     * @throws IOException if a file cannot be read or written
     */
    public static int run(String text, Path file, Path dir, boolean resume, Long seed) throws IOException {
        RunCommand cmd = new RunCommand();
        cmd.text = Objects.requireNonNull(text, "text");
        cmd.file = Objects.requireNonNull(file, "file");
        if (resume) {
            cmd.resume = dir;
        } else {
            cmd.out = dir;
        }
        cmd.seed = seed;
        cmd.quiet = true;
        return cmd.call();
    }

    /** Whether the problem of this text is run by another model family (no PINN resume from a checkpoint). */
    public static boolean isFamily(String text, Path file) {
        return org.sciml4j.train.config.ProblemKinds.parse(text, file)
                instanceof org.sciml4j.train.config.RunnableProblem;
    }
}
