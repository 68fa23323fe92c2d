package org.sciml4j.discovery.dmd.config;

import java.util.Arrays;

import org.sciml4j.discovery.dmd.BopDmd;
import org.sciml4j.discovery.dmd.Dictionary;
import org.sciml4j.discovery.dmd.DmdResult;
import org.sciml4j.discovery.dmd.Dmdc;
import org.sciml4j.discovery.dmd.Edmd;
import org.sciml4j.discovery.dmd.ExactDmd;
import org.sciml4j.discovery.dmd.HankelDmd;
import org.sciml4j.discovery.dmd.Kernel;
import org.sciml4j.discovery.dmd.KernelDmd;
import org.sciml4j.discovery.dmd.OptimizedDmd;
import org.sciml4j.discovery.dmd.PolynomialDictionary;
import org.sciml4j.discovery.dmd.RankRule;
import org.sciml4j.discovery.dmd.RbfDictionary;
import org.sciml4j.discovery.dmd.Snapshots;

/**
 * Runs the method a problem file names on its snapshots, and reconstructs the first trajectory with the fitted model
 * (DMDc by simulating with the measured inputs; the others by their modal expansion from the first snapshot).
 *
 * @param result         the fitted modes and eigenvalues
 * @param reconstruction the first trajectory as the model gives it (features, its snapshots), column-major
 */
record DmdFit(DmdResult result, double[] reconstruction) {

    static DmdFit of(MethodSpec spec, Snapshots d, long seed, java.util.function.BooleanSupplier stop) {
        int m = d.features();
        double dt = d.uniformStep();
        if (Double.isNaN(dt)) { // uneven times (optimized, bop): discrete eigenvalues refer to the mean step
            dt = (d.times()[d.snapshots() - 1] - d.times()[0]) / (d.snapshots() - 1);
        }
        double[] x0 = Arrays.copyOf(d.x(), m);
        RankRule rule = spec.rank();
        int n1 = d.firstTrajectoryLength();
        if (spec.name().equals("dmdc")) {
            Dmdc.Model model = spec.inputB() != null
                    ? Dmdc.fitKnownB(d.pairFirsts(), d.pairSeconds(), d.pairInputs(), spec.inputB(), m, d.pairs(),
                            d.inputCount(), dt, rule)
                    : Dmdc.fitUnknownB(d.pairFirsts(), d.pairSeconds(), d.pairInputs(), m, d.pairs(),
                            d.inputCount(), dt, rule);
            return new DmdFit(model.modal(), model.simulate(x0, d.inputs(), n1 - 1));
        }
        DmdResult r = switch (spec.name()) {
            case "exact" -> ExactDmd.fit(d.pairFirsts(), d.pairSeconds(), m, d.pairs(), dt, rule, x0);
            case "hankel" -> HankelDmd.fit(d.x(), m, d.snapshots(), spec.delays(), dt, rule);
            case "optimized" -> OptimizedDmd.fit(d.x(), m, d.snapshots(), d.times(), dt, rule);
            case "bop" -> BopDmd.fit(d.x(), m, d.snapshots(), d.times(), dt, rule, spec.trials(), spec.fraction(),
                    seed, stop);
            case "edmd" -> Edmd.fit(d.pairFirsts(), d.pairSeconds(), m, d.pairs(), dt, dictionary(spec, d, seed),
                    spec.rcond());
            case "kernel" -> KernelDmd.fit(d.pairFirsts(), d.pairSeconds(), m, d.pairs(), dt, kernel(spec), rule);
            default -> throw new IllegalStateException("unknown method " + spec.name());
        };
        double[] t = new double[n1];
        for (int k = 0; k < n1; k++) {
            t[k] = d.times()[k] - d.times()[0];
        }
        return new DmdFit(r, r.reconstruct(t));
    }

    private static Dictionary dictionary(MethodSpec spec, Snapshots d, long seed) {
        if (spec.dictionary().equals("polynomial")) {
            return new PolynomialDictionary(d.features(), spec.degree());
        }
        return new RbfDictionary(d.pairFirsts(), d.features(), d.pairs(), spec.centres(),
                spec.rbf().equals("gaussian"), spec.width(), seed);
    }

    private static Kernel kernel(MethodSpec spec) {
        return spec.kernel().equals("gaussian") ? Kernel.gaussian(spec.width())
                : Kernel.polynomial(spec.degree(), spec.width());
    }
}
