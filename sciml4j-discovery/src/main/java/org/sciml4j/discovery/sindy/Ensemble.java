package org.sciml4j.discovery.sindy;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Ensemble SINDy (Fasel et al., Proc. R. Soc. A 2022): the base optimiser is fitted on {@code models} bootstrap
 * samples of the rows (bagging) and/or with {@code dropFeatures} randomly chosen library columns left out (library
 * ensembling). Each coefficient's inclusion probability is the fraction of models where it is non-zero; the result is
 * the median over the models ("bragging") of coefficients whose inclusion probability reaches
 * {@code inclusionThreshold}, zero elsewhere. Deterministic under the seed.
 */
public final class Ensemble implements SparseRegressor {
    private final SparseRegressor base;
    private final int models;
    private final boolean bagging;
    private final int dropFeatures;
    private final double inclusionThreshold;
    private final long seed;
    private double[] lastInclusion;

    /**
     * @param base               the optimiser fitted on every sub-problem
     * @param models             the number of models, at least 1
     * @param bagging            whether rows are resampled with replacement
     * @param dropFeatures       how many library columns each model leaves out (0 for none)
     * @param inclusionThreshold the inclusion probability a term needs to be kept, in [0, 1]
     * @param seed               the random seed
     */
    public Ensemble(SparseRegressor base, int models, boolean bagging, int dropFeatures, double inclusionThreshold,
            long seed) {
        if (models < 1 || dropFeatures < 0 || !(inclusionThreshold >= 0 && inclusionThreshold <= 1)) {
            throw new IllegalArgumentException("an ensemble needs models >= 1, drop_features >= 0 and an inclusion"
                    + " threshold in [0, 1]; got " + models + ", " + dropFeatures + ", " + inclusionThreshold);
        }
        this.base = base;
        this.models = models;
        this.bagging = bagging;
        this.dropFeatures = dropFeatures;
        this.inclusionThreshold = inclusionThreshold;
        this.seed = seed;
    }

    @Override
    public double[] fit(Design design) {
        int p = design.p();
        int m = design.m();
        if (dropFeatures >= p) {
            throw new IllegalArgumentException("the ensemble drops " + dropFeatures + " of only " + p + " features");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] all = new double[models][];
        for (int k = 0; k < models; k++) {
            Design d = design;
            if (bagging) {
                int[] rows = new int[design.n()];
                for (int r = 0; r < rows.length; r++) {
                    rows[r] = rng.nextInt(design.n());
                }
                d = d.rows(rows);
            }
            int[] kept = keptFeatures(p, rng);
            all[k] = expand(base.fit(columns(d, kept)), kept, p, m);
        }
        double[] inclusion = new double[p * m];
        double[] xi = new double[p * m];
        double[] values = new double[models];
        for (int a = 0; a < p * m; a++) {
            int nonzero = 0;
            for (int k = 0; k < models; k++) {
                values[k] = all[k][a];
                nonzero += values[k] != 0 ? 1 : 0;
            }
            inclusion[a] = (double) nonzero / models;
            xi[a] = inclusion[a] >= inclusionThreshold && nonzero > 0 ? median(values) : 0;
        }
        lastInclusion = inclusion;
        return xi;
    }

    /** The inclusion probabilities of the last fit, shape (p, m) row-major, or null before any fit. */
    public double[] inclusionProbabilities() {
        return lastInclusion == null ? null : lastInclusion.clone();
    }

    private int[] keptFeatures(int p, SplittableRandom rng) {
        int[] order = new int[p];
        for (int i = 0; i < p; i++) {
            order[i] = i;
        }
        for (int i = 0; i < dropFeatures; i++) {
            int j = i + rng.nextInt(p - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] kept = Arrays.copyOfRange(order, dropFeatures, p);
        Arrays.sort(kept);
        return kept;
    }

    private static Design columns(Design d, int[] kept) {
        if (kept.length == d.p()) {
            return d;
        }
        int k = kept.length;
        double[] t = new double[d.n() * k];
        for (int r = 0; r < d.n(); r++) {
            for (int c = 0; c < k; c++) {
                t[r * k + c] = d.theta()[r * d.p() + kept[c]];
            }
        }
        return new Design(t, d.n(), k, d.y(), d.m());
    }

    private static double[] expand(double[] sub, int[] kept, int p, int m) {
        double[] full = new double[p * m];
        for (int c = 0; c < kept.length; c++) {
            System.arraycopy(sub, c * m, full, kept[c] * m, m);
        }
        return full;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    @Override
    public String describe() {
        return "ensemble(" + base.describe() + ", " + models + " models" + (bagging ? ", bagging" : "")
                + (dropFeatures > 0 ? ", drop " + dropFeatures : "") + ")";
    }
}
