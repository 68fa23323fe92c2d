package org.sciml4j.pinn.uncertainty;

import java.io.IOException;
import java.nio.file.Path;

import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.RunnableProblem;

/**
 * A PINN problem file with an {@code uncertainty:} section: the problem, network and schedule of {@link #file()},
 * run as a deep ensemble ({@link EnsembleRun}) or as a Bayesian PINN by HMC ({@link HmcRun}). {@code sciml4j run}
 * runs it as it runs the other families' problems (run folder, {@code --seed}, {@code --epochs}, Ctrl-C).
 */
public final class UncertainProblem implements RunnableProblem {
    private final ProblemFile file;
    private final UncertaintySpec spec;

    /** The file's PINN with the method its {@code uncertainty:} section names. */
    public UncertainProblem(ProblemFile file, UncertaintySpec spec) {
        this.file = file;
        this.spec = spec;
    }

    /** The PINN problem file (its problem, network, training and evaluation). */
    public ProblemFile file() {
        return file;
    }

    /** The method and its settings. */
    public UncertaintySpec spec() {
        return spec;
    }

    @Override
    public String kind() {
        return file.kind();
    }

    @Override
    public String name() {
        return file.name();
    }

    @Override
    public Path path() {
        return file.path();
    }

    @Override
    public String text() {
        return file.text();
    }

    @Override
    public int run(RunContext context) throws IOException {
        if (spec instanceof UncertaintySpec.Ensemble e) {
            return new EnsembleRun(file, e).run(context);
        }
        return new HmcRun(file, (UncertaintySpec.Bayesian) spec).run(context);
    }
}
