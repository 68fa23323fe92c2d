package org.sciml4j.train.config;

/**
 * One kind of problem file ({@code kind: pinn}, ...): a model family's reader of the sections it knows. Kinds are
 * found with {@link java.util.ServiceLoader}: a family lists its implementation in
 * {@code META-INF/services/org.sciml4j.train.config.ProblemKind}; {@link ProblemKinds} picks one by the file's
 * {@code kind:} key ({@value ProblemKinds#DEFAULT_KIND} when absent).
 */
public interface ProblemKind {

    /** The name a file gives in {@code kind:}: lower case, e.g. {@code pinn}. */
    String name();

    /**
     * Reads and checks a whole document of this kind (its {@code kind:} key, when present, names this kind).
     *
     * @param document the parsed file; its root may be null for a file with no content
     * @throws ProblemFileException for any mistake, placed in the file
     */
    ProblemDefinition read(YamlDocument document);
}
