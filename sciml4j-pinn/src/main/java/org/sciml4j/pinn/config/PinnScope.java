package org.sciml4j.pinn.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sciml4j.domain.expr.Expression;
import org.sciml4j.domain.expr.ExpressionException;
import org.sciml4j.domain.expr.Vocabulary;
import org.sciml4j.domain.geometry.Geometry;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.io.DataFormatException;
import org.sciml4j.io.InputFiles;
import org.sciml4j.io.TextTable;
import org.sciml4j.pinn.Requirement;
import org.sciml4j.train.config.HeapLimit;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * What the PINN section readers share while one file is read: the document, the symbols declared so far (each
 * name once), the variables' ranges, the domain, and the checks that need them (binding expressions to the
 * symbols, drawing points once to see that a count works, loading data files).
 */
final class PinnScope {
    /** The largest data file read, in bytes: a larger one is refused before it is opened. */
    static final long MAX_DATA_FILE_SIZE = 1L << 30;

    final YamlDocument doc;
    /** Every declared symbol (variable, field, parameter, unknown): checks names and binds requirements. */
    final Vocabulary.Builder symbols = Vocabulary.builder();
    /** Collocation points per draw, 0 until the collocation section is read (for the memory estimate). */
    int collocationPoints;
    /** Each variable's range [lo, hi], in input order. */
    final Map<String, double[]> ranges = new LinkedHashMap<>();
    private final Map<String, Node> declared = new LinkedHashMap<>();
    private final Map<String, String> kinds = new LinkedHashMap<>();
    /** The symbols, once all are declared. */
    Vocabulary vocabulary;
    /** The domain's shape, or null for a box of variable ranges. */
    Geometry domainShape;

    PinnScope(YamlDocument doc) {
        this.doc = doc;
    }

    /** Checks a symbol's name and that no other variable, field or parameter has it. */
    String declare(Node n, String kind, double value) {
        String s = doc.name(n);
        Node earlier = declared.get(s);
        if (earlier != null) {
            throw doc.error(n, "'" + s + "' is declared twice: it is already " + kinds.get(s) + " (line "
                    + YamlDocument.line(earlier) + "); every variable, field and parameter needs its own name");
        }
        doc.at(n, () -> switch (kind) {
            case "a variable" -> symbols.variables(s);
            case "a field" -> symbols.fields(s);
            case "a known parameter" -> symbols.knownParameter(s, value);
            default -> symbols.unknownParameter(s, value);
        });
        declared.put(s, n);
        kinds.put(s, kind);
        return s;
    }

    /** An equation or requirement ({@code lhs = rhs} or an expression that is 0), placed where the node is. */
    Requirement requirement(Node n) {
        try {
            return Requirement.parse(doc.string(n), YamlDocument.line(n), YamlDocument.column(n));
        } catch (ExpressionException e) {
            throw doc.expressionError(e);
        }
    }

    /** An expression, placed where the node is. */
    Expression expression(Node n) {
        try {
            return Expression.parse(doc.string(n), YamlDocument.line(n), YamlDocument.column(n));
        } catch (ExpressionException e) {
            throw doc.expressionError(e);
        }
    }

    /** Checks an expression's symbols against the declared ones. */
    void bind(Expression e) {
        bind(e, vocabulary);
    }

    /** Checks an expression's symbols against {@code symbolsHere}. */
    void bind(Expression e, Vocabulary symbolsHere) {
        try {
            e.bind(symbolsHere);
        } catch (ExpressionException x) {
            throw doc.expressionError(x);
        }
    }

    /** The symbols with the boundary's normal components (for conditions on a boundary). */
    Vocabulary boundaryVocabulary() {
        try {
            return vocabulary.withNormals();
        } catch (IllegalArgumentException e) {
            throw doc.unplaced(e.getMessage());
        }
    }

    /** A sampler by name. */
    Sampler sampler(Node n) {
        return doc.at(n, () -> Sampler.of(doc.string(n)));
    }

    /** The sampler of an optional {@code sampling} key, uniform without it. */
    Sampler sampler(Map<String, NodeTuple> m) {
        return m.containsKey("sampling") ? sampler(m.get("sampling").getValueNode()) : Sampler.uniform();
    }

    /** A product grid {@code [n1, n2, ...]}: its sampler and number of points. */
    Grid grid(Node node) {
        List<Node> counts = doc.list(node);
        int[] c = new int[counts.size()];
        long total = 1;
        for (int i = 0; i < c.length; i++) {
            c[i] = doc.positiveInt(counts.get(i));
            total *= c[i];
            if (total > Integer.MAX_VALUE) {
                throw doc.error(node, "the grid has more than " + Integer.MAX_VALUE + " points; give fewer per axis");
            }
        }
        int points = (int) total;
        return new Grid(doc.at(node, () -> Sampler.grid(c)), points);
    }

    /** A product grid's sampler and its number of points. */
    record Grid(Sampler sampler, int points) {
    }

    /** Draws the points once, so that a count the sampler refuses (uniform: n = m^dim) fails now. */
    void trySampling(Sampler s, int n, List<String> over, Node where, String what) {
        if (over.isEmpty()) {
            return;
        }
        // the points, and as much again while a sampler draws or a domain keeps the ones inside
        HeapLimit.require(doc, where, "the " + n + " points (" + over.size() + " coordinates each) for " + what, 2 * 8.0
                * n * over.size());
        if (domainShape != null) {
            try {
                domainShape.interior(n, s, 0);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw doc.error(where, what + " in the domain: " + e.getMessage());
            }
            return;
        }
        double[] lo = new double[over.size()];
        double[] hi = new double[over.size()];
        for (int i = 0; i < lo.length; i++) {
            lo[i] = ranges.get(over.get(i))[0];
            hi[i] = ranges.get(over.get(i))[1];
        }
        try {
            s.box(n, lo, hi, 0);
        } catch (IllegalArgumentException e) {
            throw doc.error(where, what + " over " + over + ": " + e.getMessage());
        }
    }

    /** A data file named at {@code fileNode}, relative to the problem file's folder, checked before it is opened. */
    Path dataFile(Node fileNode) {
        Path p = doc.resolve(fileNode);
        if (!Files.exists(p)) {
            throw doc.error(fileNode, "data file not found: " + doc.string(fileNode) + " (looked at "
                    + p.toAbsolutePath().normalize() + "); paths are relative to the problem file's folder");
        }
        String problem = InputFiles.problem(p, MAX_DATA_FILE_SIZE, "a data file");
        if (problem != null) {
            throw doc.error(fileNode, "data file " + doc.string(fileNode) + " " + problem);
        }
        return p;
    }

    /** Reads a data file with {@code reader}, its format and input mistakes placed at {@code fileNode}. */
    <T> T load(Node fileNode, DataReader<T> reader) {
        Path p = dataFile(fileNode);
        try {
            return reader.read(p);
        } catch (DataFormatException e) {
            throw doc.error(fileNode, "bad data file: " + e.getMessage());
        } catch (IOException e) {
            throw doc.error(fileNode, InputFiles.cannotRead(p, e));
        }
    }

    /** Reads one data file. */
    @FunctionalInterface
    interface DataReader<T> {
        T read(Path p) throws IOException;
    }

    /** A text table named at {@code fileNode}. */
    TextTable.Table table(Node fileNode) {
        return load(fileNode, TextTable::read);
    }

    /** A text table of data to train on named at {@code fileNode}: finite, with rows. */
    TextTable.Table dataTable(Node fileNode) {
        return load(fileNode, TextTable::readData);
    }

    /**
     * Checks that {@code names} (the {@code columns:} at {@code columnsNode}, read by position) name every column of
     * {@code table}, and that a header line in the file naming the same columns does not list them in another order:
     * read by position, they would be silently swapped.
     */
    void checkColumns(TextTable.Table table, List<String> names, Node columnsNode, String file) {
        List<String> header = table.columns();
        if (header.size() != names.size()) {
            throw doc.error(columnsNode, file + " has " + header.size() + " columns but " + names.size()
                    + " names are given " + names + "; name every column, in order");
        }
        if (!header.equals(names) && new HashSet<>(header).equals(new HashSet<>(names))) {
            throw doc.error(columnsNode, file + "'s header line names its columns " + header + ", but the columns"
                    + " are read by position as " + names + "; list them in the file's order");
        }
    }
}
