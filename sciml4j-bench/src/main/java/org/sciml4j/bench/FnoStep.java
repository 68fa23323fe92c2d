package org.sciml4j.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.sciml4j.io.Npz;
import org.sciml4j.operators.fit.OperatorLoss;
import org.sciml4j.operators.fit.OperatorObjective;
import org.sciml4j.operators.fno.Fno;
import org.sciml4j.optim.Adam;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Trainer;

/**
 * One side of the FNO training bench (sciml4j-bench/run-fno.sh): FNO-1D as {@code examples/operators/fno-burgers.yaml}
 * trains it (neuraloperator's {@code fourier_1d.py}): width 64, 16 modes, 4 Fourier layers, grid s = 256, batches of
 * 20 functions, relative L2 loss, Adam at 1e-3 with weight decay 1e-4, float64. An epoch is a pass over the
 * {@code TRAIN} training functions ({@code TRAIN / 20} steps, 50 for the paper's 1000). The data are random
 * functions (seeded normal values; the time of a step does not depend on them) or the first {@code TRAIN} rows of an
 * {@code .npz} with {@code inputs} and {@code outputs} {@code (N, s)}. Runs {@code WARMUP} untimed steps, then times
 * {@code EPOCHS} epochs (wall and the process's CPU time, all threads) and prints
 * <pre>RESULT side=sciml4j problem=fno1d ms_per_epoch=.. cpu_ms_per_epoch=.. ms_per_step=.. warmup=.. epochs=..
 *        points=.. params=.. threads=.. loss=..</pre>
 * ({@code warmup} in steps, {@code points} the training functions, {@code loss} the mean batch loss of the last
 * epoch). Usage:
 * {@code FnoStep WARMUP_STEPS EPOCHS [TRAIN [NPZ]]}.
 */
public final class FnoStep {
    private static final int GRID = 256;
    private static final int BATCH = 20;

    private FnoStep() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 4) {
            System.err.println("usage: FnoStep WARMUP_STEPS EPOCHS [TRAIN [NPZ]]");
            System.exit(2);
        }
        int warmup = Integer.parseInt(args[0]);
        int epochs = Integer.parseInt(args[1]);
        int train = args.length >= 3 ? Integer.parseInt(args[2]) : 1000;
        if (warmup < 0 || epochs < 1 || train < BATCH) {
            System.err.println("need WARMUP_STEPS >= 0, EPOCHS >= 1, TRAIN >= " + BATCH);
            System.exit(2);
        }
        Tensor[] data = args.length == 4 ? fromFile(Path.of(args[3]), train) : random(train);
        Fno fno = new Fno(1, 16, 64, 4, 0, 1, new Rng(0));
        OperatorObjective o = new OperatorObjective(fno, data[0], data[1], OperatorLoss.RELATIVE_L2, BATCH, 0);
        int perPass = o.stepsPerPass();
        TimedTraining timed = TimedTraining.run(o, FnoStep::trainer, warmup, epochs, perPass);
        double ms = timed.msPerEpoch();
        double cpuMs = timed.cpuMsPerEpoch();
        long params = fno.parameters().trainable().stream().mapToLong(Tensor::numel).sum();
        double[] total = timed.result().history().column("total");
        double lastEpoch = 0;   // the mean batch loss of the last timed epoch (one batch's loss is noisy)
        for (int i = total.length - perPass; i < total.length; i++) {
            lastEpoch += total[i] / perPass;
        }
        System.out.println(String.format(Locale.ROOT, "RESULT side=sciml4j problem=fno1d ms_per_epoch=%.4f "
                + "cpu_ms_per_epoch=%.4f ms_per_step=%.4f warmup=%d epochs=%d points=%d params=%d threads=%d "
                + "loss=%.6e", ms, cpuMs, ms / perPass, warmup, epochs, train, params,
                Runtime.getRuntime().availableProcessors(), lastEpoch));
    }

    private static Trainer trainer(int steps) {
        return Trainer.builder().firstOrder("adam", () -> Adam.builder().learningRate(1e-3).weightDecay(1e-4)
                .build(), steps).build();
    }

    /** Seeded normal inputs and outputs {@code (train, 256)}. */
    private static Tensor[] random(int train) {
        Rng rng = new Rng(1);
        return new Tensor[] {Tensor.randn(rng, train, GRID), Tensor.randn(rng, train, GRID)};
    }

    private static Tensor[] fromFile(Path file, int train) throws IOException {
        Map<String, Tensor> a = Npz.read(file);
        Tensor in = a.get("inputs");
        Tensor out = a.get("outputs");
        if (in == null || out == null || in.rank() != 2 || !java.util.Arrays.equals(in.shape(), out.shape())
                || in.size(0) < train) {
            throw new IllegalArgumentException(file + ": need arrays 'inputs' and 'outputs' of one shape (N >= "
                    + train + ", s), got " + a.keySet());
        }
        return new Tensor[] {in.slice(0, 0, train), out.slice(0, 0, train)};
    }
}
