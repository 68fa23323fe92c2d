package org.sciml4j.train.config;

import java.util.Locale;
import java.util.function.Supplier;

import org.yaml.snakeyaml.nodes.Node;

/**
 * The one rule for refusing, at its line of a problem file, something that would not fit in the Java heap: a family's
 * reader estimates the bytes a setting needs (a lower bound, so that a refusal is certain to be needed) and calls
 * {@link #require} before anything large is allocated, so that the user reads the numbers and the setting to raise
 * instead of an out-of-memory error after minutes of work.
 */
public final class HeapLimit {
    private HeapLimit() {
    }

    /**
     * Refuses at {@code where} when {@code bytes} would not fit in the heap.
     *
     * @param what says what needs the bytes, e.g. "the 200000000 collocation points (2 coordinates each)"
     * @throws ProblemFileException placed at {@code where}, with the need, the heap and the option that raises it
     */
    public static void require(YamlDocument doc, Node where, String what, double bytes) {
        require(doc, where, () -> what, bytes);
    }

    /**
     * {@link #require(YamlDocument, Node, String, double)} with the words made only for a refusal: a file that fits,
     * nearly every one, formats nothing (the first {@code String.format} of a run initialises the JDK's formatter and
     * locale data, 10-20 ms of its start).
     */
    public static void require(YamlDocument doc, Node where, Supplier<String> what, double bytes) {
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw doc.error(where, String.format(Locale.ROOT, "too large for the memory: %s take at least %s, more"
                    + " than the Java heap of %s; make it smaller, or raise the heap, e.g. SCIML4J_JAVA_OPTS=-Xmx%dg"
                    + " sciml4j ...", what.get(), size(bytes), size(heap), Math.max(2, (long) Math.ceil(bytes * 2
                    / (1L << 30)))));
        }
    }

    /** Bytes in words: "3.2 GiB". */
    public static String size(double bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int u = 0;
        while (bytes >= 1024 && u < units.length - 1) {
            bytes /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f bytes", bytes)
                : String.format(Locale.ROOT, "%.1f %s", bytes, units[u]);
    }
}
