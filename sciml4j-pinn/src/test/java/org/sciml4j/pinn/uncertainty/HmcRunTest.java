package org.sciml4j.pinn.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.RunContext;

/** A Bayesian PINN run end to end on a small inverse problem (scaled down: a short chain). */
class HmcRunTest {

    @Test
    void aRunWritesDrawsIntervalsAndPlots(@TempDir Path dir) throws Exception {
        UncertainProblem p = EnsembleTest.read(dir, "uncertainty:\n  hmc: {samples: 40, warmup: 40, leapfrog: 6,"
                + " physics_sd: 0.05, data_sd: 0.02}\n");
        Path out = dir.resolve("run");
        Files.createDirectories(out);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        assertThat(p.run(RunContext.of(out, new PrintStream(text, true, StandardCharsets.UTF_8)))).isZero();
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("method").asText()).isEqualTo("hmc");
        assertThat(s.get("draws").asInt()).isEqualTo(40);
        assertThat(s.get("transitions").asInt()).isEqualTo(80);
        assertThat(s.get("acceptance").asDouble()).isBetween(0.05, 1.0);
        assertThat(s.get("relative_error").asDouble()).isFinite().isPositive();
        JsonNode c = s.get("unknowns").get("c");
        assertThat(c.get("sd").asDouble()).isPositive();
        assertThat(c.get("quantile_95").get(0).asDouble()).isLessThan(c.get("mean").asDouble());
        assertThat(c.get("quantile_95").get(1).asDouble()).isGreaterThan(c.get("mean").asDouble());
        Map<String, Tensor> draws = Npz.read(out.resolve("samples.npz"));
        assertThat(draws.get("c").shape()).containsExactly(40);
        assertThat(draws.get("parameters").shape()).containsExactly(40, 20);
        // the summary's mean of c is the mean of the drawn c
        double sum = 0;
        for (double v : draws.get("c").toArray()) {
            sum += v;
        }
        assertThat(c.get("mean").asDouble()).isCloseTo(sum / 40, org.assertj.core.api.Assertions.within(1e-12));
        for (String f : new String[] {"loss.tsv", "prediction.tsv", "prediction.png", "trace.png"}) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("Bayesian PINN: 20 parameters", "HMC: acceptance");
    }
}
