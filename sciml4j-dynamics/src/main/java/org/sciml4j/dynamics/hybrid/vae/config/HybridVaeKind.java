package org.sciml4j.dynamics.hybrid.vae.config;

import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemKind;
import org.sciml4j.train.config.YamlDocument;

/**
 * {@code kind: hybrid_vae}: a physics-integrated VAE (Takeishi and Kalousis 2021) on a family of damped pendulums
 * whose known physics is the frictionless pendulum; the frequency omega is encoded per trajectory and checked on
 * held-out trajectories, with and without the regulariser towards the physics-only decoder. Keys in
 * docs/HYBRID.md.
 */
public final class HybridVaeKind implements ProblemKind {
    @Override
    public String name() {
        return "hybrid_vae";
    }

    @Override
    public ProblemDefinition read(YamlDocument doc) {
        return new VaeProblem(doc, new VaeReader(doc).read());
    }
}
