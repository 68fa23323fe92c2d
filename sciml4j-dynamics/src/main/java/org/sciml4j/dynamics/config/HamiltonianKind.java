package org.sciml4j.dynamics.config;

import java.util.Set;
import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemKind;
import org.sciml4j.train.config.YamlDocument;

/**
 * {@code kind: hamiltonian}: an HNN ({@code model: hnn}), its dissipative variant ({@code dissipative_hnn}) or the
 * plain-network baseline ({@code baseline}) fitted to trajectories of a reference {@code system} or a data file, on
 * time derivatives (Greydanus et al.) or through the integrator; see docs/DYNAMICS.md for the keys.
 */
public final class HamiltonianKind implements ProblemKind {
    @Override
    public String name() {
        return "hamiltonian";
    }

    @Override
    public ProblemDefinition read(YamlDocument doc) {
        DynamicsSpec spec = new DynamicsReader(doc, name()).read(Set.of("hnn", "baseline", "dissipative_hnn"),
                "hnn", "derivatives");
        return new DynamicsProblem(doc, spec);
    }
}
