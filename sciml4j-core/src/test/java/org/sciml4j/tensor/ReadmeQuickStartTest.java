package org.sciml4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;

/** Compiles and runs the Java quick start of README.md, and checks what it prints. */
class ReadmeQuickStartTest {

    static Path repoRoot() {
        String p = System.getProperty("sciml4j.repoRoot");
        Path dir = p != null ? Path.of(p) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    @Test
    void quickStartCompilesRunsAndPrintsTheExpectedNumbers() throws Exception {
        String readme = Files.readString(repoRoot().resolve("README.md"));
        int section = readme.indexOf("## Quick start: the engine (Java)");
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(section).isNotNegative();
        assertThat(m.find(section)).as("a ```java block in the quick start").isTrue();
        Path dir = Files.createTempDirectory("quickstart");
        Files.writeString(dir.resolve("QuickStart.java"), m.group(1));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int rc = javac.run(null, null, null, "-d", dir.toString(), "-cp", cp, dir.resolve("QuickStart.java").toString());
        assertThat(rc).as("javac exit code").isZero();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            loader.loadClass("QuickStart").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(saved);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        // the residual of the ODE that u solves exactly vanishes to rounding
        double residual = Double.parseDouble(lines.get(0).replace("max |residual| = ", ""));
        assertThat(residual).isLessThan(1e-13);
        // with c = 9 the residual is (c - 9.25) u, so loss = mean(u^2)/16 and dloss/dc = -mean(u^2)/2
        double meanU2 = 0;
        for (int i = 0; i < 5; i++) {
            double t = 0.5 * i;
            double u = Math.exp(-t / 2) * Math.cos(3 * t);
            meanU2 += u * u / 5;
        }
        Matcher nums = Pattern.compile("loss = (\\S+), dloss/dc = (\\S+)").matcher(lines.get(1));
        assertThat(nums.matches()).isTrue();
        assertThat(Double.parseDouble(nums.group(1))).isCloseTo(meanU2 / 16, org.assertj.core.data.Offset.offset(1e-14));
        assertThat(Double.parseDouble(nums.group(2))).isCloseTo(-meanU2 / 2, org.assertj.core.data.Offset.offset(1e-13));
    }
}
