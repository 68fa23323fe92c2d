package org.sciml4j.pinn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.pinn.Errors;
import org.sciml4j.pinn.SlipSuperposition;
import org.sciml4j.pinn.Solution;
import org.sciml4j.solvers.antiplane.ScrewDislocation;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Phase;

/**
 * The depth surrogate (examples/antiplane/fault-depth-surrogate.yaml) trained briefly, and a two-segment slip
 * distribution by superposition of two of its evaluations against the closed form (docs/ANTIPLANE.md has the full
 * run's figures).
 */
class SlipSuperpositionTest {

    @Test
    void twoSurrogateEvaluationsGiveATwoSegmentFaultsDisplacement() throws IOException {
        Path file = PoissonMultiscaleTest.examples().resolve("antiplane/fault-depth-surrogate.yaml");
        String text = Files.readString(file).replace("points: 2000", "points: 800").replace("points: 300",
                "points: 120").replace("points: 200", "points: 80").replace("layers: [24, 24, 24]", "layers: [16, 16]");
        ProblemFile f = ProblemFile.parse(text, file.resolveSibling("scaled.yaml"));
        Solution s = f.trainer().adam(1e-3, 200).schedule(List.of(Phase.ssbroyden(300))).build()
                .train(f.problem(), f.newNetwork(0));
        Errors own = s.errors(f.evaluation().points(), f.evaluation().truth());

        // slip 1.0 from the surface to depth 0.7, 0.4 from 0.7 to 1.3
        double[] depths = {0.7, 1.3};
        double[] slips = {1.0, 0.4};
        ScrewDislocation upper = new ScrewDislocation(0, 0, -0.7, 1.0);
        ScrewDislocation lower = new ScrewDislocation(0, -0.7, -1.3, 0.4);
        int n = 41 * 21;
        double[] pts = new double[2 * n];
        double[] exact = new double[n];
        for (int i = 0; i < n; i++) {
            pts[2 * i] = -2 + 0.1 * (i % 41);
            pts[2 * i + 1] = -0.1 * (i / 41);
            exact[i] = upper.displacement(pts[2 * i], pts[2 * i + 1]) + lower.displacement(pts[2 * i], pts[2 * i + 1]);
        }
        Tensor w = new SlipSuperposition(s::predict).displacement(Tensor.wrap(pts, n, 2), depths, slips);
        Errors e = Errors.of(w, Tensor.wrap(exact, n, 1));
        System.out.printf("depth surrogate, short run: relative L2 %.3e; two-segment superposition %.3e%n",
                own.relative(), e.relative());
        assertThat(e.relative()).isLessThan(5e-3); // measured 4.7e-4 (the surrogate itself 9.2e-4)
        assertThatThrownBy(() -> new SlipSuperposition(s::predict).displacement(Tensor.wrap(pts, n, 2),
                new double[] {1.3, 0.7}, slips)).hasMessageContaining("increase");
    }
}
