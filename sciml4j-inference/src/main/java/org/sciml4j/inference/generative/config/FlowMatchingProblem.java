package org.sciml4j.inference.generative.config;

import java.io.IOException;
import java.util.List;
import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.DocumentProblem;
import org.sciml4j.train.config.YamlDocument;

/** A read {@code flow_matching} problem file; {@link #run} trains, samples, scores and writes the results. */
public final class FlowMatchingProblem extends DocumentProblem {
    private final long seed;
    private final DataSection.Data data;
    private final NetworkSpec network;
    private final Settings.Training training;
    private final Settings.Sampling sampling;
    private final List<Settings.ConstraintSpec> constraints;

    FlowMatchingProblem(YamlDocument doc, String name, long seed, DataSection.Data data, NetworkSpec network,
                        Settings.Training training, Settings.Sampling sampling,
                        List<Settings.ConstraintSpec> constraints) {
        super(doc, FlowMatchingKind.NAME, name);
        this.seed = seed;
        this.data = data;
        this.network = network;
        this.training = training;
        this.sampling = sampling;
        this.constraints = List.copyOf(constraints);
    }

    /** The sampling method: {@code plain}, {@code pcfm} or {@code regularised}. */
    public String method() {
        return sampling.method();
    }

    long seed() {
        return seed;
    }

    DataSection.Data data() {
        return data;
    }

    NetworkSpec network() {
        return network;
    }

    Settings.Training training() {
        return training;
    }

    Settings.Sampling sampling() {
        return sampling;
    }

    List<Settings.ConstraintSpec> constraints() {
        return constraints;
    }

    @Override
    public int run(RunContext context) throws IOException {
        return new FlowMatchingRun(this, context).run();
    }
}
