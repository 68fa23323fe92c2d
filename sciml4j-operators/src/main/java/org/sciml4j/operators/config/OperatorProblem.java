package org.sciml4j.operators.config;

import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.RunnableProblem;
import org.sciml4j.train.config.YamlDocument;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checked {@code kind: operator} file: its data (already read and checked), model, optional physics and
 * training. {@link #run} trains and writes the results (see {@link OperatorRun}).
 *
 * @param physics null for supervised training
 */
public record OperatorProblem(YamlDocument doc, String name, long seed, OperatorData data, ModelSpec model,
                              PhysicsSpec physics, TrainingSpec training) implements RunnableProblem {
    @Override
    public String kind() {
        return "operator";
    }

    @Override
    public Path path() {
        return doc.file();
    }

    @Override
    public String text() {
        return doc.text();
    }

    @Override
    public int run(RunContext context) throws IOException {
        return new OperatorRun(this, context).run();
    }
}
