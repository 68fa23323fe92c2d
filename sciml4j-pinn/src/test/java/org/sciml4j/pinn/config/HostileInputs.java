package org.sciml4j.pinn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.ProblemKinds;

/**
 * What the bad-input corpus and the mutation fuzz share: the example problem files, and the rule that reading any
 * input ends in a problem or in a clear refusal, a {@link ProblemFileException} that names the file and, where the
 * mistake has a place, its line and column, in words without a Java class name or stack frame.
 */
final class HostileInputs {
    /** Java class and frame names: an exception class, a qualified JDK or library name, a stack frame. */
    private static final Pattern JAVA_INTERNALS = Pattern.compile("\\b[A-Z][A-Za-z]*(?:Exception|Error)\\b"
            + "|\\b(?:java|javax|jdk|sun|org\\.yaml|org\\.sciml4j)\\.[a-z]+\\.|\\tat |\\$Lambda");

    /** How reading one input ended. */
    enum Outcome {
        ACCEPTED, REFUSED_AT_A_PLACE, REFUSED_FOR_THE_FILE
    }

    private HostileInputs() {
    }

    /** Every example problem file of the repository, sorted. */
    static List<Path> examples() {
        Path root = ProblemFileTest.examples().getParent();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an example's text. */
    static String text(Path example) {
        try {
            return Files.readString(example);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads {@code text} as the problem file {@code file} (its relative data paths resolve beside it) and checks that
     * it ends cleanly; {@code what} describes the input in failure messages.
     */
    static Outcome classify(String text, Path file, String what) {
        ProblemDefinition d;
        try {
            d = ProblemKinds.parse(text, file);
        } catch (ProblemFileException e) {
            String m = e.getMessage();
            assertThat(m).as(what).startsWith(file.toString());
            assertThat(e.problem()).as(what).isNotBlank().doesNotContain("null");
            Matcher internals = JAVA_INTERNALS.matcher(m);
            while (internals.find()) {
                // a name the input itself wrote (a YAML tag such as !!java.lang.Object) may be quoted back
                assertThat(text).as(what + ": Java internals in the message\n" + m).contains(internals.group());
            }
            assertThat(e.line() > 0 ? e.column() : 0).as(what + ": column of\n" + m).isNotNegative();
            return e.line() > 0 ? Outcome.REFUSED_AT_A_PLACE : Outcome.REFUSED_FOR_THE_FILE;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError(what + ": not a clear refusal but " + e + "\n--- input:\n" + text, e);
        }
        if (d instanceof ProblemFile pf && pf.evaluation() != null) {
            // never a NaN taken for a reference value
            for (double v : pf.evaluation().truth().data()) {
                assertThat(Double.isFinite(v)).as(what + ": evaluation holds " + v).isTrue();
            }
        }
        return Outcome.ACCEPTED;
    }
}
