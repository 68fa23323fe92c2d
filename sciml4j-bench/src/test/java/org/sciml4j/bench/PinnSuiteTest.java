package org.sciml4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;
import org.sciml4j.nn.Module;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.SuitePath;
import org.sciml4j.pinn.config.ProblemFile;

/**
 * The suite's three lists (PinnSuite, the JMH params, run-suite.sh) name the same problems, and every problem file
 * builds the network and the points that its PyTorch script uses: the same parameter and point counts (the figures
 * the scripts print in their RESULT lines), so that the two sides of each ratio do the same work.
 */
class PinnSuiteTest {

    /** Per problem: trainable parameters and stacked points, as the PyTorch scripts count them. */
    private static Map<String, int[]> expected() {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("forward", new int[] {481, 102});
        m.put("surrogate", new int[] {921, 1092});
        m.put("burgers", new int[] {921, 2780});
        m.put("allen-cahn", new int[] {921, 8240});
        m.put("allen-cahn-hard", new int[] {921, 8000});
        m.put("poisson-fourier", new int[] {5851, 2400});
        m.put("kovasznay", new int[] {2043, 3001});
        m.put("elasticity", new int[] {942, 2400});
        m.put("kdv", new int[] {921, 2400});
        m.put("poisson-modified-mlp", new int[] {5601, 2400});
        for (int layers = 1; layers <= 3; layers++) {
            for (int w : new int[] {20, 50, 100}) {
                // 2 -> w, (layers - 1) times w -> w, w -> 1
                m.put("poisson-mlp-" + layers + "x" + w, new int[] {3 * w + (layers - 1) * (w * w + w) + w + 1, 2400});
            }
        }
        return m;
    }

    @Test
    void theSuiteListsAgree() throws Exception {
        assertThat(List.copyOf(PinnSuite.names())).containsExactlyElementsOf(expected().keySet());
        Param param = PinnSuiteBenchmark.class.getField("problem").getAnnotation(Param.class);
        assertThat(Arrays.asList(param.value())).containsExactlyElementsOf(PinnSuite.names());
        assertThat(scriptProblems()).containsExactlyElementsOf(PinnSuite.names());
    }

    @Test
    void everyProblemHasTheNetworkAndPointsOfItsPyTorchScript() {
        for (Map.Entry<String, int[]> e : expected().entrySet()) {
            ProblemFile f = ProblemFile.read(PinnSuite.file(e.getKey()));
            Problem p = f.problem();
            long seed = f.training().seed();
            Module net = f.newNetwork(seed);
            int params = net.parameters().trainable().stream().mapToInt(t -> t.numel()).sum();
            int points = p.collocationPoints(seed).size(0);
            for (Condition c : p.conditions()) {
                points += c.resolve(p, seed).points().size(0);
            }
            assertThat(new int[] {params, points}).as(e.getKey()).containsExactly(e.getValue());
            assertThat(f.training().learningRate()).as(e.getKey()).isEqualTo(1e-3);
        }
    }

    @Test
    void aStepRunPrintsItsTimesAndSizes() {
        String line = PinnSuiteStep.run("poisson-mlp-1x20", PinnSuite.file("poisson-mlp-1x20"), 2, 3);
        assertThat(line).startsWith("RESULT side=sciml4j problem=poisson-mlp-1x20 ")
                .contains(" warmup=2 epochs=3 points=2400 params=81 path=fused ");
        Matcher ms = Pattern.compile(" ms_per_epoch=([0-9.]+) ").matcher(line);
        assertThat(ms.find()).isTrue();
        assertThat(Double.parseDouble(ms.group(1))).isPositive();
        Matcher loss = Pattern.compile(" loss=(\\S+)$").matcher(line);
        assertThat(loss.find()).isTrue();
        assertThat(Double.parseDouble(loss.group(1))).isFinite().isPositive();
    }

    @Test
    void kdvTakesTheFusedPathToItsThirdDerivative() {
        ProblemFile f = ProblemFile.read(PinnSuite.file("kdv"));
        long seed = f.training().seed();
        assertThat(SuitePath.of(f.problem(), f.newNetwork(seed), seed)).isEqualTo("fused");
    }

    @Test
    void theModifiedMlpTakesTheFusedPathAsThePlainMlpDoes() {
        for (String name : List.of("poisson-modified-mlp", "poisson-mlp-3x50")) {
            ProblemFile f = ProblemFile.read(PinnSuite.file(name));
            long seed = f.training().seed();
            assertThat(SuitePath.of(f.problem(), f.newNetwork(seed), seed)).as(name).isEqualTo("fused");
        }
    }

    @Test
    void anUnknownProblemNamesTheKnownOnes() {
        assertThatThrownBy(() -> PinnSuite.file("burger"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown suite problem 'burger'").hasMessageContaining("burgers");
    }

    /** The names in run-suite.sh's PROBLEMS list, in order. */
    private static List<String> scriptProblems() throws IOException {
        String script = Files.readString(repositoryRoot().resolve("sciml4j-bench/run-suite.sh"));
        String block = script.substring(script.indexOf("PROBLEMS=\"") + 10);
        block = block.substring(0, block.indexOf('"'));
        List<String> names = new ArrayList<>();
        for (String line : block.strip().split("\n")) {
            names.add(line.substring(0, line.indexOf('|')));
        }
        return names;
    }

    private static Path repositoryRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("sciml4j-bench/run-suite.sh"))) {
                return d;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }
}
