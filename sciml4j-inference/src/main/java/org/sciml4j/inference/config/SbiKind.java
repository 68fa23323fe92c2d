package org.sciml4j.inference.config;

import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemKind;
import org.sciml4j.train.config.YamlDocument;

/**
 * The {@code kind: sbi} problem file: simulation-based inference by amortised NPE, on a builtin sbibm task or a
 * file's own prior and simulator; see docs/SBI.md for the keys.
 */
public final class SbiKind implements ProblemKind {
    @Override
    public String name() {
        return "sbi";
    }

    @Override
    public ProblemDefinition read(YamlDocument document) {
        return new SbiProblem(document, new SbiReader(document).read());
    }

    /**
     * The checked settings of a read {@code kind: sbi} problem (for callers that simulate outside {@code sciml4j
     * run}, e.g. a Spark simulation farm), or null when the problem is of another kind.
     */
    public static SbiSpec spec(ProblemDefinition problem) {
        return problem instanceof SbiProblem p ? p.spec() : null;
    }
}
