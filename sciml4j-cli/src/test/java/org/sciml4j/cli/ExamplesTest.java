package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sciml4j.io.TextTable;

/** Every file in examples/ runs end to end (briefly); the tutorial's forward and inverse programs reach its numbers. */
class ExamplesTest {

    static Path examples() {
        return Repo.examples("damped-oscillation");
    }

    static Stream<Path> exampleFiles() throws Exception {
        try (Stream<Path> s = Files.list(examples())) {
            List<Path> files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList());
            files.add(examples().resolve("../burgers/burgers.yaml").normalize());
            return files.stream();
        }
    }

    @Test
    void theSixTutorialProgramsHaveAFile() throws Exception {
        assertThat(exampleFiles().map(p -> p.getFileName().toString())).contains("supervised-exact.yaml",
                "supervised-noisy.yaml", "forward.yaml", "inverse-exact.yaml", "inverse-noisy.yaml", "surrogate.yaml");
    }

    @Test
    void theExamplesCarryTheSharedDataFiles() throws Exception {
        Path shared = DataCommandTest.shared();
        for (String f : new String[] {"data_exact.txt", "data_noisy.txt", "data_truth.txt", "data_truth_c.txt"}) {
            assertThat(Files.readString(examples().resolve("data").resolve(f))).as(f)
                    .isEqualTo(Files.readString(shared.resolve(f)));
        }
    }

    @ParameterizedTest
    @MethodSource("exampleFiles")
    void runsBrieflyAndWritesEveryOutput(Path file, @TempDir Path out) throws Exception {
        assertThat(Main.run("run", file.toString(), "--out", out.toString(), "--epochs", "30", "--lbfgs", "5",
                "--every", "10", "--quiet")).isZero();
        for (String f : new String[] {"problem.yaml", "loss.tsv", "model.safetensors", "prediction.tsv",
            "summary.json", "loss.png"}) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        assertThat(Files.readString(out.resolve("problem.yaml"))).isEqualTo(Files.readString(file));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("relative_error").asDouble()).isFinite().isPositive();
        assertThat(summary.get("absolute_error").asDouble()).isFinite().isPositive();
        assertThat(summary.get("epochs").asInt()).isBetween(31, 35);
        assertThat(summary.get("train_seconds").asDouble()).isPositive();
        assertThat(summary.get("adam_seconds").asDouble()).isPositive()
                .isLessThanOrEqualTo(summary.get("train_seconds").asDouble());
        TextTable.Table loss = TextTable.read(out.resolve("loss.tsv"));
        assertThat(loss.columns().subList(0, 2)).containsExactly("epoch", "total");
        assertThat(loss.rows()).isEqualTo(summary.get("epochs").asInt());
        TextTable.Table pred = TextTable.read(out.resolve("prediction.tsv"));
        boolean twoVariables = pred.columns().size() == 4;
        boolean burgers = file.getFileName().toString().equals("burgers.yaml");
        assertThat(pred.rows()).isEqualTo(burgers ? 256 * 100 : twoVariables ? 101 * 101 : 101);
        if (twoVariables) {
            assertThat(out.resolve("heatmap.png")).isRegularFile();
            assertThat(out.resolve("error.png")).isRegularFile();
            assertThat(out.resolve("curves.png")).isRegularFile();
        } else {
            assertThat(out.resolve("prediction.png")).isRegularFile();
        }
        if (summary.get("parameters").has("c")) {
            assertThat(loss.columns()).endsWith("c");
            assertThat(loss.column("c").toArray()[0]).isCloseTo(1.0, within(0.05));
        }
    }

    @Test
    void tutorialForwardReachesItsError(@TempDir Path out) throws Exception {
        JsonNode s = run("forward.yaml", out);
        assertThat(s.get("relative_error").asDouble()).isLessThanOrEqualTo(0.049);
        assertThat(s.get("epochs").asInt()).isEqualTo(10000);
    }

    @Test
    void tutorialInverseEstimatesTheDamping(@TempDir Path out) throws Exception {
        JsonNode s = run("inverse-exact.yaml", out);
        assertThat(s.get("parameters").get("c").asDouble()).isCloseTo(0.1, within(0.002));
        assertThat(s.get("relative_error").asDouble()).isLessThanOrEqualTo(0.018);
    }

    @Test
    void aMistakeInTheFileTrainsNothing(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "variables: {t: [0, 10]}\nfields: [u]\nequations:\n  - u_tt + cc*u\n"
                + "collocation: {points: 11}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run("run", f.toString(), "--out", dir.resolve("out").toString());
        } finally {
            System.setErr(old);
        }
        assertThat(code).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.yaml, line 4, column 12: unknown symbol 'cc'")
                .contains("^");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    /** The Burgers file with its points placed again every 10 epochs and iterations: redraws through the CLI. */
    @Test
    void burgersPlacesItsPointsByTheResidualEndToEnd(@TempDir Path dir) throws Exception {
        String text = Files.readString(examples().resolve("../burgers/burgers.yaml"))
                .replace("resample_every: 5000", "resample_every: 10")
                .replace("../../../shared/data/deepxde/Burgers.npz", Repo.sharedData("deepxde/Burgers.npz").toString());
        assertThat(text).contains("resample_every: 10", "adaptive:");
        Path file = Files.writeString(dir.resolve("burgers.yaml"), text);
        Path out = dir.resolve("out");
        assertThat(Main.run("run", file.toString(), "--out", out.toString(), "--epochs", "25", "--lbfgs", "25",
                "--quiet")).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        // Adam redraws before epochs 11 and 21; L-BFGS runs 25 iterations in rounds of 10, 10 and 5
        assertThat(summary.get("stop_reason").asText()).contains("the last of 3 rounds");
        assertThat(summary.get("relative_error").asDouble()).isFinite().isPositive();
    }

    private static JsonNode run(String name, Path out) throws Exception {
        assertThat(Main.run("run", examples().resolve(name).toString(), "--out", out.toString(), "--quiet")).isZero();
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }
}
