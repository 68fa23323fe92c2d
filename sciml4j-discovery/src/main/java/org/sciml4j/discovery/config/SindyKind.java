package org.sciml4j.discovery.config;

import java.util.Set;
import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemKind;
import org.sciml4j.train.config.YamlDocument;

/**
 * {@code kind: sindy}: equations from data by SINDy (trajectories) or PDE-FIND (a field). Top-level keys: kind, name,
 * seed, data, derivative, library, optimizer, truth, simulate_for. See docs/SINDY.md.
 */
public final class SindyKind implements ProblemKind {
    static final Set<String> KEYS = Set.of("kind", "name", "seed", "data", "derivative", "library", "optimizer",
            "truth", "simulate_for");

    @Override
    public String name() {
        return "sindy";
    }

    @Override
    public ProblemDefinition read(YamlDocument doc) {
        return SindyProblem.read(doc);
    }
}
