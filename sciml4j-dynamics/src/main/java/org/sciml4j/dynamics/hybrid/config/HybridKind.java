package org.sciml4j.dynamics.hybrid.config;

import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemKind;
import org.sciml4j.train.config.YamlDocument;

/**
 * {@code kind: hybrid}: known-form physics plus a network, trained through the integrator; {@code physics:
 * pendulum} (APHYNITY's damped pendulum, with or without the min-norm term) or {@code seir} (a transmission rate
 * network of a mobility covariate fitted to daily cases); {@code sam: rho} adds sharpness-aware minimisation. See
 * docs/HYBRID.md for the keys.
 */
public final class HybridKind implements ProblemKind {
    @Override
    public String name() {
        return "hybrid";
    }

    @Override
    public ProblemDefinition read(YamlDocument doc) {
        return new HybridProblem(doc, new HybridReader(doc).read());
    }
}
