package org.sciml4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.TextTable.Table;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/** The damped-oscillation reference tables, separators, headers, comments, errors, and exact round trips. */
class TextTableTest {
    @TempDir
    Path dir;

    private static Table parse(String text) throws Exception {
        return TextTable.read(new StringReader(text), "test.txt");
    }

    @Test
    void readsExactSolutionTable() throws Exception {
        Table t = TextTable.read(TestData.shared("damped-oscillation/data_exact.txt"));
        assertThat(t.values().shape()).containsExactly(10, 2);
        assertThat(t.columns()).containsExactly("c0", "c1");
        Tensor time = t.column(0);
        assertThat(time.shape()).containsExactly(10);
        for (int i = 0; i < 10; i++) {
            assertThat(time.get(i)).isEqualTo(i + 0.5);
        }
        assertThat(t.column("c1").data()).startsWith(0.8562, 0.0674, -0.7054);
        assertThat(t.column(1).get(9)).isEqualTo(-0.6206);
    }

    @Test
    void readsParameterisedTruthTable() throws Exception {
        Table t = TextTable.read(TestData.shared("damped-oscillation/data_truth_c.txt"));
        assertThat(t.values().shape()).containsExactly(10201, 3);
        Tensor c = t.column(0);
        Tensor time = t.column(1);
        Tensor u = t.column(2);
        assertThat(c.get(0)).isEqualTo(0.0);
        assertThat(c.get(10200)).isEqualTo(1.0);
        assertThat(time.get(100)).isEqualTo(10.0);
        assertThat(u.get(0)).isEqualTo(1.0); // u(0) = 1
        assertThat(u.get(1)).isEqualTo(0.9950); // 4 decimals of cos(0.1) for c = 0
        // for c = 0 (undamped, m = k = 1) u = cos t
        for (int i = 0; i <= 100; i++) {
            assertThat(u.get(i)).isCloseTo(Math.cos(time.get(i)), within(5e-5));
        }
    }

    @Test
    void detectsHeaderSeparatorAndSkipsCommentsAndBlankLines() throws Exception {
        Table csv = parse("# a comment\n\n\"time\", u ,v\n0,1.5,-2\n  # indented comment\n1, 2.5e-1 ,3D+2\n\n");
        assertThat(csv.columns()).containsExactly("time", "u", "v");
        assertThat(csv.values().shape()).containsExactly(2, 3);
        assertThat(csv.values().data()).containsExactly(0, 1.5, -2, 1, 0.25, 300);
        assertThat(csv.column("v").data()).containsExactly(-2, 300);
        Table ws = parse("t\tu\n0.5  \t 1\n1.5\t\t-1e3\n");
        assertThat(ws.columns()).containsExactly("t", "u");
        assertThat(ws.values().data()).containsExactly(0.5, 1, 1.5, -1000);
        Table special = parse("\uFEFF1 nan\n-inf +Infinity\n.5 -0\n");
        assertThat(special.columns()).containsExactly("c0", "c1");
        assertThat(special.values().data()).containsExactly(1, Double.NaN, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, 0.5, -0.0);
        Table headerOnly = parse("a b c\n");
        assertThat(headerOnly.values().shape()).containsExactly(0, 3);
        assertThatThrownBy(() -> ws.column("w")).hasMessageContaining("no column 'w'; the columns are [t, u]");
    }

    @Test
    void reportsLineColumnTextAndHint() {
        assertThatThrownBy(() -> parse("t u\n0 1\n1 2\n2 x3\n")).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("test.txt: line 4, column 2 (character 3): expected a number, found 'x3';"
                        + " hint:");
        assertThatThrownBy(() -> parse("# c\n0 1 2\n\n1 2\n")).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("test.txt: line 4, column 3: expected 3 columns (as on line 2), found 2:"
                        + " '1 2'; hint:");
        assertThatThrownBy(() -> parse("0,1\n1,,2\n")).hasMessageContaining("line 2, column 3: expected 2"
                + " columns");
        assertThatThrownBy(() -> parse("0,1\n1,\n")).hasMessageContaining("line 2, column 2 (character 3):"
                + " expected a number, found ''").hasMessageContaining("(this field is empty)");
        assertThatThrownBy(() -> parse("0 1\n1 2,5\n")).hasMessageContaining("found '2,5'");
        // Java's parseDouble takes "1d" and "0x1p3"; a text table does not
        assertThatThrownBy(() -> parse("1 2\n1 1d\n")).hasMessageContaining("line 2, column 2");
        assertThatThrownBy(() -> parse("1 2\n0x1p3 1\n")).hasMessageContaining("line 2, column 1");
        assertThatThrownBy(() -> parse("a a\n1 2\n")).hasMessageContaining("the column 'a' twice");
        assertThatThrownBy(() -> parse("# only comments\n\n")).hasMessageContaining("no header and no data rows");
    }

    @Test
    void binaryFileIsReportedAsNotText() throws Exception {
        Path f = dir.resolve("bin.txt");
        Files.write(f, new byte[] {(byte) 0xC3, (byte) 0x28, 10});
        assertThatThrownBy(() -> TextTable.read(f)).isInstanceOf(DataFormatException.class)
                .hasMessage(f + ": not UTF-8 text; a text table must be UTF-8 or ASCII: is this a binary file"
                        + " (.npy, .npz, .mat)? Those are given by their own extension");
        // a .npy file whose bytes happen to decode: its header is ASCII, the data has NUL bytes
        Path npy = dir.resolve("u.npy");
        Npy.write(npy, Tensor.vector(0.0, 1.0));
        assertThatThrownBy(() -> TextTable.read(npy)).isInstanceOf(DataFormatException.class)
                .hasMessageNotContaining("Exception").hasMessageContaining("binary file");
        assertThatThrownBy(() -> parse("1 2\n3\0 4\n")).hasMessage("test.txt: line 2, column 2: a NUL character:"
                + " this is a binary file, not a text table (.npy, .npz and .mat files are given by their own"
                + " extension)");
    }

    @Test
    void dataToTrainOnMustBeFiniteAndHaveRows() throws Exception {
        String text = "t, u\n0, 1\n0.5, -inf\n1, 2\n";
        assertThat(parse(text).values().data()[3]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> TextTable.readData(new StringReader(text), "obs.csv")).isInstanceOf(
                DataFormatException.class).hasMessage("obs.csv: line 3, column 2 (character 6): '-inf' is not a"
                + " finite number; data to train on must be finite: remove the row or fill in the value");
        assertThatThrownBy(() -> TextTable.readData(new StringReader("# c\n1 NaN\n"), "o.txt"))
                .hasMessageStartingWith("o.txt: line 2, column 2 (character 3): 'NaN' is not a finite number");
        assertThat(parse("t u\n").rows()).isZero();
        assertThatThrownBy(() -> TextTable.readData(new StringReader("\nt u\n# none\n"), "o.txt"))
                .hasMessage("o.txt: a header (line 2) and no data rows: data to train on needs at least one row of"
                        + " numbers");
        Path f = dir.resolve("ok.txt");
        Files.writeString(f, "1 2\n3 4e300\n");
        assertThat(TextTable.readData(f).values().data()).containsExactly(1, 2, 3, 4e300);
    }

    @Test
    void writesTabSeparatedFullPrecisionAndReadsBackExactly() throws Exception {
        Tensor v = Tensor.randn(new Rng(9), 50, 3).mul(Tensor.vector(1e-300, 1, 1e300));
        v.data()[0] = Math.PI;
        v.data()[1] = Double.NaN;
        v.data()[2] = Double.NEGATIVE_INFINITY;
        Path f = dir.resolve("out.tsv");
        TextTable.write(f, List.of("a", "b", "c"), v);
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(51);
        assertThat(lines.get(0)).isEqualTo("a\tb\tc");
        assertThat(lines.get(1)).isEqualTo("3.141592653589793\tNaN\t-Infinity");
        Table back = TextTable.read(f);
        assertThat(back.columns()).containsExactly("a", "b", "c");
        assertThat(back.values().shape()).containsExactly(50, 3);
        assertThat(back.values().data()).containsExactly(v.data());
        // no header, a vector as one column
        TextTable.write(f, null, Tensor.vector(0.1, 2));
        assertThat(Files.readString(f)).isEqualTo("0.1\n2.0\n");
        assertThat(TextTable.read(f).values().shape()).containsExactly(2, 1);
        assertThatThrownBy(() -> TextTable.write(f, List.of("1", "2"), Tensor.zeros(1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all numbers");
        assertThatThrownBy(() -> TextTable.write(f, List.of("a"), Tensor.zeros(1, 2)))
                .hasMessageContaining("1 names for 2 columns");
    }
}
