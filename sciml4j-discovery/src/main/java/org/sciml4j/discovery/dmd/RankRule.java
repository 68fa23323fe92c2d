package org.sciml4j.discovery.dmd;

import java.util.Arrays;

/**
 * How many singular triplets a truncated SVD keeps. Every rule also drops singular values at or below the numerical
 * floor {@code s_max * max(m, n) * eps} (the same cut as numpy's {@code matrix_rank}), so noise-free data of rank k
 * give rank k, and always keeps at least one.
 */
public interface RankRule {

    /** The rank to keep for singular values {@code s} (descending) of an (m, n) matrix. */
    int rank(double[] s, int m, int n);

    /** A short description for printing, e.g. {@code optimal hard threshold}. */
    String describe();

    /**
     * The optimal hard threshold of Gavish and Donoho (2014) for an unknown noise level: keep s_i > omega(beta)
     * median(s), beta = min(m, n) / max(m, n), omega(beta) = 0.56 beta^3 - 0.95 beta^2 + 1.82 beta + 1.43.
     */
    static RankRule optimal() {
        return new RankRule() {
            @Override
            public int rank(double[] s, int m, int n) {
                double beta = (double) Math.min(m, n) / Math.max(m, n);
                double omega = 0.56 * beta * beta * beta - 0.95 * beta * beta + 1.82 * beta + 1.43;
                return clamp(s, m, n, countAbove(s, omega * median(s)));
            }

            @Override
            public String describe() {
                return "optimal hard threshold";
            }
        };
    }

    /** A fixed rank r (fewer when the data have fewer non-zero singular values). */
    static RankRule fixed(int r) {
        return new RankRule() {
            @Override
            public int rank(double[] s, int m, int n) {
                return clamp(s, m, n, r);
            }

            @Override
            public String describe() {
                return "rank " + r;
            }
        };
    }

    /** The smallest rank whose singular values hold at least {@code fraction} of the energy sum s_i^2. */
    static RankRule energy(double fraction) {
        return new RankRule() {
            @Override
            public int rank(double[] s, int m, int n) {
                double total = 0;
                for (double v : s) {
                    total += v * v;
                }
                double acc = 0;
                int r = 0;
                while (r < s.length && acc < fraction * total) {
                    acc += s[r] * s[r];
                    r++;
                }
                return clamp(s, m, n, r);
            }

            @Override
            public String describe() {
                return "energy " + fraction;
            }
        };
    }

    /** Every singular value above the numerical floor. */
    static RankRule full() {
        return new RankRule() {
            @Override
            public int rank(double[] s, int m, int n) {
                return clamp(s, m, n, s.length);
            }

            @Override
            public String describe() {
                return "full rank";
            }
        };
    }

    private static double median(double[] s) {
        double[] c = s.clone();
        Arrays.sort(c);
        int k = c.length;
        return k % 2 == 1 ? c[k / 2] : 0.5 * (c[k / 2 - 1] + c[k / 2]);
    }

    private static int countAbove(double[] s, double tau) {
        int r = 0;
        while (r < s.length && s[r] > tau) {
            r++;
        }
        return r;
    }

    /** r limited to the singular values above the numerical floor, and at least 1. */
    private static int clamp(double[] s, int m, int n, int r) {
        if (s.length == 0) {
            return 0;
        }
        int numerical = countAbove(s, s[0] * Math.max(m, n) * Math.ulp(1.0));
        return Math.max(1, Math.min(r, numerical));
    }
}
