package org.sciml4j.dynamics.ssgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.ode.Rk4;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Trainer;

/**
 * {@link SsgpObjective#fullBatch()}: the deterministic objective a full-batch minimiser (L-BFGS) trains, every segment
 * integrated with the posterior-mean weights, against a hand-assembled likelihood; and an L-BFGS phase on it.
 */
class MeanWeightsFitTest {
    /** Two trajectories (2, 4, 2) at t = 0, 0.5, 1, 1.5. */
    private static final double[] X = {0.3, -0.2, 0.5, 0.1, 0.9, 0.4, 1.0, 0.2,
        -0.6, 0.4, -0.7, 0.0, -0.5, -0.5, -0.1, -0.8};
    private static final double NOISE = 0.3;

    private static TrajectoryData data() {
        return new TrajectoryData(Tensor.of(new double[] {0, 0.5, 1, 1.5}, 4), Tensor.of(X.clone(), 2, 4, 2), null);
    }

    @Test
    void theFullBatchLossIsTheMeanFieldsFitOnEverySegmentWhateverTheEpoch() {
        SymplecticFeatures f = new SymplecticFeatures(2, 6, 1.2, 5);
        VariationalWeights q = new VariationalWeights(12, 1.0);
        double[] b = q.mean().data();
        for (int i = 0; i < b.length; i++) {
            b[i] = 0.3 * Math.sin(1.7 * i + 0.4);
        }
        // two intervals per segment, one segment drawn per step: the full batch takes all four, (1, 2) per trajectory
        SsgpObjective o = new SsgpObjective(f, q, new Rk4(0.1), data(), 2, 1, NOISE, 9).averagedSamples(3);
        o.fullBatch();
        int[] starts = {0, 1, 4, 5};
        double[] x0 = new double[8];
        double[] target = new double[16];
        for (int s = 0; s < 4; s++) {
            System.arraycopy(X, starts[s] * 2, x0, s * 2, 2);
            for (int k = 1; k <= 2; k++) {
                System.arraycopy(X, (starts[s] + k) * 2, target, ((k - 1) * 4 + s) * 2, 2);
            }
        }
        double[] path;
        try (var g = Autodiff.noGrad()) {
            path = new Rk4(0.1).solve(f.fieldWith(q.meanRows(4)), Tensor.of(x0, 4, 2), new double[] {0, 0.5, 1})
                    .slice(0, 1, 3).toArray();
        }
        double squares = 0;
        for (int i = 0; i < 16; i++) {
            squares += (path[i] - target[i]) * (path[i] - target[i]);
        }
        double expected = squares / 16 / (2 * NOISE * NOISE) + Math.log(NOISE) + 0.5 * Math.log(2 * Math.PI);
        assertThat(nll(o, 3)).isCloseTo(expected, within(1e-12));
        assertThat(nll(o, 8)).isEqualTo(nll(o, 3));
    }

    @Test
    void anLbfgsPhaseAfterAdamLowersTheDeterministicObjective() {
        SymplecticFeatures f = new SymplecticFeatures(2, 6, 1.2, 5);
        VariationalWeights q = new VariationalWeights(12, 1.0);
        SsgpObjective o = new SsgpObjective(f, q, new Rk4(0.25), data(), 2, 2, NOISE, 9);
        Trainer.builder().adam(1e-2, 20).build().train(o);
        o.fullBatch();
        double before = total(o);
        Trainer.Result r = Trainer.builder().lbfgs(40).build().train(o);
        assertThat(r.stopReason()).contains("L-BFGS");
        // the noise sd alone can bring the likelihood of a field that fits badly down by a lot: the fit must too
        assertThat(total(o)).isLessThan(before - 0.5);
        assertThat(o.noiseSd()).isLessThan(NOISE);
    }

    private static double total(SsgpObjective o) {
        List<Tensor> t = o.loss();
        return t.get(0).item() + t.get(1).item();
    }

    private static double nll(SsgpObjective o, int epoch) {
        o.beforeEpoch(epoch);
        return o.loss().get(0).item();
    }
}
