package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.tensor.Tensor;

/**
 * examples/poisson: Poisson's equation on the L-shaped domain (Dirichlet) and on a square with a round hole
 * (Dirichlet outside, Neumann on the hole). The files parse into the stated domains, and a short run of each brings
 * the error against the manufactured solution well below an untrained network's (docs/PDE-EXAMPLES.md has the full
 * runs' figures).
 */
class PoissonExamplesTest {

    static Path poisson() {
        return Repo.examples("poisson");
    }

    static double relativeError(Path file, Path out, int epochs, int lbfgs) throws Exception {
        assertThat(Main.run("run", file.toString(), "--out", out.toString(), "--epochs", Integer.toString(epochs),
                "--lbfgs", Integer.toString(lbfgs), "--quiet")).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        return summary.get("relative_error").asDouble();
    }

    @Test
    void lShapeDomainAndItsRun(@TempDir Path out) throws Exception {
        ProblemFile pf = ProblemFile.read(poisson().resolve("poisson-lshape.yaml"));
        Problem p = pf.problem();
        assertThat(p.variableNames()).containsExactly("x", "y");
        // the missing quarter is outside; its corner (0, 0) is on the boundary
        Tensor probe = Tensor.matrix(new double[] {0.5, 0.5}, new double[] {-0.5, 0.5}, new double[] {0, 0});
        assertThat(p.inside(probe)).containsExactly(false, true, true);
        assertThat(pf.evaluation().points().size(0)).isEqualTo(101 * 101 - 50 * 50); // the grid less the open quarter
        double err = relativeError(poisson().resolve("poisson-lshape.yaml"), out, 150, 150);
        assertThat(err).isLessThan(0.15);
        // each phase's iterations, time and loss (issue 13: report each phase); the phases add up to the epochs
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode phases = summary.get("phases");
        assertThat(phases).hasSize(2);
        assertThat(phases.get(0).get("name").asText()).isEqualTo("adam");
        assertThat(phases.get(0).get("iterations").asInt()).isEqualTo(150);
        assertThat(phases.get(1).get("name").asText()).isEqualTo("lbfgs");
        assertThat(phases.get(0).get("iterations").asInt() + phases.get(1).get("iterations").asInt())
                .isEqualTo(summary.get("epochs").asInt());
        assertThat(phases.get(1).get("final_loss").asDouble()).isEqualTo(summary.get("final_loss").get("total")
                .asDouble());
        assertThat(phases.get(1).get("final_loss").asDouble()).isLessThan(phases.get(0).get("final_loss").asDouble());
        assertThat(phases.get(0).get("seconds").asDouble()).isPositive();
        assertThat(out.resolve("error.png")).isRegularFile();
        assertThat(out.resolve("reference.png")).isRegularFile();
    }

    @Test
    void holedDomainWithANeumannHole(@TempDir Path out) throws Exception {
        ProblemFile pf = ProblemFile.read(poisson().resolve("poisson-hole.yaml"));
        Problem p = pf.problem();
        Tensor probe = Tensor.matrix(new double[] {0, 0}, new double[] {0.5, 0.5});
        assertThat(p.inside(probe)).containsExactly(false, true);
        // the hole's points are on the circle of radius 0.4, with normals pointing into the hole
        var hole = p.conditions().get(1).resolve(p, 0);
        double[] x = hole.points().data();
        double[] nx = hole.auxiliary().get("normal_x").toArray();
        for (int i = 0; i < nx.length; i++) {
            assertThat(Math.hypot(x[2 * i], x[2 * i + 1])).isCloseTo(0.4, within(1e-12));
            assertThat(nx[i]).isCloseTo(-x[2 * i] / 0.4, within(1e-12));
        }
        double err = relativeError(poisson().resolve("poisson-hole.yaml"), out, 150, 150);
        assertThat(err).isLessThan(0.02);
    }
}
