package org.sciml4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.SafeTensors.Content;
import org.sciml4j.io.SafeTensors.Dtype;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/** Byte compatibility with the reference implementation, exact round trips, dtype conversions, validation. */
class SafeTensorsTest {
    @TempDir
    Path dir;

    /** Latin-1 text followed by raw bytes. */
    private static byte[] bytes(String text, int... raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        for (int b : raw) {
            out.write(b);
        }
        return out.toByteArray();
    }

    private static Map<String, Tensor> map(Object... nameTensor) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < nameTensor.length; i += 2) {
            m.put((String) nameTensor[i], (Tensor) nameTensor[i + 1]);
        }
        return m;
    }

    // Expected bytes below are copied from the reference implementation's own tests:
    //  - huggingface/safetensors, bindings/python/tests/test_simple.py
    //    (commit 641c66423000636c852fcbf5fe1715ab40fc90fc):
    //    test_serialization, test_serialization_forces_alignment, test_serialization_metadata;
    //  - huggingface/safetensors, safetensors/src/tensor.rs
    //    (commit 000a16f45cff0d4169ca15b67ea002895234d671), mod tests:
    //    test_serialization, test_empty, test_serialization_forced_alignement.
    // The Python tests use np.int32 / np.float16 zeros and the Rust tests f32 data, so the tensors are written with
    // the matching explicit dtype.

    @Test
    void matchesPythonReferenceTestSerialization() {
        Tensor zeros = Tensor.zeros(2, 2);
        byte[] out = SafeTensors.toBytes(map("test", zeros), null, Map.of("test", Dtype.I32));
        assertThat(out).isEqualTo(bytes("@\0\0\0\0\0\0\0{\"test\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\""
                + ":[0,16]}}   " + " \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"));
        Tensor one = Tensor.of(new double[] {0, 0, 0, 1}, 2, 2); // data[1, 1] = 1
        assertThat(SafeTensors.toBytes(map("test", one), null, Map.of("test", Dtype.I32)))
                .isEqualTo(bytes("@\0\0\0\0\0\0\0{\"test\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}"
                        + "   " + " \0\0\0\0\0\0\0\0\0\0\0\0\1\0\0\0"));
    }

    @Test
    void matchesPythonReferenceTestForcesAlignment() {
        Tensor z = Tensor.zeros(2, 2);
        byte[] expected = bytes("\u0080\0\0\0\0\0\0\0"
                + "{\"test1\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"test2\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[16,24]}}"
                + "      \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
        Map<String, Dtype> dtypes = Map.of("test1", Dtype.I32, "test2", Dtype.F16);
        // the layout does not depend on the order the tensors are given in (test_serialization_order_invariant)
        assertThat(SafeTensors.toBytes(map("test1", z, "test2", z), null, dtypes)).isEqualTo(expected);
        assertThat(SafeTensors.toBytes(map("test2", z, "test1", z), null, dtypes)).isEqualTo(expected);
    }

    @Test
    void matchesPythonReferenceTestMetadata() {
        byte[] out = SafeTensors.toBytes(map("test1", Tensor.zeros(2, 2)), Map.of("framework", "pt"),
                Map.of("test1", Dtype.I32));
        assertThat(out).isEqualTo(bytes("`\0\0\0\0\0\0\0{\"__metadata__\":{\"framework\":\"pt\"},\"test1\":{\"dtype\":"
                + "\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}} \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"));
    }

    @Test
    void matchesRustReferenceTests() {
        Tensor f = Tensor.of(new double[] {0, 1, 2, 3, 4, 5}, 1, 2, 3);
        assertThat(SafeTensors.toBytes(map("attn.0", f), null, Map.of("attn.0", Dtype.F32))).isEqualTo(new byte[] {
            64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
            116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
            58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
            101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, (byte) 128, 63,
            0, 0, 0, 64, 0, 0, 64, 64, 0, 0, (byte) 128, 64, 0, 0, (byte) 160, 64});
        Tensor g = Tensor.of(new double[] {0, 1, 2, 3, 4, 5}, 1, 1, 2, 3);
        assertThat(SafeTensors.toBytes(map("attn0", g), null, Map.of("attn0", Dtype.F32))).isEqualTo(new byte[] {
            72, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 48, 34, 58, 123, 34, 100, 116,
            121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58,
            91, 49, 44, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102,
            115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 32, 32, 32, 32, 32,
            32, 32, 0, 0, 0, 0, 0, 0, (byte) 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, (byte) 128, 64, 0, 0,
            (byte) 160, 64});
        assertThat(SafeTensors.toBytes(Map.of(), null)).isEqualTo(new byte[] {
            8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32});
        assertThat(SafeTensors.toBytes(Map.of(), Map.of("framework", "pt"))).isEqualTo(new byte[] {
            40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95,
            95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112,
            116, 34, 125, 125, 32, 32, 32, 32, 32});
    }

    @Test
    void readsBytesWrittenByTheReferenceImplementation() throws Exception {
        // bytes produced by the reference writer, copied from its tests (see the sources cited above)
        byte[] rust = {
            64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
            116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
            58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
            101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, (byte) 128, 63,
            0, 0, 0, 64, 0, 0, 64, 64, 0, 0, (byte) 128, 64, 0, 0, (byte) 160, 64};
        Content c = SafeTensors.fromBytes(rust, "reference");
        assertThat(c.tensors().get("attn.0").shape()).containsExactly(1, 2, 3);
        assertThat(c.tensors().get("attn.0").toArray()).containsExactly(0, 1, 2, 3, 4, 5);
        Content p = SafeTensors.fromBytes(bytes("`\0\0\0\0\0\0\0{\"__metadata__\":{\"framework\":\"pt\"},"
                + "\"test1\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}} "
                + "\0\0\0\0\0\0\0\0\0\0\0\0\1\0\0\0"), "reference");
        assertThat(p.metadata()).containsEntry("framework", "pt");
        assertThat(p.tensors().get("test1").toArray()).containsExactly(0, 0, 0, 1);
    }

    private static Map<String, Tensor> fixtureTensors() {
        return map("fc1.weight", Tensor.of(new double[] {0, 1, 2, 3, 4, 5}, 2, 3),
                "fc1.bias", Tensor.vector(0.5, -1.5),
                "step", Tensor.vector(7));
    }

    @Test
    void writtenFileCheckedFieldByField() throws Exception {
        Path f = dir.resolve("model.safetensors");
        SafeTensors.write(f, fixtureTensors(), Map.of("format", "pt"), Map.of("step", Dtype.F32));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"fc1.bias\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"fc1.weight\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[16,64]},"
                + "\"step\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[64,68]}}";
        assertThat(json.length()).isEqualTo(217);
        long n = b.getLong(0);
        assertThat(n).isEqualTo(224); // 217 padded to a multiple of 8
        byte[] header = Arrays.copyOfRange(b.array(), 8, 8 + (int) n);
        assertThat(new String(header, StandardCharsets.UTF_8)).isEqualTo(json + "       ");
        int base = 8 + (int) n;
        assertThat(b.capacity()).isEqualTo(base + 68);
        // F64 tensors first (sorted by name), then F32, as the data_offsets say
        assertThat(b.getDouble(base)).isEqualTo(0.5);
        assertThat(b.getDouble(base + 8)).isEqualTo(-1.5);
        for (int i = 0; i < 6; i++) {
            assertThat(b.getDouble(base + 16 + 8 * i)).isEqualTo(i);
        }
        assertThat(b.getFloat(base + 64)).isEqualTo(7f);
        assertThat(Arrays.copyOfRange(b.array(), base, base + 8)).containsExactly(0, 0, 0, 0, 0, 0, 0xE0 - 256, 0x3F);
    }

    @Test
    void fixtureFromThePythonScriptReadsAndEqualsOurBytes() throws Exception {
        // fixtures/make_safetensors_fixture.py: safetensors.numpy.save_file where installed, else its re-implementation
        Path fixture = TestData.fixture("fixture.safetensors");
        Content c = SafeTensors.read(fixture);
        assertThat(c.metadata()).containsExactly(Map.entry("format", "pt"));
        assertThat(c.tensors().keySet()).containsExactly("fc1.bias", "fc1.weight", "step"); // data order
        assertThat(c.tensors().get("fc1.weight").shape()).containsExactly(2, 3);
        assertThat(c.tensors().get("fc1.weight").data()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(c.tensors().get("fc1.bias").data()).containsExactly(0.5, -1.5);
        assertThat(c.tensors().get("step").shape()).containsExactly(1);
        assertThat(c.tensors().get("step").item()).isEqualTo(7);
        assertThat(SafeTensors.toBytes(fixtureTensors(), Map.of("format", "pt"), Map.of("step", Dtype.F32)))
                .isEqualTo(Files.readAllBytes(fixture));
    }

    @Test
    void roundTripsExactly() throws Exception {
        Rng rng = new Rng(11);
        Map<String, Tensor> m = map("layers.0.weight", Tensor.randn(rng, 16, 8), "layers.0.bias", Tensor.randn(rng, 8),
                "scalar", Tensor.scalar(-0.0), "empty", Tensor.zeros(0, 4), "naïve name \"q\"\n", Tensor.vector(
                        Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE));
        Map<String, String> meta = new TreeMap<>(Map.of("b", "2", "a", "x\ty\u0001", "é", "ü"));
        Path f = dir.resolve("rt.safetensors");
        SafeTensors.write(f, m, meta);
        Content c = SafeTensors.read(f);
        assertThat(c.metadata()).isEqualTo(meta);
        assertThat(c.metadata().keySet()).containsExactly("a", "b", "é"); // written sorted by UTF-8 bytes
        assertThat(c.tensors().keySet()).containsExactlyInAnyOrderElementsOf(m.keySet());
        for (String k : m.keySet()) {
            assertThat(c.tensors().get(k).shape()).as(k).isEqualTo(m.get(k).shape());
            assertThat(c.tensors().get(k).data()).as(k).containsExactly(m.get(k).data());
        }
        String header = new String(Files.readAllBytes(f), 8, 400, StandardCharsets.UTF_8);
        assertThat(header).startsWith("{\"__metadata__\":{\"a\":\"x\\ty\\u0001\",\"b\":\"2\",\"é\":\"ü\"},");
        assertThat(header).contains("\"naïve name \\\"q\\\"\\n\":{\"dtype\":\"F64\",\"shape\":[4]");
        assertThat(header).contains("\"scalar\":{\"dtype\":\"F64\",\"shape\":[],");
    }

    @Test
    void convertsEveryDtype() throws Exception {
        double[] small = {0, 1, -1, 2.5, -128, 127};
        Map<String, Tensor> m = new LinkedHashMap<>();
        Map<String, Dtype> d = new LinkedHashMap<>();
        for (Dtype t : Dtype.values()) {
            double[] v = switch (t) {
                case BOOL -> new double[] {0, 1, 1, 0};
                case U8 -> new double[] {0, 1, 128, 255};
                case U16 -> new double[] {0, 65535};
                case U32 -> new double[] {0, 4294967295.0};
                case U64 -> new double[] {0, 0x1p63, 0x1p64 - 0x1p11};
                case I8 -> new double[] {-128, 127};
                case I16 -> new double[] {-32768, 32767};
                case I32 -> new double[] {-0x1p31, 0x1p31 - 1};
                case I64 -> new double[] {-0x1p63, 0x1p62};
                default -> small;
            };
            m.put(t.name().toLowerCase(), Tensor.vector(v));
            d.put(t.name().toLowerCase(), t);
        }
        Content c = SafeTensors.fromBytes(SafeTensors.toBytes(m, null, d), "dtypes");
        for (String k : m.keySet()) {
            assertThat(c.tensors().get(k).data()).as(k).containsExactly(m.get(k).data());
        }
        // offsets: U64, I64, F64, F32, U32, I32, BF16, F16, U16, I16, I8, U8, BOOL
        assertThat(c.tensors().keySet()).containsExactly("u64", "i64", "f64", "f32", "u32", "i32", "bf16", "f16",
                "u16", "i16", "i8", "u8", "bool");
        // rounding on the way to smaller floats
        Map<String, Tensor> r = map("x", Tensor.vector(0.1, 1e-8, 70000));
        Content f32 = SafeTensors.fromBytes(SafeTensors.toBytes(r, null, Map.of("x", Dtype.F32)), "f32");
        assertThat(f32.tensors().get("x").data()).containsExactly((float) 0.1, (float) 1e-8, 70000);
        Content f16 = SafeTensors.fromBytes(SafeTensors.toBytes(r, null, Map.of("x", Dtype.F16)), "f16");
        assertThat(f16.tensors().get("x").data()).containsExactly(0.0999755859375, 0.0, Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> SafeTensors.toBytes(r, null, Map.of("x", Dtype.I32)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tensor 'x' as I32: element 0 is 0.1");
        assertThatThrownBy(() -> SafeTensors.toBytes(r, null, Map.of("y", Dtype.I32)))
                .hasMessageContaining("dtype given for 'y'");
        assertThatThrownBy(() -> SafeTensors.toBytes(map("__metadata__", Tensor.scalar(1)), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void halfAndBfloat16RoundToNearestEven() {
        assertThat(Codec.doubleToHalf(1.0)).isEqualTo(0x3C00);
        assertThat(Codec.doubleToHalf(-2.0)).isEqualTo(0xC000);
        assertThat(Codec.doubleToHalf(-0.0)).isEqualTo(0x8000);
        assertThat(Codec.doubleToHalf(65504)).isEqualTo(0x7BFF);
        assertThat(Codec.doubleToHalf(65519.99)).isEqualTo(0x7BFF);
        assertThat(Codec.doubleToHalf(65520)).isEqualTo(0x7C00); // the tie rounds up to 2^16: infinity
        assertThat(Codec.doubleToHalf(1 + 0x1p-11)).isEqualTo(0x3C00); // tie, to even
        assertThat(Codec.doubleToHalf(1 + 3 * 0x1p-11)).isEqualTo(0x3C02); // tie, to even
        assertThat(Codec.doubleToHalf(1 + 0x1p-11 + 0x1p-40)).isEqualTo(0x3C01); // just above the tie
        assertThat(Codec.doubleToHalf(0x1p-24)).isEqualTo(0x0001);
        assertThat(Codec.doubleToHalf(0x1p-25)).isEqualTo(0x0000); // tie, to even (zero)
        assertThat(Codec.doubleToHalf(3 * 0x1p-25)).isEqualTo(0x0002);
        assertThat(Codec.doubleToHalf(0x1p-14 - 0x1p-25)).isEqualTo(0x0400); // carries into the smallest normal
        assertThat(Codec.doubleToHalf(Double.NaN)).isEqualTo(0x7E00);
        assertThat(Codec.halfToDouble(0x7BFF)).isEqualTo(65504);
        assertThat(Codec.halfToDouble(0x0001)).isEqualTo(0x1p-24);
        assertThat(Codec.halfToDouble(0xFC00)).isEqualTo(Double.NEGATIVE_INFINITY);
        for (int h = 0; h < 0x10000; h++) { // every finite half survives the round trip
            if ((h & 0x7C00) != 0x7C00) {
                assertThat(Codec.doubleToHalf(Codec.halfToDouble(h))).isEqualTo(h);
            }
        }
        assertThat(Codec.doubleToBfloat16(1.0)).isEqualTo(0x3F80);
        assertThat(Codec.doubleToBfloat16(1 + 0x1p-8)).isEqualTo(0x3F80);
        assertThat(Codec.doubleToBfloat16(1 + 3 * 0x1p-8)).isEqualTo(0x3F82);
        assertThat(Codec.doubleToBfloat16(-3.0e38)).isEqualTo(0xFF62); // -1.1100010b x 2^127
        assertThat(Codec.doubleToBfloat16(1e39)).isEqualTo(0x7F80);
        assertThat(Codec.doubleToBfloat16(Double.NaN)).isEqualTo(0x7FC0);
    }

    // ------------------------------------------------------------------ damaged files

    private Path file(byte[] content) throws Exception {
        Path f = Files.createTempFile(dir, "bad", ".safetensors");
        Files.write(f, content);
        return f;
    }

    /** A file with the given header text (padded) and data size. */
    private Path withHeader(String json, int dataBytes) throws Exception {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return file(b.array());
    }

    private static void assertBad(Path f, String... parts) {
        assertThatThrownBy(() -> SafeTensors.read(f)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(f.toString() + ": ")
                .satisfies(e -> {
                    for (String p : parts) {
                        assertThat(e.getMessage()).contains(p);
                    }
                });
    }

    @Test
    void damagedFilesNameFileAndTensor() throws Exception {
        byte[] good = SafeTensors.toBytes(fixtureTensors(), Map.of("format", "pt"), Map.of("step", Dtype.F32));
        assertBad(file(Arrays.copyOf(good, 5)), "too short");
        for (int cut : new int[] {8, 100, 231, good.length - 4, good.length - 1}) {
            assertBad(file(Arrays.copyOf(good, cut)), cut < 232 ? "runs past the end" : "truncated");
        }
        assertBad(file(Arrays.copyOf(good, good.length + 3)), "trailing bytes");
        byte[] huge = good.clone();
        huge[5] = 1; // header length 2^40 + 224
        assertBad(file(huge), "exceeds the limit of 100000000 bytes");
        byte[] utf = good.clone();
        utf[20] = (byte) 0xFF;
        assertBad(file(utf), "header: not valid UTF-8");
        byte[] json = good.clone();
        json[8] = '[';
        assertBad(file(json), "header: not valid JSON");
        assertBad(withHeader("[1,2]   ", 0), "expected a JSON object");
        assertBad(withHeader("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},\"a\":{}}", 8),
                "Duplicate field 'a'");
        assertBad(withHeader("{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1),
                "tensor 'w': unsupported dtype \"F8_E4M3\"");
        assertBad(withHeader("{\"w\":{\"dtype\":\"F64\",\"shape\":[-1],\"data_offsets\":[0,8]}}", 8),
                "tensor 'w': expected \"shape\" to be an array of non-negative integers, found [-1]");
        assertBad(withHeader("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0]}}", 8),
                "tensor 'w'", "data_offsets");
        assertBad(withHeader("{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8),
                "tensor 'w': shape [2] of F64 needs 16 bytes, but data_offsets [0,8] span 8");
        assertBad(withHeader("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", 16),
                "tensor 'w': data_offsets [8,16] should begin at 0", "a gap");
        assertBad(withHeader("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", 16), "tensor 'b'", "an overlap");
        assertBad(withHeader("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 4),
                "tensor 'w': data_offsets [0,8] run past the end of the data section (4 bytes)");
        assertBad(withHeader("{\"__metadata__\":{\"epoch\":3}}", 0), "__metadata__ 'epoch': expected a string");
        assertBad(withHeader("{\"w\":{\"dtype\":\"F64\",\"shape\":[65536,65536],\"data_offsets\":[0,8]}}", 8),
                "more elements than a Java array holds");
    }
}
