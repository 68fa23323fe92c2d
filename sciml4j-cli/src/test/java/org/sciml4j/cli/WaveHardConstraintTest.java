package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.TextTable;
import org.sciml4j.tensor.Tensor;

/**
 * examples/pinnacle/wave1d-c-hard.yaml (docs/PINN-REMEDIES.md): a short run end to end; its output transform makes
 * the walls and the initial value hold exactly whatever the network, which the evaluation grid's rows at x = 0, 1
 * and t = 0 show, and the error is that of a network still far from trained.
 */
class WaveHardConstraintTest {

    @Test
    void theConditionsHoldExactlyAfterAShortRun(@TempDir Path out) throws Exception {
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
}
