package org.sciml4j.inference.sbi;

import org.sciml4j.inference.flow.Flow;
import org.sciml4j.inference.flow.Standardization;
import org.sciml4j.optim.Adam;
import org.sciml4j.optim.ForwardingOptimizer;
import org.sciml4j.tensor.Rng;
import org.sciml4j.train.Dataset;
import org.sciml4j.train.Trainer;
import org.sciml4j.train.TrainingListener;

/**
 * Amortised neural posterior estimation (NPE, as sbi's SNPE-C in its first round): fits a conditional flow
 * q(theta | x) to simulated pairs by maximum likelihood, through {@link Trainer} with an {@link NpeObjective}; a
 * random share of the pairs is held out and {@link EarlyStopping} ends training and keeps the best parameters.
 * theta and x are z-scored by the training pairs' means and sds. The result serves every observation.
 */
public final class Npe {
    private final NpeSettings settings;

    /** NPE with these settings. */
    public Npe(NpeSettings settings) {
        this.settings = settings;
    }

    /** What training gave. */
    public record Result(Flow flow, Trainer.Result training, int passes, int bestPass, double bestValidation,
                         double[] validationCurve) {
    }

    /**
     * Trains a fresh flow.
     *
     * @param data     simulated pairs theta (N, D), x (N, C), N >= 10
     * @param seed     seeds the split, the flow's initial weights and the mini-batches
     * @param listener also told every epoch (e.g. a progress bar), or null
     */
    public Result train(SimulationData data, long seed, TrainingListener listener) {
        int n = data.size();
        int nVal = (int) Math.max(1, Math.round(n * settings.validationFraction()));
        if (n - nVal < 2) {
            throw new IllegalArgumentException("NPE needs at least 10 simulations, got " + n);
        }
        Rng rng = new Rng(seed);
        int[] perm = rng.permutation(n);
        SimulationData train = subset(data, java.util.Arrays.copyOfRange(perm, 0, n - nVal));
        SimulationData val = subset(data, java.util.Arrays.copyOfRange(perm, n - nVal, n));
        Flow flow = settings.flow().build(data.theta().size(1), data.x().size(1), rng.split());
        flow.standardize(Standardization.fit(train.theta()), Standardization.fit(train.x()));
        NpeObjective objective = new NpeObjective(flow, train, settings.batchSize(), seed + 17);
        int perPass = objective.stepsPerPass();
        EarlyStopping stopping = new EarlyStopping(flow, val, perPass, settings.patience());
        double clip = settings.clipNorm();
        double lr = settings.learningRate();
        Trainer.Builder b = Trainer.builder()
                .firstOrder("adam", () -> ForwardingOptimizer.clipped(Adam.of(lr), clip), settings.maxPasses() * perPass)
                .divergenceFactor(Double.POSITIVE_INFINITY)
                .listener(stopping);
        if (listener != null) {
            b.listener(listener);
        }
        Trainer.Result r = b.build().train(objective);
        stopping.restoreBest();
        double[] curve = stopping.curve();
        return new Result(flow, r, curve.length, stopping.bestPass(), stopping.best(), curve);
    }

    static SimulationData subset(SimulationData d, int[] rows) {
        return new SimulationData(Dataset.gather(d.theta(), rows), Dataset.gather(d.x(), rows));
    }
}
