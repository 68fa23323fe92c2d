package org.sciml4j.dynamics.ssgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.hamiltonian.TrajectoryObjective;
import org.sciml4j.dynamics.ode.Rk4;
import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.tensor.Tensor;

/**
 * The project's batch rule (org.sciml4j.train.MiniBatches): a batch of at least the data's size is the whole set
 * every step, exactly as batch 0, for the SSGP's segments (which otherwise draws with replacement) and the HNN's.
 */
class BatchOfAllTest {
    /** Two trajectories (2, 5, 2) at t = 0, 0.5, 1, 1.5, 2: with segment 1, eight segments. */
    private static TrajectoryData data() {
        double[] x = {0.3, -0.2, 0.5, 0.1, 0.9, 0.4, 1.0, 0.2, 0.7, -0.3,
            -0.4, 0.6, -0.1, 0.8, 0.2, 0.7, 0.5, 0.3, 0.6, -0.1};
        return new TrajectoryData(Tensor.of(new double[] {0, 0.5, 1, 1.5, 2}, 5), Tensor.of(x, 2, 5, 2), null);
    }

    private static List<Double> ssgpTerms(int batch, int epoch) {
        SymplecticFeatures f = new SymplecticFeatures(2, 6, 1.0, 2);
        VariationalWeights q = new VariationalWeights(12, 1.0);
        SsgpObjective o = new SsgpObjective(f, q, new Rk4(0.25), data(), 1, batch, 0.2, 4);
        o.beforeEpoch(epoch);
        return o.loss().stream().map(Tensor::item).toList();
    }

    @Test
    void anSsgpBatchOfAtLeastTheSegmentsIsAllOfThemAsBatchZero() {
        List<Double> all = ssgpTerms(0, 3);
        assertThat(ssgpTerms(8, 3)).isEqualTo(all);
        assertThat(ssgpTerms(1_000_000, 3)).isEqualTo(all);
        assertThat(ssgpTerms(7, 3)).isNotEqualTo(all); // a smaller batch still draws
    }

    @Test
    void anHnnBatchOfAtLeastTheSegmentsIsAllOfThemAsBatchZero() {
        Tensor m = Tensor.of(new double[] {0, -0.8, 0.8, 0}, 2, 2);
        VectorField rotation = (t, x) -> x.matmul(m);
        double all = hnnLoss(rotation, 0);
        assertThat(hnnLoss(rotation, 8)).isEqualTo(all);
        assertThat(hnnLoss(rotation, 1_000_000)).isEqualTo(all);
        assertThat(hnnLoss(rotation, 3)).isNotEqualTo(all);
    }

    private static double hnnLoss(VectorField f, int batch) {
        TrajectoryObjective o = new TrajectoryObjective(f, new Rk4(0.1), TrajectoryObjective.Gradient.DIRECT, data(), 1,
                batch, 7);
        o.beforeEpoch(2);
        return o.loss().get(0).item();
    }
}
