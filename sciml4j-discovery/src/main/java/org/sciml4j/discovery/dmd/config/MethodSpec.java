package org.sciml4j.discovery.dmd.config;

import org.sciml4j.discovery.dmd.RankRule;

/**
 * The {@code method:} section as read: which DMD and its knobs (each used only by its method).
 *
 * @param name       exact, dmdc, hankel, bop, optimized, edmd or kernel
 * @param rank       the rank truncation
 * @param delays     hankel: the number of stacked copies
 * @param trials     bop: the number of bags
 * @param fraction   bop: the fraction of snapshots in each bag
 * @param seed       bop and rbf: the seed of the draws
 * @param inputB     dmdc: the known input matrix (features, inputs), column-major, or null when unknown
 * @param dictionary edmd: polynomial or rbf
 * @param degree     edmd polynomial / kernel polynomial: the degree
 * @param centres    edmd rbf: the number of centres
 * @param rbf        edmd rbf: gaussian or thinplate
 * @param width      edmd rbf gaussian width / kernel gaussian sigma / kernel polynomial scale
 * @param kernel     kernel: polynomial or gaussian
 * @param rcond      edmd: the relative cut of the least squares
 */
record MethodSpec(String name, RankRule rank, int delays, int trials, double fraction, long seed, double[] inputB,
                  String dictionary, int degree, int centres, String rbf, double width, String kernel,
                  double rcond) {
}
