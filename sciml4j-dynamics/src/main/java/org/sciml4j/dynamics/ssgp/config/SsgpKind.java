package org.sciml4j.dynamics.ssgp.config;

import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemKind;
import org.sciml4j.train.config.YamlDocument;

/**
 * {@code kind: ssgp}: the symplectic spectrum GP fitted by variational inference to noisy, sparse trajectories of a
 * reference system, with predictive bands and, optionally, an HNN on the same data; see docs/DYNAMICS.md section 6.
 */
public final class SsgpKind implements ProblemKind {
    @Override
    public String name() {
        return "ssgp";
    }

    @Override
    public ProblemDefinition read(YamlDocument doc) {
        return new SsgpProblem(doc, new SsgpReader(doc).read());
    }
}
