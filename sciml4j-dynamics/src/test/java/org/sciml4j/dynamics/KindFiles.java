package org.sciml4j.dynamics;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.ProblemKinds;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.RunnableProblem;

/** What the dynamics kinds' tests do with a problem file's text: read it for its mistake, or run it quietly. */
public final class KindFiles {
    private KindFiles() {
    }

    /** The mistake reading {@code text} reports (an AssertionError when it reads cleanly). */
    public static ProblemFileException mistake(String text) {
        try {
            ProblemKinds.parse(text, Path.of("bad.yaml"));
        } catch (ProblemFileException e) {
            return e;
        }
        throw new AssertionError("no mistake reported in\n" + text);
    }

    /** Reads {@code text} and runs it into {@code dir}, its messages discarded; returns the run's status. */
    public static int runQuietly(String text, Path dir) throws Exception {
        RunnableProblem p = (RunnableProblem) ProblemKinds.parse(text, Path.of("tiny.yaml"));
        return p.run(RunContext.of(dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }
}
