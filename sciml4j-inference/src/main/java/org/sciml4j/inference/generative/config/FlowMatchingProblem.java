package org.sciml4j.inference.generative.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.RunnableProblem;
import org.sciml4j.train.config.YamlDocument;

/** A read {@code flow_matching} problem file; {@link #run} trains, samples, scores and writes the results. */
public final class FlowMatchingProblem implements RunnableProblem {
    private final YamlDocument doc;
    private final String name;
    private final long seed;
    private final DataSection.Data data;
    private final NetworkSpec network;
    private final Settings.Training training;
    private final Settings.Sampling sampling;
    private final List<Settings.ConstraintSpec> constraints;

    FlowMatchingProblem(YamlDocument doc, String name, long seed, DataSection.Data data, NetworkSpec network,
                        Settings.Training training, Settings.Sampling sampling,
                        List<Settings.ConstraintSpec> constraints) {
        this.doc = doc;
        this.name = name;
        this.seed = seed;
        this.data = data;
        this.network = network;
        this.training = training;
        this.sampling = sampling;
        this.constraints = List.copyOf(constraints);
    }

    @Override
    public String kind() {
        return FlowMatchingKind.NAME;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Path path() {
        return doc.file();
    }

    @Override
    public String text() {
        return doc.text();
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
