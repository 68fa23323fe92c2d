package org.sciml4j.operators.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.sciml4j.io.InputFiles;
import org.sciml4j.solvers.generate.GeneratorSpec;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code data: {generate: SPEC.yaml}}: the pairs a generator spec makes, read from the spec's {@code out} file, made
 * first (as {@code sciml4j generate SPEC.yaml} would) when that file does not exist yet.
 */
final class Generated {
    private Generated() {
    }

    /** The spec's data file, made when missing; a mistake in the spec is placed in the spec. */
    static Path file(YamlDocument doc, Node specNode) {
        Path specFile = doc.resolve(specNode);
        String problem = InputFiles.problem(specFile, YamlDocument.MAX_FILE_SIZE, "a generator spec");
        if (problem != null) {
            throw doc.error(specNode, specFile + ": " + problem);
        }
        GeneratorSpec spec = GeneratorSpec.read(specFile); // its own ProblemFileException names the spec's lines
        if (Files.isRegularFile(spec.out())) {
            return spec.out();
        }
        try {
            spec.make(System.out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + spec.out() + ": " + InputFiles.describe(e), e);
        }
        return spec.out();
    }
}
