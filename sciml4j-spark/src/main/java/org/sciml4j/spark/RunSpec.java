package org.sciml4j.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a sweep, as shipped to an executor: its id (the run folder's name), the problem's text with its
 * overrides applied, the overrides themselves (the table's columns) and the seed (null: the file's).
 *
 * @param id           the run's name, e.g. {@code r003}
 * @param text         the problem file's text with the overrides applied
 * @param problemFile  the original problem file (names the problem in messages, anchors its relative paths)
 * @param overrides    dotted path to value text, in the order given
 * @param seed         the seed passed as {@code --seed}, or null
 */
public record RunSpec(String id, String text, String problemFile, LinkedHashMap<String, String> overrides, Long seed)
        implements Serializable {
    /** The overrides with the seed as a last column ("seed"), as the table shows them. */
    public Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>(overrides);
        if (seed != null) {
            c.put("seed", Long.toString(seed));
        }
        return c;
    }
}
