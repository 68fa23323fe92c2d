package org.sciml4j.inference.config;

import java.util.Map;
import java.util.Set;
import org.sciml4j.inference.mcmc.McmcSettings;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads {@code mcmc: {chains, warmup, thin, width, max_step_out, init_candidates}}; each key optional. */
final class McmcReader {
    private McmcReader() {
    }

    static McmcSettings read(YamlDocument doc, Node n) {
        Map<String, NodeTuple> m = doc.mapping(n, "mcmc", Set.of("chains", "warmup", "thin", "width",
                "max_step_out", "init_candidates"));
        McmcSettings d = McmcSettings.defaults();
        int chains = m.containsKey("chains") ? doc.positiveInt(m.get("chains").getValueNode()) : d.chains();
        int warmup = doc.nonNegativeIntOr(m, "warmup", d.warmup());
        int thin = m.containsKey("thin") ? doc.positiveInt(m.get("thin").getValueNode()) : d.thin();
        double width = d.initialWidth();
        if (m.containsKey("width")) {
            Node w = m.get("width").getValueNode();
            width = doc.number(w);
            if (!(width > 0) || !Double.isFinite(width)) {
                throw doc.error(w, "width must be finite and > 0, got " + width);
            }
        }
        int steps = m.containsKey("max_step_out") ? doc.positiveInt(m.get("max_step_out").getValueNode())
                : d.maxStepOut();
        int candidates = m.containsKey("init_candidates")
                ? doc.positiveInt(m.get("init_candidates").getValueNode()) : Math.max(d.candidates(), chains);
        double w = width;
        return doc.at(n, () -> new McmcSettings(chains, warmup, thin, w, steps, candidates));
    }
}
