package org.sciml4j.dynamics.config;

import java.util.Set;
import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemKind;
import org.sciml4j.train.config.YamlDocument;

/**
 * {@code kind: neural_ode}: a network vector field dx/dt = f(x) fitted to trajectories through the integrator, with
 * direct or adjoint gradients ({@code training: gradient:}); see docs/DYNAMICS.md for the keys.
 */
public final class NeuralOdeKind implements ProblemKind {
    @Override
    public String name() {
        return "neural_ode";
    }

    @Override
    public ProblemDefinition read(YamlDocument doc) {
        DynamicsSpec spec = new DynamicsReader(doc, name()).read(Set.of("network"), "network", "trajectories");
        return new DynamicsProblem(doc, spec);
    }
}
