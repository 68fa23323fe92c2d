package org.sciml4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.sciml4j.inference.flow.FlowSpec;
import org.sciml4j.inference.sbi.Npe;
import org.sciml4j.inference.sbi.NpeSettings;
import org.sciml4j.inference.sbi.SimulationData;
import org.sciml4j.inference.sbi.Simulations;
import org.sciml4j.inference.tasks.BenchmarkTask;
import org.sciml4j.inference.tasks.SbibmTasks;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Progress;
import org.sciml4j.train.TrainingListener;

/**
 * One side of the NPE training bench (sciml4j-bench/run-npe.sh): sciml4j's {@link Npe} with its default flow (MAF, 5
 * transforms, 50 hidden units, 2 blocks, tanh, a random permutation after each step) and sbi's training settings
 * (10 % held out, batches of 50, Adam 5e-4, gradient norm clipped at 5, the validation loss after every pass), on
 * simulated pairs read from an {@code .npz} ({@code theta} (N, D), {@code x} (N, C)). One "epoch" is one pass over
 * the training pairs (N * 0.9 / 50 Adam steps) plus the validation loss. Runs {@code warmup} untimed passes, then
 * times {@code epochs} passes (wall and the process's CPU time, all threads) and prints
 * <pre>RESULT side=sciml4j problem=npe ms_per_epoch=.. cpu_ms_per_epoch=.. warmup=.. epochs=.. points=.. params=..
 *        threads=.. loss=..</pre>
 * Usage: {@code NpeStep WARMUP EPOCHS DATA.npz [BATCH]}, or {@code NpeStep --export DATA.npz [N]} to write N
 * (default 10^4) two_moons simulations (sbibm's simulator, seed 1) to DATA.npz and exit.
 */
public final class NpeStep {
    private NpeStep() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("--export")) {
            int n = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
            BenchmarkTask task = SbibmTasks.twoMoons();
            SimulationData data = new Simulations(task.prior(), task.simulator(), 500, 2).run(n, 1, k -> { }).data();
            data.write(Path.of(args[1]), 1, n);
            System.out.printf("wrote %d two_moons pairs to %s%n", data.size(), args[1]);
            return;
        }
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: NpeStep WARMUP EPOCHS DATA.npz [BATCH] | NpeStep --export DATA.npz [N]");
            System.exit(2);
        }
        int warmup = Integer.parseInt(args[0]);
        int epochs = Integer.parseInt(args[1]);
        Path file = Path.of(args[2]);
        int batch = args.length == 4 ? Integer.parseInt(args[3]) : 50;
        if (warmup < 1 || epochs < 1 || batch < 1 || !Files.isRegularFile(file)) {
            System.err.println("need WARMUP >= 1, EPOCHS >= 1, BATCH >= 1 and an existing DATA file, got " + file);
            System.exit(2);
        }
        Map<String, Tensor> m = Npz.read(file);
        SimulationData data = new SimulationData(m.get("theta"), m.get("x"));
        int passes = warmup + epochs;
        // patience above the pass count: early stopping evaluates and keeps the best weights but never stops
        NpeSettings s = new NpeSettings(FlowSpec.sbiDefault(), batch, 5e-4, 0.1, passes + 1, passes, 5);
        PassClock clock = new PassClock(data.size() - Math.max(1, Math.round(data.size() * 0.1)), batch, warmup);
        Npe.Result r = new Npe(s).train(data, 2, clock);
        double ms = (clock.endWall - clock.startWall) / 1e6 / epochs;
        double cpuMs = (clock.endCpu - clock.startCpu) / 1e6 / epochs;
        long params = r.flow().parameters().stream().mapToLong(Tensor::numel).sum();
        double[] curve = r.validationCurve();
        System.out.println(String.format(Locale.ROOT, "RESULT side=sciml4j problem=npe ms_per_epoch=%.4f "
                + "cpu_ms_per_epoch=%.4f warmup=%d epochs=%d points=%d params=%d threads=%d loss=%.6e", ms, cpuMs,
                warmup, epochs, clock.trainPairs, params, Runtime.getRuntime().availableProcessors(),
                curve[curve.length - 1]));
    }

    /** Notes wall and CPU time at the end of pass {@code warmup} and of the last pass (after the validation loss). */
    private static final class PassClock implements TrainingListener {
        final long trainPairs;
        final int stepsPerPass;
        final int warmup;
        long startWall;
        long startCpu;
        long endWall;
        long endCpu;

        PassClock(long trainPairs, int batch, int warmup) {
            this.trainPairs = trainPairs;
            this.stepsPerPass = (int) ((trainPairs + batch - 1) / batch);
            this.warmup = warmup;
        }

        @Override
        public boolean onEpoch(Progress p) {
            if (p.epoch() % stepsPerPass == 0) {
                long cpu = PinnSuiteStep.processCpuNanos();
                long wall = System.nanoTime();
                if (p.epoch() / stepsPerPass == warmup) {
                    startWall = wall;
                    startCpu = cpu;
                } else {
                    endWall = wall;
                    endCpu = cpu;
                }
            }
            return true;
        }
    }
}
