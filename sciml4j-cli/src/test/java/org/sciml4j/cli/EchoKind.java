package org.sciml4j.cli;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import org.sciml4j.io.SummaryJson;
import org.sciml4j.train.config.DocumentProblem;
import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemKind;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** A test kind ({@code kind: echo, value: 3}) that writes its value and the overrides it was given. */
public final class EchoKind implements ProblemKind {
    @Override
    public String name() {
        return "echo";
    }

    @Override
    public ProblemDefinition read(YamlDocument doc) {
        Map<String, NodeTuple> m = doc.mapping(doc.root(), "the problem", Set.of("kind", "name", "value"));
        double value = doc.number(doc.required(m, "value", doc.root(), "value: 3"));
        return new Echo(doc, value);
    }

    private static final class Echo extends DocumentProblem {
        private final double value;

        Echo(YamlDocument doc, double value) {
            super(doc, "echo", doc.baseName());
            this.value = value;
        }

        @Override
        public int run(RunContext c) throws IOException {
            c.say("echo " + value);
            new SummaryJson().put("value", value).put("seed", c.seedOr(7)).put("epochs", c.epochsOr(5))
                    .write(c.dir());
            return 0;
        }
    }
}
