package org.sciml4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.sciml4j.io.TextTable;
import org.sciml4j.nn.Mlp;
import org.sciml4j.optim.LeastSquares;
import org.sciml4j.optim.ParameterVector;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/** Objectives, data and the interrupted-and-resumed comparison the trainer tests share. */
final class Toys {
    private Toys() {
    }

    static Mlp net(long seed, int... sizes) {
        return Mlp.builder().sizes(sizes).activation("tanh").initializer("glorot_normal").seed(seed).build();
    }

    static Path sharedData() {
        String root = System.getProperty("sciml4j.repoRoot");
        Path dir = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("../shared/data"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("../shared/data not found beside the repository");
        }
        return dir.resolve("../shared/data").normalize();
    }

    /** The tutorial's 10 exact points of the damped oscillator, t (10, 1) to u (10, 1). */
    static ArrayDataset tutorialData() throws IOException {
        TextTable.Table data = TextTable.read(sharedData().resolve("damped-oscillation/data_exact.txt"));
        return new ArrayDataset(data.column(0).reshape(-1, 1), data.column(1).reshape(-1, 1));
    }

    /**
     * A small autoencoder, 4-3-2 then 2-3-4 (tanh), on 64 points of a curved two-dimensional surface in R^4, in
     * mini-batches of 16: an objective that is neither a PINN nor a regression against targets. As a least-squares
     * objective its residuals are the 4 reconstruction errors of every point, over sqrt(points * 4).
     */
    static final class Autoencoder implements LeastSquaresObjective {
        final Mlp encoder = net(1, 4, 3, 2);
        final Mlp decoder = net(2, 2, 3, 4);
        final Tensor points;
        final MiniBatches batches = new MiniBatches(64, 16, 7);
        Tensor batch;

        Autoencoder() {
            Rng rng = new Rng(3);
            double[] x = new double[64 * 4];
            for (int i = 0; i < 64; i++) {
                double a = rng.uniform(-1, 1);
                double b = rng.uniform(-1, 1);
                x[4 * i] = a;
                x[4 * i + 1] = b;
                x[4 * i + 2] = a * b;
                x[4 * i + 3] = 0.5 * (a - b);
            }
            points = Tensor.wrap(x, 64, 4);
            batch = points;
        }

        @Override
        public List<String> termNames() {
            return List.of("reconstruction");
        }

        @Override
        public List<Tensor> parameters() {
            List<Tensor> all = new java.util.ArrayList<>(encoder.parameters().trainable());
            all.addAll(decoder.parameters().trainable());
            return all;
        }

        @Override
        public List<Tensor> loss() {
            return List.of(decoder.forward(encoder.forward(batch)).sub(batch).square().mean());
        }

        /** One Jacobian pass per output coordinate: each has one residual per point. */
        @Override
        public LeastSquares.Residuals residuals(boolean withJacobian) {
            int n = batch.size(0);
            Tensor x = batch.requireGrad();
            Tensor error = decoder.forward(encoder.forward(x)).sub(batch).mul(1 / Math.sqrt(4.0 * n));
            Tensor jacobian = null;
            if (withJacobian) {
                Tensor[] blocks = new Tensor[4];
                for (int k = 0; k < 4; k++) {
                    blocks[k] = Autodiff.jacobianRows(error.col(k).reshape(n), x, parameters());
                }
                // rows point-major like the values: point i's 4 rows together
                jacobian = Tensor.stack(1, blocks).reshape(4 * n, -1);
            }
            return new LeastSquares.Residuals(error.detach().data().clone(),
                    jacobian != null ? jacobian.data().clone() : null);
        }

        @Override
        public void beforeEpoch(int epoch) {
            batch = Dataset.gather(points, batches.rows(epoch));
        }

        @Override
        public void fullBatch() {
            batch = points;
        }
    }

    /**
     * Trains {@code make.get()} through {@code schedule} without interruption, and again stopped by a listener
     * after epoch {@code stopAt} (which checkpoints into {@code dir}) and resumed from there on a fresh objective;
     * asserts both end with the same parameters and history, bit for bit.
     *
     * @return the uninterrupted run's result
     */
    static Trainer.Result assertResumeIsExact(Supplier<Objective> make, UnaryOperator<Trainer.Builder> schedule,
            int stopAt, Path dir) throws IOException {
        Objective whole = make.get();
        Trainer.Result uninterrupted = schedule.apply(Trainer.builder()).build().train(whole);
        Objective first = make.get();
        Trainer.Result stopped = schedule.apply(Trainer.builder()).listener(p -> p.epoch() < stopAt)
                .checkpoint(dir, 0).build().train(first);
        assertThat(stopped.stopReason()).isEqualTo("stopped by listener");
        assertThat(stopped.epochs()).isEqualTo(stopAt);
        Objective second = make.get();
        Trainer.Result resumed = schedule.apply(Trainer.builder()).build().resume(dir, second);
        assertThat(ParameterVector.get(second.parameters())).containsExactly(
                ParameterVector.get(whole.parameters()));
        assertThat(resumed.history().values().data()).containsExactly(uninterrupted.history().values().data());
        assertThat(resumed.epochs()).isEqualTo(uninterrupted.epochs());
        assertThat(resumed.stopReason()).isEqualTo(uninterrupted.stopReason());
        return uninterrupted;
    }
}
