package org.sciml4j.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sciml4j.tensor.Tensor;

/**
 * The safetensors format of Hugging Face: an 8-byte little-endian unsigned header length {@code N}, {@code N} bytes
 * of UTF-8 JSON header, then the tensors' raw little-endian bytes in C order. The header maps each tensor name to
 * {@code {"dtype":"F64","shape":[2,3],"data_offsets":[begin,end]}} (offsets relative to the data section) and may
 * hold string metadata under {@code "__metadata__"}.
 * <p>
 * Reading converts every supported dtype to float64 tensors of the stored shape (a {@code [2,3]} entry gives a
 * tensor of shape {@code (2, 3)}, {@code []} a scalar of shape {@code ()}) and validates the file as the reference
 * implementation does: header length at most 100 000 000 bytes and within the file, valid UTF-8 JSON, known dtypes,
 * offsets that tile the data section exactly (sorted by offset they start at 0, leave no gap or overlap, and end at
 * the end of the file), each tensor's byte count equal to its element count times its dtype size.
 * <p>
 * Writing is byte-compatible with the reference implementation ({@code safetensors/src/tensor.rs},
 * {@code prepare} and {@code serialize}, which the Python package uses): tensors laid out sorted by dtype in
 * descending order of the reference's {@code Dtype} enum (its "alignment" order: U64, I64, F64, F32, U32, I32, BF16,
 * F16, U16, I16, I8, U8, BOOL), then by name (byte-wise); compact JSON with {@code "__metadata__"} first (omitted
 * when the metadata is null) and the tensors in data order, each as {@code dtype, shape, data_offsets}; the header
 * padded with spaces to a multiple of 8 bytes. The reference keeps metadata in a Rust {@code HashMap}, whose order
 * varies between runs; this writer sorts metadata keys, so with one metadata key (the common
 * {@code {"format":"pt"}}) the bytes are identical, with several they are a valid but possibly different order.
 */
public final class SafeTensors {
    private SafeTensors() {
    }

    /**
     * Element types. The declaration order is the relative order of the reference's {@code Dtype} enum, which the
     * writer sorts by (descending).
     */
    public enum Dtype {
        /** Boolean, one byte, 0 or 1. */
        BOOL(Codec.Elem.BOOL),
        /** Unsigned 8-bit integer. */
        U8(Codec.Elem.U8),
        /** Signed 8-bit integer. */
        I8(Codec.Elem.I8),
        /** Signed 16-bit integer. */
        I16(Codec.Elem.I16),
        /** Unsigned 16-bit integer. */
        U16(Codec.Elem.U16),
        /** IEEE half precision. */
        F16(Codec.Elem.F16),
        /** Brain floating point (the upper 16 bits of a float32). */
        BF16(Codec.Elem.BF16),
        /** Signed 32-bit integer. */
        I32(Codec.Elem.I32),
        /** Unsigned 32-bit integer. */
        U32(Codec.Elem.U32),
        /** IEEE single precision. */
        F32(Codec.Elem.F32),
        /** IEEE double precision, the default for writing. */
        F64(Codec.Elem.F64),
        /** Signed 64-bit integer. */
        I64(Codec.Elem.I64),
        /** Unsigned 64-bit integer (values above 2^53 lose precision as float64). */
        U64(Codec.Elem.U64);

        final Codec.Elem elem;

        Dtype(Codec.Elem elem) {
            this.elem = elem;
        }

        /** Bytes per element. */
        public int size() {
            return elem.size;
        }
    }

    /**
     * The content of a file.
     *
     * @param tensors  tensors by name, in the order of their data in the file, each of its stored shape
     * @param metadata the {@code "__metadata__"} strings in header order; empty if the file has none
     */
    public record Content(Map<String, Tensor> tensors, Map<String, String> metadata) {
        /** Keeps the given order in unmodifiable copies. */
        public Content {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /** The reference rejects larger headers; so does this reader. */
    static final long MAX_HEADER = 100_000_000;
    private static final String META = "__metadata__";

    /** The header reader, made on the first read: writing a checkpoint needs no Jackson (its first mapper: 50-90 ms). */
    private static final class Reader {
        static final JsonMapper JSON = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    // ================================================================== writing

    /** Writes float64 tensors with optional metadata (null: no {@code "__metadata__"}), atomically. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        write(file, tensors, metadata, null);
    }

    /**
     * Writes tensors, each in the dtype {@code dtypes} gives it (F64 where {@code dtypes} is null or has no entry),
     * atomically (see {@link AtomicFiles}). Conversion to a float type rounds to nearest, ties to even; to an integer
     * type or BOOL it requires exactly representable values, else an IllegalArgumentException names the tensor.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata,
            Map<String, Dtype> dtypes) throws IOException {
        Layout layout = layout(tensors, metadata, dtypes); // check arguments before touching the file system
        AtomicFiles.write(file, out -> writeTo(out, layout));
    }

    /** The bytes {@link #write(Path, Map, Map)} writes. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        return toBytes(tensors, metadata, null);
    }

    /** The bytes {@link #write(Path, Map, Map, Map)} writes. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata,
            Map<String, Dtype> dtypes) {
        Layout layout = layout(tensors, metadata, dtypes);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                8 + layout.header.length + layout.dataBytes));
        try {
            writeTo(out, layout);
        } catch (IOException e) {
            throw new AssertionError("a ByteArrayOutputStream does not fail", e);
        }
        return out.toByteArray();
    }

    /** The bytes {@link #write(Path, Map, Map, Map)} writes, to a stream (not closed). */
    public static void writeTo(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata,
            Map<String, Dtype> dtypes) throws IOException {
        writeTo(out, layout(tensors, metadata, dtypes));
    }

    private record Item(String name, Tensor tensor, Dtype dtype) {
    }

    private record Layout(byte[] header, List<Item> items, long dataBytes) {
    }

    private static void writeTo(OutputStream out, Layout layout) throws IOException {
        byte[] n = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(layout.header.length).array();
        out.write(n);
        out.write(layout.header);
        for (Item it : layout.items) {
            Codec.write(out, it.dtype.elem, it.tensor.data(), "tensor '" + it.name + "' as " + it.dtype);
        }
    }

    private static Layout layout(Map<String, Tensor> tensors, Map<String, String> metadata,
            Map<String, Dtype> dtypes) {
        if (dtypes != null) {
            for (String k : dtypes.keySet()) {
                if (!tensors.containsKey(k)) {
                    throw new IllegalArgumentException("dtype given for '" + k + "', which is not among the tensors "
                            + tensors.keySet());
                }
            }
        }
        List<Item> items = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name == null || name.equals(META)) {
                throw new IllegalArgumentException("'" + name + "' cannot be a tensor name");
            }
            Dtype d = dtypes == null ? null : dtypes.get(name);
            items.add(new Item(name, e.getValue(), d == null ? Dtype.F64 : d));
        }
        // the reference's order: descending dtype, then name compared as UTF-8 bytes (Rust's String order)
        items.sort(Comparator.comparing((Item it) -> it.dtype).reversed()
                .thenComparing((a, b) -> utf8Compare(a.name, b.name)));
        StringBuilder h = new StringBuilder("{");
        if (metadata != null) {
            List<String> keys = new ArrayList<>(metadata.keySet());
            keys.sort(SafeTensors::utf8Compare);
            h.append('"').append(META).append("\":{");
            for (int i = 0; i < keys.size(); i++) {
                String v = metadata.get(keys.get(i));
                if (keys.get(i) == null || v == null) {
                    throw new IllegalArgumentException("metadata keys and values must not be null: " + metadata);
                }
                JsonText.string(h.append(i > 0 ? "," : ""), keys.get(i)).append(':');
                JsonText.string(h, v);
            }
            h.append('}');
        }
        long offset = 0;
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            long n = (long) it.tensor.numel() * it.dtype.size();
            if (i > 0 || metadata != null) {
                h.append(',');
            }
            JsonText.string(h, it.name).append(":{\"dtype\":\"").append(it.dtype).append("\",\"shape\":[");
            int[] shape = it.tensor.shape();
            for (int k = 0; k < shape.length; k++) {
                h.append(k > 0 ? "," : "").append(shape[k]);
            }
            h.append("],\"data_offsets\":[").append(offset).append(',').append(offset + n).append("]}");
            offset += n;
        }
        h.append('}');
        byte[] json = h.toString().getBytes(StandardCharsets.UTF_8);
        // pad with spaces so that the data starts 8-byte aligned (8 + N is then a multiple of 8)
        byte[] header = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        Arrays.fill(header, json.length, header.length, (byte) ' ');
        return new Layout(header, items, offset);
    }

    private static int utf8Compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    // ================================================================== reading

    /** Reads a safetensors file (read in chunks, not mapped nor held in memory as a whole). */
    public static Content read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(new Source() {
                @Override
                public long size() throws IOException {
                    return ch.size();
                }

                @Override
                public void read(long pos, ByteBuffer dst) throws IOException {
                    for (long p = pos; dst.hasRemaining(); ) {
                        int r = ch.read(dst, p);
                        if (r < 0) {
                            throw new DataFormatException(file.toString(), null, "the file shrank while being read");
                        }
                        p += r;
                    }
                }
            }, file.toString());
        }
    }

    /** Reads safetensors content from its bytes; {@code nameForMessages} names the source in error messages. */
    public static Content fromBytes(byte[] bytes, String nameForMessages) throws IOException {
        return read(new Source() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void read(long pos, ByteBuffer dst) {
                dst.put(bytes, (int) pos, dst.remaining());
            }
        }, nameForMessages);
    }

    /** Random access to the bytes of a file or an array. */
    private interface Source {
        long size() throws IOException;

        /** Fills {@code dst} with the bytes from absolute position {@code pos}. */
        void read(long pos, ByteBuffer dst) throws IOException;
    }

    private record Info(String name, Dtype dtype, int[] shape, long begin, long end) {
    }

    private static Content read(Source src, String file) throws IOException {
        long size = src.size();
        if (size < 8) {
            throw new DataFormatException(file, null, "too short: expected at least the 8-byte header length, found "
                    + size + " bytes");
        }
        ByteBuffer lb = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        src.read(0, lb);
        long n = lb.getLong(0);
        if (n < 0 || n > MAX_HEADER) {
            throw new DataFormatException(file, null, "header length " + Long.toUnsignedString(n) + " exceeds the"
                    + " limit of " + MAX_HEADER + " bytes; the file is damaged or not safetensors");
        }
        if (8 + n > size) {
            throw new DataFormatException(file, null, "header length " + n + " runs past the end of the file ("
                    + size + " bytes); the file is truncated or not safetensors");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) n);
        src.read(8, hb);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(hb.flip()).toString();
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file, "header", "not valid UTF-8; the file is damaged or not safetensors",
                    e);
        }
        JsonNode root;
        try {
            root = Reader.JSON.readTree(text);
        } catch (JacksonException e) {
            throw new DataFormatException(file, "header", "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (at character " + e.getLocation().getCharOffset() + ")"), e);
        }
        if (root == null || !root.isObject()) {
            throw new DataFormatException(file, "header", "expected a JSON object, found " + brief(text));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Info> infos = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(META)) {
                metadata = metadata(e.getValue(), file);
            } else {
                infos.add(info(e.getKey(), e.getValue(), file));
            }
        }
        // the data section must be tiled by the tensors in offset order, as the reference requires
        infos.sort(Comparator.comparingLong(Info::begin).thenComparingLong(Info::end));
        long dataSize = size - 8 - n;
        long pos = 0;
        for (Info t : infos) {
            String where = "tensor '" + t.name + "'";
            if (t.begin != pos) {
                throw new DataFormatException(file, where, "data_offsets [" + t.begin + "," + t.end + "] should begin"
                        + " at " + pos + " (where the previous tensor ends): "
                        + (t.begin > pos ? "a gap" : "an overlap") + " in the data section");
            }
            long need = Codec.numel(toLong(t.shape)) * t.dtype.size();
            if (t.end - t.begin != need) {
                throw new DataFormatException(file, where, "shape " + Arrays.toString(t.shape) + " of " + t.dtype
                        + " needs " + need + " bytes, but data_offsets [" + t.begin + "," + t.end + "] span "
                        + (t.end - t.begin));
            }
            if (t.end > dataSize) {
                throw new DataFormatException(file, where, "data_offsets [" + t.begin + "," + t.end + "] run past the"
                        + " end of the data section (" + dataSize + " bytes); the file is truncated");
            }
            pos = t.end;
        }
        if (pos != dataSize) {
            throw new DataFormatException(file, null, "the data section has " + dataSize + " bytes but the tensors"
                    + " cover " + pos + "; the file has trailing bytes or a damaged header");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Info t : infos) {
            tensors.put(t.name, decode(src, 8 + n, t));
        }
        return new Content(tensors, metadata);
    }

    private static Tensor decode(Source src, long base, Info t) throws IOException {
        int elems = (int) ((t.end - t.begin) / t.dtype.size());
        double[] out = new double[elems];
        int chunk = 1 << 13;
        ByteBuffer buf = ByteBuffer.allocate(chunk * t.dtype.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int off = 0; off < elems; off += chunk) {
            int k = Math.min(chunk, elems - off);
            buf.clear().limit(k * t.dtype.size());
            src.read(base + t.begin + (long) off * t.dtype.size(), buf);
            buf.flip();
            t.dtype.elem.decode(buf, out, off, k);
        }
        return Tensor.wrap(out, t.shape);
    }

    private static Map<String, String> metadata(JsonNode node, String file) throws DataFormatException {
        if (node.isNull()) {
            return new LinkedHashMap<>(); // the reference reads null as "no metadata"
        }
        if (!node.isObject()) {
            throw new DataFormatException(file, META, "expected an object of strings, found " + brief(node.toString()));
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new DataFormatException(file, META + " '" + e.getKey() + "'", "expected a string value,"
                        + " found " + brief(e.getValue().toString()));
            }
            m.put(e.getKey(), e.getValue().textValue());
        }
        return m;
    }

    private static Info info(String name, JsonNode node, String file) throws DataFormatException {
        String where = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw new DataFormatException(file, where, "expected {\"dtype\":...,\"shape\":[...],\"data_offsets\""
                    + ":[begin,end]}, found " + brief(node.toString()));
        }
        JsonNode dt = node.get("dtype");
        if (dt == null || !dt.isTextual()) {
            throw new DataFormatException(file, where, "expected a string \"dtype\", found " + dt);
        }
        Dtype dtype;
        try {
            dtype = Dtype.valueOf(dt.textValue());
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, where, "unsupported dtype \"" + dt.textValue() + "\"; expected one"
                    + " of " + Arrays.toString(Dtype.values()));
        }
        long[] shape = naturals(node.get("shape"), -1, file, where, "shape");
        for (long d : shape) {
            if (d > Integer.MAX_VALUE) {
                throw new DataFormatException(file, where, "shape " + Arrays.toString(shape) + " has a dimension"
                        + " above 2^31-1, more than a Java array holds");
            }
        }
        if (Codec.numel(shape) < 0) {
            throw new DataFormatException(file, where, "shape " + Arrays.toString(shape) + " has more elements than"
                    + " a Java array holds");
        }
        long[] off = naturals(node.get("data_offsets"), 2, file, where, "data_offsets");
        if (off[1] < off[0]) {
            throw new DataFormatException(file, where, "data_offsets [" + off[0] + "," + off[1] + "] end before they"
                    + " begin");
        }
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = (int) shape[i];
        }
        return new Info(name, dtype, s, off[0], off[1]);
    }

    /** An array of non-negative integers (of length {@code len} unless it is -1). */
    private static long[] naturals(JsonNode node, int len, String file, String where, String key)
            throws DataFormatException {
        boolean ok = node != null && node.isArray() && (len < 0 || node.size() == len);
        long[] out = new long[ok ? node.size() : 0];
        for (int i = 0; ok && i < out.length; i++) {
            JsonNode v = node.get(i);
            ok = v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0;
            out[i] = ok ? v.longValue() : 0;
        }
        if (!ok) {
            throw new DataFormatException(file, where, "expected \"" + key + "\" to be "
                    + (len < 0 ? "an array" : "an array of " + len) + " of non-negative integers, found " + node);
        }
        return out;
    }

    private static long[] toLong(int[] a) {
        long[] l = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            l[i] = a[i];
        }
        return l;
    }

    private static String brief(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
