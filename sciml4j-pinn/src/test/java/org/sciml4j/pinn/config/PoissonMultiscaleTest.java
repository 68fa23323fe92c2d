package org.sciml4j.pinn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.nn.FiniteBasis;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.Piecewise;
import org.sciml4j.pinn.Errors;
import org.sciml4j.pinn.Solution;
import org.sciml4j.train.Phase;

/**
 * The multiscale Poisson examples (issue 17) and the XPINN example: they read and build the networks they name, and
 * the finite-basis example, scaled to a milder problem, trains to 1e-2. The full runs and their figures are in
 * docs/DOMAIN-DECOMPOSITION.md.
 */
class PoissonMultiscaleTest {

    static Path examples() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("examples/poisson"))) {
            root = root.getParent();
        }
        assertThat(root).as("repository root with examples/poisson").isNotNull();
        return root.resolve("examples");
    }

    @Test
    void theExamplesReadAndBuildTheirNetworks() throws IOException {
        Path dir = examples();
        ProblemFile plain = ProblemFile.read(dir.resolve("poisson/poisson-multiscale.yaml"));
        ProblemFile fourier = ProblemFile.read(dir.resolve("poisson/poisson-multiscale-fourier.yaml"));
        ProblemFile fbpinn = ProblemFile.read(dir.resolve("poisson/poisson-multiscale-fbpinn.yaml"));
        ProblemFile xpinn = ProblemFile.read(dir.resolve("xpinn/poisson-two-materials.yaml"));
        assertThat(plain.newNetwork(0)).isInstanceOf(Mlp.class);
        assertThat(((Mlp) fourier.newNetwork(0)).taylorJet()).isPresent(); // the fused path, embedding included
        FiniteBasis fb = (FiniteBasis) fbpinn.newNetwork(0);
        assertThat(fb.networks()).hasSize(16);
        assertThat(fb.parameters().countTrainable()).isEqualTo(784);
        assertThat(xpinn.newNetwork(0)).isInstanceOf(Piecewise.class);
        for (ProblemFile f : List.of(plain, fourier, fbpinn)) {
            assertThat(f.evaluation().points().size(0)).isEqualTo(2001);
        }
    }

    /**
     * The finite-basis example scaled to seconds: a milder multiscale solution (sin(2 pi x) + 0.1 sin(10 pi x)), 4
     * windows of 1-8-1 networks (100 parameters) on 100 points, Adam 100 epochs then SSBroyden 200 iterations
     * (300 iterations gave 2.1e-4).
     */
    @Test
    void aShortFiniteBasisRunSolvesAMilderMultiscalePoisson() throws IOException {
        String text = Files.readString(examples().resolve("poisson/poisson-multiscale-fbpinn.yaml"))
                .replace("250*pi^2*sin(50*pi*x)", "10*pi^2*sin(10*pi*x)")
                .replace("0.1*sin(50*pi*x)", "0.1*sin(10*pi*x)")
                .replace("points: 800", "points: 100").replace("windows: [16]", "windows: [4]")
                .replace("layers: [16]", "layers: [8]").replace("equation: 1.0e-4", "equation: 1.0e-2");
        ProblemFile f = ProblemFile.parse(text, examples().resolve("poisson/scaled.yaml"));
        assertThat(f.newNetwork(0).parameters().countTrainable()).isEqualTo(4 * (8 + 8 + 8 + 1));
        Solution s = f.trainer().adam(1e-2, 100).schedule(List.of(Phase.ssbroyden(200))).build()
                .train(f.problem(), f.newNetwork(0));
        Errors e = s.errors(f.evaluation().points(), f.evaluation().truth());
        assertThat(e.relative()).isLessThan(1e-2);
    }
}
