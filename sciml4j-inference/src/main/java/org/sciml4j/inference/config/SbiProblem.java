package org.sciml4j.inference.config;

import java.io.IOException;
import java.nio.file.Path;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.RunnableProblem;
import org.sciml4j.train.config.YamlDocument;

/** A read {@code kind: sbi} file, run by {@link SbiRun}. */
final class SbiProblem implements RunnableProblem {
    private final YamlDocument doc;
    private final SbiSpec spec;

    SbiProblem(YamlDocument doc, SbiSpec spec) {
        this.doc = doc;
        this.spec = spec;
    }

    /** The checked settings. */
    SbiSpec spec() {
        return spec;
    }

    @Override
    public String kind() {
        return "sbi";
    }

    @Override
    public String name() {
        return doc.baseName();
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
        return new SbiRun(spec, context).run();
    }
}
