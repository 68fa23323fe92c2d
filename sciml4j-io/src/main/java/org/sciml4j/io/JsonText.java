package org.sciml4j.io;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON text written without Jackson, for the files a run writes before and during training: Jackson's first mapper
 * costs 50-90 ms of a cold JVM, in the middle of the run (the first checkpoint) and at its end ({@code summary.json}).
 * Reading stays with Jackson.
 */
final class JsonText {
    private JsonText() {
    }

    /** Appends a JSON string: quote, backslash and control characters escaped (as serde_json does), nothing else. */
    static StringBuilder string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }

    /**
     * {@code value} in the layout of Jackson's default pretty printer (objects one member per line, indented two
     * spaces per level of objects; arrays on one line, {@code [ 1, 2 ]}; empty ones {@code { }} and {@code [ ]}); or
     * null if it holds something other than maps with string keys, collections, strings, numbers, booleans, nulls,
     * enums, {@code int[]}, {@code long[]} and finite {@code double[]} (the caller then asks Jackson).
     */
    static String pretty(Object value) {
        StringBuilder b = new StringBuilder(256);
        return write(b, value, 0) ? b.toString() : null;
    }

    private static boolean write(StringBuilder b, Object v, int level) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof CharSequence || v instanceof Enum<?>) {
            string(b, v instanceof Enum<?> e ? e.name() : v.toString());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                return false;
            }
            if (v instanceof Float) {
                b.append(v);
            } else {
                ShortestDecimal.append(b, d);
            }
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof java.math.BigInteger) {
            b.append(v);
        } else if (v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Map<?, ?> m) {
            return object(b, m, level);
        } else if (v instanceof Collection<?> c) {
            return array(b, c.iterator(), level);
        } else if (v instanceof int[] a) {
            return array(b, java.util.Arrays.stream(a).boxed().iterator(), level);
        } else if (v instanceof long[] a) {
            return array(b, java.util.Arrays.stream(a).boxed().iterator(), level);
        } else if (v instanceof double[] a) {
            return array(b, java.util.Arrays.stream(a).boxed().iterator(), level);
        } else {
            return false;
        }
        return true;
    }

    private static boolean object(StringBuilder b, Map<?, ?> m, int level) {
        if (m.isEmpty()) {
            b.append("{ }");
            return true;
        }
        b.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                return false;
            }
            b.append(first ? "" : ",").append('\n').append("  ".repeat(level + 1));
            string(b, key).append(" : ");
            if (!write(b, e.getValue(), level + 1)) {
                return false;
            }
            first = false;
        }
        b.append('\n').append("  ".repeat(level)).append('}');
        return true;
    }

    private static boolean array(StringBuilder b, Iterator<?> it, int level) {
        if (!it.hasNext()) {
            b.append("[ ]");
            return true;
        }
        b.append("[ ");
        boolean first = true;
        while (it.hasNext()) {
            b.append(first ? "" : ", ");
            if (!write(b, it.next(), level)) {
                return false;
            }
            first = false;
        }
        b.append(" ]");
        return true;
    }
}
