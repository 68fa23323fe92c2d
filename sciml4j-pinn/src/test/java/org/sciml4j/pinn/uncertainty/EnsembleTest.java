package org.sciml4j.pinn.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.train.config.ProblemKinds;
import org.sciml4j.train.config.RunContext;

/** Deep ensembles: members independent of the thread count, the spread's numbers, and a run's outputs. */
class EnsembleTest {
    /** An inverse problem that trains in a blink: u' + c u = 0, u(0) = 1, data of exp(-0.5 t), c unknown. */
    static String problem(Path dir, String uncertainty) throws Exception {
        StringBuilder data = new StringBuilder();
        StringBuilder truth = new StringBuilder();
        for (int i = 0; i <= 20; i++) {
            double t = 0.1 * i;
            data.append(t).append(' ').append(Math.exp(-0.5 * t) + 0.01 * Math.sin(7 * i)).append('\n');
            truth.append(t).append(' ').append(Math.exp(-0.5 * t)).append('\n');
        }
        Files.writeString(dir.resolve("data.txt"), data);
        Files.writeString(dir.resolve("truth.txt"), truth);
        return "variables: {t: [0, 2]}\nfields: [u]\nunknowns: {c: {initial: 1.0}}\nequations: [u_t + c*u]\n"
                + "conditions:\n  initial: {at: {t: 0}, require: [u = 1]}\n"
                + "  data: {file: data.txt, columns: [t, u]}\ncollocation: {points: 21}\n"
                + "network: {layers: [6], activation: tanh}\ntraining: {seed: 5, adam: {lr: 1e-2, epochs: 150},"
                + " log_every: 50}\nevaluation: {file: truth.txt, columns: [t, u]}\n" + uncertainty;
    }

    static UncertainProblem read(Path dir, String uncertainty) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, problem(dir, uncertainty));
        return (UncertainProblem) ProblemKinds.read(file);
    }

    @Test
    void membersAreTheSameBitsWhateverTheThreadCount(@TempDir Path dir) throws Exception {
        UncertainProblem p = read(dir, "uncertainty: {ensemble: 3}\n");
        EnsembleRun run = new EnsembleRun(p.file(), (UncertaintySpec.Ensemble) p.spec());
        var points = UncertaintyOutputs.points(p.file());
        List<EnsembleRun.Member> one = run.train(5, 60, 1, points, null, null);
        List<EnsembleRun.Member> three = run.train(5, 60, 3, points, null, null);
        for (int k = 0; k < 3; k++) {
            assertThat(three.get(k).seed()).isEqualTo(5 + k);
            assertThat(three.get(k).prediction()).containsExactly(one.get(k).prediction());
            assertThat(three.get(k).unknowns()).containsExactly(one.get(k).unknowns());
        }
        // the members differ: each has its own initialisation
        assertThat(one.get(0).unknowns()[0]).isNotEqualTo(one.get(1).unknowns()[0]);
    }

    @Test
    void membersStoppedByTheLossGrowthGuardAreLeftOutAsDiverged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, problem(dir, "uncertainty: {ensemble: 3}\n").replace("lr: 1e-2, epochs: 150",
                "lr: 1e3, epochs: 50"));
        UncertainProblem p = (UncertainProblem) ProblemKinds.read(file);
        EnsembleRun run = new EnsembleRun(p.file(), (UncertaintySpec.Ensemble) p.spec());
        List<EnsembleRun.Member> members = run.train(5, 50, 1, UncertaintyOutputs.points(p.file()), null, null);
        // the guard stops a member whose loss grew 1e6-fold with "diverged: ..." as its reason, without an
        // exception: such a member's estimate (c = -18 +- 413 in a 3-member run) counted in the spread
        assertThat(members).allSatisfy(m -> {
            assertThat(m.failure()).startsWith("training diverged");
            assertThat(m.prediction()).isNull();
        });
        assertThat(members).anyMatch(m -> m.failure().startsWith("training diverged: "));
    }

    @Test
    void aRunWritesTheSpreadAndEachMember(@TempDir Path dir) throws Exception {
        UncertainProblem p = read(dir, "uncertainty: {ensemble: {members: 3, threads: 2}}\n");
        Path out = dir.resolve("run");
        Files.createDirectories(out);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int status = p.run(RunContext.of(out, new PrintStream(text, true, StandardCharsets.UTF_8)));
        assertThat(status).isZero();
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("method").asText()).isEqualTo("ensemble");
        assertThat(s.get("members").asInt()).isEqualTo(3);
        assertThat(s.get("relative_error").asDouble()).isFinite().isPositive().isLessThan(0.5);
        JsonNode c = s.get("unknowns").get("c");
        double mean = c.get("mean").asDouble();
        double sd = c.get("sd").asDouble();
        assertThat(c.get("normal_95").get(0).asDouble()).isCloseTo(mean - Band.Z95 * sd, within(1e-12));
        assertThat(c.get("normal_95").get(1).asDouble()).isCloseTo(mean + Band.Z95 * sd, within(1e-12));
        // the ensemble's mean of c is the mean of the members' own estimates
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            JsonNode m = new ObjectMapper().readTree(out.resolve("members/" + k + "/summary.json").toFile());
            sum += m.get("parameters").get("c").asDouble();
            assertThat(out.resolve("members/" + k + "/loss.tsv")).isRegularFile();
            assertThat(out.resolve("members/" + k + "/model.safetensors")).isRegularFile();
        }
        assertThat(mean).isCloseTo(sum / 3, within(1e-12));
        assertThat(out.resolve("prediction.png")).isRegularFile();
        assertThat(Files.readAllLines(out.resolve("prediction.tsv")).get(0).split("\t")).containsExactly("t",
                "u_mean", "u_sd", "u_lower", "u_upper", "u_q025", "u_q975", "u_true");
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("member 2 (seed 7)", "c = ", "95 % interval");
    }

    @Test
    void bandNumbersByHand() {
        Band b = Band.of(new double[][] {{1, 10}, {2, 20}, {3, 30}, {4, 40}, {5, 50}});
        assertThat(b.mean()).containsExactly(3, 30);
        assertThat(b.sd()[0]).isCloseTo(Math.sqrt(2.5), within(1e-15));
        assertThat(b.sd()[1]).isCloseTo(10 * Math.sqrt(2.5), within(1e-13));
        // NumPy: np.quantile([1, 2, 3, 4, 5], [0.025, 0.975]) = [1.1, 4.9]
        assertThat(b.q025()[0]).isCloseTo(1.1, within(1e-12));
        assertThat(b.q975()[0]).isCloseTo(4.9, within(1e-12));
        assertThat(b.normalLower()[0]).isCloseTo(3 - 1.959963984540054 * Math.sqrt(2.5), within(1e-12));
        assertThat(b.normalCoverage(new double[] {-1, 30})).isEqualTo(0.5);
        assertThat(b.quantileCoverage(new double[] {1.1, 49.5})).isEqualTo(0.5);
    }

    @Test
    void effectiveSampleSizeOfIndependentAndOfCorrelatedDraws() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        double[] iid = new double[4000];
        double[] ar = new double[4000];
        for (int i = 0; i < iid.length; i++) {
            iid[i] = r.nextGaussian();
            ar[i] = (i == 0 ? 0 : 0.9 * ar[i - 1]) + r.nextGaussian();
        }
        assertThat(Diagnostics.effectiveSampleSize(iid)).isBetween(3400.0, 4600.0);
        // AR(1) with phi = 0.9: n (1 - phi) / (1 + phi) = 4000 / 19 = 210
        assertThat(Diagnostics.effectiveSampleSize(ar)).isBetween(150.0, 280.0);
    }
}
