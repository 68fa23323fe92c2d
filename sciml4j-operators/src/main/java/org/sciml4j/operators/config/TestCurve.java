package org.sciml4j.operators.config;

import org.sciml4j.io.TextTable;
import org.sciml4j.operators.OperatorModel;
import org.sciml4j.operators.fit.Evaluation;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.LossHistory;
import org.sciml4j.train.Progress;
import org.sciml4j.train.TrainingListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code training: {test_every: E}}: the test error against epochs. Every E passes over the training functions it
 * evaluates the model on the test split ({@link Evaluation}, not recorded) and rewrites {@code test-curve.tsv}
 * (atomically, so a run stopped early keeps its curve) with one row per evaluation: {@code epoch} (passes),
 * {@code test_relative_l2} (mean over the test functions), {@code seconds} (training time so far, the evaluations
 * not counted), {@code train_loss} (the mean batch loss of the last pass). The same figures go to the log.
 * Evaluating does not change training: no parameter, batch or random draw depends on it.
 */
final class TestCurve implements TrainingListener {
    /** The name of the table in the run folder. */
    static final String FILE = "test-curve.tsv";

    private final OperatorModel model;
    private final Tensor inputs;
    private final Tensor outputs;
    private final int perPass;
    private final int everySteps;
    private final Path file;
    private final Consumer<String> log;
    private final List<double[]> rows = new ArrayList<>();
    private long start;
    private long evaluating;
    private double lossSum;
    private int lossCount;

    /**
     * @param inputs  test inputs {@code (N, ...)}
     * @param outputs test outputs {@code (N, ...)} as the model returns them
     * @param perPass optimiser steps per pass over the training functions
     * @param every   passes between evaluations (>= 1)
     * @param dir     the run folder
     * @param log     where the lines go (the run's {@code say})
     */
    TestCurve(OperatorModel model, Tensor inputs, Tensor outputs, int perPass, int every, Path dir,
              Consumer<String> log) {
        this.model = model;
        this.inputs = inputs;
        this.outputs = outputs;
        this.perPass = perPass;
        this.everySteps = every * perPass;
        this.file = dir.resolve(FILE);
        this.log = log;
    }

    @Override
    public void onStart(LossHistory history) {
        start = System.nanoTime();
    }

    @Override
    public boolean onEpoch(Progress p) {
        lossSum += p.total();
        lossCount++;
        if (lossCount > perPass) {       // keep the mean over the last pass only
            lossCount = 1;
            lossSum = p.total();
        }
        if (p.epoch() % everySteps != 0) {
            return true;
        }
        long t0 = System.nanoTime();
        double test = Evaluation.of(model, inputs, outputs, 50).meanRelative();
        double seconds = (t0 - start - evaluating) * 1e-9;
        double trainLoss = lossSum / lossCount;
        int pass = p.epoch() / perPass;
        rows.add(new double[] {pass, test, seconds, trainLoss});
        try {
            TextTable.write(file, List.of("epoch", "test_relative_l2", "seconds", "train_loss"),
                    Tensor.wrap(rows.stream().flatMapToDouble(java.util.Arrays::stream).toArray(), rows.size(), 4));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        log.accept(String.format(Locale.ROOT, "test  epoch %6d  test relative L2 %.6g  train loss %.6g  %.1f s",
                pass, test, trainLoss, seconds));
        evaluating += System.nanoTime() - t0;
        lossSum = 0;
        lossCount = 0;
        return true;
    }
}
