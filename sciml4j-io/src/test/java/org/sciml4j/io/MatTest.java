package org.sciml4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.checksum.JenkinsLookup3HashLittle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/** MAT-files written by SciPy (v5, v7), by mfl-core through Mat.write, v7.3-like HDF5 files, and damaged files. */
class MatTest {
    @TempDir
    Path dir;

    /** The numeric variables of fixtures/make_mat_fixtures.py with their expected values. */
    private static void assertScipyVariables(Map<String, Tensor> m) {
        assertThat(m.keySet()).containsExactly("A", "T", "I", "S", "U", "L", "x", "sp");
        Tensor a = m.get("A");
        assertThat(a.shape()).containsExactly(3, 4);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(a.get(i, j)).isEqualTo(4 * i + j);
            }
        }
        Tensor t = m.get("T");
        assertThat(t.shape()).containsExactly(2, 3, 4);
        for (int i = 0; i < 24; i++) {
            assertThat(t.data()[i]).isEqualTo(i); // T(i,j,k) = 12 i + 4 j + k, row-major
        }
        assertThat(m.get("I").shape()).containsExactly(2, 3);
        assertThat(m.get("I").data()).containsExactly(-7, 0, 2147483647, 1, 2, 3);
        assertThat(m.get("S").data()).containsExactly(0.5, -1.25, 3, 4);
        assertThat(m.get("U").data()).containsExactly(0, 200, 255);
        assertThat(m.get("L").data()).containsExactly(1, 0, 1);
        assertThat(m.get("x").shape()).containsExactly(1, 1);
        assertThat(m.get("x").item()).isEqualTo(2.5);
        assertThat(m.get("sp").shape()).containsExactly(3, 2);
        assertThat(m.get("sp").data()).containsExactly(0, 2, 3, 0, 0, 0);
    }

    @Test
    void readsScipyV5AndCompressedV7() throws Exception {
        for (String f : new String[] {"v5.mat", "v7.mat"}) {
            assertScipyVariables(Mat.read(TestData.fixture(f)));
            Tensor t = Mat.read(TestData.fixture(f), "T");
            assertThat(t.get(1, 2, 3)).isEqualTo(23);
        }
    }

    @Test
    void nonNumericVariablesAreSkippedAndExplainedWhenAskedFor() {
        Path f = TestData.fixture("v7.mat");
        assertThatThrownBy(() -> Mat.read(f, "s")).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(f + ": variable 's': is a MATLAB ")
                .hasMessageContaining("not a real numeric array");
        assertThatThrownBy(() -> Mat.read(f, "z")).hasMessageContaining("is a complex");
        assertThatThrownBy(() -> Mat.read(f, "name")).hasMessageContaining("variable 'name': is a MATLAB");
        assertThatThrownBy(() -> Mat.read(f, "nope")).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("variable 'nope': no such variable; the file holds A, T, I, S, U, L, x, sp,"
                        + " z (a complex");
    }

    @Test
    void writesV5ThatReadsBack() throws Exception {
        Rng rng = new Rng(3);
        Map<String, Tensor> vars = new LinkedHashMap<>();
        vars.put("W", Tensor.randn(rng, 3, 4));
        vars.put("cube", Tensor.randn(rng, 2, 3, 4));
        vars.put("v", Tensor.vector(1, 2, 3, 4, 5));
        vars.put("s", Tensor.scalar(-7.25));
        vars.put("e", Tensor.zeros(0, 3));
        Path f = dir.resolve("out.mat");
        Mat.write(f, vars);
        byte[] head = Files.readAllBytes(f);
        assertThat(new String(head, 0, 10, StandardCharsets.US_ASCII)).isEqualTo("MATLAB 5.0");
        Map<String, Tensor> back = Mat.read(f);
        assertThat(back.keySet()).containsExactly("W", "cube", "v", "s", "e");
        assertThat(back.get("W").shape()).containsExactly(3, 4);
        assertThat(back.get("W").data()).containsExactly(vars.get("W").data());
        assertThat(back.get("cube").shape()).containsExactly(2, 3, 4);
        assertThat(back.get("cube").data()).containsExactly(vars.get("cube").data());
        assertThat(back.get("v").shape()).containsExactly(1, 5); // MATLAB has no 1-d arrays: a row vector
        assertThat(back.get("v").data()).containsExactly(1, 2, 3, 4, 5);
        assertThat(back.get("s").shape()).containsExactly(1, 1);
        assertThat(back.get("s").item()).isEqualTo(-7.25);
        assertThat(back.get("e").shape()).containsExactly(0, 3);
        assertThatThrownBy(() -> Mat.write(f, Map.of("1x", Tensor.scalar(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid MATLAB variable name");
    }

    /**
     * A file laid out like MATLAB's v7.3: a 512-byte user block with MATLAB's text header, then HDF5 whose
     * superblock records the user block as its base address. Datasets hold MATLAB arrays as MATLAB writes them:
     * dimensions reversed, data in C order of the reversed dimensions (= MATLAB's column-major order).
     */
    private Path matlab73() throws Exception {
        Path h5 = dir.resolve("plain.h5");
        try (WritableHdfFile w = HdfFile.write(h5)) {
            double[][] a = new double[4][3]; // MATLAB A = 3x4 with A(i,j) = 4(i-1) + (j-1)
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    a[j][i] = 4 * i + j;
                }
            }
            w.putDataset("A", a).putAttribute("MATLAB_class", "double");
            double[][][] t = new double[4][3][2]; // MATLAB T = 2x3x4 with T(i,j,k) = 12(i-1) + 4(j-1) + (k-1)
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    for (int k = 0; k < 4; k++) {
                        t[k][j][i] = 12 * i + 4 * j + k;
                    }
                }
            }
            w.putDataset("T", t).putAttribute("MATLAB_class", "double");
            w.putDataset("n", new int[][] {{-1}, {2}}).putAttribute("MATLAB_class", "int32"); // MATLAB [-1 2]
            w.putDataset("name", new int[][] {{104}, {105}}).putAttribute("MATLAB_class", "char");
            WritableGroup s = w.putGroup("s");
            s.putAttribute("MATLAB_class", "struct");
            s.putDataset("field", new double[][] {{1}});
            w.putGroup("#refs#").putDataset("a", new double[] {0}); // (jHDF 0.9.4 cannot read back empty groups)
        }
        byte[] hdf = Files.readAllBytes(h5);
        byte[] mat = new byte[512 + hdf.length];
        String text = "MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 .";
        Arrays.fill(mat, 0, 116, (byte) ' ');
        System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, mat, 0, text.length());
        mat[124] = 0;
        mat[125] = 2; // version 0x0200
        mat[126] = 'I';
        mat[127] = 'M';
        System.arraycopy(hdf, 0, mat, 512, hdf.length);
        // superblock version 2/3: base address at byte 12, checksum of the first 44 bytes at byte 44
        ByteBuffer sb = ByteBuffer.wrap(mat, 512, 48).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(sb.get(8)).isIn((byte) 2, (byte) 3);
        sb.putLong(12, 512);
        sb.putInt(44, JenkinsLookup3HashLittle.hash(Arrays.copyOfRange(mat, 512, 512 + 44)));
        Path f = dir.resolve("v73.mat");
        Files.write(f, mat);
        return f;
    }

    @Test
    void readsV73ThroughHdf5WithColumnMajorConvention() throws Exception {
        Path f = matlab73();
        try (HdfFile h = new HdfFile(f)) {
            assertThat(h.getUserBlockSize()).isEqualTo(512);
        }
        Map<String, Tensor> m = Mat.read(f);
        assertThat(m.keySet()).containsExactlyInAnyOrder("A", "T", "n");
        Tensor a = m.get("A");
        assertThat(a.shape()).containsExactly(3, 4);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(a.get(i, j)).isEqualTo(4 * i + j);
            }
        }
        Tensor t = Mat.read(f, "T");
        assertThat(t.shape()).containsExactly(2, 3, 4);
        for (int i = 0; i < 24; i++) {
            assertThat(t.data()[i]).isEqualTo(i);
        }
        assertThat(m.get("n").shape()).containsExactly(1, 2);
        assertThat(m.get("n").data()).containsExactly(-1, 2);
        assertThatThrownBy(() -> Mat.read(f, "s")).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("variable 's': is a MATLAB struct");
        assertThatThrownBy(() -> Mat.read(f, "name")).hasMessageContaining("is a MATLAB char");
        assertThatThrownBy(() -> Mat.read(f, "B")).hasMessageContaining("no such variable")
                .hasMessageContaining("A").hasMessageContaining("s (a MATLAB struct, not numeric)");
    }

    @Test
    void damagedFilesGiveDataFormatException() throws Exception {
        byte[] v7 = Files.readAllBytes(TestData.fixture("v7.mat"));
        byte[] v5 = Files.readAllBytes(TestData.fixture("v5.mat"));
        for (byte[] good : new byte[][] {v5, v7}) {
            // (a file of just the 128-byte header is a valid MAT-file without variables)
            for (int cut : new int[] {0, 100, 127, 140, 300, good.length / 2, good.length - 3}) {
                Path f = dir.resolve("cut" + cut + "-" + good.length + ".mat");
                Files.write(f, Arrays.copyOf(good, cut));
                assertThatThrownBy(() -> Mat.read(f)).as("cut at %d of %d", cut, good.length)
                        .isInstanceOf(DataFormatException.class).hasMessageStartingWith(f + ": ");
            }
        }
        Path cut = dir.resolve("cut-v5.mat");
        Files.write(cut, Arrays.copyOf(v5, 300)); // inside the first variable, A
        assertThatThrownBy(() -> Mat.read(cut))
                .hasMessage(cut + ": at or after variable 'A': truncated: the file (300 bytes) ends inside a"
                        + " variable's data");
        byte[] garbage = new byte[4000];
        new Random(4).nextBytes(garbage);
        Path g = dir.resolve("garbage.mat");
        Files.write(g, garbage);
        assertThatThrownBy(() -> Mat.read(g)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("not a MATLAB v5/v7/v7.3 MAT-file: expected the endian indicator");
        byte[] v73 = Files.readAllBytes(matlab73());
        Path h = dir.resolve("v73-cut.mat");
        Files.write(h, Arrays.copyOf(v73, 700));
        assertThatThrownBy(() -> Mat.read(h)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(h + ": ");
        Files.write(h, Arrays.copyOf(v73, 400));
        assertThatThrownBy(() -> Mat.read(h)).hasMessageContaining("the header says MATLAB 7.3");
    }
}
