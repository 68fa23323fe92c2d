package org.sciml4j.train.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.train.config.ToyKind.Toy;

/** A file is read by the kind its {@code kind:} names, found with ServiceLoader; a wrong kind is placed and named. */
class ProblemKindsTest {
    @TempDir
    Path dir;

    private ProblemFileException fails(String text) {
        return catchThrowableOfType(() -> ProblemKinds.parse(text, dir.resolve("p.yaml")),
                ProblemFileException.class);
    }

    @Test
    void theKindKeyPicksTheReader() throws IOException {
        Path file = dir.resolve("small.yaml");
        Files.writeString(file, "kind: toy\nsize: 3\n");
        ProblemDefinition d = ProblemKinds.read(file);
        assertThat(d).isEqualTo(new Toy("small", file, "kind: toy\nsize: 3\n", 3));
        assertThat(d.kind()).isEqualTo("toy");
        assertThat(ProblemKinds.names()).containsExactly("toy");
        assertThat(ProblemKinds.of("toy")).isInstanceOf(ToyKind.class);
    }

    @Test
    void anUnknownKindIsPlacedWithASuggestionAndTheKnownKinds() {
        ProblemFileException e = fails("size: 3\nkind: toi\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(7);
        assertThat(e.problem()).isEqualTo("unknown kind 'toi'; did you mean 'toy'? (known kinds: toy)");
        assertThat(e.getMessage()).endsWith("\n  kind: toi\n        ^");
    }

    @Test
    void aFileWithoutKindIsPinn() {
        // the test class path has no pinn kind: the default is looked up and reported missing
        ProblemFileException e = fails("size: 3\n");
        assertThat(e.line()).isZero();
        assertThat(e.problem()).isEqualTo("unknown kind 'pinn' (known kinds: toy)");
    }

    @Test
    void aReaderOfOneKindRefusesAnother() {
        YamlDocument doc = YamlDocument.parse("name: a\nkind: toy\nsize: 2\n", dir.resolve("p.yaml"));
        ProblemFileException e = catchThrowableOfType(() -> ProblemKinds.read(doc, "pinn", Toy.class),
                ProblemFileException.class);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.problem()).isEqualTo("this reads 'pinn' problems; the file is of kind 'toy'");
        assertThat(ProblemKinds.read(doc, "toy", Toy.class).size()).isEqualTo(2);
    }

    @Test
    void theKindsReaderReportsItsOwnMistakes() {
        ProblemFileException e = fails("kind: toy\nsize: 0\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(7);
        assertThat(e.problem()).isEqualTo("expected a whole number >= 1, got 0");
    }
}
