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
import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.data.TrajectoryGenerator;
import org.sciml4j.io.SafeTensors;
import org.sciml4j.tensor.Tensor;
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
        assertThat(e.line()).as("at the noise: value, not the data section").isEqualTo(8);
        assertThat(e.column()).isEqualTo(10);
        assertThat(e.getMessage()).contains("with noise 1.0E200 the greydanus_notebook protocol's last rollout")
                .contains("at most 1000.0 times the duration");
        // the default noise 0.1 stretches 100 rollouts by 1.09^100 = 5500: placed at the rollouts' count
        e = mistake(TINY.replace("  points: 20", "  points: 20\n  protocol: greydanus_notebook")
                .replace("  trajectories: 3", "  trajectories: 100"));
        assertThat(e.line()).isEqualTo(14);
        assertThat(e.column()).isEqualTo(17);
        assertThat(e.getMessage()).contains("with noise 0.1 the greydanus_notebook protocol's last rollout");
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

    static final String NODE = """
            kind: neural_ode
            system: spiral
            data:
              trajectories: 3
              time_span: [0, 2]
              rate: 10
            network:
              hidden: [8]
            training:
              integrator: rk4
              step: 0.1
              segment: 3
              epochs: 2
            """;

    @Test
    void theSegmentBoundIsPlacedAtSegmentForGeneratedAndFileData() throws Exception {
        // 2 time units at 10 per unit: 20 points, so at most 19 intervals
        ProblemFileException e = mistake(NODE.replace("segment: 3", "segment: 20"));
        assertThat(e.line()).isEqualTo(12);
        assertThat(e.column()).isEqualTo(12);
        assertThat(e.problem()).isEqualTo("segment must be 1 to 19 observation intervals (the trajectories have 20"
                + " points), got 20");
        // a file's points are known when it is read, with the problem: the same rule placed at segment:
        new TrajectoryGenerator(Systems.named("spiral")).trajectories(3).timeSpan(0, 2).rate(5).noise(0).seed(1)
                .generate().write(dir.resolve("ten.npz"));
        Path file = dir.resolve("from-file.yaml");
        Files.writeString(file, NODE.replace("system: spiral\ndata:\n  trajectories: 3\n  time_span: [0, 2]\n"
                + "  rate: 10\n", "data:\n  file: ten.npz\n").replace("segment: 3", "segment: 12"));
        assertThatThrownBy(() -> ProblemKinds.read(file)).isInstanceOfSatisfying(ProblemFileException.class, x -> {
            assertThat(x.line()).isEqualTo(9);
            assertThat(x.column()).isEqualTo(12);
            assertThat(x.problem()).isEqualTo("segment must be 1 to 9 observation intervals (the"
                    + " trajectories have 10 points), got 12");
        });
    }

    /** The data file's mistake, read with the problem {@code text} written beside it. */
    private ProblemFileException fileMistake(String text) throws Exception {
        Path file = dir.resolve("with-file.yaml");
        Files.writeString(file, text);
        try {
            ProblemKinds.read(file);
        } catch (ProblemFileException e) {
            return e;
        }
        throw new AssertionError("no mistake reported in\n" + text);
    }

    static final String FROM_FILE = """
            kind: hamiltonian
            model: hnn
            data:
              file: states.npz
            network:
              hidden: [8]
            training:
              epochs: 2
            """;

    @Test
    void aDataFileWhoseStatesDoNotFitIsPlacedAtFileBeforeAnythingRuns() throws Exception {
        double[] t = {0, 0.5, 1};
        new TrajectoryData(Tensor.of(t, 3), Tensor.zeros(2, 3, 3), Tensor.zeros(2, 3, 3)).write(dir.resolve(
                "states.npz"));
        // an HNN's state is (q, p) pairs: 3 columns are no such state
        ProblemFileException e = fileMistake(FROM_FILE);
        assertThat(e.getMessage()).startsWith(dir.resolve("with-file.yaml") + ", line 4, column 9: ");
        assertThat(e.problem()).isEqualTo("states.npz has states of width 3 (x of shape (2, 3, 3)), but hnn takes"
                + " (q, p) pairs: an even width (q the first half of the columns, p the second)");
        e = fileMistake(FROM_FILE.replace("model: hnn", "model: dissipative_hnn"));
        assertThat(e.problem()).contains("but dissipative_hnn takes (q, p) pairs");
        // the declared system's states are 2 wide: the baseline takes any width, but not another system's
        e = fileMistake(FROM_FILE.replace("model: hnn", "model: baseline\nsystem: mass_spring"));
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.column()).isEqualTo(9);
        assertThat(e.problem()).isEqualTo("states.npz has states of width 3 (x of shape (2, 3, 3)), but system"
                + " mass_spring has states of width 2");
        e = fileMistake(FROM_FILE.replace("kind: hamiltonian\nmodel: hnn", "kind: neural_ode\nsystem: spiral"));
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.problem()).endsWith("but system spiral has states of width 2");
        // derivative training needs the file's dxdt; a damaged file is placed too
        new TrajectoryData(Tensor.of(t, 3), Tensor.zeros(2, 3, 2), null).write(dir.resolve("states.npz"));
        e = fileMistake(FROM_FILE);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.problem()).startsWith("states.npz has no array 'dxdt'").endsWith("'target: trajectories'");
        Files.writeString(dir.resolve("states.npz"), "not an archive");
        e = fileMistake(FROM_FILE);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.problem()).startsWith("cannot read " + dir.resolve("states.npz") + ": ");
    }

    @Test
    void theNotebookProtocolIsRefusedForADataFileWhoseNoiseIsUnknown() throws Exception {
        new TrajectoryGenerator(Systems.named("mass_spring")).trajectories(2).timeSpan(0, 1).rate(10).seed(1)
                .generate().write(dir.resolve("states.npz"));
        String text = FROM_FILE.replace("model: hnn", "model: hnn\nsystem: mass_spring") + """
                evaluation:
                  trajectories: 3
                  protocol: greydanus_notebook
                """;
        // the notebook stretches by 1 + 0.9 noise of its generated data; a file's noise is not the default 0.1
        ProblemFileException e = fileMistake(text);
        assertThat(e.line()).isEqualTo(12);
        assertThat(e.column()).isEqualTo(13);
        assertThat(e.problem()).startsWith("the greydanus_notebook protocol stretches its rollouts by 1 + 0.9 noise,"
                + " the noise sd of data generated from the system; the noise of a data file is not known")
                .contains("use protocol: fixed");
        assertThat(ProblemKinds.parse(text.replace("greydanus_notebook", "fixed"), dir.resolve("fixed.yaml")))
                .isInstanceOf(RunnableProblem.class);
    }

    @Test
    void theStepIsRefusedWhereDopri5IgnoresItAndSaysHowItCutsTheInterval() throws Exception {
        ProblemFileException e = mistake(NODE.replace("integrator: rk4", "integrator: dopri5"));
        assertThat(e.line()).isEqualTo(11);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.problem()).startsWith("'step' is the fixed-step integrators' (rk4, leapfrog, implicit_midpoint)"
                + " longest step; dopri5 chooses its own steps");
        // the fixed-step solvers cut each interval of 2/19 into the fewest steps no longer than step
        assertThat(runSaying(NODE)).contains("rk4: 2 steps of 0.05263 per observation interval 0.1053");
        assertThat(runSaying(NODE.replace("step: 0.1", "step: 1000"))).contains("rk4: 1 step of 0.1053 per"
                + " observation interval 0.1053");
        assertThat(runSaying(NODE.replace("integrator: rk4", "integrator: dopri5").replace("  step: 0.1\n", "")))
                .contains("dopri5: adaptive steps");
    }

    private String runSaying(String text) throws Exception {
        Path file = dir.resolve("say.yaml");
        Files.writeString(file, text);
        Path run = Files.createDirectories(dir.resolve("say-run"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunnableProblem p = (RunnableProblem) ProblemKinds.read(file);
        assertThat(p.run(RunContext.of(run, new PrintStream(out, true, StandardCharsets.UTF_8)))).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
