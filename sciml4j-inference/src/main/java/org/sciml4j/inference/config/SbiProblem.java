package org.sciml4j.inference.config;

import java.io.IOException;

import org.sciml4j.train.config.DocumentProblem;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.YamlDocument;

/** A read {@code kind: sbi} file, run by {@link SbiRun}. */
final class SbiProblem extends DocumentProblem {
    private final SbiSpec spec;

    SbiProblem(YamlDocument doc, SbiSpec spec) {
        super(doc, "sbi", doc.runName());
        this.spec = spec;
    }

    /** The checked settings. */
    SbiSpec spec() {
        return spec;
    }

    @Override
    public int run(RunContext context) throws IOException {
        return new SbiRun(spec, context).run();
    }
}
