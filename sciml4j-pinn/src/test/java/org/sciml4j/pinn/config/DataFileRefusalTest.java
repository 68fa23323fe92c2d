package org.sciml4j.pinn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Npy;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.ProblemFileException;

/**
 * Hostile data and evaluation files: non-finite or missing data to train on is refused with the data file's line and
 * column; in evaluation data a non-finite reference value leaves its point out (counted); files that are not tables
 * (a folder, a binary file) are named as such, never with a Java exception's name.
 */
class DataFileRefusalTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            variables: {t: [0, 10]}
            fields: [u]
            equations: [u_t]
            collocation: {points: 11}
            """;

    private ProblemFile read(String text) throws IOException {
        Path p = dir.resolve("p.yaml");
        Files.writeString(p, text);
        return ProblemFile.read(p);
    }

    private ProblemFileException fails(String text) throws IOException {
        Path p = dir.resolve("p.yaml");
        Files.writeString(p, text);
        ProblemFileException e = catchThrowableOfType(() -> ProblemFile.read(p), ProblemFileException.class);
        assertThat(e).as("reading\n" + text).isNotNull();
        assertThat(e.getMessage()).doesNotContain("Exception", "java.");
        return e;
    }

    private String data(String file) {
        return HEAD + "conditions:\n  obs: {file: " + file + ", columns: [t, u]}\n";
    }

    @Test
    void nonFiniteDataToTrainOnIsRefusedWithItsLineAndColumn() throws IOException {
        Files.writeString(dir.resolve("obs.txt"), "# t u\n0 1\n0.5 nan\n");
        ProblemFileException e = fails(data("obs.txt"));
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.column()).isEqualTo(15);
        assertThat(e.problem()).isEqualTo("bad data file: " + dir.resolve("obs.txt") + ": line 3, column 2"
                + " (character 5): 'nan' is not a finite number; data to train on must be finite: remove the row or"
                + " fill in the value");
        Files.writeString(dir.resolve("obs.txt"), "t,u\n0,1\n-Infinity,2\n");
        assertThat(fails(data("obs.txt")).problem()).contains(": line 3, column 1 (character 1): '-Infinity' is not"
                + " a finite number");
    }

    @Test
    void aHeaderWithoutRowsIsRefused() throws IOException {
        Files.writeString(dir.resolve("obs.txt"), "t u\n\n");
        assertThat(fails(data("obs.txt")).problem()).isEqualTo("bad data file: " + dir.resolve("obs.txt") + ": a"
                + " header (line 1) and no data rows: data to train on needs at least one row of numbers");
    }

    @Test
    void aFolderOrABinaryFileIsNamedAsSuch() throws IOException {
        Files.createDirectory(dir.resolve("obs"));
        assertThat(fails(data("obs")).problem()).isEqualTo("data file obs is a directory, not a data file");
        Npy.write(dir.resolve("u.npy"), Tensor.vector(0.25, 1, 2));
        assertThat(fails(data("u.npy")).problem()).startsWith("bad data file: " + dir.resolve("u.npy") + ":")
                .contains("binary file");
    }

    @Test
    void evaluationPointsWithoutAFiniteReferenceAreLeftOutAndCounted() throws IOException {
        Files.writeString(dir.resolve("truth.txt"), "t u\n0 1\n1 nan\n2 3\n3 -inf\n4 5\n");
        ProblemFile.EvaluationSpec ev = read(HEAD + "evaluation: {file: truth.txt, columns: [t, u]}\n").evaluation();
        assertThat(ev.skipped()).isEqualTo(2);
        assertThat(ev.points().toArray()).containsExactly(0, 2, 4);
        assertThat(ev.truth().toArray()).containsExactly(1, 3, 5);
        assertThat(ev.truth().shape()).containsExactly(3, 1);

        Files.writeString(dir.resolve("truth.txt"), "t u\n0 nan\n1 NaN\n");
        ProblemFileException none = fails(HEAD + "evaluation: {file: truth.txt, columns: [t, u]}\n");
        assertThat(none.problem()).isEqualTo("truth.txt has no point with a finite reference value (2 points, all"
                + " NaN or infinite, or none); nothing to evaluate against");
        assertThat(none.line()).isEqualTo(5);

        Files.writeString(dir.resolve("truth.txt"), "t u\n0 1\nnan 2\n");
        assertThat(fails(HEAD + "evaluation: {file: truth.txt, columns: [t, u]}\n").problem()).isEqualTo("truth.txt,"
                + " data row 2: variable 't' is NaN; the points must be finite (a non-finite reference value leaves a"
                + " point out)");
    }

    @Test
    void aGridMarkedWithNanOutsideTheDomainKeepsItsFinitePoints() throws IOException {
        // as DeepXDE's Poisson_Lshape.npz: values on a grid, NaN where the grid leaves the domain
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("x", Tensor.vector(-1, 0, 1));
        arrays.put("y", Tensor.vector(-1, 1));
        arrays.put("u", Tensor.wrap(new double[] {1, 2, 3, Double.NaN, 5, Double.NaN}, 3, 2));
        Npz.write(dir.resolve("lshape.npz"), arrays, false);
        String text = """
                variables: {x: [-1, 1], y: [-1, 1]}
                fields: [u]
                equations: [u_x]
                collocation: {points: 16}
                evaluation: {file: lshape.npz, grid: {x: x, y: y}, values: {u: u}}
                """;
        ProblemFile.EvaluationSpec ev = read(text).evaluation();
        assertThat(ev.skipped()).isEqualTo(2);
        assertThat(ev.points().toArray()).containsExactly(-1, -1, -1, 1, 0, -1, 1, -1);
        assertThat(ev.truth().toArray()).containsExactly(1, 2, 3, 5);

        arrays.put("u", Tensor.full(Double.NaN, 3, 2));
        Npz.write(dir.resolve("lshape.npz"), arrays, false);
        assertThat(fails(text).problem()).startsWith("lshape.npz has no point with a finite reference value (6"
                + " points");

        arrays.put("x", Tensor.vector(-1, Double.POSITIVE_INFINITY, 1));
        Npz.write(dir.resolve("lshape.npz"), arrays, false);
        ProblemFileException axis = fails(text);
        assertThat(axis.problem()).isEqualTo("lshape.npz, member 'x', index 1: the grid axis value is Infinity;"
                + " grid axes must be finite");
        assertThat(axis.line()).isEqualTo(5);
    }

    @Test
    void aFileThatIsNoNpzArchiveIsNamedWithoutJavaNames() throws IOException {
        Files.writeString(dir.resolve("grid.npz"), "x u\n0 1\n");
        String text = HEAD + "evaluation: {file: grid.npz, grid: {t: t}, values: {u: u}}\n";
        assertThat(fails(text).problem()).startsWith("bad data file: " + dir.resolve("grid.npz") + ": not a readable"
                + " .npz (zip) archive: ");
        byte[] zip = Files.readAllBytes(writeNpz());
        Files.write(dir.resolve("grid.npz"), java.util.Arrays.copyOf(zip, zip.length - 30));
        assertThat(fails(text).problem()).startsWith("bad data file: " + dir.resolve("grid.npz") + ": ");
    }

    private Path writeNpz() throws IOException {
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("t", Tensor.vector(0, 1, 2));
        arrays.put("u", Tensor.vector(1, 2, 3));
        Path p = dir.resolve("good.npz");
        Npz.write(p, arrays, true);
        return p;
    }
}
