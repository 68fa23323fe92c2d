package org.sciml4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/** .npy files written by NumPy 2.4 (see fixtures/make_npy_fixtures.py), hand-made headers, and damaged files. */
class NpyTest {
    @TempDir
    Path dir;

    /** arange(12).reshape(3, 4) / 8 - 0.5, the array most fixtures hold. */
    private static double[] a34() {
        double[] v = new double[12];
        for (int i = 0; i < 12; i++) {
            v[i] = i / 8.0 - 0.5;
        }
        return v;
    }

    @Test
    void readsNumpyFloat64InEveryLayoutAndVersion() throws Exception {
        for (String f : new String[] {"f8_3x4.npy", "f8_fortran_3x4.npy", "f8_big_endian.npy", "f8_v2.npy",
                "f8_v3.npy"}) {
            Tensor t = Npy.read(TestData.fixture(f));
            assertThat(t.shape()).as(f).containsExactly(3, 4);
            assertThat(t.data()).as(f).containsExactly(a34());
        }
        Tensor t3 = Npy.read(TestData.fixture("f8_fortran_2x3x4.npy"));
        assertThat(t3.shape()).containsExactly(2, 3, 4);
        for (int i = 0; i < 24; i++) {
            assertThat(t3.data()[i]).isEqualTo(i); // row-major again after the Fortran-order file
        }
        assertThat(t3.get(1, 2, 3)).isEqualTo(23);
        Tensor v = Npy.read(TestData.fixture("f8_vector5.npy"));
        assertThat(v.shape()).containsExactly(5);
        assertThat(v.data()).containsExactly(1.5, -2.0, 3.25, 0.0, 1e300);
        Tensor s = Npy.read(TestData.fixture("f8_scalar.npy"));
        assertThat(s.shape()).isEmpty();
        assertThat(s.item()).isEqualTo(Math.PI);
        Tensor e = Npy.read(TestData.fixture("f8_empty_0x3.npy"));
        assertThat(e.shape()).containsExactly(0, 3);
        assertThat(e.numel()).isZero();
    }

    @Test
    void readsOtherDtypesAsFloat64() throws Exception {
        assertThat(Npy.read(TestData.fixture("f4.npy")).data())
                .containsExactly((double) 0.1f, -2.5, 3.0, (double) 1e-3f);
        // 6e-8 rounds to the smallest half subnormal, 2^-24
        assertThat(Npy.read(TestData.fixture("f2.npy")).data()).containsExactly(1.0, -0.5, 65504.0, 0x1p-24);
        Tensor i4 = Npy.read(TestData.fixture("i4.npy"));
        assertThat(i4.shape()).containsExactly(2, 3);
        assertThat(i4.data()).containsExactly(-2147483648, 0, 7, 1, -1, 2147483647);
        assertThat(Npy.read(TestData.fixture("i8.npy")).data()).containsExactly(-0x1p53, 0x1p53, -1);
        assertThat(Npy.read(TestData.fixture("u1.npy")).data()).containsExactly(0, 1, 128, 255);
        assertThat(Npy.read(TestData.fixture("b1.npy")).data()).containsExactly(1, 0, 0, 1);
        assertThat(Npy.read(TestData.fixture("i2_big_endian.npy")).data()).containsExactly(-300, 300);
    }

    @Test
    void writesTheSameBytesAsNumpy() throws Exception {
        assertThat(Npy.toBytes(Tensor.of(a34(), 3, 4))).isEqualTo(Files.readAllBytes(TestData.fixture("f8_3x4.npy")));
        assertThat(Npy.toBytes(Tensor.vector(1.5, -2.0, 3.25, 0.0, 1e300)))
                .isEqualTo(Files.readAllBytes(TestData.fixture("f8_vector5.npy")));
        assertThat(Npy.toBytes(Tensor.scalar(Math.PI)))
                .isEqualTo(Files.readAllBytes(TestData.fixture("f8_scalar.npy")));
        assertThat(Npy.toBytes(Tensor.zeros(0, 3)))
                .isEqualTo(Files.readAllBytes(TestData.fixture("f8_empty_0x3.npy")));
    }

    @Test
    void roundTripsAndAlignsDataTo64Bytes() throws Exception {
        Rng rng = new Rng(42);
        for (int[] shape : new int[][] {{}, {1}, {7}, {3, 5}, {2, 3, 4}, {1, 1, 1, 9}, {0}, {100000, 1}}) {
            Tensor t = Tensor.randn(rng, shape);
            Path f = dir.resolve("t.npy");
            Npy.write(f, t);
            byte[] b = Files.readAllBytes(f);
            int hlen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
            assertThat((10 + hlen) % 64).as(Arrays.toString(shape)).isZero();
            assertThat(b[10 + hlen - 1]).isEqualTo((byte) '\n');
            assertThat(b.length).isEqualTo(10 + hlen + 8 * t.numel());
            Tensor back = Npy.read(f);
            assertThat(back.shape()).isEqualTo(shape);
            assertThat(back.data()).containsExactly(t.data());
        }
    }

    @Test
    void usesVersion2WhenTheHeaderDoesNotFit16Bits() throws Exception {
        int[] shape = new int[30000]; // a shape this long only to force a header above 65535 bytes
        Arrays.fill(shape, 1);
        byte[] b = Npy.toBytes(Tensor.of(new double[] {2.5}, shape));
        assertThat(b[6]).isEqualTo((byte) 2);
        long hlen = (b[8] & 0xFFL) | (b[9] & 0xFFL) << 8 | (b[10] & 0xFFL) << 16 | (b[11] & 0xFFL) << 24;
        assertThat(hlen).isGreaterThan(65535);
        assertThat((12 + hlen) % 64).isZero();
        Tensor back = Npy.fromBytes(b, "long");
        assertThat(back.rank()).isEqualTo(30000);
        assertThat(back.item()).isEqualTo(2.5);
    }

    /** A version 1.0 file with the given header text and data. */
    static byte[] npy(String header, double... le) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length,
                (byte) (h.length >> 8)});
        out.writeBytes(h);
        for (double v : le) {
            long bits = Double.doubleToRawLongBits(v);
            for (int i = 0; i < 8; i++) {
                out.write((int) (bits >>> (8 * i)));
            }
        }
        return out.toByteArray();
    }

    @Test
    void parsesHeadersWithAnySpacingOrderAndQuotes() throws Exception {
        String[] headers = {
            "{'descr':'<f8','fortran_order':False,'shape':(2,)}",
            "{ 'shape' : ( 2 , ) ,  'fortran_order' : False , 'descr' : '<f8' , }   \n",
            "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (2,),}\n",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2L,), }\n", // Python 2 NumPy
            "{'descr': '<f8', 'fortran_order': False, 'shape': [2], }\n",
        };
        for (String h : headers) {
            Tensor t = Npy.fromBytes(npy(h, 1.25, -3), "h");
            assertThat(t.shape()).as(h).containsExactly(2);
            assertThat(t.data()).as(h).containsExactly(1.25, -3);
        }
        assertThat(Npy.fromBytes(npy("{'descr': '<f8', 'fortran_order': True, 'shape': (), }", 7), "s").item())
                .isEqualTo(7);
    }

    @Test
    void damagedOrUnsupportedFilesGiveClearErrors() throws Exception {
        byte[] good = Files.readAllBytes(TestData.fixture("f8_3x4.npy"));
        for (int cut : new int[] {0, 3, 7, 9, 50, 127, 128, 200, good.length - 1}) {
            Path f = dir.resolve("cut" + cut + ".npy");
            Files.write(f, Arrays.copyOf(good, cut));
            assertThatThrownBy(() -> Npy.read(f)).as("cut at " + cut).isInstanceOf(DataFormatException.class)
                    .hasMessageStartingWith(f.toString())
                    .hasMessageMatching("(?s).*(magic|truncated|ends inside).*");
        }
        assertThatThrownBy(() -> Npy.read(dir.resolve("cut200.npy")))
                .hasMessageContaining("truncated data: expected 96 bytes for shape (3, 4) of <f8, found 72");
        assertThatThrownBy(() -> Npy.fromBytes("PK\3\4 not numpy at all".getBytes(), "x.npy"))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("x.npy: not a .npy array");
        assertThatThrownBy(() -> Npy.fromBytes(npy("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }"),
                "c")).isInstanceOf(DataFormatException.class).hasMessageContaining("unsupported dtype '<c16'");
        assertThatThrownBy(() -> Npy.fromBytes(npy("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape':"
                + " (1,), }"), "r")).hasMessageContaining("structured");
        assertThatThrownBy(() -> Npy.fromBytes(npy("{'descr': '<f8', 'shape': (1,), }"), "k"))
                .hasMessageContaining("'fortran_order' is missing");
        assertThatThrownBy(() -> Npy.fromBytes(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }"),
                "n")).hasMessageContaining("shape entry 0");
        assertThatThrownBy(() -> Npy.fromBytes(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,"), "u"))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("bad header");
        byte[] v4 = good.clone();
        v4[6] = 4;
        assertThatThrownBy(() -> Npy.fromBytes(v4, "v4")).hasMessageContaining("unsupported .npy format version 4.0");
    }
}
