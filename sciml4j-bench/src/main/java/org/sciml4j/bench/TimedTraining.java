package org.sciml4j.bench;

import java.util.function.IntFunction;

import org.sciml4j.train.Objective;
import org.sciml4j.train.Trainer;

/**
 * The timing protocol of the bench's Step programs: {@code warmup} untimed steps, then {@code steps} timed ones, with
 * the wall and the process's CPU time (all threads) per epoch of {@code perEpoch} steps.
 *
 * @param msPerEpoch    wall milliseconds per timed epoch
 * @param cpuMsPerEpoch process CPU milliseconds per timed epoch
 * @param result        the timed run's result (its loss history)
 */
record TimedTraining(double msPerEpoch, double cpuMsPerEpoch, Trainer.Result result) {

    /**
     * @param trainer  a trainer of the given number of steps
     * @param warmup   untimed steps first (0: none)
     * @param epochs   timed epochs
     * @param perEpoch steps per epoch (1 where a step is an epoch)
     */
    static TimedTraining run(Objective o, IntFunction<Trainer> trainer, int warmup, int epochs, int perEpoch) {
        if (warmup > 0) {
            trainer.apply(warmup).train(o);
        }
        long cpu0 = PinnSuiteStep.processCpuNanos();
        long t0 = System.nanoTime();
        Trainer.Result r = trainer.apply(epochs * perEpoch).train(o);
        return new TimedTraining((System.nanoTime() - t0) / 1e6 / epochs,
                (PinnSuiteStep.processCpuNanos() - cpu0) / 1e6 / epochs, r);
    }

    /** The last entry of the timed run's total loss. */
    double lastLoss() {
        double[] total = result.history().column("total");
        return total[total.length - 1];
    }
}
