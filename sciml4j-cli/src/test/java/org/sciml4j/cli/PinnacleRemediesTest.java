package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.TextTable;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.tensor.Tensor;

/**
 * The files that meet PINNacle's figures (docs/PINN-REMEDIES.md, docs/PINNACLE.md), run end to end for a few epochs:
 * their output transforms make the conditions hold exactly whatever the network, which the rows of the evaluation
 * points on the walls and at t = 0 show; the errors are those of networks still far from trained.
 */
class PinnacleRemediesTest {

    @Test
    void wave1dCHardHoldsItsConditionsExactly(@TempDir Path out) throws Exception {
        double err = PoissonExamplesTest.relativeError(Repo.examples("pinnacle").resolve("wave1d-c-hard.yaml"), out,
                20, 0);
        assertThat(err).isFinite().isPositive().isLessThan(10);
        Tensor grid = TextTable.read(out.resolve("prediction.tsv")).values(); // x, t, u_pred, u_true
        assertThat(grid.size(0)).isEqualTo(101 * 101);
        int conditionRows = 0;
        for (int i = 0; i < grid.size(0); i++) {
            double x = grid.get(i, 0);
            double t = grid.get(i, 1);
            if (t == 0 || x == 0 || x == 1) {
                double u0 = t == 0 ? Math.sin(Math.PI * x) + Math.sin(4 * Math.PI * x) / 2 : 0;
                assertThat(grid.get(i, 2)).as("u at x = %s, t = %s", x, t).isCloseTo(u0, within(1e-12));
                conditionRows++;
            }
        }
        assertThat(conditionRows).isEqualTo(101 + 2 * 100);
    }

    @Test
    void heat2dVcFeaturesReadsItsExtraInputsAndRuns(@TempDir Path out) throws Exception {
        Path file = Repo.examples("pinnacle").resolve("heat2d-vc-features.yaml");
        ProblemFile pf = ProblemFile.read(file);
        assertThat(pf.inputs().count()).isEqualTo(4);
        assertThat(pf.problem().termNames()).containsExactly("equation");
        double err = PoissonExamplesTest.relativeError(file, out, 3, 0);
        assertThat(err).isFinite().isPositive().isLessThan(10);
        Tensor grid = TextTable.read(out.resolve("prediction.tsv")).values(); // x, y, t, u_pred, u_true
        assertThat(grid.size(0)).isEqualTo(26 * 26 * 11);
        int zeroRows = 0;
        for (int i = 0; i < grid.size(0); i++) {
            double x = grid.get(i, 0);
            double y = grid.get(i, 1);
            if (grid.get(i, 2) == 0 || x == 0 || x == 1 || y == 0 || y == 1) {
                assertThat(grid.get(i, 3)).isCloseTo(0, within(1e-12));
                zeroRows++;
            }
        }
        assertThat(zeroRows).isEqualTo(26 * 26 + 10 * (26 * 26 - 24 * 24));
    }
}
