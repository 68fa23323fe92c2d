package org.sciml4j.inference.diagnostics;

import org.sciml4j.inference.flow.Standardization;
import org.sciml4j.optim.Adam;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Dataset;
import org.sciml4j.train.Progress;
import org.sciml4j.train.Trainer;
import org.sciml4j.train.TrainingListener;

/**
 * The classifier two-sample test as sbibm computes it: both sample sets are z-scored by the mean and sd of the first
 * (the reference), labelled 0 and 1, and a ReLU classifier with two hidden layers of {@code 10 * D} units (sklearn's
 * MLPClassifier: Adam at 1e-3, batches of 200, L2 1e-4) is trained on 4/5 and scored by accuracy on the held-out
 * fifth, for each of 5 stratified folds; the result is the mean accuracy. 0.5 means the classifier cannot tell the
 * sets apart, 1 that it always can. Training of a fold stops like sklearn's: when the epoch's mean loss has not
 * improved by more than 1e-4 on its best for 10 epochs, or after {@code maxEpochs} epochs.
 */
public final class C2st {
    private final int folds;
    private final int maxEpochs;
    private final long seed;

    /**
     * @param folds     number of cross-validation folds (sbibm: 5)
     * @param maxEpochs cap on passes per fold (sbibm: 10000, in practice sklearn stops far earlier)
     */
    public C2st(int folds, int maxEpochs, long seed) {
        if (folds < 2 || maxEpochs < 1) {
            throw new IllegalArgumentException("C2ST needs >= 2 folds and >= 1 epoch, got " + folds + " and "
                    + maxEpochs);
        }
        this.folds = folds;
        this.maxEpochs = maxEpochs;
        this.seed = seed;
    }

    /** sbibm's settings (5 folds) with at most 200 epochs per fold. */
    public static C2st sbibm(long seed) {
        return new C2st(5, 200, seed);
    }

    /**
     * @param reference samples (N, D), e.g. the reference posterior
     * @param other     samples (M, D), e.g. the estimated posterior
     * @return the mean held-out accuracy over the folds, in [0, 1]
     */
    public double score(Tensor reference, Tensor other) {
        int d = reference.size(1);
        if (other.size(1) != d) {
            throw new IllegalArgumentException("C2ST: the sample sets have " + d + " and " + other.size(1)
                    + " columns");
        }
        Standardization z = Standardization.fit(reference);
        Tensor all = Tensor.concat(0, z.apply(reference), z.apply(other)).detach();
        int n = reference.size(0);
        int m = other.size(0);
        double[] y = new double[n + m];
        for (int i = n; i < n + m; i++) {
            y[i] = 1;
        }
        Tensor labels = Tensor.of(y, n + m);
        int[] fold = stratifiedFolds(n, m);
        double sum = 0;
        for (int f = 0; f < folds; f++) {
            sum += foldAccuracy(all, labels, fold, f, 10 * d);
        }
        return sum / folds;
    }

    /** Fold of each row: each class shuffled on its own and dealt round-robin, so every fold keeps the ratio. */
    private int[] stratifiedFolds(int n, int m) {
        Rng rng = new Rng(seed);
        int[] fold = new int[n + m];
        int[] p0 = rng.permutation(n);
        for (int i = 0; i < n; i++) {
            fold[p0[i]] = i % folds;
        }
        int[] p1 = rng.permutation(m);
        for (int i = 0; i < m; i++) {
            fold[n + p1[i]] = i % folds;
        }
        return fold;
    }

    private double foldAccuracy(Tensor all, Tensor labels, int[] fold, int f, int hidden) {
        int testCount = 0;
        for (int v : fold) {
            testCount += v == f ? 1 : 0;
        }
        int[] train = new int[fold.length - testCount];
        int[] test = new int[testCount];
        int a = 0;
        int b = 0;
        for (int i = 0; i < fold.length; i++) {
            if (fold[i] == f) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        ClassifierObjective obj = new ClassifierObjective(Dataset.gather(all, train), Dataset.gather(labels, train),
                hidden, seed + 31L * (f + 1));
        int perPass = obj.stepsPerPass();
        Trainer.builder().firstOrder("adam", () -> Adam.of(1e-3), maxEpochs * perPass)
                .divergenceFactor(Double.POSITIVE_INFINITY).listener(new SklearnStop(perPass)).build().train(obj);
        int[] predicted = obj.predict(Dataset.gather(all, test));
        double[] truth = Dataset.gather(labels, test).data();
        int right = 0;
        for (int i = 0; i < test.length; i++) {
            right += predicted[i] == (int) truth[i] ? 1 : 0;
        }
        return (double) right / test.length;
    }

    /** sklearn's stop: the epoch's mean loss not better than best - 1e-4 for 10 epochs in a row. */
    private static final class SklearnStop implements TrainingListener {
        private final int perPass;
        private double sum;
        private double best = Double.POSITIVE_INFINITY;
        private int noImprovement;

        SklearnStop(int perPass) {
            this.perPass = perPass;
        }

        @Override
        public boolean onEpoch(Progress p) {
            sum += p.total();
            if (p.epoch() % perPass != 0) {
                return true;
            }
            double mean = sum / perPass;
            sum = 0;
            if (mean > best - 1e-4) {
                noImprovement++;
            } else {
                noImprovement = 0;
            }
            best = Math.min(best, mean);
            return noImprovement < 10;
        }
    }
}
