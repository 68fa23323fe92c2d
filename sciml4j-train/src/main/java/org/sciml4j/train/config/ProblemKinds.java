package org.sciml4j.train.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The registry of problem-file kinds, found with {@link ServiceLoader}, and the entry point that reads a file with
 * the kind its {@code kind:} key names.
 */
public final class ProblemKinds {

    /** The kind of a file without a {@code kind:} key. */
    public static final String DEFAULT_KIND = "pinn";

    /** The top-level key naming the kind. */
    public static final String KIND_KEY = "kind";

    private static volatile Map<String, ProblemKind> kinds;

    private ProblemKinds() {
    }

    /**
     * Reads a problem file with its kind's reader.
     *
     * @throws ProblemFileException for any mistake in it, an unknown kind included
     */
    public static ProblemDefinition read(Path file) {
        return read(YamlDocument.read(file));
    }

    /**
     * Reads a problem from text; {@code file} names it in messages and anchors relative paths.
     *
     * @throws ProblemFileException for any mistake
     */
    public static ProblemDefinition parse(String text, Path file) {
        return read(YamlDocument.parse(text, file));
    }

    /**
     * Reads a parsed document with its kind's reader.
     *
     * @throws ProblemFileException for any mistake
     */
    public static ProblemDefinition read(YamlDocument document) {
        return kindOf(document).read(document);
    }

    /**
     * Reads a problem file that must be of one kind, as one class of definition.
     *
     * @throws ProblemFileException for any mistake, or when the file is of another kind
     */
    public static <D extends ProblemDefinition> D read(YamlDocument document, String kind, Class<D> type) {
        ProblemKind k = kindOf(document);
        if (!k.name().equals(kind)) {
            String problem = "this reads '" + kind + "' problems; the file is of kind '" + k.name() + "'";
            Node where = kindNode(document);
            throw where != null ? document.error(where, problem) : document.unplaced(problem);
        }
        return type.cast(k.read(document));
    }

    /** The names of the kinds found, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(all().keySet());
    }

    /**
     * The kind of a name.
     *
     * @throws IllegalArgumentException when no kind has that name (the message lists the known ones)
     */
    public static ProblemKind of(String name) {
        ProblemKind k = all().get(name);
        if (k == null) {
            throw new IllegalArgumentException("unknown kind '" + name + "'" + YamlDocument.suggestion(name,
                    all().keySet()) + " (known kinds: " + String.join(", ", names()) + ")");
        }
        return k;
    }

    /** The kind the document's {@code kind:} key names, the default one without it. */
    private static ProblemKind kindOf(YamlDocument document) {
        Node node = kindNode(document);
        if (node == null) {
            try {
                return of(DEFAULT_KIND);
            } catch (IllegalArgumentException e) {
                throw document.unplaced(e.getMessage());
            }
        }
        String name = document.string(node).strip();
        return document.at(node, () -> of(name));
    }

    /** The value of the top-level {@code kind:} key, or null. */
    private static Node kindNode(YamlDocument document) {
        if (document.root() instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(KIND_KEY)) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }

    private static Map<String, ProblemKind> all() {
        Map<String, ProblemKind> found = kinds;
        if (found == null) {
            found = new LinkedHashMap<>();
            for (ProblemKind k : ServiceLoader.load(ProblemKind.class, ProblemKind.class.getClassLoader())) {
                ProblemKind earlier = found.putIfAbsent(k.name(), k);
                if (earlier != null) {
                    throw new IllegalStateException("two problem kinds are named '" + k.name() + "': "
                            + earlier.getClass().getName() + " and " + k.getClass().getName());
                }
            }
            kinds = found;
        }
        return found;
    }
}
