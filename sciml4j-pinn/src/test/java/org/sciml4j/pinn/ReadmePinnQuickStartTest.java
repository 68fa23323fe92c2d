package org.sciml4j.pinn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;

/** Compiles and runs the PINN quick starts of README.md (an ODE, a PDE on a shape) and checks the errors they print. */
class ReadmePinnQuickStartTest {

    @Test
    void pinnQuickStartReachesTheRecommendedAccuracy() throws Exception {
        assertThat(runQuickStart("## Quick start: a PINN in Java", "OscillatorPinn")).isLessThan(1e-3);
    }

    @Test
    void pdeQuickStartSolvesPoissonOnTheLShape() throws Exception {
        assertThat(runQuickStart("## Quick start: a PDE on a shape (Java)", "PoissonPinn")).isLessThan(1e-2);
    }

    /** Compiles and runs the first java block after {@code heading}; returns the relative error it prints. */
    private double runQuickStart(String heading, String className) throws Exception {
        Path root = Path.of(System.getProperty("sciml4j.repoRoot", "")).toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("README.md"))) {
            root = root.getParent();
        }
        String readme = Files.readString(root.resolve("README.md"));
        int section = readme.indexOf(heading);
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(section).isNotNegative();
        assertThat(m.find(section)).as("a ```java block in " + heading).isTrue();
        assertThat(m.group(1).lines().count()).as("about 20 lines of user code").isLessThan(30);
        Path dir = Files.createTempDirectory("quickstart");
        Files.writeString(dir.resolve(className + ".java"), m.group(1));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        assertThat(javac.run(null, null, null, "-d", dir.toString(), "-cp", cp,
                dir.resolve(className + ".java").toString())).as("javac exit code").isZero();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            loader.loadClass(className).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(saved);
        }
        String printed = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(printed).startsWith("relative error ");
        return Double.parseDouble(printed.substring("relative error ".length()));
    }
}
