package org.sciml4j.operators.config;

import org.sciml4j.operators.fit.OperatorLoss;

/**
 * The {@code training:} section. Epochs count passes over the training functions (neuraloperator's meaning);
 * the Trainer's epochs are optimiser steps, {@code epochs * ceil(train / batch)} of them.
 *
 * @param lr          Adam's learning rate
 * @param epochs      passes over the training functions
 * @param batch       functions per step (0: all)
 * @param step        halve (times {@code gamma}) the learning rate every {@code step} epochs; 0: constant
 * @param gamma       the factor of each step
 * @param weightDecay Adam's L2 weight decay (added to the gradient, as {@code torch.optim.Adam})
 * @param loss        the data loss (ignored by a physics-informed run)
 * @param logEvery    a loss line every this many epochs
 * @param testEvery   evaluate the test split every this many epochs into {@code test-curve.tsv} ({@link TestCurve});
 *                    0: only at the end
 * @param keepBest    every this many optimiser <b>steps</b> (DeepXDE's checkpoint period), keep the parameters if
 *                    their training loss is the lowest so far, and restore the best at the end; 0: the last step
 * @param lbfgs       full-batch L-BFGS iterations after Adam (DeepXDE's {@code model.compile("L-BFGS")}); 0: none
 */
record TrainingSpec(double lr, int epochs, int batch, int step, double gamma, double weightDecay, OperatorLoss loss,
                    int logEvery, int testEvery, int keepBest, int lbfgs) {

    /** This spec keeping the best of every {@code steps} steps. */
    TrainingSpec withKeepBest(int steps) {
        return new TrainingSpec(lr, epochs, batch, step, gamma, weightDecay, loss, logEvery, testEvery, steps, lbfgs);
    }

    /** This spec with {@code iterations} of L-BFGS after Adam. */
    TrainingSpec withLbfgs(int iterations) {
        return new TrainingSpec(lr, epochs, batch, step, gamma, weightDecay, loss, logEvery, testEvery, keepBest,
                iterations);
    }

    /** neuraloperator's FNO setup: lr 1e-3, 500 epochs, batch 20, halving every 100, weight decay 1e-4. */
    static TrainingSpec fnoDefaults() {
        return new TrainingSpec(1e-3, 500, 20, 100, 0.5, 1e-4, OperatorLoss.RELATIVE_L2, 10, 0, 0, 0);
    }

    /** DeepXDE's DeepONet setup: lr 1e-3, full batch, constant rate, mean square error. */
    static TrainingSpec deepOnetDefaults() {
        return new TrainingSpec(1e-3, 10000, 0, 0, 0.5, 0, OperatorLoss.MSE, 1000, 0, 0, 0);
    }
}
