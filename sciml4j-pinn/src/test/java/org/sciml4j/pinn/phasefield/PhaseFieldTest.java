package org.sciml4j.pinn.phasefield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.domain.geometry.Rectangle;
import org.sciml4j.domain.quadrature.Quadrature;
import org.sciml4j.domain.quadrature.QuadratureRule;
import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.nn.Networks;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.ProblemKinds;
import org.sciml4j.train.config.RunContext;

class PhaseFieldTest {
    private static final String TINY = """
            kind: phase_field
            film: {size: 1, lambda: 1, mu: 1, eta: 40, length: 0.08, toughness: 4.0e-3,
                   weak_spot: {center: [0.6, 0.45], radius: 0.1, depth: 0.1}}
            load: {eps0: [0.03, 0.05]}
            quadrature: {points: 2, intervals: 16}
            reference: {cells: 16, tolerance: 1.0e-4, max_iterations: 200}
            network: {layers: [16], activation: tanh, fourier_features: {features: 8, scale: 1}}
            training: {seed: 0, adam: {lr: 5.0e-3, epochs: 150}, lbfgs: {iterations: 150}, log_every: 100}
            """;

    @TempDir
    Path dir;

    /** A network with every weight 0 and output bias (a, b, z) gives constant fields. */
    private static PhaseFieldNetwork constant(double size, double a, double b, double z) {
        var net = Networks.build(new NetworkSpec(new int[] {8}, "tanh", "glorot_normal"), 2, 3, 0);
        List<Tensor> ps = net.parameters().trainable();
        for (Tensor p : ps) {
            Arrays.fill(p.data(), 0);
        }
        Tensor bias = ps.get(ps.size() - 1);
        assertThat(bias.numel()).isEqualTo(3);
        bias.data()[0] = a;
        bias.data()[1] = b;
        bias.data()[2] = z;
        return new PhaseFieldNetwork(net, size, 4);
    }

    /**
     * Constant u = eps0 L (a, b), phi = phi_prev + (1 - phi_prev) sigmoid(z - 4) with phi_prev = 0.3 and a frozen
     * gradient (0.5, -0.2) on the square [0, 2]^2: elastic 4 (1 - phi)^2 2 (lambda + mu) eps0^2, surface
     * 4 G / (2 s) (phi^2 + s^2 (1 - sigma)^2 |grad phi_prev|^2), substrate 4 eta / 2 |u|^2.
     */
    @Test
    void energyOfConstantFieldsMatchesTheHandComputedValue() {
        double size = 2;
        Film film = new Film(size, 1.5, 0.7, 30, 0.05, 2e-3, new double[] {1, 1, 0.1, 0});
        double a = 0.3;
        double b = -0.1;
        double z = 3;
        double eps0 = 0.06;
        Quadrature q = QuadratureRule.gaussLegendre(2, 3).on(new Rectangle(new double[] {0, 0},
                new double[] {size, size}), 0);
        int n = q.size();
        double[][] prev = new double[3][n];
        Arrays.fill(prev[0], 0.3);
        Arrays.fill(prev[1], 0.5);
        Arrays.fill(prev[2], -0.2);
        PhaseFieldObjective o = new PhaseFieldObjective(constant(size, a, b, z), film, eps0, q, prev);
        List<Tensor> terms = o.loss();
        double sigma = 1 / (1 + Math.exp(1)); // sigmoid(3 - 4)
        double phi = 0.3 + 0.7 * sigma;
        double elastic = 4 * (1 - phi) * (1 - phi) * 2 * (1.5 + 0.7) * eps0 * eps0;
        double grad2 = (1 - sigma) * (1 - sigma) * (0.25 + 0.04);
        double surface = 4 * 2e-3 / (2 * 0.05) * (phi * phi + 0.05 * 0.05 * grad2);
        double u1 = eps0 * size * a;
        double u2 = eps0 * size * b;
        double substrate = 4 * 30 / 2.0 * (u1 * u1 + u2 * u2);
        assertThat(terms.get(0).item()).isCloseTo(elastic, within(1e-14));
        assertThat(terms.get(1).item()).isCloseTo(surface, within(1e-14));
        assertThat(terms.get(2).item()).isCloseTo(substrate, within(1e-14));
        double[][] next = o.phaseAtNodes();
        assertThat(next[0][5]).isCloseTo(phi, within(1e-15));
        assertThat(next[1][5]).isCloseTo(0.5 * (1 - sigma), within(1e-15));
    }

    /**
     * Whatever the weights (large random ones, new ones every step), phi stays in [0, 1] and never decreases from a
     * step to the next; the transform's derivatives match central differences of its values.
     */
    @Test
    void phaseIsBoundedAndMonotoneByConstruction() {
        var net = Networks.build(new NetworkSpec(new int[] {16, 16}, "tanh", "glorot_normal")
                .withFourierFeatures(8, 2), 2, 3, 3);
        PhaseFieldNetwork f = new PhaseFieldNetwork(net, 1, 4);
        Rng rng = new Rng(5);
        int m = 400;
        double[] xy = Tensor.rand(rng, 2 * m).toArray();
        double[] prev = new double[m];
        for (int step = 0; step < 6; step++) {
            for (Tensor p : net.parameters().trainable()) {
                double[] d = p.data();
                for (int i = 0; i < d.length; i++) {
                    d[i] = 4 * rng.normal();
                }
            }
            double[] phi = f.values(xy, 0.05, prev)[2];
            for (int i = 0; i < m; i++) {
                assertThat(phi[i]).isBetween(prev[i], 1.0);
            }
            prev = phi;
        }
        assertThat(Arrays.stream(prev).max().getAsDouble()).isGreaterThan(0.9); // the bound is met, not just kept
        double[] pt = {0.3, 0.6, 0.71, 0.2};
        double[] p0 = {0.2, 0.4};
        double[][] g = {{0.2, 0.4}, {1.5, -0.3}, {0.7, 2.0}};
        Tensor[] jet;
        try (var s = Autodiff.noGrad()) {
            jet = f.fields(f.inputs(pt), 0.05, new Tensor[] {Tensor.of(g[0], 2, 1), Tensor.of(g[1], 2, 1),
                Tensor.of(g[2], 2, 1)});
        }
        double h = 1e-7;
        for (int k = 0; k < 2; k++) {
            for (int axis = 0; axis < 2; axis++) {
                double[] plus = {pt[2 * k], pt[2 * k + 1]};
                double[] minus = plus.clone();
                plus[axis] += h;
                minus[axis] -= h;
                double pp = p0[k] + g[1 + axis][k] * h;
                double pm = p0[k] - g[1 + axis][k] * h;
                double[][] fp = f.values(plus, 0.05, new double[] {pp});
                double[][] fm = f.values(minus, 0.05, new double[] {pm});
                double dphi = (fp[2][0] - fm[2][0]) / (2 * h);
                double du = (fp[0][0] - fm[0][0]) / (2 * h);
                assertThat(jet[7 + axis].toArray()[k]).isCloseTo(dphi, within(1e-6 * (1 + Math.abs(dphi))));
                assertThat(jet[3 + axis].toArray()[k]).isCloseTo(du, within(1e-6 * (1 + Math.abs(du))));
            }
        }
    }

    /** With two node sets the objective moves between them every epoch and before every quasi-Newton round. */
    @Test
    void nodeSetsRotate() {
        var net = Networks.build(new NetworkSpec(new int[] {8}, "tanh", "glorot_normal"), 2, 3, 1);
        PhaseFieldNetwork f = new PhaseFieldNetwork(net, 1, 4);
        Film film = new Film(1, 1, 1, 40, 0.05, 4e-3, new double[] {0.5, 0.5, 0.1, 0});
        Rectangle square = new Rectangle(new double[] {0, 0}, new double[] {1, 1});
        List<Quadrature> sets = List.of(QuadratureRule.gaussLegendre(2, 3).on(square, 0),
                QuadratureRule.gaussLegendre(2, 4).on(square, 0));
        List<double[][]> prev = List.of(new double[3][36], new double[3][64]);
        PhaseFieldObjective o = new PhaseFieldObjective(f, film, 0.05, sets, prev, 1);
        double first = o.loss().get(0).item();
        o.beforeEpoch(1);
        assertThat(o.loss().get(0).item()).isEqualTo(first); // epoch 1 keeps the first set
        o.beforeEpoch(2);
        double second = o.loss().get(0).item();
        assertThat(second).isNotCloseTo(first, within(1e-9 * Math.abs(first)));
        o.beforeRound(1, 2);
        assertThat(o.loss().get(0).item()).isEqualTo(first);
        assertThat(o.phaseAtNodes(1)[0]).hasSize(64);
    }

    /** A short film run end to end: the figures are written and the network's energy is close to the grid's. */
    @Test
    void aShortRunComparesWithTheGridSolver() throws IOException {
        Path p = dir.resolve("tiny.yaml");
        Files.writeString(p, TINY);
        PhaseFieldRun run = (PhaseFieldRun) ProblemKinds.read(p);
        Path out = Files.createDirectories(dir.resolve("run"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertThat(run.run(RunContext.of(out, new PrintStream(log, true, StandardCharsets.UTF_8)))).isZero();
        String s = Files.readString(out.resolve("summary.json"));
        assertThat(number(s, "relative_error")).isLessThan(0.1); // measured 5.4 %
        assertThat(number(s, "phi_min")).isGreaterThanOrEqualTo(0);
        assertThat(number(s, "phi_max")).isLessThanOrEqualTo(1);
        assertThat(number(s, "phi_smallest_increase")).isGreaterThanOrEqualTo(0);
        assertThat(s).contains("\"energy_grid\"").contains("\"crack_length_network\"");
        assertThat(out.resolve("phase.png")).exists();
        assertThat(out.resolve("fields.npz")).exists();
    }

    private static double number(String json, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\" : ([-0-9.eE+]+)").matcher(json);
        assertThat(m.find()).as(key + " in " + json).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void mistakesArePlaced() throws IOException {
        ProblemFileException e = fails(TINY.replace("[0.03, 0.05]", "[0.05, 0.03]"));
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("increasing");
        e = fails(TINY.replace("depth: 0.1", "depth: 1.5"));
        assertThat(e.line()).isEqualTo(3);
        e = fails(TINY.replace("[0.03, 0.05]}", "[0.03, 0.05], lbfgs_iterations: [100]}"));
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("one whole number >= 0 per load step (2)");
        PhaseFieldRun run = (PhaseFieldRun) read(TINY.replace("[0.03, 0.05]}",
                "[0.03, 0.05], lbfgs_iterations: [100, 400]}"));
        assertThat(run.spec().lbfgsIterations(0)).isEqualTo(100);
        assertThat(run.spec().lbfgsIterations(1)).isEqualTo(400);
        assertThat(((PhaseFieldRun) read(TINY)).spec().lbfgsIterations(1)).isEqualTo(150);
        e = fails(TINY.replace("load:", "loads:"));
        assertThat(e.getMessage()).contains("unknown key 'loads'");
        e = fails(TINY.replace("activation: tanh", "activation: relu"));
        assertThat(e.line()).isEqualTo(7);
        e = fails(TINY.replace("center: [0.6, 0.45]", "center: [5, 5]"));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).isEqualTo("the weak spot's center must lie on the film, [0, 1.0]^2, got [5.0, 5.0]");
        e = fails(TINY.replace("cells: 16", "cells: 1"));
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.problem()).contains("at least 8 cells a side");
    }

    private Object read(String text) throws IOException {
        Path p = dir.resolve("good.yaml");
        Files.writeString(p, text);
        return ProblemKinds.read(p);
    }

    private ProblemFileException fails(String text) throws IOException {
        Path p = dir.resolve("bad.yaml");
        Files.writeString(p, text);
        try {
            ProblemKinds.read(p);
        } catch (ProblemFileException e) {
            return e;
        }
        throw new AssertionError("accepted:\n" + text);
    }
}
