package org.sciml4j.train.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The part every family's {@link RunnableProblem} shares: its kind, its run name and the document it was read from.
 * A family extends it and writes {@link #run}.
 */
public abstract class DocumentProblem implements RunnableProblem {
    private final YamlDocument doc;
    private final String kind;
    private final String name;

    /**
     * @param doc  the document the problem was read from
     * @param kind the kind's name, e.g. {@code sindy}
     * @param name the run's name ({@link YamlDocument#runName})
     */
    protected DocumentProblem(YamlDocument doc, String kind, String name) {
        this.doc = Objects.requireNonNull(doc, "doc");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The document, for placing errors found while running. */
    public final YamlDocument doc() {
        return doc;
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Path path() {
        return doc.file();
    }

    @Override
    public final String text() {
        return doc.text();
    }
}
