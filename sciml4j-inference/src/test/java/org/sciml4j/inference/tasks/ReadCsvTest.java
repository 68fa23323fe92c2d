package org.sciml4j.inference.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BenchmarkTask#readCsv}: sbibm's files (a header line) and users' (with or without one). */
class ReadCsvTest {
    @TempDir
    Path dir;

    @Test
    void theHeaderLineIsOptional() throws IOException {
        Files.writeString(dir.resolve("h.csv"), "data_1,data_2\n0.3,-0.4\n1,2\n");
        assertThat(BenchmarkTask.readCsv(dir.resolve("h.csv"), 2).toArray()).containsExactly(0.3, -0.4, 1, 2);
        Files.writeString(dir.resolve("n.csv"), "0.3,-0.4\n");
        assertThat(BenchmarkTask.readCsv(dir.resolve("n.csv"), 2).toArray()).containsExactly(0.3, -0.4);
        Files.writeString(dir.resolve("b.csv"), "a,b\n0.3,x\n");
        assertThatThrownBy(() -> BenchmarkTask.readCsv(dir.resolve("b.csv"), 2))
                .hasMessageEndingWith("b.csv, line 2, column 2: not a number: 'x'");
        Files.writeString(dir.resolve("w.csv"), "0.3,-0.4,5\n");
        assertThatThrownBy(() -> BenchmarkTask.readCsv(dir.resolve("w.csv"), 2))
                .hasMessageEndingWith("w.csv, line 1: 3 values, expected 2");
    }
}
