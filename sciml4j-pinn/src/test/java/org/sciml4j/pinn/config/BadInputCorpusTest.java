package org.sciml4j.pinn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Npy;
import org.sciml4j.pinn.config.HostileInputs.Outcome;
import org.sciml4j.tensor.Tensor;

/**
 * A corpus of distinct bad inputs, each of which must be refused clearly (see {@link HostileInputs#classify}):
 * hand-written hostile problem files (YAML bombs, Java tags, binary text, nesting and length beyond the limits, bad
 * ranges and counts), bad data and evaluation files, and every number of every example replaced by NaN, infinity,
 * a word or a negative count, one at a time.
 */
class BadInputCorpusTest {
    @TempDir
    Path dir;

    private static final String HEAD = "variables: {t: [0, 1]}\nfields: [u]\nequations: [u_t + u]\n"
            + "collocation: {points: 11}\n";

    /** Hostile problem files, each refused. */
    private static Map<String, String> hostileProblems() {
        Map<String, String> m = new LinkedHashMap<>();
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ", ").repeat(8))
                    .append('*').append((char) (c - 1)).append("]\n");
        }
        m.put("alias bomb", bomb.toString());
        m.put("nested lists", "fields: " + "[".repeat(500) + "]".repeat(500) + "\n");
        m.put("nested mappings", "fields: " + "{a: ".repeat(300) + "1" + "}".repeat(300) + "\n");
        m.put("java tag", "variables: !!java.lang.Object {}\n");
        m.put("java tag on the document", "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n");
        m.put("empty", "");
        m.put("only comments", "# nothing\n# here\n");
        m.put("a list", "- a\n- b\n");
        m.put("a scalar", "hello\n");
        m.put("binary", "\u0000\u0001\u0002\u0003NUMPY\u00ff");
        m.put("tab indentation", "variables:\n\tt: [0, 1]\nfields: [u]\n");
        m.put("unclosed list", "variables: {t: [0, 1}\n");
        m.put("deep parentheses", HEAD.replace("u_t + u", "(".repeat(20000) + "u" + ")".repeat(20000)));
        m.put("nesting over the limit", HEAD.replace("u_t + u", "(".repeat(300) + "u" + ")".repeat(300)));
        m.put("long equation", HEAD.replace("u_t + u", "u" + "+u".repeat(6000)));
        m.put("unary chain", HEAD.replace("u_t + u", "-".repeat(500) + "u"));
        m.put("power tower", HEAD.replace("u_t + u", "u^".repeat(400) + "u"));
        m.put("reversed range", HEAD.replace("[0, 1]", "[1, 0]"));
        m.put("empty range", HEAD.replace("[0, 1]", "[1, 1]"));
        m.put("infinite range", HEAD.replace("[0, 1]", "[0, .inf]"));
        m.put("nan range", HEAD.replace("[0, 1]", "[.nan, 1]"));
        m.put("huge range", HEAD.replace("[0, 1]", "[0, 1e309]"));
        m.put("no points", HEAD.replace("points: 11", "points: 0"));
        m.put("negative points", HEAD.replace("points: 11", "points: -5"));
        m.put("too many points", HEAD.replace("points: 11", "points: 99999999999"));
        m.put("fractional points", HEAD.replace("points: 11", "points: 2.5"));
        m.put("division by a literal zero nowhere defined", HEAD.replace("u_t + u", "u_t + u/"));
        m.put("unknown function", HEAD.replace("u_t + u", "u_t + sinn(u)"));
        m.put("unknown symbol", HEAD.replace("u_t + u", "u_t + v"));
        m.put("derivative of a missing variable", HEAD.replace("u_t + u", "u_x"));
        m.put("duplicate key", HEAD + "fields: [v]\n");
        m.put("unknown section", HEAD + "trainnig: {seed: 1}\n");
        m.put("layers of zero", HEAD + "network: {layers: [0]}\n");
        m.put("negative layer", HEAD + "network: {layers: [-20, 20]}\n");
        m.put("huge layer", HEAD + "network: {layers: [99999999999]}\n");
        m.put("unknown activation", HEAD + "network: {layers: [8], activation: tanhh}\n");
        m.put("nan learning rate", HEAD + "training: {adam: {lr: .nan, epochs: 10}}\n");
        m.put("negative epochs", HEAD + "training: {adam: {lr: 1e-3, epochs: -10}}\n");
        m.put("word seed", HEAD + "training: {seed: forty-two}\n");
        m.put("missing data file", HEAD + "conditions:\n  d: {file: nope.txt, columns: [t, u]}\n");
        m.put("absolute folder as data", HEAD + "conditions:\n  d: {file: /, columns: [t, u]}\n");
        m.put("device as data", HEAD + "conditions:\n  d: {file: /dev/zero, columns: [t, u]}\n");
        m.put("exact solution NaN", HEAD + "evaluation: {exact: {u: sqrt(-1 - t)}}\n");
        m.put("exact solution infinite", HEAD + "evaluation: {exact: {u: 1/(t - t)}}\n");
        return m;
    }

    /** Bad data files to train on, each refused. */
    private static Map<String, String> badDataFiles() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("header only", "t u\n");
        m.put("empty", "");
        m.put("comments only", "# t u\n");
        m.put("nan", "0 1\n0.5 nan\n");
        m.put("NaN first", "NaN 1\n");
        m.put("infinity", "0 inf\n");
        m.put("negative infinity", "0 1\n1 -Infinity\n");
        m.put("overflow", "0 1e999\n");
        m.put("ragged", "0 1\n1\n");
        m.put("extra column", "0 1\n1 2 3\n");
        m.put("decimal comma", "0 1,5\n1 2,5\n");
        m.put("word", "0 one\n");
        m.put("three columns", "0 1 2\n");
        m.put("one column", "0\n1\n");
        m.put("nul", "0 1\n1\u0000 2\n");
        m.put("hex", "0x1 2\n");
        m.put("duplicate header", "u u\n0 1\n");
        return m;
    }

    /** Bad evaluation tables, each refused. */
    private static Map<String, String> badEvaluationFiles() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("all nan", "t u\n0 nan\n1 nan\n");
        m.put("header only", "t u\n");
        m.put("nan point", "t u\nnan 1\n");
        m.put("infinite point", "t u\n0 1\ninf 2\n");
        m.put("all infinite", "t u\n0 inf\n1 -inf\n");
        m.put("ragged", "t u\n0 1\n2\n");
        m.put("word", "t u\n0 x\n");
        return m;
    }

    private Outcome classifyAt(String text, String what) {
        return HostileInputs.classify(text, dir.resolve("p.yaml"), what);
    }

    @Test
    void everyInputOfTheCorpusIsRefusedClearly() throws IOException {
        Set<String> distinct = new LinkedHashSet<>();
        hostileProblems().forEach((what, text) -> {
            assertThat(classifyAt(text, what)).as(what).isNotEqualTo(Outcome.ACCEPTED);
            distinct.add(text);
        });
        Npy.write(dir.resolve("u.npy"), Tensor.vector(0.5, 1, 2));
        Files.createDirectory(dir.resolve("folder"));
        Map<String, String> data = badDataFiles();
        data.put("binary .npy", null);
        data.put("a folder", null);
        int n = 0;
        for (Map.Entry<String, String> f : data.entrySet()) {
            String name = f.getKey().equals("binary .npy") ? "u.npy" : f.getKey().equals("a folder") ? "folder"
                    : "data" + n++ + ".txt";
            if (f.getValue() != null) {
                Files.writeString(dir.resolve(name), f.getValue());
            }
            String text = HEAD + "conditions:\n  obs: {file: " + name + ", columns: [t, u]}\n";
            assertThat(classifyAt(text, "data file: " + f.getKey())).isNotEqualTo(Outcome.ACCEPTED);
            distinct.add(text);
        }
        for (Map.Entry<String, String> f : badEvaluationFiles().entrySet()) {
            String name = "truth" + n++ + ".txt";
            Files.writeString(dir.resolve(name), f.getValue());
            String text = HEAD + "evaluation: {file: " + name + ", columns: [t, u]}\n";
            assertThat(classifyAt(text, "evaluation file: " + f.getKey())).isNotEqualTo(Outcome.ACCEPTED);
            distinct.add(text);
        }
        int handWritten = distinct.size();
        int refusedNumbers = everyNumberOfTheExamplesMadeBad(distinct);
        System.out.println("bad-input corpus: " + handWritten + " hand-written, " + refusedNumbers + " example"
                + " numbers made bad, " + distinct.size() + " distinct inputs, all refused clearly");
        assertThat(distinct).hasSizeGreaterThanOrEqualTo(300);
    }

    private static final Pattern VALUE_NUMBER = Pattern.compile("(?<=[:\\[,{]\\s?)-?\\d+(\\.\\d*)?([eE][+-]?\\d+)?"
            + "(?=\\s*[,\\]}]|\\s*$)");

    /**
     * Each number written as a value in the examples' sections that the reader checks, replaced by NaN, a word or
     * .inf; the ones the reader must refuse (a number in a description or name is text) are counted and added.
     */
    private static int everyNumberOfTheExamplesMadeBad(Set<String> distinct) {
        int refused = 0;
        for (Path example : HostileInputs.examples()) {
            String[] lines = HostileInputs.text(example).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].strip().startsWith("#") || lines[i].startsWith("name:") || lines[i].startsWith(" ")
                        && !lines[i].contains(":")) {
                    continue;
                }
                Matcher m = VALUE_NUMBER.matcher(lines[i]);
                if (!m.find()) {
                    continue;
                }
                for (String bad : List.of(".nan", "nine", "-.inf")) {
                    String[] mutant = lines.clone();
                    mutant[i] = lines[i].substring(0, m.start()) + bad + lines[i].substring(m.end());
                    String text = String.join("\n", mutant);
                    Outcome o = HostileInputs.classify(text, example, example.getFileName() + " line " + (i + 1)
                            + " with " + bad);
                    assertThat(o).as(example.getFileName() + " line " + (i + 1) + " with " + bad + ": accepted\n"
                            + mutant[i]).isNotEqualTo(Outcome.ACCEPTED);
                    if (distinct.add(text)) {
                        refused++;
                    }
                }
            }
        }
        return refused;
    }
}
