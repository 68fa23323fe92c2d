package org.sciml4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The JVM flags Spark needs on Java 17 are written once, as the {@code spark.jvmArgs} property of the module's pom:
 * the build filters them into {@code spark-jvm-options.txt} (read by the {@code ./sciml4j} launcher for
 * sweep/ensemble/farm) and into surefire's argLine. No Spark context needed.
 */
class LauncherFilesTest {
    /** The flags of the pom's spark.jvmArgs property, split at white space. */
    private static List<String> pomFlags() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8); // surefire runs in the module
        Matcher m = Pattern.compile("<spark\\.jvmArgs>([^<]*)</spark\\.jvmArgs>").matcher(pom);
        assertThat(m.find()).as("spark.jvmArgs in sciml4j-spark/pom.xml").isTrue();
        return List.of(m.group(1).strip().split("\\s+"));
    }

    @Test
    void theLauncherFlagsFileHoldsThePomsList() throws IOException {
        List<String> flags = pomFlags();
        assertThat(flags).hasSizeGreaterThan(10).allMatch(f -> f.startsWith("--add-opens=") || f.startsWith("-D"))
                .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
        String file;
        try (InputStream in = LauncherFilesTest.class.getResourceAsStream("/spark-jvm-options.txt")) {
            assertThat(in).as("spark-jvm-options.txt on the class path").isNotNull();
            file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(file.lines().count()).isEqualTo(1);
        assertThat(List.of(file.strip().split("\\s+"))).containsExactlyElementsOf(flags);
    }

    @Test
    void theTestsRunWithTheSameFlags() throws IOException {
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).containsAll(pomFlags());
    }
}
