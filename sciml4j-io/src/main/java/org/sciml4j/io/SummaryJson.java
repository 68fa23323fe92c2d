package org.sciml4j.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A run's {@code summary.json}, the same rules for every model family. JSON has no NaN or infinity (Jackson would
 * write the string "NaN"), so a value that is not finite, at any depth (maps, lists, {@code double[]}), is written as
 * null and explained under {@code non_finite} ({@code "parameters.k": "NaN: the estimate diverged"}): a reader never
 * mistakes it for a number. Keys keep the order they were put in; the file is written atomically.
 */
public final class SummaryJson {
    /** The file name inside a run folder. */
    public static final String FILE = "summary.json";

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> reasons = new LinkedHashMap<>();

    /**
     * Puts a value: a number, string, boolean, null, {@code double[]}, {@code double[][]}, {@code int[]}, list or map
     * (of these).
     */
    public SummaryJson put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /**
     * Puts a value and says why a number in it would not be finite ("the estimate diverged"); the reason is written
     * only for numbers that are not.
     */
    public SummaryJson put(String key, Object value, String reasonIfNotFinite) {
        values.put(key, value);
        reasons.put(key, reasonIfNotFinite);
        return this;
    }

    /** The values put so far (read-only view in key order, before the non-finite ones are replaced). */
    public Map<String, Object> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** Writes {@code dir/summary.json} atomically. */
    public void write(Path dir) throws IOException {
        writeTo(dir.resolve(FILE));
    }

    /** Writes these values, by the same rules, atomically to another file (e.g. {@code evaluation-1024.json}). */
    public void writeTo(Path file) throws IOException {
        Map<String, String> notes = new LinkedHashMap<>();
        Object clean = sanitise("", values, notes);
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) clean;
        if (!notes.isEmpty()) {
            out.put("non_finite", notes);
        }
        String text = JsonText.pretty(out); // null for a value JsonText does not write: Jackson's, the same layout
        AtomicFiles.write(file, text != null ? text.getBytes(StandardCharsets.UTF_8)
                : new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(out));
    }

    /** The reason given for the path or the nearest key above it ("a.b[2]" looks up "a.b[2]", "a.b", "a"). */
    private String reasonFor(String path) {
        for (String p = path; !p.isEmpty(); p = p.substring(0, Math.max(0, Math.max(p.lastIndexOf('.'),
                p.lastIndexOf('['))))) {
            String r = reasons.get(p);
            if (r != null) {
                return r;
            }
        }
        return "not finite";
    }

    private Object sanitise(String path, Object v, Map<String, String> notes) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                return v;
            }
            notes.put(path, d + ": " + reasonFor(path));
            return null;
        }
        if (v instanceof double[] a) {
            List<Object> l = new ArrayList<>(a.length);
            for (int i = 0; i < a.length; i++) {
                l.add(sanitise(path + "[" + i + "]", a[i], notes));
            }
            return l;
        }
        if (v instanceof double[][] a) {
            List<Object> l = new ArrayList<>(a.length);
            for (int i = 0; i < a.length; i++) {
                l.add(sanitise(path + "[" + i + "]", a[i], notes));
            }
            return l;
        }
        if (v instanceof List<?> list) {
            List<Object> l = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                l.add(sanitise(path + "[" + i + "]", list.get(i), notes));
            }
            return l;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, x) -> m.put(String.valueOf(k),
                    sanitise(path.isEmpty() ? String.valueOf(k) : path + "." + k, x, notes)));
            return m;
        }
        return v;
    }
}
