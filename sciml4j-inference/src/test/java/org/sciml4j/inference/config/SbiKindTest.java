package org.sciml4j.inference.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.ProblemKinds;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.YamlDocument;

public class SbiKindTest {
    static final String DATA = Path.of(System.getProperty("sciml4j.repoRoot", "/work/wt/inference"))
            .resolve("../shared/data/sbibm").normalize().toString();

    public static void main(String[] a) throws Exception {
        SbiKindTest t = new SbiKindTest();
        t.mistakesArePlacedInTheFile();
        Path dir = Files.createTempDirectory("sbi");
        t.aTinyTwoMoonsRunWritesSamplesAndScores(dir);
    }

    private static SbiProblem read(String text) {
        return (SbiProblem) ProblemKinds.parse(text, Path.of("p.yaml"));
    }

    @Test
    void mistakesArePlacedInTheFile() {
        assertThatThrownBy(() -> read("kind: sbi\ntask: two_moons\nsimulation: 100\n"))
                .isInstanceOf(ProblemFileException.class).hasMessageContaining("line 3, column 1")
                .hasMessageContaining("unknown key 'simulation'").hasMessageContaining("simulations");
        assertThatThrownBy(() -> read("kind: sbi\ntask: two_mons\nsimulations: 100\ndata: " + DATA + "\n"))
                .hasMessageContaining("line 2, column 7").hasMessageContaining("unknown sbibm task 'two_mons'");
        assertThatThrownBy(() -> read("kind: sbi\ntask: slcp\nsimulations: 100\ndata: " + DATA
                + "\nmethod:\n  flow: {type: glow}\n")).hasMessageContaining("line 6, column 16")
                .hasMessageContaining("unknown flow type 'glow'");
        assertThatThrownBy(() -> read("kind: sbi\ntask: slcp\nsimulations: 100\ndata: " + DATA
                + "\ntraining:\n  learning_rate: -1\n")).hasMessageContaining("line 6, column 18")
                .hasMessageContaining("learning_rate must be finite and > 0");
        assertThatThrownBy(() -> read("kind: sbi\ntask: slcp\nsimulations: 100\ndata: " + DATA
                + "\nobservations: [1, 11]\n")).hasMessageContaining("line 5, column 19")
                .hasMessageContaining("numbered 1 to 10");
        assertThatThrownBy(() -> read("kind: sbi\nsimulations: 100\nprior:\n  uniform: {low: [0, 1], high: [1, 1]}\n"
                + "simulator: {command: [cat], outputs: 2}\nobservations: {file: x.csv}\n"))
                .hasMessageContaining("line 4, column 12").hasMessageContaining("parameter 2 needs finite low < high");
        assertThatThrownBy(() -> read("kind: sbi\nsimulations: 100\nprior:\n  uniform: {low: [0, 0], high: [1, 1]}\n"
                + "simulator: {command: [no-such-simulator-program, sim.py], outputs: 2}\n"))
                .hasMessageContaining("line 5, column 23")
                .hasMessageContaining("no program 'no-such-simulator-program' on the PATH");
        assertThatThrownBy(() -> read("kind: sbi\nsimulations: 100\nprior:\n  uniform: {low: [0, 0], high: [1, 1]}\n"
                + "simulator: {command: [sh], outputs: 2, timeout: -1}\n"))
                .hasMessageContaining("line 5, column 49")
                .hasMessageContaining("timeout is the seconds a batch may take (0 for no limit), got -1.0");
        assertThat(ProblemKinds.names()).contains("sbi");
    }

    /** Simulations that could never fit in the heap are refused at their line before any is made. */
    @Test
    void simulationsBeyondTheHeapAreRefusedAtTheirLine() {
        // 2e9 simulations of 2 parameters and 2 outputs: at least 2e9 x 176 bytes, some 330 GiB
        assertThatThrownBy(() -> read("kind: sbi\ntask: two_moons\nsimulations: 2000000000\ndata: " + DATA + "\n"))
                .isInstanceOf(ProblemFileException.class).hasMessageContaining("line 3, column 14")
                .hasMessageContaining("2000000000 simulations of 2 parameters and 2 outputs take at least 327.8 GiB")
                .hasMessageContaining("SCIML4J_JAVA_OPTS=-Xmx");
        assertThat(read("kind: sbi\ntask: two_moons\nsimulations: 1000\ndata: " + DATA + "\n")).isNotNull();
    }

    @Test
    void theExamplesRead() throws Exception {
        Path examples = Path.of(System.getProperty("sciml4j.repoRoot", "/work/wt/inference")).resolve("examples/sbi");
        for (String f : new String[] {"two-moons.yaml", "gaussian-linear.yaml", "slcp.yaml", "external.yaml",
            "damped-oscillator.yaml", "two-moons-nle.yaml", "two-moons-tsnpe.yaml", "gaussian-linear-sbc.yaml"}) {
            SbiProblem p = (SbiProblem) ProblemKinds.read(examples.resolve(f));
            assertThat(p.spec().observations()).as(f).isNotEmpty();
            if (f.equals("damped-oscillator.yaml")) {
                assertThat(p.spec().observations()).hasSize(20);
                assertThat(p.spec().mcmcReference()).isTrue();
            } else if (f.equals("two-moons-tsnpe.yaml")) {
                assertThat(p.spec().method()).isEqualTo("tsnpe");
                assertThat(p.spec().rounds()).isEqualTo(4);
            } else if (f.equals("gaussian-linear-sbc.yaml")) {
                assertThat(p.spec().sbc()).isEqualTo(new SbiSpec.SbcSettings(200, 100, 10));
                assertThat(p.spec().references()).containsOnlyNulls();
            } else if (!f.equals("external.yaml")) {
                assertThat(p.spec().references()).as(f).hasSize(10).doesNotContainNull();
                assertThat(p.spec().simulations()).isEqualTo(10000);
            }
        }
    }

    @Test
    void aTinyTwoMoonsRunWritesSamplesAndScores(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, "kind: sbi\ntask: two_moons\ndata: " + DATA + "\nseed: 3\nsimulations: 600\n"
                + "method:\n  flow: {type: maf, transforms: 2, hidden: 16, blocks: 1}\n"
                + "training: {batch_size: 100, learning_rate: 0.002, patience: 3, max_epochs: 4}\n"
                + "observations: [1]\nposterior_samples: 400\ndiagnostics: {c2st_max_epochs: 3}\n");
        SbiProblem p = (SbiProblem) new SbiKind().read(YamlDocument.read(file));
        Path run = Files.createDirectories(dir.resolve("run"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = p.run(RunContext.of(run, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(out).contains("observation 1: c2st");
        String summary = Files.readString(run.resolve("summary.json"));
        assertThat(summary).contains("\"c2st\"", "\"train_seconds\"", "\"simulations\" : 600");
        Map<String, Tensor> samples = Npz.read(run.resolve("posterior_samples.npz"));
        assertThat(samples.get("observation_1").shape()).containsExactly(400, 2);
        for (double v : samples.get("observation_1").data()) {
            assertThat(v).isBetween(-1.0, 1.0); // inside the prior's box
        }
        assertThat(run.resolve("pairs_observation_1.png")).exists();
        // a second run reuses the stored simulations
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        p.run(RunContext.of(run, new PrintStream(again, true, StandardCharsets.UTF_8)));
        assertThat(again.toString(StandardCharsets.UTF_8)).contains("reusing 600 simulations");
    }

    @Test
    void aTinyDampedOscillatorRunScoresAgainstAnMcmcReferenceAndChecksHeldOutTruths(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("osc.yaml");
        Files.writeString(file, "kind: sbi\ntask: damped_oscillator\nseed: 3\nsimulations: 500\n"
                + "method:\n  flow: {type: maf, transforms: 2, hidden: 16, blocks: 1}\n"
                + "training: {batch_size: 100, learning_rate: 0.002, patience: 3, max_epochs: 3}\n"
                + "observations: 2\nposterior_samples: 300\ndiagnostics: {c2st_max_epochs: 3}\n");
        SbiProblem p = (SbiProblem) new SbiKind().read(YamlDocument.read(file));
        Path run = Files.createDirectories(dir.resolve("run"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(p.run(RunContext.of(run, new PrintStream(bytes, true, StandardCharsets.UTF_8)))).isZero();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("observation 2: c2st", "reference on 2 observations with known truth");
        String summary = Files.readString(run.resolve("summary.json"));
        assertThat(summary).contains("\"c2st\"", "\"within_one_sd\"", "\"coverage_95\"",
                "\"reference_coverage_68\"");
        assertThat(Npz.read(run.resolve("reference_samples.npz")).get("observation_1").shape())
                .containsExactly(300, 2);
    }

    @Test
    void nleAndMcmcKeysAreReadAndChecked() {
        SbiProblem p = read("kind: sbi\ntask: damped_oscillator\nsimulations: 100\nmethod:\n  name: nle\n"
                + "  mcmc: {chains: 8, thin: 2}\n");
        assertThat(p.spec().method()).isEqualTo("nle");
        assertThat(p.spec().mcmc().chains()).isEqualTo(8);
        assertThat(p.spec().mcmc().thin()).isEqualTo(2);
        assertThatThrownBy(() -> read("kind: sbi\ntask: damped_oscillator\nsimulations: 100\nmethod:\n"
                + "  name: snle\n")).hasMessageContaining("line 5, column 9").hasMessageContaining("unknown method");
        assertThatThrownBy(() -> read("kind: sbi\ntask: damped_oscillator\nsimulations: 100\nmethod:\n"
                + "  name: nle\n  mcmc: {chain: 8}\n")).hasMessageContaining("line 6, column 10")
                .hasMessageContaining("unknown key 'chain'");
        SbiProblem t = read("kind: sbi\ntask: damped_oscillator\nsimulations: 100\nmethod: {name: tsnpe, rounds: 3}\n");
        assertThat(t.spec().rounds()).isEqualTo(3);
        assertThat(t.spec().truncation()).isEqualTo(1e-4);
        assertThatThrownBy(() -> read("kind: sbi\ntask: damped_oscillator\nsimulations: 100\nmethod: {name: npe,"
                + " rounds: 3}\n")).hasMessageContaining("line 4, column 21")
                .hasMessageContaining("'rounds' belongs to 'name: tsnpe'");
        assertThatThrownBy(() -> read("kind: sbi\ntask: damped_oscillator\nsimulations: 100\nmethod:\n"
                + "  mcmc: {width: -1}\n")).hasMessageContaining("line 5, column 17")
                .hasMessageContaining("width must be finite and > 0");
    }
}
