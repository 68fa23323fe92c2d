package org.sciml4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/** Keeping the best-scored parameters: which epoch is kept, and that exactly its values come back. */
class KeepBestTest {
    private static final List<String> TERMS = List.of("data");

    private static Progress logged(int epoch, double total) {
        return new Progress("adam", epoch, total, TERMS, new double[] {total}, List.of(), new double[0]);
    }

    /** The parameter's values after epoch {@code k}: distinct per epoch, with bits that are not round numbers. */
    private static double[] after(int k) {
        return new double[] {k / 3.0, -k * Math.PI, Math.exp(-k)};
    }

    @Test
    void theTrainingLossOfAFirstOrderStepIsReadFromTheNextEpochsLog() {
        // training losses L(theta_k) of the parameters after k steps; in a first-order phase the total logged at
        // epoch k is L(theta_{k-1}) (the loss the step's gradient was taken at)
        double[] loss = {9, 8, 7, 5, 6, 4, 1.5, 3, 0.2, 2.5, 0.5, 0.1, 0.01};
        Tensor theta = Tensor.of(after(0), 3).requireGrad();
        KeepBest keep = KeepBest.trainingLoss(List.of(theta), 3);
        keep.onStart(null);
        keep.onPhaseStart(Phase.adam(1e-3, 12), 0, 0);
        for (int k = 1; k <= 12; k++) {
            System.arraycopy(after(k), 0, theta.data(), 0, 3); // the step of epoch k
            keep.onEpoch(logged(k, loss[k - 1]));
        }
        // candidates after steps 3, 6, 9 (scored 5, 1.5, 2.5); after step 12 nothing is logged. Taking the logged
        // totals at epochs 3, 6, 9, 12 instead (7, 4, 0.2, 0.1) would keep epoch 12 with parameters it never scored.
        assertThat(keep.keptEpoch()).isEqualTo(6);
        assertThat(keep.keptScore()).isEqualTo(1.5);
        assertThat(theta.data()).containsExactly(after(12));
        keep.onEnd();
        assertThat(theta.data()).containsExactly(after(6));
        assertThat(keep.kept()[0]).containsExactly(after(6));
    }

    @Test
    void aScoreOfTheCurrentParametersIsTakenEveryPeriodAndNaNIsNeverKept() {
        Tensor theta = Tensor.of(after(0), 3).requireGrad();
        double[] score = {Double.NaN, 3, 2, 2, 5}; // at epochs 2, 4, 6, 8, 10: ties keep the first
        int[] calls = {0};
        KeepBest keep = new KeepBest(List.of(theta), 2, () -> score[calls[0]++]);
        for (int k = 1; k <= 11; k++) {
            System.arraycopy(after(k), 0, theta.data(), 0, 3);
            keep.onEpoch(logged(k, 0)); // the logged total plays no part
        }
        assertThat(calls[0]).isEqualTo(5);
        assertThat(keep.keptEpoch()).isEqualTo(6);
        keep.restoreBest();
        assertThat(theta.data()).containsExactly(after(6));

        KeepBest none = new KeepBest(List.of(theta), 2, () -> Double.NaN);
        none.onEpoch(logged(2, 0));
        none.onEnd(); // nothing kept: nothing changes
        assertThat(none.keptEpoch()).isEqualTo(-1);
        assertThat(none.kept()).isNull();
        assertThat(theta.data()).containsExactly(after(6));
        assertThatThrownBy(() -> KeepBest.trainingLoss(List.of(theta), 0)).hasMessageContaining(">= 1 epoch, got 0");
    }

    @Test
    void aQuasiNewtonPhaseScoresAtOnceAndAPhaseChangeDropsTheWaitingCandidate() {
        Tensor theta = Tensor.of(after(0), 3).requireGrad();
        KeepBest keep = KeepBest.trainingLoss(List.of(theta), 2);
        keep.onPhaseStart(Phase.adam(1e-3, 4), 0, 0);
        for (int k = 1; k <= 4; k++) {
            System.arraycopy(after(k), 0, theta.data(), 0, 3);
            keep.onEpoch(logged(k, 10 - k)); // candidate 2 scored 7 at epoch 3; candidate 4 waits
        }
        keep.onPhaseStart(Phase.lbfgs(4, 4), 4, 0);
        for (int k = 5; k <= 8; k++) {
            System.arraycopy(after(k), 0, theta.data(), 0, 3);
            // an L-BFGS iteration logs the loss of its new point: epoch 6 scores 1, epoch 8 scores 4
            keep.onEpoch(logged(k, k == 6 ? 1 : k == 5 ? 0.5 : 4));
        }
        // epoch 5's 0.5 belongs to theta_5 (an L-BFGS point, not a multiple of 2), not to the adam candidate 4
        assertThat(keep.keptEpoch()).isEqualTo(6);
        keep.onEnd();
        assertThat(theta.data()).containsExactly(after(6));
    }

    @Test
    void inTrainingTheKeptParametersAreBitForBitThoseAfterTheKeptStep() throws IOException {
        Mlp net = Toys.net(2, 1, 8, 1);
        Regression objective = new Regression(net, Toys.tutorialData(), 0, 1);
        List<double[][]> after = new ArrayList<>(); // the parameters after every step
        after.add(values(objective.parameters()));
        KeepBest keep = KeepBest.trainingLoss(objective.parameters(), 5);
        // a large rate: the loss goes up and down, so the last step is not the best
        TrainingListener recorder = p -> after.add(values(objective.parameters()));
        Trainer.Result r = Trainer.builder().adam(1.0, 60).listener(recorder).listener(keep).build().train(objective);
        double[] total = r.history().column("total"); // total[k] is the loss of the parameters after step k
        int best = -1;
        for (int m = 5; m < 60; m += 5) {
            best = best < 0 || total[m] < total[best] ? m : best;
        }
        // losses after steps 5, 10, ..., 55: 15.6 3.26 0.487 0.450 0.937 1.19 0.939 0.484 0.329 0.430 0.395
        assertThat(best).isEqualTo(45);
        assertThat(keep.keptEpoch()).isEqualTo(best);
        assertThat(keep.keptScore()).isEqualTo(total[best]);
        double[][] now = values(objective.parameters());
        for (int i = 0; i < now.length; i++) {
            assertThat(now[i]).containsExactly(after.get(best)[i]);
        }
        double again;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            again = objective.loss().get(0).item();
        }
        assertThat(again).isEqualTo(keep.keptScore()); // the same parameters, the same computation, the same bits
    }

    private static double[][] values(List<Tensor> params) {
        double[][] v = new double[params.size()][];
        for (int i = 0; i < v.length; i++) {
            v[i] = params.get(i).data().clone();
        }
        return v;
    }
}
