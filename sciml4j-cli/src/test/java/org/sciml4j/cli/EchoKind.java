package org.sciml4j.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.io.SummaryJson;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Objective;
import org.sciml4j.train.Trainer;
import org.sciml4j.train.config.DocumentProblem;
import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemKind;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * A test kind ({@code kind: echo, value: 3}) that writes its value and the overrides it was given; with
 * {@code learning_rate:} it first trains w^4 from w = 1 by Adam for 5 epochs through the family's listener (a large
 * rate makes it diverge); with {@code then_fail: true} it then fails as an evaluation of a blown-up model would.
 */
public final class EchoKind implements ProblemKind {
    @Override
    public String name() {
        return "echo";
    }

    @Override
    public ProblemDefinition read(YamlDocument doc) {
        Map<String, NodeTuple> m = doc.mapping(doc.root(), "the problem", Set.of("kind", "name", "value",
                "learning_rate", "then_fail"));
        double value = doc.number(doc.required(m, "value", doc.root(), "value: 3"));
        Double rate = m.containsKey("learning_rate") ? doc.number(m.get("learning_rate").getValueNode()) : null;
        boolean fail = m.containsKey("then_fail") && doc.bool(m.get("then_fail").getValueNode());
        return new Echo(doc, value, rate, fail);
    }

    private static final class Echo extends DocumentProblem {
        private final double value;
        private final Double rate;
        private final boolean fail;

        Echo(YamlDocument doc, double value, Double rate, boolean fail) {
            super(doc, "echo", doc.baseName());
            this.value = value;
            this.rate = rate;
            this.fail = fail;
        }

        @Override
        public int run(RunContext c) throws IOException {
            c.say("echo " + value);
            if (rate != null) {
                Tensor w = Tensor.scalar(1).requireGrad();
                Objective quartic = new Objective() {
                    @Override
                    public List<String> termNames() {
                        return List.of("quartic");
                    }

                    @Override
                    public List<Tensor> parameters() {
                        return List.of(w);
                    }

                    @Override
                    public List<Tensor> loss() {
                        return List.of(w.square().square());
                    }
                };
                Trainer.builder().adam(rate, 5).listener(c.listener(1)).build().train(quartic);
            }
            if (fail) {
                throw new IllegalStateException("step size underflow at t = 0.5");
            }
            new SummaryJson().put("value", value).put("seed", c.seedOr(7)).put("epochs", c.epochsOr(5))
                    .write(c.dir());
            return 0;
        }
    }
}
