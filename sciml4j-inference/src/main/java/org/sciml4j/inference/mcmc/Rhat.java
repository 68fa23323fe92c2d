package org.sciml4j.inference.mcmc;

/** Gelman and Rubin's potential scale reduction factor (not split), per coordinate. */
final class Rhat {
    private Rhat() {
    }

    /**
     * @param kept states per chain, [chain][draw][coordinate], equal draws per chain
     * @return R-hat per coordinate; NaN with one chain or one draw
     */
    static double[] of(double[][][] kept) {
        int m = kept.length;
        int n = kept[0].length;
        int d = kept[0][0].length;
        double[] r = new double[d];
        for (int j = 0; j < d; j++) {
            if (m < 2 || n < 2) {
                r[j] = Double.NaN;
                continue;
            }
            double[] means = new double[m];
            double within = 0;
            double grand = 0;
            for (int c = 0; c < m; c++) {
                double s = 0;
                for (double[] x : kept[c]) {
                    s += x[j];
                }
                means[c] = s / n;
                grand += means[c] / m;
                double v = 0;
                for (double[] x : kept[c]) {
                    v += (x[j] - means[c]) * (x[j] - means[c]);
                }
                within += v / (n - 1) / m;
            }
            double between = 0;
            for (double mu : means) {
                between += (mu - grand) * (mu - grand) * n / (m - 1);
            }
            double pooled = (n - 1.0) / n * within + between / n;
            r[j] = within > 0 ? Math.sqrt(pooled / within) : 1;
        }
        return r;
    }
}
