package org.sciml4j.pinn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sciml4j.io.TextTable;
import org.sciml4j.nn.Concat;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.Variable;
import org.sciml4j.pinn.AdaptiveSampling;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.PointCondition;
import org.sciml4j.pinn.Problem;
import org.sciml4j.domain.expr.Derivative;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Phase;
import org.sciml4j.train.config.ProblemFileException;

class ProblemFileTest {

    private static final double EPS = 1e-12;

    @TempDir
    Path dir;

    @BeforeEach
    void dataFiles() throws IOException {
        Files.writeString(dir.resolve("d.txt"), "0.5 0.8\n1.5 0.1\n2.5 -0.7\n");
    }

    // ================================================================== helpers

    static Path examples() {
        Path root = Path.of(System.getProperty("sciml4j.repoRoot", "")).toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("examples/damped-oscillation"))) {
            root = root.getParent();
        }
        assertThat(root).as("repository root with examples/damped-oscillation").isNotNull();
        return root.resolve("examples/damped-oscillation");
    }

    static ProblemFile example(String name) {
        return ProblemFile.read(examples().resolve(name));
    }

    private Path write(String text) throws IOException {
        Path p = dir.resolve("p.yaml");
        Files.writeString(p, text);
        return p;
    }

    private ProblemFile ok(String text) throws IOException {
        return ProblemFile.read(write(text));
    }

    private ProblemFileException fails(String text) throws IOException {
        Path p = write(text);
        ProblemFileException e = catchThrowableOfType(() -> ProblemFile.read(p), ProblemFileException.class);
        assertThat(e).as("reading\n" + text).isNotNull();
        assertThat(e.file()).isEqualTo(p.toString());
        return e;
    }

    /**
     * Asserts the position, the message's key words, and that the excerpt shows line {@code line} of the file with
     * a caret under column {@code column}, which holds {@code under} (or lies just past the line's end for '\n').
     */
    private static void assertAt(ProblemFileException e, String text, int line, int column, char under,
            String... words) {
        assertThat(e.line()).as("line of: " + e.getMessage()).isEqualTo(line);
        assertThat(e.column()).as("column of: " + e.getMessage()).isEqualTo(column);
        assertThat(e.problem()).contains(words);
        assertThat(e.getMessage()).startsWith(e.file() + ", line " + line + ", column " + column + ": " + e.problem());
        String[] msg = e.getMessage().split("\n");
        String source = text.split("\n", -1)[line - 1];
        assertThat(msg[msg.length - 2]).isEqualTo("  " + source);
        assertThat(msg[msg.length - 1]).isEqualTo("  " + " ".repeat(column - 1) + "^");
        if (under == '\n') {
            assertThat(column).isEqualTo(source.length() + 1);
        } else {
            assertThat(source.charAt(column - 1)).as("character under the caret").isEqualTo(under);
        }
    }

    private static double[] column(Tensor t, int j) {
        return t.col(j).toArray();
    }

    private static double[] steps(double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * i / (n - 1);
        }
        return x;
    }

    private static List<String> derivatives(Problem.Equation e) {
        return e.expression().derivatives().stream().map(Derivative::name).toList();
    }

    // ================================================================== the example files

    @ParameterizedTest
    @ValueSource(strings = {"forward.yaml", "forward-recommended.yaml", "inverse-exact.yaml", "inverse-noisy.yaml",
        "supervised-exact.yaml", "supervised-noisy.yaml", "surrogate.yaml", "surrogate-tutorial.yaml"})
    void everyExampleParses(String name) throws IOException {
        ProblemFile f = example(name);
        assertThat(f.name()).isEqualTo(name.replace(".yaml", ""));
        assertThat(f.path()).isEqualTo(examples().resolve(name));
        assertThat(f.text()).isEqualTo(Files.readString(examples().resolve(name)));
        assertThat(f.problem().fields()).containsExactly("u");
        assertThat(f.network().activation()).isEqualTo("tanh");
        assertThat(f.network().initializer()).isEqualTo("glorot_normal");
        assertThat(f.training().learningRate()).isEqualTo(1e-3);
        assertThat(f.training().logEvery()).isEqualTo(1000);
        assertThat(f.evaluation()).isNotNull();
        for (String term : f.problem().termNames()) {
            assertThat(f.problem().weight(term)).isEqualTo(1.0);
        }
        // every example can be turned into a network of the right shape
        int d = f.problem().variables().size();
        assertThat(f.newNetwork(0).forward(Tensor.zeros(3, d)).shape()).containsExactly(3, 1);
    }

    @Test
    void forward() {
        ProblemFile f = example("forward.yaml");
        Problem p = f.problem();
        assertThat(p.variables()).containsExactly(new Problem.Range("t", 0, 10));
        assertThat(p.knownParameters()).containsExactly(Map.entry("m", 1.0), Map.entry("c", 0.1),
                Map.entry("k", 1.0));
        assertThat(p.unknowns()).isEmpty();
        assertThat(p.equations()).hasSize(1);
        Problem.Equation eq = p.equations().get(0);
        assertThat(eq.name()).isEqualTo("equation");
        assertThat(eq.expression().toString()).isEqualTo("m*u_tt + c*u_t + k*u");
        assertThat(derivatives(eq)).containsExactly("u", "u_t", "u_tt");
        assertThat(p.termNames()).containsExactly("equation", "initial");

        PointCondition initial = (PointCondition) p.conditions().get(0);
        assertThat(initial.requirements()).extracting(Object::toString).containsExactly("u = 1", "u_t = -c/(2*m)");
        Condition.Resolved r = initial.resolve(p, 0);
        assertThat(r.name()).isEqualTo("initial");
        assertThat(r.points().shape()).containsExactly(1, 1);
        assertThat(r.points().get(0, 0)).isEqualTo(0.0);
        assertThat(r.derivatives()).extracting(Derivative::name).containsExactly("u", "u_t");

        Tensor colloc = p.collocationPoints(0);
        assertThat(colloc.shape()).containsExactly(101, 1);
        assertThat(column(colloc, 0)).containsExactly(steps(0, 10, 101), within(1e-12));

        assertThat(f.network().hidden()).containsExactly(20, 20);
        assertThat(f.training()).isEqualTo(new ProblemFile.TrainingSpec(2, 1e-3, 10000, 0, 1000));
        assertThat(f.trainer()).isNotNull();
    }

    @Test
    void evaluationDataEqualsTheFile() throws IOException {
        ProblemFile f = example("forward.yaml");
        TextTable.Table truth = TextTable.read(examples().resolve("data/data_truth.txt"));
        ProblemFile.EvaluationSpec ev = f.evaluation();
        assertThat(ev.file()).isEqualTo("data/data_truth.txt");
        assertThat(ev.points().shape()).containsExactly(101, 1);
        assertThat(ev.truth().shape()).containsExactly(101, 1);
        assertThat(column(ev.points(), 0)).containsExactly(column(truth.values(), 0));
        assertThat(column(ev.truth(), 0)).containsExactly(column(truth.values(), 1));
        assertThat(ev.points().get(1, 0)).isEqualTo(0.1);
        assertThat(ev.truth().get(0, 0)).isEqualTo(1.0);
        assertThat(ev.truth().get(1, 0)).isEqualTo(0.9901);
    }

    @Test
    void forwardRecommendedAddsLbfgsAndMorePoints() {
        ProblemFile f = example("forward-recommended.yaml");
        assertThat(f.problem().collocationPoints(0).shape()).containsExactly(201, 1);
        assertThat(f.training()).isEqualTo(new ProblemFile.TrainingSpec(2, 1e-3, 5000, 2000, 1000));
    }

    @Test
    void inverseHasAnUnknownAndData() throws IOException {
        for (String noise : List.of("exact", "noisy")) {
            ProblemFile f = example("inverse-" + noise + ".yaml");
            Problem p = f.problem();
            assertThat(p.knownParameters()).containsExactly(Map.entry("m", 1.0), Map.entry("k", 1.0));
            assertThat(p.unknowns()).hasSize(1);
            Variable c = p.unknowns().get(0);
            assertThat(c.name()).isEqualTo("c");
            assertThat(c.current()).isEqualTo(1.0);
            assertThat(c.transform()).isSameAs(Variable.IDENTITY);
            assertThat(p.equations().get(0).expression().unknownParameters()).containsExactly("c");
            assertThat(p.termNames()).containsExactly("equation", "initial", "data");

            Condition.Resolved data = p.conditions().get(1).resolve(p, 0);
            TextTable.Table table = TextTable.read(examples().resolve("data/data_" + noise + ".txt"));
            assertThat(table.rows()).isEqualTo(10);
            assertThat(data.points().shape()).containsExactly(10, 1);
            assertThat(column(data.points(), 0)).containsExactly(column(table.values(), 0));
            assertThat(data.observed()).hasSize(1);
            assertThat(column(data.observed().get(0), 0)).containsExactly(column(table.values(), 1));
            assertThat(data.derivatives()).extracting(Derivative::name).containsExactly("u");
            assertThat(f.training().seed()).isEqualTo(3);
        }
    }

    @Test
    void supervisedHasNoPhysics() throws IOException {
        ProblemFile f = example("supervised-noisy.yaml");
        Problem p = f.problem();
        assertThat(p.equations()).isEmpty();
        assertThat(p.knownParameters()).isEmpty();
        assertThat(p.termNames()).containsExactly("data");
        assertThat(p.collocationPoints(0).shape()).containsExactly(0, 1);
        Condition.Resolved data = p.conditions().get(0).resolve(p, 0);
        TextTable.Table table = TextTable.read(examples().resolve("data/data_noisy.txt"));
        assertThat(data.points().toArray()).containsExactly(column(table.values(), 0));
        assertThat(data.observed().get(0).toArray()).containsExactly(column(table.values(), 1));
        assertThat(data.observed().get(0).get(0, 0)).isEqualTo(0.9137);
        assertThat(f.training()).isEqualTo(new ProblemFile.TrainingSpec(1, 1e-3, 10000, 0, 1000));
    }

    @Test
    void surrogate() {
        ProblemFile f = example("surrogate.yaml");
        Problem p = f.problem();
        assertThat(p.variables()).containsExactly(new Problem.Range("c", 0, 1), new Problem.Range("t", 0, 10));
        assertThat(p.knownParameters()).containsOnlyKeys("m", "k");
        assertThat(derivatives(p.equations().get(0))).containsExactly("u", "u_t", "u_tt");
        assertThat(p.equations().get(0).expression().variables()).containsExactly("c");

        // the initial condition holds for every c: 21 points at t = 0, c = 0, 0.05, ..., 1
        Condition.Resolved initial = p.conditions().get(0).resolve(p, 0);
        assertThat(initial.name()).isEqualTo("initial");
        assertThat(initial.points().shape()).containsExactly(21, 2);
        assertThat(column(initial.points(), 0)).containsExactly(steps(0, 1, 21), within(EPS));
        assertThat(column(initial.points(), 1)).containsOnly(0.0);

        // the 21 x 51 grid, c slowest
        Tensor g = p.collocationPoints(0);
        assertThat(g.shape()).containsExactly(1071, 2);
        assertThat(new double[] {g.get(0, 0), g.get(0, 1)}).containsExactly(0, 0);
        assertThat(new double[] {g.get(50, 0), g.get(50, 1)}).containsExactly(new double[] {0, 10}, within(EPS));
        assertThat(new double[] {g.get(51, 0), g.get(51, 1)}).containsExactly(new double[] {0.05, 0}, within(EPS));
        assertThat(new double[] {g.get(1020, 0), g.get(1020, 1)}).containsExactly(new double[] {1, 0},
                within(EPS));
        assertThat(new double[] {g.get(1070, 0), g.get(1070, 1)}).containsExactly(new double[] {1, 10},
                within(EPS));
        assertThat(g.get(1, 1)).isCloseTo(0.2, within(EPS));

        assertThat(f.network().hidden()).containsExactly(20, 20, 20);
        assertThat(f.training()).isEqualTo(new ProblemFile.TrainingSpec(4, 1e-3, 5000, 3000, 1000));

        ProblemFile.EvaluationSpec ev = f.evaluation();
        assertThat(ev.points().shape()).containsExactly(10201, 2);
        assertThat(ev.truth().shape()).containsExactly(10201, 1);
        assertThat(new double[] {ev.points().get(1, 0), ev.points().get(1, 1), ev.truth().get(1, 0)})
                .containsExactly(0.0, 0.1, 0.9950);
        assertThat(ev.points().get(10200, 0)).isEqualTo(1.0);
        assertThat(ev.points().get(10200, 1)).isEqualTo(10.0);
    }

    @Test
    void surrogateTutorialAsksForZeroSlope() {
        ProblemFile f = example("surrogate-tutorial.yaml");
        PointCondition initial = (PointCondition) f.problem().conditions().get(0);
        assertThat(initial.requirements()).extracting(Object::toString).containsExactly("u = 1", "u_t = 0");
        assertThat(initial.resolve(f.problem(), 0).points().shape()).containsExactly(21, 2);
        assertThat(f.training()).isEqualTo(new ProblemFile.TrainingSpec(4, 1e-3, 10000, 0, 1000));
    }

    // ================================================================== other good files

    @Test
    void everyOptionalForm() throws IOException {
        Files.createDirectories(dir.resolve("obs"));
        Files.writeString(dir.resolve("obs/u.csv"), "x,t,u\n0.5,1,0.25\n-0.5,1.5,0.5\n");
        ProblemFile f = ok("""
                # a comment before everything
                name: 'my run'   # quoted name
                description: two variables, named equations
                variables:
                  x: [-1, 1]
                  t: [0, 1.5]
                fields: [u, v]
                parameters: {nu: 1e-2, a: -2}
                unknowns:
                  c: {initial: 0.5, positive: true}     # trained, > 0
                  d: {initial: 1.0, bounds: [0, 2]}
                  g: 3
                equations:
                  burgers: "u_t + u*u_x - nu*u_xx"
                  second: 'v_t + v'
                conditions:
                  left: {at: {x: -1}, require: ["u_t = -c/(2*a)"], points: 7, sampling: uniform}
                  corner: {at: {x: 1, t: 0}, require: [u = 0, v = d*g]}
                  data: {file: obs/u.csv, columns: [x, t, u]}
                collocation: {points: 50, sampling: lhs}
                weights: {burgers: 2, data: 0.5}
                network: {layers: [8], activation: sin, initializer: he_uniform}
                training:
                  seed: 7
                  adam: {lr: 5e-4, epochs: 0}
                  lbfgs: 500
                  log_every: 10
                """);
        assertThat(f.name()).isEqualTo("my run");
        Problem p = f.problem();
        assertThat(p.variableNames()).containsExactly("x", "t");
        assertThat(p.lower()).containsExactly(-1, 0);
        assertThat(p.upper()).containsExactly(1, 1.5);
        assertThat(p.fields()).containsExactly("u", "v");
        assertThat(p.knownParameters()).containsExactly(Map.entry("nu", 0.01), Map.entry("a", -2.0));
        assertThat(p.unknowns()).extracting(Variable::name).containsExactly("c", "d", "g");
        assertThat(p.unknowns().get(0).transform()).isSameAs(Variable.SOFTPLUS);
        assertThat(p.unknowns().get(0).current()).isCloseTo(0.5, within(1e-12));
        assertThat(p.unknowns().get(1).transform().toString()).isEqualTo("bounded(0.0, 2.0)");
        assertThat(p.unknowns().get(1).current()).isCloseTo(1.0, within(1e-12));
        assertThat(p.unknowns().get(2).transform()).isSameAs(Variable.IDENTITY);
        assertThat(p.unknowns().get(2).current()).isEqualTo(3.0);

        assertThat(p.equations()).extracting(Problem.Equation::name).containsExactly("burgers", "second");
        assertThat(p.equations().get(0).expression().toString()).isEqualTo("u_t + u*u_x - nu*u_xx");
        assertThat(derivatives(p.equations().get(0))).containsExactly("u", "u_x", "u_t", "u_xx");
        assertThat(p.equations().get(1).expression().toString()).isEqualTo("v_t + v");
        assertThat(p.termNames()).containsExactly("burgers", "second", "left", "corner", "data");
        assertThat(p.weight("burgers")).isEqualTo(2.0);
        assertThat(p.weight("data")).isEqualTo(0.5);
        assertThat(p.weight("left")).isEqualTo(1.0);

        Condition.Resolved left = p.conditions().get(0).resolve(p, 0);
        assertThat(left.points().shape()).containsExactly(7, 2);
        assertThat(column(left.points(), 0)).containsOnly(-1.0);
        assertThat(column(left.points(), 1)).containsExactly(steps(0, 1.5, 7), within(EPS));
        Condition.Resolved corner = p.conditions().get(1).resolve(p, 0);
        assertThat(corner.points().toArray()).containsExactly(1, 0);
        assertThat(corner.sides()).hasSize(2);
        Condition.Resolved data = p.conditions().get(2).resolve(p, 0);
        assertThat(data.points().toArray()).containsExactly(0.5, 1, -0.5, 1.5);
        assertThat(data.observed().get(0).toArray()).containsExactly(0.25, 0.5);

        Tensor colloc = p.collocationPoints(3);
        assertThat(colloc.shape()).containsExactly(50, 2);
        assertThat(java.util.Arrays.stream(column(colloc, 0)).min().getAsDouble()).isGreaterThanOrEqualTo(-1.0);
        assertThat(java.util.Arrays.stream(column(colloc, 0)).max().getAsDouble()).isLessThanOrEqualTo(1.0);
        assertThat(java.util.Arrays.stream(column(colloc, 1)).min().getAsDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(java.util.Arrays.stream(column(colloc, 1)).max().getAsDouble()).isLessThanOrEqualTo(1.5);
        assertThat(colloc.toArray()).doesNotHaveDuplicates();

        assertThat(f.network().hidden()).containsExactly(8);
        assertThat(f.network().activation()).isEqualTo("sin");
        assertThat(f.network().initializer()).isEqualTo("he_uniform");
        assertThat(f.newNetwork(1).forward(Tensor.zeros(4, 2)).shape()).containsExactly(4, 2);
        assertThat(f.training()).isEqualTo(new ProblemFile.TrainingSpec(7, 5e-4, 0, 500, 10));
        assertThat(f.evaluation()).isNull();
    }

    /** {@code lm: N} or {@code lm: {iterations: N}} adds a Levenberg-Marquardt phase, alone or after the others. */
    @Test
    void levenbergMarquardtIterations() throws IOException {
        String head = """
                variables: {t: [0, 1]}
                fields: [u]
                equations: [u_t - u]
                collocation: {points: 11}
                """;
        ProblemFile alone = ok(head + "training: {adam: {epochs: 0}, lm: 300}\n");
        assertThat(alone.training()).isEqualTo(new ProblemFile.TrainingSpec(0, 1e-3, 0, 0, 1000, 0, 0, null, 300));
        assertThat(alone.trainer().build().lmIterations()).isEqualTo(300);
        assertThat(alone.trainer().build().general().phases()).extracting(Phase::name).containsExactly("lm");
        ProblemFile after = ok(head + "training: {adam: {epochs: 10}, lbfgs: 5, lm: {iterations: 7}}\n");
        assertThat(after.training().lmIterations()).isEqualTo(7);
        assertThat(after.trainer().build().general().phases()).extracting(Phase::name)
                .containsExactly("adam", "lbfgs", "lm");
        // the second-order examples name their optimiser
        assertThat(ProblemFile.read(examples().resolve("../second-order/poisson-lm.yaml")).training().lmIterations())
                .isPositive();
        assertThat(ProblemFile.read(examples().resolve("../second-order/oscillator-lm.yaml")).training()
                .lmIterations()).isEqualTo(1000);
        String bad = head + "training: {lm: {steps: 7}}\n";
        assertAt(fails(bad), bad, 5, 17, 's', "steps");
    }

    /** {@code optimizer: [...]} gives the phases in its order; the second-order keys run in their fixed order. */
    @Test
    void optimizerListAndSecondOrderKeys() throws IOException {
        String head = """
                variables: {t: [0, 1]}
                fields: [u]
                equations: [u_t - u]
                collocation: {points: 11}
                """;
        ProblemFile listed = ok(head + "training: {optimizer: [adam: 10, natural_gradient: {iterations: 5, cutoff:"
                + " 1e-10, line_search: grid, steps: 8}, ssbroyden: 4, lm: 3, lbfgs: 2]}\n");
        assertThat(listed.training().epochs()).isEqualTo(10);
        assertThat(listed.trainer().build().general().phases()).extracting(Phase::name)
                .containsExactly("adam", "natural_gradient", "ssbroyden", "lm", "lbfgs");
        assertThat(listed.trainer().build().general().phases()).extracting(Phase::length)
                .containsExactly(10, 5, 4, 3, 2);
        ProblemFile keys = ok(head + "training: {adam: {epochs: 10}, natural_gradient: 6, ssbfgs: 4, lbfgs: 2}\n");
        assertThat(keys.trainer().build().general().phases()).extracting(Phase::name)
                .containsExactly("adam", "lbfgs", "ssbfgs", "natural_gradient");
        assertThat(ProblemFile.read(examples().resolve("../second-order/poisson-natural-gradient.yaml")).trainer()
                .build().general().phases()).extracting(Phase::name).containsExactly("adam", "natural_gradient");
        String twice = head + "training: {optimizer: [adam: 10, lm: 3, lm: 4]}\n";
        assertThat(fails(twice).getMessage()).contains("'lm' appears twice");
        String late = head + "training: {optimizer: [lm: 3, adam: 10]}\n";
        assertThat(fails(late).getMessage()).contains("adam must come first");
        String both = head + "training: {lm: 5, optimizer: [adam: 10]}\n";
        assertThat(fails(both).getMessage()).contains("'lm' is given both");
        String cutoff = head + "training: {natural_gradient: {iterations: 5, cutoff: 2}}\n";
        assertThat(fails(cutoff).getMessage()).contains("cutoff must be in [0, 1)");
    }

    @Test
    void defaults() throws IOException {
        ProblemFile f = ok("""
                variables: {t: [0, 1]}
                fields: [u]
                equations: [u_t - u]
                collocation: {points: 11}
                """);
        assertThat(f.name()).isEqualTo("p");
        assertThat(f.network().hidden()).containsExactly(20, 20);
        assertThat(f.network().activation()).isEqualTo("tanh");
        assertThat(f.network().initializer()).isEqualTo("glorot_normal");
        assertThat(f.training()).isEqualTo(new ProblemFile.TrainingSpec(0, 1e-3, 10000, 0, 1000));
        assertThat(f.problem().collocationPoints(0).toArray()).containsExactly(steps(0, 1, 11), within(EPS));
        assertThat(f.problem().conditions()).isEmpty();
    }

    @Test
    void parseUsesTheGivenPathForNamesAndRelativeFiles() throws IOException {
        Files.createDirectories(dir.resolve("sub/data"));
        Files.writeString(dir.resolve("sub/data/x.txt"), "0 1\n1 2\n");
        ProblemFile f = ProblemFile.parse("""
                variables: {t: [0, 1]}
                fields: [u]
                conditions:
                  data: {file: data/x.txt, columns: [t, u]}
                """, dir.resolve("sub/run.yml"));
        assertThat(f.name()).isEqualTo("run");
        assertThat(f.problem().conditions().get(0).resolve(f.problem(), 0).observed().get(0).toArray())
                .containsExactly(1, 2);
    }

    // ================================================================== mistakes: YAML and structure

    @Test
    void badIndentation() throws IOException {
        String text = """
                variables:
                  t: [0, 10]
                 fields: [u]
                """;
        assertAt(fails(text), text, 3, 2, 'f', "not valid YAML", "indentation");
    }

    @Test
    void missingSpaceAfterColon() throws IOException {
        String text = """
                variables:
                  t:[0, 10]
                fields: [u]
                equations: [u_t]
                """;
        assertAt(fails(text), text, 2, 3, 't', "variables must be a mapping", "space after the colon");
    }

    @Test
    void tabIndentation() throws IOException {
        String text = "variables: {t: [0, 10]}\n\tfields: [u]\n";
        ProblemFileException e = fails(text);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.problem()).contains("not valid YAML", "TAB");
        assertThat(e.getMessage()).endsWith("\n  \tfields: [u]\n  ^");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "# only a comment\n", "\n\n"})
    void emptyFile(String text) throws IOException {
        ProblemFileException e = fails(text);
        assertThat(e.line()).isZero();
        assertThat(e.column()).isZero();
        assertThat(e.problem()).contains("empty", "variables", "fields");
        assertThat(e.getMessage()).isEqualTo(e.file() + ": " + e.problem());
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("nope.yaml");
        ProblemFileException e = catchThrowableOfType(() -> ProblemFile.read(p), ProblemFileException.class);
        assertThat(e.file()).isEqualTo(p.toString());
        assertThat(e.line()).isZero();
        assertThat(e.problem()).isEqualTo("no such file");
    }

    @Test
    void notAMapping() throws IOException {
        String text = "- variables\n- fields\n";
        assertAt(fails(text), text, 1, 1, '-', "the problem file must be a mapping");
    }

    @Test
    void unknownTopLevelKeySuggestsTheNearest() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equation: [u_t]
                """;
        assertAt(fails(text), text, 3, 1, 'e', "unknown key 'equation' in the problem file",
                "did you mean 'equations'?", "valid keys: causal, collocation, conditions");
    }

    @Test
    void unknownKeyWithoutNearName() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                solver: adam
                """;
        ProblemFileException e = fails(text);
        assertAt(e, text, 3, 1, 's', "unknown key 'solver'");
        assertThat(e.problem()).doesNotContain("did you mean");
    }

    @Test
    void unknownKeyInACondition() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  initial: {at: {t: 0}, requires: [u = 1]}
                """;
        assertAt(fails(text), text, 4, 25, 'r', "unknown key 'requires' in condition 'initial'",
                "did you mean 'require'?",
                "valid keys: along, at, columns, file, jump, on, periodic, points, require, sampling, where");
    }

    @Test
    void unknownKeyInNetwork() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                network: {layer: [20]}
                """;
        assertAt(fails(text), text, 5, 11, 'l', "unknown key 'layer' in network", "did you mean 'layers'?");
    }

    @Test
    void unknownKeyInTraining() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                training:
                  seed: 1
                  epochs: 10
                """;
        assertAt(fails(text), text, 7, 3, 'e', "unknown key 'epochs' in training",
                "valid keys: adam, adaptive, curriculum, lbfgs, lm, log_every, natural_gradient, newton_cg, optimizer,"
                        + " rar, resample_every, seed, ssbfgs, ssbroyden, time_limit, time_windows");
    }

    @Test
    void timeLimitIsReadInSecondsAndStopsTheTrainer() throws IOException {
        String text = """
                variables: {t: [0, 1]}
                fields: [u]
                equations: [u_t - 1]
                collocation: {points: 11}
                conditions: {start: {at: {t: 0}, require: [u = 0]}}
                network: {layers: [4]}
                training: {adam: {epochs: 100000000}, time_limit: 0.25, log_every: 100000000}
                """;
        ProblemFile f = ok(text);
        assertThat(f.training().timeLimit()).isEqualTo(java.time.Duration.ofMillis(250));
        org.sciml4j.pinn.Solution s = f.trainer().build().train(f.problem(), f.newNetwork(0));
        assertThat(s.stopReason()).isEqualTo("time budget");
        assertThat(s.epochs()).isLessThan(100000000);
        assertThat(ok(text.replace("time_limit: 0.25, ", "")).training().timeLimit()).isNull();
    }

    @Test
    void timeLimitMustBePositive() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                training: {time_limit: 0}
                """;
        assertAt(fails(text), text, 5, 24, '0', "time_limit must be a positive number of seconds, got 0.0");
    }

    @Test
    void unknownKeyInAdam() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                training: {adam: {lr: 1e-3, epoch: 5}}
                """;
        assertAt(fails(text), text, 5, 29, 'e', "unknown key 'epoch' in adam", "did you mean 'epochs'?");
    }

    @Test
    void missingVariables() throws IOException {
        String text = """
                fields: [u]
                equations: [u_t]
                """;
        assertAt(fails(text), text, 1, 1, 'f', "missing 'variables'", "variables: {t: [0, 10]}");
    }

    @Test
    void missingFields() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                equations: [u_t]
                """;
        assertAt(fails(text), text, 1, 1, 'v', "missing 'fields'", "fields: [u]");
    }

    @Test
    void keyWithoutValue() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields:
                equations: [u_t]
                """;
        assertAt(fails(text), text, 2, 1, 'f', "'fields' has no value", "fields: [u]");
    }

    @Test
    void emptySections() throws IOException {
        String vars = """
                variables: {}
                fields: [u]
                """;
        assertAt(fails(vars), vars, 1, 12, '{', "no variables given");
        String fields = """
                variables: {t: [0, 1]}
                fields: []
                """;
        assertAt(fails(fields), fields, 2, 9, '[', "no fields given");
        String training = """
                variables: {t: [0, 1]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                training:
                """;
        assertAt(fails(training), training, 5, 10, '\n', "training is empty");
        String name = """
                name:
                variables: {t: [0, 1]}
                """;
        assertAt(fails(name), name, 1, 1, 'n', "'name' is empty");
    }

    @Test
    void nothingToTrainOn() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                """;
        assertAt(fails(text), text, 1, 1, 'v', "nothing to train on", "equations", "conditions");
    }

    @Test
    void equationsWithoutCollocation() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                """;
        assertAt(fails(text), text, 3, 1, 'e', "equations need collocation points", "collocation: {points: 101");
    }

    @Test
    void nonScalarKey() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                ? [a, b]
                : 1
                """;
        assertAt(fails(text), text, 3, 3, '[', "expected a single value here, found a list");
    }

    @Test
    void listWhereASingleValueBelongs() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: [11]}
                """;
        assertAt(fails(text), text, 4, 23, '[', "expected a single value here, found a list");
    }

    @Test
    void duplicateTopLevelKey() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                fields: [v]
                """;
        assertAt(fails(text), text, 3, 1, 'f', "'fields' is given twice", "first at line 2, column 1");
    }

    @Test
    void duplicateParameter() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                parameters: {m: 1, m: 2}
                """;
        assertAt(fails(text), text, 5, 20, 'm', "'m' is given twice in parameters", "line 5, column 14");
    }

    @Test
    void duplicateCondition() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  initial: {at: {t: 0}, require: [u = 1]}
                  initial: {at: {t: 1}, require: [u = 2]}
                """;
        assertAt(fails(text), text, 5, 3, 'i', "'initial' is given twice in conditions");
    }

    @Test
    void symbolDeclaredTwice() throws IOException {
        String fields = """
                variables: {t: [0, 10]}
                fields: [u, u]
                """;
        assertAt(fails(fields), fields, 2, 13, 'u', "'u' is declared twice", "already a field (line 2)");
        String param = """
                variables: {t: [0, 10]}
                fields: [u]
                parameters: {u: 1}
                """;
        assertAt(fails(param), param, 3, 14, 'u', "'u' is declared twice", "already a field");
        String field = """
                variables: {t: [0, 10]}
                fields: [t]
                """;
        assertAt(fails(field), field, 2, 10, 't', "'t' is declared twice", "already a variable (line 1)");
    }

    @Test
    void functionNameAsSymbol() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [sin]
                """;
        assertAt(fails(text), text, 2, 10, 's', "'sin' is a function name");
    }

    @Test
    void invalidName() throws IOException {
        String text = """
                variables: {2t: [0, 10]}
                fields: [u]
                """;
        assertAt(fails(text), text, 1, 13, '2', "'2t' is not a valid name");
    }

    // ================================================================== mistakes: expressions

    @Test
    void unknownSymbolInAnEquation() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                parameters: {m: 1, c: 0.1, k: 1}
                equations:
                  - m*u_tt + cc*u_t + k*u
                collocation: {points: 101}
                """;
        assertAt(fails(text), text, 5, 14, 'c', "unknown symbol 'cc'", "did you mean 'c'?");
    }

    @Test
    void syntaxErrorInAnEquation() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations:
                  - (u_t + u
                collocation: {points: 11}
                """;
        assertAt(fails(text), text, 4, 13, '\n', "missing ')'");
    }

    @Test
    void unknownSymbolInASingleQuotedEquation() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: ['u_t + cc']
                collocation: {points: 11}
                """;
        assertAt(fails(text), text, 3, 20, 'c', "unknown symbol 'cc'");
    }

    @Test
    void syntaxErrorInADoubleQuotedEquation() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations:
                  heat: "u_t - u_xx +"
                collocation: {points: 11}
                """;
        ProblemFileException e = fails(text);
        assertAt(e, text, 4, 22, '"', "expression expected after '+'");
    }

    @Test
    void derivativeAlongANonVariable() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_x]
                collocation: {points: 11}
                """;
        assertAt(fails(text), text, 3, 15, 'x', "'x' in 'u_x' is not a variable", "variables: t");
    }

    @Test
    void requirementWithTwoEquals() throws IOException {
        String plain = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  initial: {at: {t: 0}, require: [u = 1 = 2]}
                """;
        assertAt(fails(plain), plain, 4, 41, '=', "a requirement has one '='");
        String quoted = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  initial: {at: {t: 0}, require: ["u = 1 = 2"]}
                """;
        assertAt(fails(quoted), quoted, 4, 42, '=', "a requirement has one '='");
    }

    @Test
    void unknownSymbolInAQuotedRequirement() throws IOException {
        // the parameters are missing: the error points at 'c' inside the quotes, not at the top of the file
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  initial: {at: {t: 0}, require: [u = 1, "u_t = -c/(2*m)"]}
                """;
        assertAt(fails(text), text, 4, 50, 'c', "unknown symbol 'c'");
    }

    @Test
    void unknownSymbolOnTheRightOfARequirement() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                parameters: {amp: 1}
                conditions:
                  initial:
                    at: {t: 0}
                    require:
                      - u = amb
                """;
        assertAt(fails(text), text, 8, 13, 'a', "unknown symbol 'amb'", "did you mean 'amp'?");
    }

    @Test
    void unknownSymbolInADataColumn() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  data: {file: d.txt, columns: [t, uu]}
                """;
        assertAt(fails(text), text, 4, 36, 'u', "unknown symbol 'uu'", "did you mean 'u'?");
    }

    // ================================================================== mistakes: values

    @Test
    void badNumbers() throws IOException {
        for (String bad : List.of("0.1.2", "abc", ".inf", "1,5")) {
            String text = """
                    variables: {t: [0, 10]}
                    fields: [u]
                    parameters: {m: %s}
                    equations: [m*u_t]
                    collocation: {points: 11}
                    """.formatted(bad.equals("1,5") ? "'1,5'" : bad);
            ProblemFileException e = fails(text);
            assertThat(e.problem()).contains("bad number '" + bad + "'", "1e-3");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(17);
        }
    }

    @Test
    void rangeLoNotBelowHi() throws IOException {
        String reversed = """
                variables: {t: [10, 0]}
                fields: [u]
                """;
        assertAt(fails(reversed), reversed, 1, 16, '[', "the range of variable 't' must be finite with lo < hi",
                "[10.0, 0.0]");
        String equal = """
                variables:
                  c: [0, 1]
                  t: [1, 1]
                fields: [u]
                """;
        assertAt(fails(equal), equal, 3, 6, '[', "the range of variable 't' must be finite with lo < hi");
    }

    @Test
    void rangeOfOneNumber() throws IOException {
        String text = """
                variables: {t: [0]}
                fields: [u]
                """;
        assertAt(fails(text), text, 1, 16, '[', "expected a range [lo, hi], a list of 2 numbers");
    }

    @Test
    void parameterKnownAndUnknown() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                parameters: {m: 1, c: 0.1}
                unknowns: {c: {initial: 1}}
                equations: [m*u_t + c]
                collocation: {points: 11}
                """;
        assertAt(fails(text), text, 4, 12, 'c', "'c' is both a known parameter and an unknown",
                "remove it from 'parameters'");
    }

    @Test
    void unknownInitialOutsidePositive() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                unknowns:
                  c: {initial: -1, positive: true}
                equations: [u_t + c]
                collocation: {points: 11}
                """;
        assertAt(fails(text), text, 4, 16, '-', "unknown 'c'", "initial value -1.0 is outside", "(0, inf)");
    }

    @Test
    void unknownInitialOutsideBounds() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                unknowns:
                  c: {initial: 3, bounds: [0, 2]}
                equations: [u_t + c]
                collocation: {points: 11}
                """;
        assertAt(fails(text), text, 4, 16, '3', "unknown 'c'", "initial value 3.0 is outside", "(0.0, 2.0)");
    }

    @Test
    void unknownBoundsReversed() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                unknowns:
                  c: {initial: 1, bounds: [2, 0]}
                equations: [u_t + c]
                collocation: {points: 11}
                """;
        assertAt(fails(text), text, 4, 27, '[', "unknown 'c': bounds must be finite with lo < hi",
                "[2.0, 0.0]");
    }

    @Test
    void unknownWithPositiveAndBounds() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                unknowns:
                  c: {initial: 1, positive: true, bounds: [0, 2]}
                equations: [u_t + c]
                collocation: {points: 11}
                """;
        assertAt(fails(text), text, 4, 19, 'p', "either 'positive' or 'bounds'");
    }

    @Test
    void unknownWithoutInitialOrWithBadFlag() throws IOException {
        String noInitial = """
                variables: {t: [0, 10]}
                fields: [u]
                unknowns: {c: {positive: true}}
                equations: [u_t + c]
                collocation: {points: 11}
                """;
        assertAt(fails(noInitial), noInitial, 3, 15, '{', "missing 'initial'");
        String flag = """
                variables: {t: [0, 10]}
                fields: [u]
                unknowns: {c: {initial: 1, positive: yes}}
                equations: [u_t + c]
                collocation: {points: 11}
                """;
        assertAt(fails(flag), flag, 3, 38, 'y', "expected true or false, got 'yes'");
    }

    @Test
    void negativeWeight() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                weights: {equation: -1}
                """;
        assertAt(fails(text), text, 5, 21, '-', "a weight must be >= 0");
    }

    @Test
    void weightForANonexistentTerm() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                weights: {equation: 1, initial: 2}
                """;
        assertAt(fails(text), text, 5, 24, 'i', "weight for unknown loss term 'initial'", "the terms are [equation]");
    }

    @Test
    void conditionNamedLikeAnEquation() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                conditions:
                  equation: {at: {t: 0}, require: [u = 1]}
                collocation: {points: 11}
                """;
        assertAt(fails(text), text, 5, 3, 'e', "condition 'equation' has the name of an equation");
    }

    // ================================================================== mistakes: conditions

    @Test
    void conditionAtANonVariable() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  initial: {at: {x: 0}, require: [u = 1]}
                """;
        assertAt(fails(text), text, 4, 18, 'x', "condition 'initial'", "'x' is not a variable", "variables: t");
    }

    @Test
    void conditionValueOutsideTheRange() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  initial: {at: {t: 11}, require: [u = 1]}
                """;
        assertAt(fails(text), text, 4, 21, '1', "condition 'initial'", "t = 11.0 is outside its range [0.0, 10.0]");
    }

    @Test
    void conditionWithoutRequirementsOrPlace() throws IOException {
        String empty = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  initial: {at: {t: 0}, require: []}
                """;
        assertAt(fails(empty), empty, 4, 34, '[', "'require' is empty");
        String noAt = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  initial: {at: {}, require: [u = 1]}
                """;
        assertAt(fails(noAt), noAt, 4, 17, '{', "'at' names no variable");
        String missing = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  initial: {require: [u = 1]}
                """;
        assertAt(fails(missing), missing, 4, 12, '{', "missing 'at'", "at: {t: 0}");
    }

    @Test
    void dataConditionWithFixedValueKeys() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  data: {file: d.txt, columns: [t, u], points: 3}
                """;
        assertAt(fails(text), text, 4, 40, 'p', "a data condition takes 'file' and 'columns'");
    }

    @Test
    void missingDataFile() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  data: {file: data/nope.txt, columns: [t, u]}
                """;
        ProblemFileException e = fails(text);
        assertAt(e, text, 4, 16, 'd', "data file not found: data/nope.txt",
                "looked at " + dir.resolve("data/nope.txt").toAbsolutePath().normalize(), "relative to the problem");
    }

    @Test
    void badDataFile() throws IOException {
        Files.writeString(dir.resolve("bad.txt"), "0 1\n1 x\n");
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  data: {file: bad.txt, columns: [t, u]}
                """;
        assertAt(fails(text), text, 4, 16, 'b', "bad data file", "line 2, column 2", "expected a number");
    }

    @Test
    void dataFileColumnCount() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  data: {file: d.txt, columns: [t, u, v]}
                """;
        assertAt(fails(text), text, 4, 32, '[', "d.txt has 2 columns but 3 names are given", "[t, u, v]");
    }

    @Test
    void dataColumnsWithoutTheVariable() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  data: {file: d.txt, columns: [s, u]}
                """;
        assertAt(fails(text), text, 4, 32, '[', "condition 'data'", "no column of d.txt is named after variable 't'");
        String onlyVariables = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  data: {file: d.txt, columns: [t, t]}
                """;
        assertAt(fails(onlyVariables), onlyVariables, 4, 32, '[', "name only variables");
    }

    @Test
    void conditionPointsTheSamplerRefuses() throws IOException {
        String text = """
                variables: {x: [0, 1], y: [0, 1], z: [0, 1]}
                fields: [u]
                conditions:
                  bottom: {at: {z: 0}, require: [u = 0], points: 21}
                """;
        assertAt(fails(text), text, 4, 50, '2', "condition 'bottom' over [x, y]", "4^2 = 16 or 5^2 = 25");
    }

    // ================================================================== mistakes: collocation, network, training

    @Test
    void collocationPointsTheSamplerRefuses() throws IOException {
        String text = """
                variables: {x: [0, 1], y: [0, 1]}
                fields: [u]
                equations: [u_xx + u_yy]
                collocation: {points: 10}
                """;
        assertAt(fails(text), text, 4, 23, '1', "collocation over [x, y]", "3^2 = 9 or 4^2 = 16");
    }

    @Test
    void collocationGridOfTheWrongDimension() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {grid: [21, 51]}
                """;
        assertAt(fails(text), text, 4, 21, '[', "collocation over [t]", "the grid has 2 dimensions");
        String empty = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {grid: []}
                """;
        assertAt(fails(empty), empty, 4, 21, '[', "give at least one count");
        String both = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {grid: [11], points: 11}
                """;
        assertAt(fails(both), both, 4, 15, 'g', "either 'grid' or 'points'");
    }

    @Test
    void unknownSamplingName() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11, sampling: sobel}
                """;
        assertAt(fails(text), text, 4, 37, 's', "unknown sampler \"sobel\"",
                "valid names: uniform, random (or pseudo), lhs (or latin_hypercube), sobol, halton, hammersley");
    }

    @Test
    void unknownActivation() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                network: {layers: [20, 20], activation: tanhh}
                """;
        assertAt(fails(text), text, 5, 41, 't', "unknown activation 'tanhh'", "valid names are tanh", "relu");
    }

    @Test
    void unknownInitializer() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                network: {initializer: glorot}
                """;
        assertAt(fails(text), text, 5, 24, 'g', "unknown initializer 'glorot'", "valid names are glorot_normal",
                "he_uniform");
    }

    @Test
    void zeroLayerSize() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                network: {layers: [20, 0]}
                """;
        assertAt(fails(text), text, 5, 24, '0', "expected a whole number >= 1, got 0");
    }

    @Test
    void negativeEpochs() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                training: {adam: {epochs: -5}}
                """;
        assertAt(fails(text), text, 5, 27, '-', "expected a whole number >= 0, got -5");
    }

    @Test
    void nothingToTrain() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                training:
                  adam: {epochs: 0}
                  lbfgs: 0
                """;
        assertAt(fails(text), text, 6, 3, 'a', "nothing to train", "the Adam epochs, the L-BFGS or the LM",
                "iterations (or another phase's length) above 0");
    }

    @Test
    void badTrainingValues() throws IOException {
        String seed = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                training: {seed: 1.5}
                """;
        assertAt(fails(seed), seed, 5, 18, '1', "expected a whole number, got '1.5'");
        String lr = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                training: {adam: {lr: 0}}
                """;
        assertAt(fails(lr), lr, 5, 23, '0', "the learning rate must be finite and > 0, got 0.0");
        String lbfgs = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                training: {lbfgs: {steps: 5}}
                """;
        assertAt(fails(lbfgs), lbfgs, 5, 20, 's', "unknown key 'steps' in lbfgs", "iterations");
    }

    // ================================================================== mistakes: evaluation

    @Test
    void aHeaderThatListsTheNamedColumnsInAnotherOrderIsRefused() throws IOException {
        Files.writeString(dir.resolve("h.txt"), "u t\n0.8 0.5\n0.1 1.5\n");
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  data: {file: h.txt, columns: [t, u]}
                """;
        assertAt(fails(text), text, 4, 32, '[', "h.txt's header line names its columns [u, t], but the columns are"
                + " read by position as [t, u]; list them in the file's order");
        String evaluation = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                evaluation: {file: h.txt, columns: [t, u]}
                """;
        assertAt(fails(evaluation), evaluation, 5, 36, '[', "h.txt's header line names its columns [u, t]");
        Files.writeString(dir.resolve("h.txt"), "time value\n0.5 0.8\n1.5 0.1\n"); // other names: by position
        assertThat(ok(text + "equations: [u_t]\ncollocation: {points: 11}\n").problem().fields()).containsExactly("u");
    }

    @Test
    void dataOutsideTheDomainIsRefused() throws IOException {
        Files.writeString(dir.resolve("far.txt"), "0.5 0.8\n50 0.1\n");
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                conditions:
                  data: {file: far.txt, columns: [t, u]}
                """;
        assertAt(fails(text), text, 4, 16, 'f', "far.txt, data row 2: t = 50.0 lies outside the domain, t in [0.0,"
                + " 10.0]");
        Files.writeString(dir.resolve("far.txt"), "0 0.8\n10.000000000001 0.1\n"); // the end, to rounding
        assertThat(ok(text + "equations: [u_t]\ncollocation: {points: 11}\n").problem().fields()).containsExactly("u");
    }

    @Test
    void evaluationColumnCount() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                evaluation: {file: d.txt, columns: [t]}
                """;
        assertAt(fails(text), text, 5, 36, '[', "d.txt has 2 columns but 1 names are given");
    }

    @Test
    void evaluationColumnsMissingAField() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                evaluation: {file: d.txt, columns: [t, t]}
                """;
        assertAt(fails(text), text, 5, 36, '[', "no column is named 'u'", "every variable and field [t, u]");
    }

    @Test
    void evaluationColumnThatIsNoSymbol() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                evaluation: {file: d.txt, columns: [t, w]}
                """;
        assertAt(fails(text), text, 5, 40, 'w', "'w' is neither a variable [t] nor a field [u]");
    }

    @Test
    void evaluationFileMissing() throws IOException {
        String text = """
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                evaluation: {file: truth.txt, columns: [t, u]}
                """;
        assertAt(fails(text), text, 5, 20, 't', "data file not found: truth.txt",
                dir.resolve("truth.txt").toAbsolutePath().normalize().toString());
    }

    @Test
    void evaluationColumnsInAnotherOrder() throws IOException {
        ProblemFile f = ok("""
                variables: {t: [0, 10]}
                fields: [u]
                equations: [u_t]
                collocation: {points: 11}
                evaluation: {file: d.txt, columns: [u, t]}
                """);
        assertThat(f.evaluation().points().toArray()).containsExactly(0.8, 0.1, -0.7);
        assertThat(f.evaluation().truth().toArray()).containsExactly(0.5, 1.5, 2.5);
    }

    // ================================================================== evaluation on a grid from a .npz file

    @Test
    void burgersEvaluatesOnTheGridOfItsNpzFile() {
        ProblemFile f = ProblemFile.read(examples().resolve("../burgers/burgers.yaml"));
        assertThat(f.problem().variableNames()).containsExactly("x", "t");
        assertThat(f.problem().equations().get(0).toString()).isEqualTo("u_t + u*u_x = nu*u_xx");
        Tensor pts = f.evaluation().points();
        Tensor u = f.evaluation().truth();
        assertThat(pts.shape()).containsExactly(256 * 100, 2);
        assertThat(u.shape()).containsExactly(256 * 100, 1);
        // usol is (x, t): row i * 100 + j is x_i, t_j; at t = 0 the solution is -sin(pi x)
        for (int i = 0; i < 256; i += 17) {
            double x = pts.data()[2 * (i * 100)];
            assertThat(pts.data()[2 * (i * 100) + 1]).isZero();
            assertThat(u.data()[i * 100]).isCloseTo(-Math.sin(Math.PI * x), within(1e-12));
        }
        assertThat(pts.data()[2 * 99 + 1]).isCloseTo(0.99, within(1e-12));
        assertThat(f.problem().conditions()).hasSize(2);
        // both walls in one condition: 40 points at x = -1, then the same 40 times at x = 1
        Tensor walls = f.problem().conditions().get(0).resolve(f.problem(), 0).points();
        assertThat(walls.shape()).containsExactly(80, 2);
        for (int i = 0; i < 80; i++) {
            assertThat(walls.data()[2 * i]).isEqualTo(i < 40 ? -1.0 : 1.0);
            assertThat(walls.data()[2 * i + 1]).isBetween(0.0, 0.99).isEqualTo(walls.data()[2 * (i % 40) + 1]);
        }
        assertThat(f.problem().conditions().get(0).toString()).contains("x in [-1.0, 1.0]");
    }

    @Test
    void npzEvaluationMistakes() throws IOException {
        Path npz = examples().resolve("../../../shared/data/deepxde/Burgers.npz").toAbsolutePath().normalize();
        String head = "variables: {x: [-1, 1], t: [0, 1]}\nfields: [u]\nconditions:\n"
                + "  c: {at: {t: 0}, require: [u = 0], points: 4}\nevaluation:\n  file: " + npz + "\n";
        ProblemFileException e = fails(head + "  grid: {x: x, t: time}\n  values: {u: usol}\n");
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.problem()).contains("no member 'time'").contains("members: t, usol, x");
        e = fails(head + "  grid: {t: t, x: x}\n  values: {u: usol}\n");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.problem()).contains("has shape [256, 100] but the grid axes give [100, 256]");
        e = fails(head + "  columns: [x, t, u]\n");
        assertThat(e.problem()).contains("takes 'grid' and 'values'");
    }

    // ================================================================== evaluation against an exact solution

    @Test
    void exactSolutionOnAGrid() throws IOException {
        ProblemFile f = ok("""
                variables: {x: [0, 1], t: [0, 2]}
                fields: [u]
                parameters: {k: 0.5}
                equations: [u_t = k*u_xx]
                collocation: {points: 16}
                evaluation: {exact: {u: sin(pi*x)*exp(-k*pi^2*t)}, grid: [3, 5]}
                """);
        Tensor p = f.evaluation().points();
        Tensor u = f.evaluation().truth();
        assertThat(p.shape()).containsExactly(15, 2);
        assertThat(u.shape()).containsExactly(15, 1);
        for (int i = 0; i < 15; i++) {
            double x = p.data()[2 * i];
            double t = p.data()[2 * i + 1];
            assertThat(u.data()[i]).isCloseTo(Math.sin(Math.PI * x) * Math.exp(-0.5 * Math.PI * Math.PI * t),
                    within(1e-14));
        }
        assertThat(f.evaluation().file()).isEqualTo("exact: u = sin(pi*x)*exp(-k*pi^2*t)");
    }

    @Test
    void exactSolutionDefaultsToAGridOfAbout10000Points() throws IOException {
        ProblemFile f = ok("""
                variables: {x: [0, 1], y: [0, 1]}
                fields: [u, v]
                equations: [u_xx + u_yy, v]
                collocation: {points: 16}
                evaluation: {exact: {v: 0, u: x*y}}
                """);
        assertThat(f.evaluation().points().shape()).containsExactly(10000, 2);
        double[] p = f.evaluation().points().data();
        double[] y = f.evaluation().truth().data();
        assertThat(y[2 * 777]).isCloseTo(p[2 * 777] * p[2 * 777 + 1], within(1e-15));
        assertThat(y[2 * 777 + 1]).isZero();
    }

    @Test
    void exactSolutionMistakes() throws IOException {
        String head = "variables: {x: [0, 1]}\nfields: [u]\nequations: [u_xx]\ncollocation: {points: 11}\n";
        String text = head + "evaluation: {exact: {u: u_x}}\n";
        assertAt(fails(text), text, 5, 25, 'u', "may use only variables", "u_x");
        text = head + "evaluation: {exact: {w: x}}\n";
        assertAt(fails(text), text, 5, 21, '{', "no exact solution for field 'u'");
        text = head + "evaluation: {exact: {u: log(x)}, points: 11}\n";
        assertAt(fails(text), text, 5, 25, 'l', "the exact solution is -Infinity at [x] = [0.0]");
        text = head + "evaluation: {exact: {u: x}, file: d.txt}\n";
        assertAt(fails(text), text, 5, 29, 'f', "either an exact solution ('exact') or a data file");
        text = head + "evaluation: {exact: {u: sinh(x)}}\n";
        assertThat(fails(text).problem()).contains("sinh");
        text = head + "evaluation: {file: d.txt, columns: [x, u], points: 5}\n";
        assertAt(fails(text), text, 5, 44, 'p', "'points' belongs to an exact solution");
    }

    // ================================================================== domains, boundaries, transforms

    @Test
    void domainWithTimeBoundaryPartsPeriodicAndTransform() throws IOException {
        ProblemFile f = ok("""
                domain:
                  variables: [x, y]
                  difference:
                    - rectangle: [[-1, -1], [1, 1]]
                    - disk: {center: [0, 0], radius: 0.4}
                  time: {t: [0, 2]}
                fields: [u]
                equations: [u_t = lap(u)]
                conditions:
                  initial: {at: {t: 0}, require: [u = 0], points: 50, sampling: halton}
                  hole: {on: boundary, where: [x^2 + y^2 < 0.25], require: [u_n = 1], points: 30}
                  right: {on: boundary, where: x = 1, require: [u = 0], points: 20, sampling: random}
                  ring: {on: {disk: {center: [0, 0], radius: 0.7}}, require: [u_n = 0], points: 16}
                  wrap: {periodic: y, require: [u, u_y], points: 10}
                transform: {u: t*u}
                collocation: {points: 300, sampling: hammersley}
                evaluation: {exact: {u: 0}, grid: [21, 21, 3]}
                """);
        Problem p = f.problem();
        assertThat(p.variableNames()).containsExactly("x", "y", "t");
        assertThat(p.vocabulary().space()).containsExactly("x", "y");
        assertThat(p.upper()).containsExactly(1, 1, 2);
        assertThat(p.domain()).isPresent();
        assertThat(p.inside(p.collocationPoints(0))).doesNotContain(false);
        double[] hole = p.conditions().get(1).resolve(p, 0).points().data();
        assertThat(hole.length / 3).isEqualTo(30);
        for (int i = 0; i < 30; i++) {
            assertThat(Math.hypot(hole[3 * i], hole[3 * i + 1])).isCloseTo(0.4, within(1e-12));
        }
        double[] right = p.conditions().get(2).resolve(p, 0).points().data();
        for (int i = 0; i < 20; i++) {
            assertThat(right[3 * i]).isEqualTo(1.0);
        }
        var ring = p.conditions().get(3).resolve(p, 0);
        assertThat(ring.auxiliary()).containsOnlyKeys("normal_x", "normal_y");
        assertThat(p.conditions().get(4).resolve(p, 0).paired()).isEqualTo(10);
        assertThat(p.transforms()).containsOnlyKeys("u");
        // the grid's points in the hole are left out
        int n = f.evaluation().points().size(0);
        assertThat(n).isLessThan(21 * 21 * 3).isGreaterThan(21 * 21 * 3 * 8 / 10);
        assertThat(p.inside(f.evaluation().points())).doesNotContain(false);
    }

    @Test
    void everyShapeReads() throws IOException {
        String[] shapes = {"interval: [0, 1]", "rectangle: {lower: [0, 0], upper: [2, 1]}", "box: [[0, 0, 0], [1, 1, 1]]",
            "disk: {center: [0, 0], radius: 1}", "ball: {center: [0, 0, 0], radius: 1}",
            "ellipse: {center: [0, 0], semi_axes: [2, 1], angle: 0.5}", "polygon: [[0, 0], [1, 0], [1, 1], [0, 2]]",
            "triangle: [[0, 0], [1, 0], [0, 1]]", "union: [{disk: {center: [0, 0], radius: 1}}, {rectangle: [[0, 0],"
                + " [2, 1]]}]", "intersection: [{disk: {center: [0, 0], radius: 1}}, {rectangle: [[0, 0], [2, 1]]}]"};
        int[] dims = {1, 2, 3, 2, 3, 2, 2, 2, 2, 2};
        for (int i = 0; i < shapes.length; i++) {
            String names = String.join(", ", List.of("x", "y", "z").subList(0, dims[i]));
            ProblemFile f = ok("domain: {variables: [" + names + "], " + shapes[i] + "}\nfields: [u]\n"
                    + "conditions: {b: {on: boundary, require: [u = 0], points: 8}}\n");
            assertThat(f.problem().domain().get().dimension()).as(shapes[i]).isEqualTo(dims[i]);
            assertThat(f.problem().conditions().get(0).resolve(f.problem(), 0).points().size(0)).isEqualTo(8);
        }
    }

    @Test
    void domainMistakes() throws IOException {
        String tail = "fields: [u]\nconditions: {b: {on: boundary, require: [u = 0]}}\n";
        String text = "variables: {x: [0, 1]}\ndomain: {variables: [x], interval: [0, 1]}\n" + tail;
        assertAt(fails(text), text, 1, 1, 'v', "either 'domain'", "or 'variables'");
        text = "domain: {variables: [x, y], circle: {center: [0, 0], radius: 1}}\n" + tail;
        assertAt(fails(text), text, 1, 29, 'c', "unknown key 'circle' in domain", "disk");
        text = "domain: {variables: [x, y], disk: {center: [0, 0], radius: 1}, interval: [0, 1]}\n" + tail;
        assertAt(fails(text), text, 1, 64, 'i', "a domain has one shape");
        text = "domain: {variables: [x], disk: {center: [0, 0], radius: 1}}\n" + tail;
        assertAt(fails(text), text, 1, 21, '[', "the disk has 2 coordinates but 1 variable names are given");
        text = "domain: {variables: [x], interval: [0, 1], time: {t: [1, 0]}}\n" + tail;
        assertAt(fails(text), text, 1, 54, '[', "space-time: t0 = 1.0 must be < t1 = 0.0");
        text = "domain: {variables: [x, y], disk: {center: [0, 0], radius: -1}}\n" + tail;
        assertAt(fails(text), text, 1, 35, '{', "disk", "radius");
        text = "domain: {variables: [x, y]}\n" + tail;
        assertAt(fails(text), text, 1, 9, '{', "the domain needs a shape");
        text = "domain:\n  variables: [x, y]\n  polygon: [[0, 0], [1, 1], [1, 0], [0, 1]]\n" + tail;
        assertThat(fails(text).line()).isEqualTo(3);
        // a centre so far out that y's range collapses (-1e308 +- 1 is -1e308): refused at the shape
        text = "domain: {variables: [x, y], disk: {center: [0, -1e308], radius: 1}}\n" + tail;
        assertAt(fails(text), text, 1, 29, 'd', "range of variable 'y' must be finite with lo < hi");
    }

    @Test
    void boundaryConditionMistakes() throws IOException {
        String head = "domain: {variables: [x, y], rectangle: [[0, 0], [1, 1]]}\nfields: [u]\nconditions:\n";
        String text = head + "  b: {on: walls, require: [u = 0]}\n";
        assertAt(fails(text), text, 4, 11, 'w', "'on' takes 'boundary'");
        text = head + "  b: {at: {x: 0}, where: x = 0, require: [u = 0]}\n";
        assertAt(fails(text), text, 4, 19, 'w', "'where' selects part of a boundary: add 'on: boundary'");
        text = head + "  b: {on: boundary, where: x 0, require: [u = 0]}\n";
        assertAt(fails(text), text, 4, 28, 'x', "is not a comparison");
        text = head + "  b: {on: boundary, where: x = 5, require: [u = 0]}\n";
        assertThat(fails(text).problem()).contains("condition 'b': no point of the boundary");
        text = head + "  b: {on: boundary, require: [u_m = 0]}\n";
        assertAt(fails(text), text, 4, 33, 'm', "'m' in 'u_m' is not a variable");
        text = head + "  b: {periodic: z, require: [u]}\n";
        assertAt(fails(text), text, 4, 17, 'z', "'z' is not a variable");
        text = head + "  b: {on: {ball: {center: [0, 0, 0], radius: 0.5}}, require: [u = 0]}\n";
        assertAt(fails(text), text, 4, 11, '{', "the shape has 3 coordinates but the problem has 2 space variables");
        text = head + "  b: {on: boundary, require: [u = 0]}\nequations: [u_n]\ncollocation: {points: 16}\n";
        assertAt(fails(text), text, 5, 13, 'u', "the normal derivative 'u_n' is defined on a boundary only");
        text = head + "  b: {on: boundary, require: [u = 0]}\ntransform: {v: x*v}\n";
        assertAt(fails(text), text, 5, 13, 'v', "'v' is not a field");
        text = head + "  b: {on: boundary, require: [u = 0]}\ntransform: {u: x*w}\n";
        assertAt(fails(text), text, 5, 18, 'w', "unknown symbol 'w'");
    }

    @Test
    void aFieldFromItsOwnNetwork() throws IOException {
        String head = "variables: {x: [0, 1]}\nfields: [u, v, k]\nequations: [\"-u_xx + k*u = v\"]\n"
                + "collocation: {points: 10}\n";
        ProblemFile f = ok(head + "network: {layers: [20, 20], fields: {k: {layers: [8], activation: sin}}}\n");
        assertThat(f.network().fieldNetworks()).containsOnlyKeys("k");
        assertThat(f.network().fieldNetworks().get("k").hidden()).containsExactly(8);
        assertThat(f.network().fieldNetworks().get("k").initializer()).isEqualTo("glorot_normal");
        Concat net = (Concat) f.newNetwork(3);
        assertThat(((Mlp) net.parts().get(0)).sizes()).containsExactly(1, 20, 20, 2);
        assertThat(((Mlp) net.parts().get(1)).sizes()).containsExactly(1, 8, 1);
        assertThat(((Mlp) net.parts().get(1)).activation().toString()).isEqualTo("sin");
        assertThat(net.forward(Tensor.zeros(4, 1)).shape()).containsExactly(4, 3);
        String unknown = head + "network: {fields: {q: {layers: [8]}}}\n";
        assertAt(fails(unknown), unknown, 5, 20, 'q', "'q' is not a field; the fields are u, v, k");
        String order = head + "network: {fields: {u: {layers: [8]}}}\n";
        assertAt(fails(order), order, 5, 19, '{', "must come last in 'fields'", "fields: [v, k, u]");
        String badKey = head + "network: {fields: {k: {width: 8}}}\n";
        assertAt(fails(badKey), badKey, 5, 24, 'w', "unknown key 'width' in network of k");
    }

    @Test
    void miniBatchesAndResampling() throws IOException {
        ProblemFile f = ok("""
                variables: {x: [0, 1], t: [0, 1]}
                fields: [u]
                equations: [u_t = u_xx]
                collocation: {points: 100, sampling: random}
                training: {adam: {lr: 1e-3, epochs: 10, batch: 32}, resample_every: 5}
                """);
        assertThat(f.training()).isEqualTo(new ProblemFile.TrainingSpec(0, 1e-3, 10, 0, 1000, 32, 5, null));
        ProblemFile rad = ok("""
                variables: {x: [0, 1], t: [0, 1]}
                fields: [u]
                equations: [u_t = u_xx]
                collocation: {points: 100, sampling: random}
                training: {resample_every: 5, adaptive: {exponent: 2, candidates: 5000}}
                """);
        assertThat(rad.training().adaptive()).isEqualTo(new AdaptiveSampling(2, 1, 5000));
        String noPeriod = "variables: {x: [0, 1]}\nfields: [u]\nequations: [u_xx]\ncollocation: {points: 10}\n"
                + "training: {adaptive: {exponent: 1}}\n";
        assertAt(fails(noPeriod), noPeriod, 5, 22, '{', "resample_every");
        String badExponent = "variables: {x: [0, 1]}\nfields: [u]\nequations: [u_xx]\ncollocation: {points: 10}\n"
                + "training: {resample_every: 5, adaptive: {exponent: -1}}\n";
        assertAt(fails(badExponent), badExponent, 5, 52, '-', "exponent must be finite and >= 0");
        String text = "variables: {x: [0, 1]}\nfields: [u]\nequations: [u_xx]\ncollocation: {points: 10}\n"
                + "training: {adam: {batch: -3}}\n";
        assertAt(fails(text), text, 5, 26, '-', "-3");
    }

    @Test
    void pointsOfAConditionAtSeveralValuesMustSplitEvenly() throws IOException {
        String text = """
                variables: {x: [0, 1], t: [0, 1]}
                fields: [u]
                conditions:
                  walls: {at: {x: [0, 1]}, require: [u = 0], points: 81, sampling: hammersley}
                """;
        assertAt(fails(text), text, 4, 54, '8', "condition 'walls': 81 points cannot be shared evenly among 2 values",
                "multiple of 2");
    }
}
