package org.sciml4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.cli.ProblemRuns;

/**
 * An anchored ({@code uncertainty:}) ensemble of 3 PINNs given to {@code ensemble} runs its members as Spark tasks
 * (local[2]) and writes what {@code sciml4j run} writes in one process, with the same bits.
 */
class UncertaintyEnsembleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** u' + c u = 0, u(0) = 1 on [0, 2], noisy data of exp(-0.5 t), c unknown; 3 randomised-MAP members. */
    static Path problem(Path dir) throws Exception {
        StringBuilder data = new StringBuilder();
        StringBuilder truth = new StringBuilder();
        for (int i = 0; i <= 20; i++) {
            double t = 0.1 * i;
            data.append(t).append(' ').append(Math.exp(-0.5 * t) + 0.01 * Math.sin(7 * i)).append('\n');
            truth.append(t).append(' ').append(Math.exp(-0.5 * t)).append('\n');
        }
        Files.writeString(dir.resolve("data.txt"), data);
        Files.writeString(dir.resolve("truth.txt"), truth);
        Path file = dir.resolve("decay-uq.yaml");
        Files.writeString(file, "name: decay-uq\nvariables: {t: [0, 2]}\nfields: [u]\nunknowns: {c: {initial: 1.0}}\n"
                + "equations: [u_t + c*u]\nconditions:\n  initial: {at: {t: 0}, require: [u = 1]}\n"
                + "  data: {file: data.txt, columns: [t, u]}\ncollocation: {points: 21}\n"
                + "network: {layers: [6], activation: tanh}\ntraining: {seed: 5, adam: {lr: 1e-2, epochs: 120}}\n"
                + "evaluation: {file: truth.txt, columns: [t, u]}\n"
                + "uncertainty:\n  ensemble:\n    members: 3\n"
                + "    anchored: {prior_sd: 1, physics_sd: 0.05, data_sd: 0.05, condition_sd: 0.01}\n");
        return file;
    }

    @Test
    void sparkMembersGiveTheSameEnsembleAsOneProcess(@TempDir Path tmp) throws Exception {
        assumeTrue(SparkSweeps.unsupportedReason().isEmpty(), SparkSweeps::unsupportedReason);
        Path file = problem(tmp);
        Path alone = tmp.resolve("alone");
        assertThat(ProblemRuns.run(Files.readString(file), file, alone, false, null)).isZero();
        Path spark = tmp.resolve("spark");
        assertThat(SparkMain.run("ensemble", file.toString(), "--master", "local[2]", "--out", spark.toString()))
                .isZero();

        JsonNode a = JSON.readTree(alone.resolve("summary.json").toFile());
        JsonNode s = JSON.readTree(spark.resolve("summary.json").toFile());
        assertThat(s.get("method").asText()).isEqualTo("anchored_ensemble");
        assertThat(s.get("members").asInt()).isEqualTo(3);
        assertThat(s.get("spark_master").asText()).startsWith("local[2");
        for (String figure : new String[] {"relative_error", "absolute_error", "coverage_normal_95",
            "coverage_quantile_95", "mean_sd", "seed", "adam_epochs"}) {
            assertThat(s.get(figure).doubleValue()).as(figure).isEqualTo(a.get(figure).doubleValue());
        }
        assertThat(s.get("relative_error").doubleValue()).isPositive().isLessThan(0.5);
        // mean, sd, normal and quantile intervals of c: the same JSON numbers, so the same bits
        assertThat(s.get("unknowns")).isEqualTo(a.get("unknowns"));
        assertThat(s.get("unknowns").get("c").get("sd").doubleValue()).isPositive();
        for (int k = 0; k < 3; k++) {
            assertThat(s.get("member_results").get(k).get("parameters"))
                    .isEqualTo(a.get("member_results").get(k).get("parameters"));
            JsonNode ma = JSON.readTree(alone.resolve("members/" + k + "/summary.json").toFile());
            JsonNode ms = JSON.readTree(spark.resolve("members/" + k + "/summary.json").toFile());
            assertThat(ms.get("seed").asLong()).isEqualTo(5 + k);
            assertThat(ms.get("relative_error")).isEqualTo(ma.get("relative_error"));
            assertThat(spark.resolve("members/" + k + "/model.safetensors")).hasSameBinaryContentAs(
                    alone.resolve("members/" + k + "/model.safetensors"));
        }
        assertThat(Files.readString(spark.resolve("prediction.tsv")))
                .isEqualTo(Files.readString(alone.resolve("prediction.tsv")));
        assertThat(spark.resolve("prediction.png")).isRegularFile();
        assertThat(Files.readString(spark.resolve("problem.yaml"))).isEqualTo(Files.readString(file));

        // --members replaces the file's 3: seeds 5..8, the first three members the same as before
        Path four = tmp.resolve("four");
        assertThat(SparkMain.run("ensemble", file.toString(), "--members", "4", "--master", "local[2]", "--out",
                four.toString())).isZero();
        JsonNode f = JSON.readTree(four.resolve("summary.json").toFile());
        assertThat(f.get("members").asInt()).isEqualTo(4);
        assertThat(f.get("member_results")).hasSize(4);
        assertThat(f.get("member_results").get(3).get("seed").asLong()).isEqualTo(8);
        for (int k = 0; k < 3; k++) {
            assertThat(f.get("member_results").get(k).get("parameters"))
                    .isEqualTo(a.get("member_results").get(k).get("parameters"));
        }
    }

    @Test
    void aFileWithoutAnUncertaintyEnsembleNeedsMembers(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("decay.yaml");
        Files.writeString(file, LocalSweepTest.PROBLEM);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int status;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = SparkMain.run("ensemble", file.toString(), "--master", "spark://127.0.0.1:1");
        } finally {
            System.setErr(old);
        }
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("decay.yaml: --members K is needed");
    }
}
