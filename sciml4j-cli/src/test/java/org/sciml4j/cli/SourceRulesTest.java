package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The house rules on size, checked on every module's main sources: no class file over 600 lines, no method over 80
 * lines outside numerical kernels (the {@code tensor.kernel} package, or a method whose Javadoc or preceding
 * comment says {@code numerical kernel}).
 */
class SourceRulesTest {
    static final int MAX_CLASS_LINES = 600;
    static final int MAX_METHOD_LINES = 80;

    /** A method or constructor header: modifiers, a return type (absent for constructors), a name, an open paren. */
    private static final Pattern HEADER = Pattern.compile("^\\s*(?:(?:public|private|protected|static|final|abstract"
            + "|synchronized|default)\\s+)*(?:<[^>]+>\\s+)?(?:[\\w.$]+(?:<.*>)?(?:\\[\\])*\\s+)?(\\w+)\\s*\\([^;]*$");
    private static final Pattern NOT_A_HEADER = Pattern.compile("^\\s*(return|new|if|for|while|else|throw|case|try"
            + "|catch|switch|do|synchronized\\s*\\()\\b.*|^[^(]*\\b(record|class|interface|enum)\\b.*");

    @Test
    void noClassOver600LinesAndNoMethodOver80() throws IOException {
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Repo.root())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains(
                    "/src/main/java/")).sorted().toList()) {
                offences.addAll(check(Repo.root().relativize(f).toString(), Files.readAllLines(f)));
            }
        }
        assertThat(offences).as("classes over %d lines, methods over %d lines", MAX_CLASS_LINES, MAX_METHOD_LINES)
                .isEmpty();
    }

    @Test
    void theCheckFindsLongMethodsAndSparesKernels() {
        List<String> body = new ArrayList<>(List.of("class A {", "    int f(int x) {"));
        for (int i = 0; i < 85; i++) {
            body.add("        x++;");
        }
        body.addAll(List.of("        return x;", "    }", "}"));
        assertThat(check("A.java", body)).singleElement().asString().contains("f").contains("88 lines");
        body.add(1, "    // numerical kernel: written out for speed");
        assertThat(check("A.java", body)).isEmpty();
        body.remove(1);
        assertThat(check("x/tensor/kernel/A.java", body)).isEmpty();
        body.set(0, "record R(int a, int b) {");
        assertThat(check("R.java", body)).singleElement().asString().contains(" f,");
    }

    static List<String> check(String name, List<String> lines) {
        List<String> out = new ArrayList<>();
        if (lines.size() > MAX_CLASS_LINES) {
            out.add(name + ": " + lines.size() + " lines");
        }
        if (name.contains("tensor/kernel/")) {
            return out;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = HEADER.matcher(line);
            if (!m.matches() || NOT_A_HEADER.matcher(line).matches()) {
                continue;
            }
            int open = i;
            while (open < lines.size() && !lines.get(open).contains("{") && !lines.get(open).contains(";")) {
                open++;
            }
            if (open == lines.size() || !lines.get(open).contains("{")) {
                continue;
            }
            int depth = 0;
            int end = open;
            for (; end < lines.size(); end++) {
                depth += count(lines.get(end), '{') - count(lines.get(end), '}');
                if (depth <= 0) {
                    break;
                }
            }
            int length = end - i + 1;
            if (length > MAX_METHOD_LINES && !kernel(lines, i)) {
                out.add(name + ":" + (i + 1) + " " + m.group(1) + ", " + length + " lines");
            }
            i = open;
        }
        return out;
    }

    /** Whether the comment just above line {@code i} marks a numerical kernel. */
    private static boolean kernel(List<String> lines, int i) {
        for (int k = i - 1; k >= 0 && k >= i - 12; k--) {
            String l = lines.get(k).trim();
            if (l.contains("numerical kernel")) {
                return true;
            }
            if (!(l.startsWith("*") || l.startsWith("/") || l.startsWith("@"))) {
                return false;
            }
        }
        return false;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) == c) {
                n++;
            }
        }
        return n;
    }
}
