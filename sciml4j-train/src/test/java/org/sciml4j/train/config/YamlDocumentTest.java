package org.sciml4j.train.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Typed reading with positions: each mistake names file, line and column, shows the line and a caret. */
class YamlDocumentTest {
    private static final Path FILE = Path.of("dir", "run.yaml");

    private static YamlDocument doc(String text) {
        return YamlDocument.parse(text, FILE);
    }

    private static Map<String, NodeTuple> top(YamlDocument d) {
        return d.mapping(d.root(), "the file", null);
    }

    private static ProblemFileException fails(Runnable r) {
        ProblemFileException e = catchThrowableOfType(r::run, ProblemFileException.class);
        assertThat(e).isNotNull();
        return e;
    }

    @Test
    void valuesAreReadByType() {
        YamlDocument d = doc("a: 1.5e-3\nb: [1, 2]\nc: 7\nd: true\ne: x\n'q': \"quoted\"\n");
        Map<String, NodeTuple> m = top(d);
        assertThat(d.number(m.get("a").getValueNode())).isEqualTo(1.5e-3);
        assertThat(d.numbers(m.get("b").getValueNode(), 2, "a pair")).containsExactly(1, 2);
        assertThat(d.vector(m.get("b").getValueNode())).containsExactly(1, 2);
        assertThat(d.positiveInt(m.get("c").getValueNode())).isEqualTo(7);
        assertThat(d.bool(m.get("d").getValueNode())).isTrue();
        assertThat(d.list(m.get("e").getValueNode())).hasSize(1);
        assertThat(d.name(m.get("e").getValueNode())).isEqualTo("x");
        assertThat(YamlDocument.column(m.get("q").getValueNode())).isEqualTo(7); // inside the quotes
        assertThat(d.baseName()).isEqualTo("run");
        assertThat(d.resolve(m.get("e").getValueNode())).isEqualTo(FILE.toAbsolutePath().getParent().resolve("x"));
    }

    @Test
    void layerWidthsAreANonEmptyListOfPositiveWholeNumbers() {
        YamlDocument d = doc("a: [20, 30]\nb: []\nc: [20, 0]\nd: 16\n");
        Map<String, NodeTuple> m = top(d);
        assertThat(d.layerWidths(m.get("a").getValueNode())).containsExactly(20, 30);
        assertThat(d.layerWidths(m.get("d").getValueNode())).containsExactly(16);
        ProblemFileException empty = fails(() -> d.layerWidths(m.get("b").getValueNode()));
        assertThat(empty.getMessage()).startsWith(FILE + ", line 2, column 4: a network needs at least one hidden"
                + " layer: list their widths, e.g. [20, 20]");
        assertThat(fails(() -> d.layerWidths(m.get("c").getValueNode())).getMessage())
                .startsWith(FILE + ", line 3, column 9: expected a whole number >= 1, got 0");
    }

    @Test
    void aBadValueIsPlacedAndExplained() {
        YamlDocument d = doc("lr: 1e-3x\nn: -2\nflag: yes\n");
        Map<String, NodeTuple> m = top(d);
        ProblemFileException e = fails(() -> d.number(m.get("lr").getValueNode()));
        assertThat(e.getMessage()).isEqualTo(FILE + ", line 1, column 5: bad number '1e-3x'; write numbers like 0.1,"
                + " -2 or 1e-3\n  lr: 1e-3x\n      ^");
        assertThat(fails(() -> d.nonNegativeInt(m.get("n").getValueNode())).problem())
                .isEqualTo("expected a whole number >= 0, got -2");
        assertThat(fails(() -> d.bool(m.get("flag").getValueNode())).problem())
                .isEqualTo("expected true or false, got 'yes'");
    }

    @Test
    void anUnknownKeySuggestsTheNearestAndListsTheValidOnes() {
        YamlDocument d = doc("adam:\n  lr: 1\n  epoch: 10\n");
        Node adam = top(d).get("adam").getValueNode();
        ProblemFileException e = fails(() -> d.mapping(adam, "adam", Set.of("lr", "epochs", "batch")));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.problem()).isEqualTo("unknown key 'epoch' in adam; did you mean 'epochs'? (valid keys: batch,"
                + " epochs, lr)");
        assertThat(fails(() -> d.mapping(adam, "adam", Set.of("lr", "zzzzz"))).problem())
                .isEqualTo("unknown key 'epoch' in adam (valid keys: lr, zzzzz)");
    }

    @Test
    void aMissingKeyGivesAnExample() {
        YamlDocument d = doc("collocation: {sampling: sobol}\nempty:\n");
        Map<String, NodeTuple> m = top(d);
        Node c = m.get("collocation").getValueNode();
        ProblemFileException e = fails(() -> d.required(d.mapping(c, "collocation", null), "points", c,
                "points: 101"));
        assertThat(e.problem()).isEqualTo("missing 'points', e.g. 'points: 101'");
        assertThat(e.column()).isEqualTo(14);
        assertThat(fails(() -> d.required(m, "empty", d.root(), "empty: 1")).problem())
                .isEqualTo("'empty' has no value; e.g. 'empty: 1'");
        assertThat(fails(() -> d.list(m.get("empty").getValueNode())).problem())
                .isEqualTo("expected a list like [a, b], found nothing");
    }

    @Test
    void aBuildersComplaintIsPlacedAtTheNode() {
        YamlDocument d = doc("layers: [4, 0]\n");
        List<Node> layers = d.list(top(d).get("layers").getValueNode());
        ProblemFileException e = fails(() -> d.at(layers.get(1), () -> {
            throw new IllegalArgumentException("sizes must be positive");
        }));
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(13);
        assertThat(e.problem()).isEqualTo("sizes must be positive");
        assertThat(d.at(layers.get(0), () -> 5)).isEqualTo(5);
    }

    @Test
    void invalidYamlAndMissingFilesAreReported() {
        ProblemFileException e = fails(() -> doc("a: [1, 2\nb: 3\n"));
        assertThat(e.problem()).startsWith("not valid YAML: ").contains("hint: check the indentation");
        assertThat(e.line()).isPositive();
        YamlDocument twice = doc("a: 1\na: 2\n");
        ProblemFileException dup = fails(() -> top(twice));
        assertThat(dup.line()).isEqualTo(2);
        assertThat(dup.problem()).isEqualTo("'a' is given twice in the file (first at line 1, column 1); keep one");
        ProblemFileException missing = fails(() -> YamlDocument.read(Path.of("no", "such.yaml")));
        assertThat(missing.getMessage()).isEqualTo(Path.of("no", "such.yaml") + ": no such file");
        assertThat(doc("").root()).isNull();
    }

    @Test
    void filesThatAreNotProblemFilesAreRefusedBeforeReading(@TempDir Path dir) throws Exception {
        ProblemFileException folder = fails(() -> YamlDocument.read(dir));
        assertThat(folder.getMessage()).isEqualTo(dir + ": is a directory, not a problem file");
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "# comment\n".repeat(200_000));
        ProblemFileException tooBig = fails(() -> YamlDocument.read(big));
        assertThat(tooBig.getMessage()).isEqualTo(big + ": is " + Files.size(big) + " bytes, more than the limit of"
                + " 1048576 bytes for a problem file");
        ProblemFileException tooLong = fails(() -> doc("#".repeat(YamlDocument.MAX_FILE_SIZE + 1)));
        assertThat(tooLong.problem()).isEqualTo("is 1048577 characters, more than the limit of 1048576 for a"
                + " problem file");
        Path binary = dir.resolve("model.yaml");
        Files.write(binary, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) 0xff, (byte) 0xfe});
        ProblemFileException notText = fails(() -> YamlDocument.read(binary));
        assertThat(notText.getMessage()).isEqualTo(binary + ": cannot read it: not UTF-8 text; is this a binary"
                + " file (.npy, .npz, .mat)?");
    }

    @Test
    void aPipeIsRefusedWithoutBlocking(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("problem.yaml");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo is not available");
        ProblemFileException e = fails(() -> YamlDocument.read(fifo));
        assertThat(e.getMessage()).isEqualTo(fifo + ": is not a regular file (a device, pipe or socket); give a"
                + " problem file");
    }

    @Test
    void theParsersLimitsNameTheFile() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String prev = String.valueOf((char) (c - 1));
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + prev + ", ").repeat(8)).append('*')
                    .append(prev).append("]\n");
        }
        ProblemFileException aliases = fails(() -> doc(bomb.toString()));
        assertThat(aliases.getMessage()).startsWith(FILE + ": not accepted as YAML: Number of aliases")
                .endsWith("hint: a problem file needs no aliases ('*name') and only a few levels of nesting");
        ProblemFileException nesting = fails(() -> doc("a: " + "[".repeat(100) + "]".repeat(100)));
        assertThat(nesting.getMessage()).startsWith(FILE + ": not accepted as YAML: Nesting Depth exceeded");
    }

    @Test
    void optionalKeysTakeTheirFallbackOrAreCheckedWhereTheyStand() {
        YamlDocument doc = YamlDocument.parse("a: {n: 3, x: 0.5, z: 0, on: true}\nb: {x: -1}\n", Path.of("f.yaml"));
        Map<String, NodeTuple> top = doc.mapping(doc.root(), "the file", Set.of("a", "b"));
        Map<String, NodeTuple> a = doc.optionalMapping(top, "a", Set.of("n", "x", "z", "on"));
        assertThat(doc.optionalMapping(top, "c", Set.of())).isEmpty();
        assertThat(doc.positiveIntOr(a, "n", 7)).isEqualTo(3);
        assertThat(doc.positiveIntOr(a, "m", 7)).isEqualTo(7);
        assertThat(doc.positiveOr(a, "x", 2)).isEqualTo(0.5);
        assertThat(doc.nonNegativeOr(a, "z", 2)).isZero();
        assertThat(doc.boolOr(a, "on", false)).isTrue();
        assertThat(doc.boolOr(a, "off", false)).isFalse();
        ProblemFileException zero = catchThrowableOfType(() -> doc.positiveOr(a, "z", 1), ProblemFileException.class);
        assertThat(zero.line()).isEqualTo(1);
        assertThat(zero.getMessage()).contains("z must be finite and > 0, got 0.0");
        Map<String, NodeTuple> b = doc.optionalMapping(top, "b", Set.of("x"));
        ProblemFileException negative = catchThrowableOfType(() -> doc.nonNegativeOr(b, "x", 1),
                ProblemFileException.class);
        assertThat(negative.line()).isEqualTo(2);
        assertThat(negative.getMessage()).contains("x must be finite and >= 0, got -1.0");
    }
}
