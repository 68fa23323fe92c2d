package org.sciml4j.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sciml4j.tensor.Tensor;

/**
 * NumPy {@code .npy} files: one array, as written by {@code numpy.save} and read by {@code numpy.load}.
 * <p>
 * Reading accepts format versions 1.0, 2.0 and 3.0; element types {@code f8, f4, f2, i1, i2, i4, i8, u1, u2, u4,
 * u8, b1} in either byte order, all converted to float64; C order and Fortran order ({@code fortran_order: True},
 * which is reordered into the row-major layout of {@link Tensor}). The result has the array's shape, e.g. a NumPy
 * array of shape {@code (256, 100)} gives a tensor of shape {@code (256, 100)}; a 0-d array gives shape {@code ()}.
 * <p>
 * Writing produces float64 little-endian ({@code <f8}) C-order files byte for byte as NumPy 1.23 and later writes
 * them: version 1.0 (2.0 only if the header does not fit 65535 bytes), the header dict padded with spaces so that
 * the data starts at a multiple of 64 bytes.
 */
public final class Npy {
    private Npy() {
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy refuses headers above 10000 bytes by default; allow much more, but not absurd sizes from garbage. */
    private static final int MAX_HEADER = 1 << 20;
    /** NumPy leaves room in the header for the growing axis to reach this many digits. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final int ALIGN = 64;

    /** Reads a {@code .npy} file into a tensor of the array's shape. */
    public static Tensor read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString(), null);
        }
    }

    /**
     * Reads one {@code .npy} array from a stream (which is left positioned after the array's data and not closed);
     * {@code nameForMessages} names the source in error messages.
     */
    public static Tensor read(InputStream in, String nameForMessages) throws IOException {
        return read(in, nameForMessages, null);
    }

    /** Reads a {@code .npy} array from its bytes. */
    public static Tensor fromBytes(byte[] bytes, String nameForMessages) throws IOException {
        return read(new ByteArrayInputStream(bytes), nameForMessages, null);
    }

    /** Writes a tensor of any shape as a float64 {@code .npy} file, atomically (see {@link AtomicFiles}). */
    public static void write(Path file, Tensor tensor) throws IOException {
        AtomicFiles.write(file, out -> writeTo(out, tensor));
    }

    /** The bytes of the {@code .npy} file {@link #write} writes. */
    public static byte[] toBytes(Tensor tensor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + 8 * tensor.numel());
        try {
            writeTo(out, tensor);
        } catch (IOException e) {
            throw new AssertionError("a ByteArrayOutputStream does not fail", e);
        }
        return out.toByteArray();
    }

    /** Writes the {@code .npy} bytes of a tensor to a stream (not closed). */
    public static void writeTo(OutputStream out, Tensor tensor) throws IOException {
        out.write(header(tensor.shape()));
        Codec.write(out, Codec.Elem.F64, tensor.data(), "tensor");
    }

    // ================================================================== writing

    /** Magic, version, header length and the padded header dict, exactly as {@code numpy.lib.format} builds it. */
    static byte[] header(int[] shape) {
        StringBuilder d = new StringBuilder("{'descr': '<f8', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            d.append(i > 0 ? ", " : "").append(shape[i]);
        }
        d.append(shape.length == 1 ? ",), }" : "), }");
        if (shape.length > 0) {
            d.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String.valueOf(shape[0]).length())));
        }
        byte[] dict = d.toString().getBytes(StandardCharsets.ISO_8859_1);
        int hlen = dict.length + 1; // with the final newline
        int major = 1;
        int prefix = MAGIC.length + 2 + 2;
        int pad = ALIGN - (prefix + hlen) % ALIGN;
        if (hlen + pad > 0xFFFF) {
            major = 2;
            prefix = MAGIC.length + 2 + 4;
            pad = ALIGN - (prefix + hlen) % ALIGN;
        }
        int total = hlen + pad;
        byte[] out = new byte[prefix + total];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = (byte) major;
        out[7] = 0;
        for (int i = 0; i < prefix - 8; i++) {
            out[8 + i] = (byte) (total >>> (8 * i)); // little-endian length
        }
        System.arraycopy(dict, 0, out, prefix, dict.length);
        for (int i = prefix + dict.length; i < out.length - 1; i++) {
            out[i] = ' ';
        }
        out[out.length - 1] = '\n';
        return out;
    }

    // ================================================================== reading

    static Tensor read(InputStream in, String file, String entry) throws IOException {
        byte[] pre = in.readNBytes(MAGIC.length + 2);
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= pre.length || pre[i] != MAGIC[i]) {
                throw new DataFormatException(file, entry, "not a .npy array: expected the magic bytes \\x93NUMPY"
                        + " at the start, found " + printable(pre, MAGIC.length)
                        + (pre.length < MAGIC.length ? " (only " + pre.length + " bytes)" : ""));
            }
        }
        if (pre.length < MAGIC.length + 2) {
            throw new DataFormatException(file, entry, "truncated: the file ends inside the format version");
        }
        int major = pre[6] & 0xFF;
        int minor = pre[7] & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new DataFormatException(file, entry, "unsupported .npy format version " + major + "." + minor
                    + ": expected 1.0, 2.0 or 3.0");
        }
        int lenBytes = major == 1 ? 2 : 4;
        byte[] lb = in.readNBytes(lenBytes);
        if (lb.length < lenBytes) {
            throw new DataFormatException(file, entry, "truncated: the file ends inside the header length");
        }
        long hlen = 0;
        for (int i = 0; i < lenBytes; i++) {
            hlen |= (long) (lb[i] & 0xFF) << (8 * i);
        }
        if (hlen > MAX_HEADER) {
            throw new DataFormatException(file, entry, "header length " + hlen + " is larger than " + MAX_HEADER
                    + " bytes; the file is corrupt or not a .npy array");
        }
        byte[] hb = in.readNBytes((int) hlen);
        if (hb.length < hlen) {
            throw new DataFormatException(file, entry, "truncated header: expected " + hlen + " bytes, found "
                    + hb.length);
        }
        // versions 1 and 2 store the header in latin-1, version 3 in UTF-8
        String text = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = parseHeader(text, file, entry);
        double[] data = new double[h.numel];
        long need = (long) h.numel * h.elem.size;
        long got = Codec.read(in, h.elem, h.order, data);
        if (got < need) {
            throw new DataFormatException(file, entry, "truncated data: expected " + need + " bytes for shape "
                    + Codec.shapeString(h.shape) + " of " + h.descr + ", found " + got);
        }
        if (h.fortran) {
            data = Codec.reorder(data, h.shape, false);
        }
        return Tensor.wrap(data, h.shape);
    }

    private record Header(String descr, Codec.Elem elem, ByteOrder order, boolean fortran, int[] shape, int numel) {
    }

    private static Header parseHeader(String text, String file, String entry) throws DataFormatException {
        Object parsed;
        try {
            PyLiteral p = new PyLiteral(text);
            parsed = p.value();
            p.end();
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, entry, "bad header: " + e.getMessage() + "; expected a Python dict"
                    + " like {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }, found " + quote(text));
        }
        if (!(parsed instanceof Map<?, ?> dict)) {
            throw new DataFormatException(file, entry, "bad header: expected a dict, found " + quote(text));
        }
        for (String key : List.of("descr", "fortran_order", "shape")) {
            if (!dict.containsKey(key)) {
                throw new DataFormatException(file, entry, "bad header: the key '" + key + "' is missing in "
                        + quote(text));
            }
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw new DataFormatException(file, entry, "unsupported dtype " + dict.get("descr") + ": structured"
                    + " arrays (record dtypes) cannot be read as tensors");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new DataFormatException(file, entry, "bad header: 'fortran_order' must be True or False, found "
                    + dict.get("fortran_order"));
        }
        if (!(dict.get("shape") instanceof List<?> dims)) {
            throw new DataFormatException(file, entry, "bad header: 'shape' must be a tuple of integers, found "
                    + dict.get("shape"));
        }
        long[] big = new long[dims.size()];
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
                throw new DataFormatException(file, entry, "bad header: shape entry " + i + " must be an integer in"
                        + " [0, 2^31), found " + dims.get(i));
            }
            big[i] = v;
            shape[i] = (int) (long) v;
        }
        long numel = Codec.numel(big);
        if (numel < 0) {
            throw new DataFormatException(file, entry, "shape " + Codec.shapeString(shape) + " has more elements"
                    + " than a Java array holds");
        }
        return new Header(descr, elem(descr, file, entry), order(descr), fortran, shape, (int) numel);
    }

    private static ByteOrder order(String descr) {
        // '|' (byte order not applicable) and '=' (native) are read as little-endian, the order of every common CPU
        return !descr.isEmpty() && descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static Codec.Elem elem(String descr, String file, String entry) throws DataFormatException {
        String t = !descr.isEmpty() && "<>|=".indexOf(descr.charAt(0)) >= 0 ? descr.substring(1) : descr;
        Codec.Elem e = switch (t) {
            case "f8" -> Codec.Elem.F64;
            case "f4" -> Codec.Elem.F32;
            case "f2" -> Codec.Elem.F16;
            case "i8" -> Codec.Elem.I64;
            case "i4" -> Codec.Elem.I32;
            case "i2" -> Codec.Elem.I16;
            case "i1" -> Codec.Elem.I8;
            case "u8" -> Codec.Elem.U64;
            case "u4" -> Codec.Elem.U32;
            case "u2" -> Codec.Elem.U16;
            case "u1" -> Codec.Elem.U8;
            case "b1" -> Codec.Elem.BOOL;
            default -> null;
        };
        if (e == null) {
            throw new DataFormatException(file, entry, "unsupported dtype '" + descr + "': expected a real number"
                    + " type (f8, f4, f2, i1, i2, i4, i8, u1, u2, u4, u8, b1 with byte order < > or |)");
        }
        return e;
    }

    private static String quote(String text) {
        String t = text.strip();
        return "\"" + (t.length() > 200 ? t.substring(0, 200) + "..." : t) + "\"";
    }

    private static String printable(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            int c = b[i] & 0xFF;
            s.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return "'" + s + "'";
    }

    /**
     * The subset of Python literals a {@code .npy} header uses: dicts, tuples, lists, strings, integers (with
     * Python 2's {@code L} suffix), {@code True}, {@code False}, {@code None}. Tuples and lists become Lists,
     * integers Longs. Errors are IllegalArgumentExceptions with the position.
     */
    static final class PyLiteral {
        private final String s;
        private int pos;

        PyLiteral(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            if (pos >= s.length()) {
                throw fail("unexpected end");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{' -> {
                    pos++;
                    Map<Object, Object> m = new LinkedHashMap<>();
                    while (!tryEat('}')) {
                        Object k = value();
                        skip();
                        eat(':');
                        m.put(k, value());
                        if (!tryEat(',')) {
                            eat('}');
                            break;
                        }
                    }
                    return m;
                }
                case '(', '[' -> {
                    pos++;
                    char close = c == '(' ? ')' : ']';
                    List<Object> l = new ArrayList<>();
                    while (!tryEat(close)) {
                        l.add(value());
                        if (!tryEat(',')) {
                            eat(close);
                            break;
                        }
                    }
                    return l;
                }
                case '\'', '"' -> {
                    return string(c);
                }
                default -> {
                    if (c == '-' || c == '+' || Character.isDigit(c)) {
                        return integer();
                    }
                    for (String word : new String[] {"True", "False", "None"}) {
                        if (s.startsWith(word, pos)) {
                            pos += word.length();
                            return word.equals("None") ? null : Boolean.valueOf(word.equals("True"));
                        }
                    }
                    throw fail("unexpected character '" + c + "'");
                }
            }
        }

        void end() {
            skip();
            if (pos < s.length()) {
                throw fail("unexpected text after the dict");
            }
        }

        private String string(char q) {
            StringBuilder b = new StringBuilder();
            pos++;
            while (pos < s.length() && s.charAt(pos) != q) {
                char c = s.charAt(pos++);
                if (c == '\\' && pos < s.length()) {
                    c = s.charAt(pos++);
                }
                b.append(c);
            }
            if (pos >= s.length()) {
                throw fail("unterminated string");
            }
            pos++;
            return b.toString();
        }

        private Long integer() {
            int start = pos;
            if (s.charAt(pos) == '-' || s.charAt(pos) == '+') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            String digits = s.substring(start, pos);
            if (pos < s.length() && (s.charAt(pos) == 'L' || s.charAt(pos) == 'l')) {
                pos++; // Python 2 long, as old NumPy wrote shapes: (3L, 4L)
            }
            try {
                return Long.valueOf(digits);
            } catch (NumberFormatException e) {
                throw fail("bad integer '" + digits + "'");
            }
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private boolean tryEat(char c) {
            skip();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void eat(char c) {
            if (!tryEat(c)) {
                throw fail("expected '" + c + "'");
            }
        }

        private IllegalArgumentException fail(String what) {
            return new IllegalArgumentException(what + " at character " + pos);
        }
    }
}
