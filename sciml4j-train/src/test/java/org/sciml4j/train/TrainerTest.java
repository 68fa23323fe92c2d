package org.sciml4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Npz;
import org.sciml4j.nn.Mlp;
import org.sciml4j.optim.Adam;
import org.sciml4j.optim.LeastSquares;
import org.sciml4j.optim.Optimizer;
import org.sciml4j.optim.ParameterVector;
import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/** The general trainer on a supervised fit, an autoencoder and toy objectives: schedules, stops, resume. */
class TrainerTest {

    @Test
    void theSupervisedFitIsTheTutorialsAdamLoopBitForBit() throws IOException {
        ArrayDataset data = Toys.tutorialData();
        Mlp byHand = Toys.net(0, 1, 20, 20, 1);
        List<Tensor> params = byHand.parameters().trainable();
        Optimizer adam = Adam.of(1e-3);
        double[] losses = new double[300];
        for (int epoch = 0; epoch < 300; epoch++) {
            Tensor l = byHand.forward(data.inputs()).sub(data.targets()).square().mean();
            losses[epoch] = l.item();
            adam.step(params, Autodiff.grad(l, params, null, false));
        }
        Mlp trained = Toys.net(0, 1, 20, 20, 1);
        Trainer.Result r = Trainer.builder().adam(1e-3, 300).build().train(new Regression(trained, data, 0, 0));
        assertThat(r.history().column("data")).containsExactly(losses);
        assertThat(ParameterVector.get(trained.parameters().trainable())).containsExactly(ParameterVector.get(params));
        assertThat(r.history().columns()).containsExactly("epoch", "total", "data");
        assertThat(r.stopReason()).isEqualTo("completed");
        assertThat(r.epochs()).isEqualTo(300);
    }

    @Test
    void theSupervisedFitWithAdamThenLbfgsReachesTheTutorialsAccuracy() throws IOException {
        Mlp net = Toys.net(0, 1, 20, 20, 1);
        Trainer.Result r = Trainer.builder().adam(1e-3, 2000).lbfgs(500).build()
                .train(new Regression(net, Toys.tutorialData(), 0, 0));
        double[] total = r.history().column("total");
        // the tutorial's Adam alone reaches 1e-6 after 10000 epochs
        assertThat(total[total.length - 1]).isLessThan(1e-8);
        assertThat(r.history().size()).isEqualTo(r.epochs());
        assertThat(r.stopReason()).startsWith("L-BFGS: ");
        assertThat(r.phaseSeconds()).hasSize(2);
    }

    @Test
    void aDatasetComesFromAnNpzFileAndIsCutIntoSeededMiniBatches(@TempDir Path tmp) throws IOException {
        ArrayDataset data = Toys.tutorialData();
        Path file = tmp.resolve("data.npz");
        Npz.write(file, java.util.Map.of("t", data.inputs(), "u", data.targets()), false);
        ArrayDataset read = ArrayDataset.fromNpz(file, "t", "u");
        assertThat(read.targets().data()).containsExactly(data.targets().data());
        assertThatThrownBy(() -> ArrayDataset.fromNpz(file, "t", "x")).hasMessageContaining("no array 'x'");
        MiniBatches b = new MiniBatches(10, 4, 5);
        assertThat(b.batchesPerPass()).isEqualTo(3);
        List<Integer> pass = new ArrayList<>();
        for (int e = 1; e <= 3; e++) {
            for (int i : b.rows(e)) {
                pass.add(i);
            }
        }
        assertThat(pass).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9).isNotEqualTo(
                List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertThat(b.rows(3)).hasSize(2);
        assertThat(new MiniBatches(10, 4, 5).rows(5)).containsExactly(b.rows(5));
        assertThat(b.rows(4)).isNotEqualTo(new MiniBatches(10, 4, 5).rows(1));
    }

    @Test
    void anAutoencoderTrainsInMiniBatches() {
        Toys.Autoencoder ae = new Toys.Autoencoder();
        Trainer.Result r = Trainer.builder().adam(1e-2, 400).build().train(ae);
        double[] loss = r.history().column("reconstruction");
        ae.fullBatch();
        double whole = ae.loss().get(0).item();
        assertThat(whole).isLessThan(loss[0] / 10);
    }

    /** Adam then Levenberg-Marquardt drives the autoencoder's loss orders of magnitude below where Adam left it. */
    @Test
    void levenbergMarquardtAfterAdamTrainsTheAutoencoderFarDown() {
        Toys.Autoencoder ae = new Toys.Autoencoder();
        Trainer.Result r = Trainer.builder().adam(1e-2, 100).levenbergMarquardt(60).build().train(ae);
        double[] total = r.history().column("total");
        assertThat(total).hasSize(160);
        for (int i = 100; i < total.length; i++) {
            assertThat(total[i]).as("iteration %d", i - 99).isLessThan(total[i - 1]); // every taken step lowers it
        }
        assertThat(total[159]).isLessThan(total[99] / 100);
        LeastSquares.Residuals at = ae.residuals(false);
        assertThat(at.sumOfSquares()).isCloseTo(ae.loss().get(0).item(), within(1e-14 * total[159]));
        assertThat(r.stopReason()).startsWith("levenberg-marquardt: ");
    }

    @Test
    void levenbergMarquardtAndTheSwitchFromAdamResumeBitForBit(@TempDir Path dir) throws IOException {
        for (int stopAt : new int[] {20, 33}) {
            Toys.assertResumeIsExact(Toys.Autoencoder::new, b -> b.adam(1e-2, 20).levenbergMarquardt(25), stopAt,
                    dir.resolve("at" + stopAt));
        }
    }

    @Test
    void levenbergMarquardtNeedsResiduals() {
        assertThatThrownBy(() -> Trainer.builder().levenbergMarquardt(5).build().train(new Toy(1, 99)))
                .hasMessageContaining("phase lm needs the residuals and their Jacobian");
    }

    @Test
    void adamResumesBitForBitForTheSupervisedFit(@TempDir Path dir) throws IOException {
        ArrayDataset data = Toys.tutorialData();
        Toys.assertResumeIsExact(() -> new Regression(Toys.net(0, 1, 20, 20, 1), data, 4, 9),
                b -> b.adam(1e-3, 120), 47, dir);
    }

    @Test
    void adamResumesBitForBitForTheAutoencoder(@TempDir Path dir) throws IOException {
        Toys.assertResumeIsExact(Toys.Autoencoder::new, b -> b.adam(1e-2, 90), 33, dir);
    }

    @Test
    void lbfgsAndTheSwitchFromAdamResumeBitForBit(@TempDir Path dir) throws IOException {
        ArrayDataset data = Toys.tutorialData();
        // stopped in Adam, at its last epoch (the switch), inside L-BFGS
        for (int stopAt : new int[] {23, 40, 71}) {
            Trainer.Result r = Toys.assertResumeIsExact(() -> new Regression(Toys.net(0, 1, 20, 20, 1), data, 0, 0),
                    b -> b.adam(1e-3, 40).lbfgs(60), stopAt, dir.resolve("at" + stopAt));
            assertThat(r.stopReason()).startsWith("L-BFGS: reached the limit of 60 iterations");
        }
    }

    @Test
    void lbfgsInRoundsResumesBitForBitForTheAutoencoder(@TempDir Path dir) throws IOException {
        // stopped in the second of three rounds, and at the end of the first
        for (int stopAt : new int[] {62, 50}) {
            Trainer.Result r = Toys.assertResumeIsExact(Toys.Autoencoder::new,
                    b -> b.adam(1e-2, 30).phase(Phase.lbfgs(50, 20)), stopAt, dir.resolve("at" + stopAt));
            assertThat(r.stopReason()).endsWith("the last of 3 rounds, points placed again between them");
        }
    }

    @Test
    void aRunKilledAfterAPeriodicCheckpointResumesFromIt(@TempDir Path dir) throws IOException {
        ArrayDataset data = Toys.tutorialData();
        Regression whole = new Regression(Toys.net(0, 1, 20, 20, 1), data, 3, 1);
        Trainer.Result uninterrupted = Trainer.builder().adam(1e-3, 100).build().train(whole);
        // an exception out of a listener at epoch 57 stands for a killed process: the checkpoint of epoch 50 remains
        Trainer killed = Trainer.builder().adam(1e-3, 100).checkpoint(dir, 25).listener(p -> {
            if (p.epoch() == 57) {
                throw new IllegalStateException("killed");
            }
            return true;
        }).build();
        assertThatThrownBy(() -> killed.train(new Regression(Toys.net(0, 1, 20, 20, 1), data, 3, 1)))
                .hasMessage("killed");
        Regression resumed = new Regression(Toys.net(0, 1, 20, 20, 1), data, 3, 1);
        Trainer.Result r = Trainer.builder().adam(1e-3, 100).build().resume(dir, resumed);
        assertThat(r.history().size()).isEqualTo(100);
        assertThat(r.history().values().data()).containsExactly(uninterrupted.history().values().data());
        assertThat(ParameterVector.get(resumed.parameters())).containsExactly(
                ParameterVector.get(whole.parameters()));
    }

    @Test
    void resumingNeedsACheckpointThatFits(@TempDir Path dir) throws IOException {
        ArrayDataset data = Toys.tutorialData();
        Trainer t = Trainer.builder().adam(1e-3, 5).lbfgs(3).build();
        assertThatThrownBy(() -> t.resume(dir, new Regression(Toys.net(0, 1, 20, 20, 1), data, 0, 0)))
                .hasMessageContaining("no checkpoint to resume from");
        Regression done = new Regression(Toys.net(0, 1, 20, 20, 1), data, 0, 0);
        Trainer.Result finished = Trainer.builder().adam(1e-3, 5).lbfgs(3).checkpoint(dir, 0).build().train(done);
        assertThat(Files.exists(dir.resolve(Trainer.CHECKPOINT_FILE))).isTrue();
        assertThat(Trainer.CHECKPOINT_FILE).isEqualTo("checkpoint.safetensors");
        // a finished run resumes to its end at once, with its ending
        Regression again = new Regression(Toys.net(0, 1, 20, 20, 1), data, 0, 0);
        Trainer.Result r = t.resume(dir, again);
        assertThat(r.stopReason()).isEqualTo(finished.stopReason()).startsWith("L-BFGS: reached the limit of 3");
        assertThat(r.epochs()).isEqualTo(8);
        assertThat(ParameterVector.get(again.parameters())).containsExactly(ParameterVector.get(done.parameters()));
        assertThatThrownBy(() -> t.resume(dir, new Regression(Toys.net(0, 1, 10, 20, 1), data, 0, 0)))
                .hasMessageContaining("cannot resume from").hasMessageContaining("parameter 0 has shape");
        assertThatThrownBy(() -> t.resume(dir, new Toys.Autoencoder()))
                .hasMessageContaining("loss history has the columns [epoch, total, data]");
        assertThatThrownBy(() -> Trainer.builder().adam(1e-3, 5).build().resume(dir, again))
                .hasMessageContaining("has 2 phases done but this trainer has 1 phases");
    }

    /** A toy objective: terms a = p^2 * scale (the scale set before each epoch) and b = log(p + shift). */
    private static final class Toy implements Objective {
        final Tensor p = Tensor.of(new double[] {1.0}, 1).requireGrad();
        final double shift;
        final int jumpAt;
        double scale = 1;

        Toy(double shift, int jumpAt) {
            this.shift = shift;
            this.jumpAt = jumpAt;
        }

        @Override
        public List<String> termNames() {
            return List.of("a", "b");
        }

        @Override
        public double[] weights() {
            return new double[] {1, 0};
        }

        @Override
        public List<Tensor> parameters() {
            return List.of(p);
        }

        @Override
        public List<Tensor> loss() {
            return List.of(p.square().sum().mul(scale), p.add(shift).log().sum());
        }

        @Override
        public void beforeEpoch(int epoch) {
            scale = epoch >= jumpAt ? 1e9 : 1;
        }
    }

    @Test
    void aLossThatGrowsByOrdersOfMagnitudeStopsAsDiverged() {
        List<String> told = new ArrayList<>();
        TrainingListener listener = TrainingListener.stoppable(null, () -> false, told::add);
        Trainer.Result r = Trainer.builder().adam(1e-3, 50).listener(listener).build().train(new Toy(1, 10));
        assertThat(r.stopReason()).startsWith("diverged: the loss grew to ").contains("at epoch 10");
        assertThat(r.epochs()).isEqualTo(10);
        assertThat(told).containsExactly(r.stopReason()); // the listeners hear why, once
        Trainer.Result tolerant = Trainer.builder().adam(1e-3, 50).divergenceFactor(1e12).listener(listener).build()
                .train(new Toy(1, 10));
        assertThat(tolerant.stopReason()).isEqualTo("completed");
        assertThat(told).hasSize(1); // a completed run stops nothing early
    }

    /** An energy-like objective: p^2 - 2, negative near its minimum, lifted by {@code lift} from epoch jumpAt. */
    private static final class NegativeToy implements Objective {
        private final Tensor p = Tensor.of(new double[] {0.5}).requireGrad();
        private final int jumpAt;
        private final double lift;
        private double offset;

        NegativeToy(int jumpAt, double lift) {
            this.jumpAt = jumpAt;
            this.lift = lift;
        }

        @Override
        public List<String> termNames() {
            return List.of("energy");
        }

        @Override
        public List<Tensor> parameters() {
            return List.of(p);
        }

        @Override
        public List<Tensor> loss() {
            return List.of(p.square().sum().add(offset - 2));
        }

        @Override
        public void beforeEpoch(int epoch) {
            offset = epoch >= jumpAt ? lift : 0;
        }
    }

    @Test
    void aNegativeLossThatGrowsFarAboveItsBestStopsAsDivergedAndOneThatStaysNearItDoesNot() {
        // best about -1.75; 1e9 above it is more than 1e6 |best| above
        Trainer.Result r = Trainer.builder().adam(1e-3, 50).build().train(new NegativeToy(10, 1e9));
        assertThat(r.stopReason()).startsWith("diverged: the loss grew to ").contains("at epoch 10")
                .contains("above its best -1.7");
        assertThat(r.epochs()).isEqualTo(10);
        // a rise of 1e5 is less than (1e6 - 1) |best|: training goes on
        Trainer.Result small = Trainer.builder().adam(1e-3, 50).build().train(new NegativeToy(10, 1e5));
        assertThat(small.stopReason()).isEqualTo("completed");
        assertThat(small.history().column("total")[0]).isLessThan(0);
    }

    @Test
    void aTermNotFiniteAtTheStartIsNamed() {
        assertThatThrownBy(() -> Trainer.builder().adam(1e-3, 5).build().train(new Toy(-2, 99)))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("training cannot start: loss term b = NaN at the initial parameters, before any step");
        assertThatThrownBy(() -> Trainer.builder().lbfgs(5).build().train(new Toy(-2, 99)))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("training cannot start: loss term b = NaN at the initial parameters, before any step");
    }

    @Test
    void aTimeBudgetStopsAfterTheEpochThatExceedsIt() {
        Trainer.Result r = Trainer.builder().adam(1e-3, 50).timeBudget(Duration.ofNanos(1)).build()
                .train(new Toy(1, 99));
        assertThat(r.stopReason()).isEqualTo("time budget");
        assertThat(r.epochs()).isEqualTo(1);
    }

    @Test
    void theScheduleIsChecked() {
        assertThatThrownBy(() -> Trainer.builder().adam(1e-3, 0).build()).hasMessageContaining("nothing to train");
        assertThatThrownBy(() -> Trainer.builder().adam(-1, 3)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> Trainer.builder().checkpoint(Path.of("x"), -1))
                .hasMessageContaining("checkpoint interval must be >= 0");
        assertThatThrownBy(() -> new Phase.QuasiNewton("lbfgs", n -> null, 10, 0))
                .hasMessageContaining("round length must be >= 1");
    }

    /** Toy whose term a is weighted 1e9 from epoch {@code jumpAt} on (an objective that balances its terms). */
    private static final class Reweighted implements Objective {
        final Toy toy = new Toy(1, Integer.MAX_VALUE);
        final int jumpAt;
        double weight = 1;

        Reweighted(int jumpAt) {
            this.jumpAt = jumpAt;
        }

        @Override
        public List<String> termNames() {
            return toy.termNames();
        }

        @Override
        public double[] weights() {
            return new double[] {weight, 0};
        }

        @Override
        public List<Tensor> parameters() {
            return toy.parameters();
        }

        @Override
        public List<Tensor> loss() {
            return toy.loss();
        }

        @Override
        public void beforeEpoch(int epoch) {
            weight = epoch >= jumpAt ? 1e9 : 1;
        }
    }

    @Test
    void weightsChangedByTheObjectiveWeighTheTotalAndRestartTheDivergenceWatch() {
        Trainer.Result r = Trainer.builder().adam(1e-3, 20).build().train(new Reweighted(10));
        assertThat(r.stopReason()).isEqualTo("completed");
        double[] total = r.history().column("total");
        double[] a = r.history().column("a");
        assertThat(total[8]).isEqualTo(a[8]);
        assertThat(total[9]).isEqualTo(1e9 * a[9]);
    }
}
