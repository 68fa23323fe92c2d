package org.sciml4j.train.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.NodeTuple;

/** A kind for the tests ({@code kind: toy, name: ..., size: 3}), registered in the test resources. */
public final class ToyKind implements ProblemKind {

    /** What a toy file defines. */
    record Toy(String name, Path path, String text, int size) implements ProblemDefinition {
        @Override
        public String kind() {
            return "toy";
        }
    }

    @Override
    public String name() {
        return "toy";
    }

    @Override
    public Toy read(YamlDocument doc) {
        Map<String, NodeTuple> top = doc.mapping(doc.root(), "the toy", Set.of("kind", "name", "size"));
        String name = top.containsKey("name") ? doc.string(top.get("name").getValueNode()) : doc.baseName();
        int size = doc.positiveInt(doc.required(top, "size", doc.root(), "size: 3"));
        return new Toy(name, doc.file(), doc.text(), size);
    }
}
