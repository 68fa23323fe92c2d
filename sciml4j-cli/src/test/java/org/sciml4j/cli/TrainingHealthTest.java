package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run whose loss explodes does not "complete": it stops, says so in summary.json and exits with status 3. */
class TrainingHealthTest {

    @Test
    void aLearningRateOfAMillionStopsAsDivergedWithStatus3(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("too-fast.yaml");
        Files.writeString(file, Files.readString(Repo.examples("damped-oscillation/forward.yaml"))
                .replace("lr: 1e-3", "lr: 1e6")
                .replace("data/", Repo.examples("damped-oscillation/data/").toString() + "/"));
        Path out = dir.resolve("out");
        int status = Main.run("run", file.toString(), "--out", out.toString(), "--epochs", "2000", "--quiet");
        assertThat(status).isEqualTo(RunCommand.DIVERGED_STATUS);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("stop_reason").asText()).startsWith("diverged: the loss grew to");
        assertThat(summary.path("epochs").asInt()).isLessThan(2000);
        for (String key : new String[] {"absolute_error", "relative_error"}) {
            assertThat(summary.path(key).isNumber() || summary.path(key).isNull()).as(key).isTrue();
        }
    }
}
