package org.sciml4j.domain.sampling;

/** A discrepancy-like measure for tests. */
final class Discrepancy {

    private Discrepancy() {
    }

    /**
     * The largest |fraction of points in [0, a) x [0, b) - a b| over the anchors a, b in {1/g, 2/g, ..., 1}, for
     * row-major points in [0, 1]^2.
     */
    static double anchored2d(double[] p, int g) {
        int n = p.length / 2;
        double worst = 0;
        for (int ia = 1; ia <= g; ia++) {
            double a = (double) ia / g;
            for (int ib = 1; ib <= g; ib++) {
                double b = (double) ib / g;
                int inside = 0;
                for (int i = 0; i < n; i++) {
                    if (p[2 * i] < a && p[2 * i + 1] < b) {
                        inside++;
                    }
                }
                worst = Math.max(worst, Math.abs((double) inside / n - a * b));
            }
        }
        return worst;
    }
}
