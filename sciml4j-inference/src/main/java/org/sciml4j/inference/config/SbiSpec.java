package org.sciml4j.inference.config;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.sciml4j.inference.mcmc.LogDensity;
import org.sciml4j.inference.mcmc.McmcSettings;
import org.sciml4j.inference.sbi.NpeSettings;
import org.sciml4j.inference.sbi.Prior;
import org.sciml4j.inference.sbi.Simulator;

/**
 * A read and checked {@code kind: sbi} file.
 *
 * @param taskName        the builtin sbibm task, or null for a file's own prior and simulator
 * @param prior           p(theta)
 * @param simulator       p(x | theta)
 * @param simulationBatch simulations per simulator call
 * @param simulations     how many pairs to simulate
 * @param simulationFile  where the pairs are stored and reused from (null: the run folder)
 * @param npe             the method's settings
 * @param seed            the file's seed
 * @param observations    the observations, each length C
 * @param labels          a label per observation (its number for builtin ones)
 * @param truths          true parameters per observation (null entries when unknown)
 * @param references      reference sample files per observation (null entries: none)
 * @param samples         posterior samples per observation
 * @param c2stEpochs      C2ST's cap on classifier epochs per fold
 * @param sbc             SBC settings, or null for none
 * @param names           parameter names, length D
 * @param method          {@code npe}, {@code nle} or {@code tsnpe}
 * @param mcmc            how NLE's posterior is sampled (also the shape of a reference MCMC run)
 * @param exactLikelihood the task's exact likelihood as a function of the observation, or null
 * @param mcmcReference   whether reference samples are made by MCMC on the exact likelihood (no reference files)
 * @param rounds          TSNPE's rounds (1 for the other methods)
 * @param truncation      TSNPE's epsilon: the posterior mass left outside the truncation region
 */
public record SbiSpec(String taskName, Prior prior, Simulator simulator, int simulationBatch, int simulations,
                      Path simulationFile, NpeSettings npe, long seed, List<double[]> observations,
                      List<String> labels, List<double[]> truths, List<Path> references, int samples,
                      int c2stEpochs, SbcSettings sbc, List<String> names, String method, McmcSettings mcmc,
                      Function<double[], LogDensity> exactLikelihood, boolean mcmcReference, int rounds,
                      double truncation) {

    /**
     * Simulation-based calibration after training.
     *
     * @param pairs   L prior draws
     * @param samples M posterior samples each
     * @param bins    chi-square bins
     */
    public record SbcSettings(int pairs, int samples, int bins) {
    }
}
