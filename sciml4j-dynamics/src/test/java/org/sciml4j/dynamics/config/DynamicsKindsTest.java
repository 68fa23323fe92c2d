package org.sciml4j.dynamics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sciml4j.dynamics.KindFiles.mistake;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.dynamics.data.Systems;
import org.sciml4j.dynamics.data.TrajectoryGenerator;
import org.sciml4j.io.SafeTensors;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.ProblemKinds;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.RunnableProblem;

/** The two kinds through the shared registry: every mistake placed, and tiny runs writing their results. */
class DynamicsKindsTest {
    @TempDir
    Path dir;

    static final String TINY = """
            kind: hamiltonian
            model: hnn
            system: mass_spring
            seed: 3
            data:
              trajectories: 4
              test_split: 0.5
            network:
              hidden: [16]
            training:
              epochs: 200
              learning_rate: 1.0e-2
            evaluation:
              trajectories: 3
              duration: 5
              points: 20
            """;

    @Test
    void mistakesArePlacedAtTheirLineAndColumn() {
        ProblemFileException e = mistake(TINY.replace("model: hnn", "model: hnm"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("did you mean 'hnn'");
        e = mistake(TINY.replace("  epochs: 200", "  epochs: 200\n  integrator: rk4"));
        assertThat(e.line()).isEqualTo(12);
        assertThat(e.getMessage()).contains("target: trajectories");
        e = mistake(TINY.replace("system: mass_spring", "system: spring"));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("known: ");
        e = mistake(TINY.replace("  test_split: 0.5", "  test_splt: 0.5"));
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.getMessage()).contains("test_split");
        e = mistake(TINY.replace("  learning_rate: 1.0e-2", "  learning_rate: -1"));
        assertThat(e.line()).isEqualTo(12);
        e = mistake(TINY.replace("  epochs: 200", "  epochs: 200\n  target: trajectories\n  integrator: rk5"));
        assertThat(e.line()).isEqualTo(13);
        assertThat(e.getMessage()).contains("did you mean 'rk4'");
        e = mistake(TINY.replace("  epochs: 200", "  epochs: 200\n  target: trajectories\n  weight_decay: 1e-4"));
        assertThat(e.line()).isEqualTo(13);
        e = mistake(TINY.replace("system: mass_spring\n", ""));
        assertThat(e.getMessage()).contains("give a 'system:'");
        e = mistake(TINY.replace("  points: 20", "  points: 1"));
        assertThat(e.line()).isEqualTo(16);
        e = mistake(TINY.replace("kind: hamiltonian", "kind: neural_ode").replace("model: hnn", "model: hnn"));
        assertThat(e.getMessage()).contains("unknown model 'hnn'");
        e = mistake(TINY.replace("  points: 20", "  points: 20\n  protocol: greydanus_notbook"));
        assertThat(e.getMessage()).contains("line 17, column 13").contains("did you mean 'greydanus_notebook'");
        e = mistake(TINY.replace("  points: 20", "  points: 20\n  protocol: greydanus_notebook")
                .replace("system: mass_spring", "system: double_pendulum"));
        assertThat(e.getMessage()).contains("two-dimensional systems; double_pendulum has 4");
        // 3 rollouts stretched by (1 + 0.9 * 1e200)^3: beyond any time span
        e = mistake(TINY.replace("  points: 20", "  points: 20\n  protocol: greydanus_notebook")
                .replace("  test_split: 0.5", "  test_split: 0.5\n  noise: 1e200"));
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.getMessage()).contains("with noise 1.0E200 the greydanus_notebook protocol's last rollout")
                .contains("at most 1000.0 times the duration");
        e = mistake(TINY.replace("trajectories: 4", "trajectories: 4\n  file: nowhere.npz"));
        assertThat(e.getMessage()).contains("no such file");
        e = mistake(TINY.replace("  trajectories: 4\n  test_split", "  file: nowhere.npz\n  test_split"));
        assertThat(e.getMessage()).contains("no such file");
    }

    @Test
    void aTinyHnnRunWritesSummaryModelAndPlots() throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, TINY);
        RunnableProblem p = (RunnableProblem) ProblemKinds.read(file);
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = p.run(RunContext.of(run, new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertThat(rc).isZero();
        String summary = Files.readString(run.resolve("summary.json"));
        assertThat(summary).contains("\"energy_mse\"", "\"trajectory_mse\"", "\"train_seconds\"",
                "\"test_trajectory_mse\"");
        double energy = Double.parseDouble(summary.replaceAll("(?s).*\"energy_mse\"\\s*:\\s*([-0-9.eE+]+).*", "$1"));
        System.out.println("tiny hamiltonian run: energy_mse " + energy);
        assertThat(energy).isLessThan(0.02); // an untrained field is off by O(1)
        for (String f : new String[] {"model.safetensors", "data.npz", "rollouts.npz", "phase_portrait.png",
            "energy.png", "trajectories.png", "loss.png"}) {
            assertThat(run.resolve(f)).exists();
        }
        assertThat(SafeTensors.read(run.resolve("model.safetensors")).tensors().keySet())
                .anyMatch(k -> k.startsWith("energy."));
    }

    @Test
    void aNeuralOdeRunsFromADataFileWithAdjointGradients() throws Exception {
        Path data = dir.resolve("spiral.npz");
        new TrajectoryGenerator(Systems.named("spiral")).trajectories(3).timeSpan(0, 2).rate(10).noise(0).seed(1)
                .generate().write(data);
        assertThatThrownBy(() -> ProblemKinds.parse("kind: neural_ode\ndata:\n  file: spiral.npz\n  rate: 5\n",
                dir.resolve("x.yaml"))).isInstanceOf(ProblemFileException.class)
                .hasMessageContaining("line 4, column 3").hasMessageContaining("'rate' generates data");
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, """
                kind: neural_ode
                data:
                  file: spiral.npz
                  test_split: 0.34
                network:
                  hidden: [16]
                training:
                  integrator: rk4
                  step: 0.1
                  segment: 3
                  gradient: adjoint
                  epochs: 40
                  learning_rate: 1.0e-2
                """);
        RunnableProblem p = (RunnableProblem) ProblemKinds.read(file);
        Path run = dir.resolve("node-run");
        Files.createDirectories(run);
        assertThat(p.run(RunContext.of(run, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)))).isZero();
        String summary = Files.readString(run.resolve("summary.json"));
        assertThat(summary).contains("\"test_trajectory_mse\"").doesNotContain("\"energy_mse\"");
        assertThat(run.resolve("model.safetensors")).exists();
    }
}
