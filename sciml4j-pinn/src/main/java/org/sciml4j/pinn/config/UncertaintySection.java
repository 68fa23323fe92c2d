package org.sciml4j.pinn.config;

import java.util.Map;
import java.util.Set;

import org.sciml4j.pinn.uncertainty.HmcSettings;
import org.sciml4j.pinn.uncertainty.Likelihood;
import org.sciml4j.pinn.uncertainty.UncertaintySpec;
import org.sciml4j.tensor.kernel.Parallel;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * {@code uncertainty: {ensemble: 8}} (or {@code ensemble: {members: 8, threads: 2, anchored: {data_sd: 0.05, ...}}}:
 * with {@code anchored}, randomised-MAP members of the Bayesian PINN of those standard deviations), or {@code uncertainty: {hmc:
 * {samples: 1000, warmup: 500, leapfrog: 20, thin: 1, target_acceptance: 0.65, step: 0.01, adapt_mass: true,
 * prior_sd: 1, physics_sd: 0.05, data_sd: 0.05, condition_sd: 0.05, unknown_sd: 1}}}: exactly one of the two; every
 * key of them optional (condition_sd defaults to physics_sd). See docs/UNCERTAINTY.md.
 */
final class UncertaintySection {
    private static final Set<String> LIKELIHOOD_KEYS = Set.of("prior_sd", "physics_sd", "data_sd", "condition_sd",
            "unknown_sd");
    private static final Set<String> HMC_KEYS = Set.of("samples", "warmup", "leapfrog", "thin", "target_acceptance",
            "step", "adapt_mass", "prior_sd", "physics_sd", "data_sd", "condition_sd", "unknown_sd");

    private final YamlDocument doc;

    UncertaintySection(YamlDocument doc) {
        this.doc = doc;
    }

    UncertaintySpec read(Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "uncertainty", Set.of("ensemble", "hmc"));
        if (m.size() != 1) {
            throw doc.error(node, "uncertainty needs exactly one of 'ensemble' (e.g. ensemble: 8) or 'hmc' (e.g. hmc:"
                    + " {samples: 1000, warmup: 500}), got " + (m.isEmpty() ? "neither" : "both"));
        }
        return m.containsKey("ensemble") ? ensemble(m.get("ensemble").getValueNode())
                : hmc(m.get("hmc").getValueNode());
    }

    private UncertaintySpec ensemble(Node node) {
        if (node instanceof ScalarNode) {
            int k = doc.positiveInt(node);
            return doc.at(node, () -> new UncertaintySpec.Ensemble(k, 0));
        }
        Map<String, NodeTuple> m = doc.mapping(node, "ensemble", Set.of("members", "threads", "anchored"));
        Node membersNode = doc.required(m, "members", node, "members: 8");
        int members = doc.positiveInt(membersNode);
        int threads = doc.nonNegativeIntOr(m, "threads", 0); // 0: the machine's cores
        if (threads > 0) {
            doc.at(m.get("threads").getValueNode(), () -> Parallel.checkThreads("threads", threads));
        }
        Likelihood anchored = null;
        if (m.containsKey("anchored")) {
            Node a = m.get("anchored").getValueNode();
            anchored = likelihood(YamlDocument.isEmpty(a) ? Map.of() : doc.mapping(a, "anchored", LIKELIHOOD_KEYS), a);
        }
        Likelihood sds = anchored;
        return doc.at(membersNode, () -> new UncertaintySpec.Ensemble(members, threads, sds));
    }

    private UncertaintySpec hmc(Node node) {
        Map<String, NodeTuple> m = YamlDocument.isEmpty(node) ? Map.of() : doc.mapping(node, "hmc", HMC_KEYS);
        HmcSettings d = HmcSettings.of(1000, 500, 20);
        int samples = m.containsKey("samples") ? doc.positiveInt(m.get("samples").getValueNode()) : d.samples();
        int warmup = doc.nonNegativeIntOr(m, "warmup", d.warmup());
        int leapfrog = m.containsKey("leapfrog") ? doc.positiveInt(m.get("leapfrog").getValueNode()) : d.leapfrog();
        int thin = m.containsKey("thin") ? doc.positiveInt(m.get("thin").getValueNode()) : d.thin();
        double target = number(m, "target_acceptance", d.targetAcceptance());
        double step = number(m, "step", d.initialStep());
        boolean adapt = m.containsKey("adapt_mass") ? doc.bool(m.get("adapt_mass").getValueNode()) : d.adaptMass();
        HmcSettings settings = doc.at(where(m, node, "target_acceptance", "step"), () -> new HmcSettings(samples,
                warmup, leapfrog, thin, target, step, adapt));
        return new UncertaintySpec.Bayesian(settings, likelihood(m, node));
    }

    /** The standard deviations' keys of {@code m} (each optional), checked and placed. */
    private Likelihood likelihood(Map<String, NodeTuple> m, Node node) {
        double physics = number(m, "physics_sd", 0.05);
        double prior = number(m, "prior_sd", 1);
        double data = number(m, "data_sd", 0.05);
        double condition = number(m, "condition_sd", physics);
        double unknown = number(m, "unknown_sd", 1);
        return doc.at(where(m, node, "prior_sd", "physics_sd", "data_sd", "condition_sd", "unknown_sd"),
                () -> new Likelihood(data, physics, condition, prior, unknown));
    }

    private double number(Map<String, NodeTuple> m, String key, double otherwise) {
        return m.containsKey(key) ? doc.number(m.get(key).getValueNode()) : otherwise;
    }

    /** The value of the first of {@code keys} given whose number is not finite and positive, else {@code node}. */
    private Node where(Map<String, NodeTuple> m, Node node, String... keys) {
        for (String k : keys) {
            if (m.containsKey(k)) {
                double v = doc.number(m.get(k).getValueNode());
                boolean bad = !(v > 0) || Double.isInfinite(v) || ("target_acceptance".equals(k) && !(v < 1));
                if (bad) {
                    return m.get(k).getValueNode();
                }
            }
        }
        return node;
    }
}
