package org.sciml4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/** The DeepXDE reference archives, NumPy's compressed archives, our own archives, and damaged archives. */
class NpzTest {
    @TempDir
    Path dir;

    @Test
    void readsBurgers() throws Exception {
        Map<String, Tensor> d = Npz.read(TestData.shared("deepxde/Burgers.npz"));
        assertThat(d.keySet()).containsExactly("t", "x", "usol"); // archive order
        Tensor x = d.get("x");
        Tensor t = d.get("t");
        Tensor u = d.get("usol");
        assertThat(x.shape()).containsExactly(256, 1);
        assertThat(t.shape()).containsExactly(100, 1);
        assertThat(u.shape()).containsExactly(256, 100);
        assertThat(x.get(0, 0)).isEqualTo(-1.0);
        assertThat(x.get(255, 0)).isEqualTo(1.0);
        assertThat(t.get(0, 0)).isEqualTo(0.0);
        assertThat(t.get(99, 0)).isCloseTo(0.99, within(1e-12));
        // usol is stored in Fortran order: its first column is the initial condition u(0, x) = -sin(pi x)
        double maxErr = 0;
        for (int i = 0; i < 256; i++) {
            maxErr = Math.max(maxErr, Math.abs(u.get(i, 0) + Math.sin(Math.PI * x.get(i, 0))));
        }
        assertThat(maxErr).isLessThan(1e-12);
        // and the boundary conditions u(t, -1) = u(t, 1) = 0 hold along the first and last rows
        for (int j = 0; j < 100; j++) {
            assertThat(u.get(0, j)).isCloseTo(0, within(1e-12));
            assertThat(u.get(255, j)).isCloseTo(0, within(1e-12));
        }
        // a C-order reading of the Fortran data would put x-neighbours 100 elements apart; check smoothness in x
        assertThat(Math.abs(u.get(100, 50) - u.get(101, 50))).isLessThan(0.05);
    }

    @Test
    void readsLorenzAndSingleKeys() throws Exception {
        Path f = TestData.shared("deepxde/Lorenz.npz");
        Map<String, Tensor> d = Npz.read(f);
        assertThat(d.get("t").shape()).containsExactly(25, 1);
        assertThat(d.get("y").shape()).containsExactly(25, 3);
        // the trajectory starts at (-8, 7, 27)
        assertThat(d.get("y").get(0, 0)).isCloseTo(-8, within(1e-9));
        assertThat(d.get("y").get(0, 1)).isCloseTo(7, within(1e-9));
        assertThat(d.get("y").get(0, 2)).isCloseTo(27, within(1e-9));
        assertThat(Npz.read(f, "y").data()).containsExactly(d.get("y").data());
        assertThatThrownBy(() -> Npz.read(f, "z")).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("key 'z': no such array; the archive holds [t, y]");
    }

    @Test
    void readsNumpyCompressedArchive() throws Exception {
        Map<String, Tensor> d = Npz.read(TestData.fixture("compressed.npz"));
        assertThat(d.keySet()).containsExactly("a", "b", "s");
        assertThat(d.get("a").shape()).containsExactly(3, 4);
        assertThat(d.get("a").get(2, 3)).isEqualTo(11 / 8.0 - 0.5);
        assertThat(d.get("b").data()).containsExactly(0, 1, 2, 3, 4);
        assertThat(d.get("s").shape()).isEmpty();
        assertThat(d.get("s").item()).isEqualTo(2.5);
    }

    @Test
    void roundTripsStoredAndCompressed() throws Exception {
        Rng rng = new Rng(5);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("weights", Tensor.randn(rng, 20, 30));
        m.put("bias", Tensor.randn(rng, 30));
        m.put("lr", Tensor.scalar(1e-3));
        m.put("zeros", Tensor.zeros(1000)); // compresses well
        for (boolean compressed : new boolean[] {false, true}) {
            Path f = dir.resolve("m" + compressed + ".npz");
            Npz.write(f, m, compressed);
            Map<String, Tensor> back = Npz.read(f);
            assertThat(back.keySet()).containsExactlyElementsOf(m.keySet());
            for (String k : m.keySet()) {
                assertThat(back.get(k).shape()).isEqualTo(m.get(k).shape());
                assertThat(back.get(k).data()).containsExactly(m.get(k).data());
            }
            try (ZipFile z = new ZipFile(f.toFile())) {
                ZipEntry e = z.getEntry("weights.npy");
                assertThat(e.getMethod()).isEqualTo(compressed ? ZipEntry.DEFLATED : ZipEntry.STORED);
                // a member is exactly the .npy bytes
                assertThat(z.getInputStream(e).readAllBytes()).isEqualTo(Npy.toBytes(m.get("weights")));
            }
        }
        assertThat(Files.size(dir.resolve("mtrue.npz"))).isLessThan(Files.size(dir.resolve("mfalse.npz")));
        // the fixed timestamp makes equal content give equal bytes
        Npz.write(dir.resolve("again.npz"), m, true);
        assertThat(Files.readAllBytes(dir.resolve("again.npz"))).isEqualTo(Files.readAllBytes(dir.resolve(
                "mtrue.npz")));
    }

    @Test
    void truncatedOrGarbageArchivesNameTheFile() throws Exception {
        byte[] good = Files.readAllBytes(TestData.shared("deepxde/Burgers.npz"));
        for (int cut : new int[] {0, 1, 30, 500, 963, 3000, 100_000, good.length - 200, good.length - 22,
                good.length - 1}) {
            Path f = dir.resolve("Burgers-cut" + cut + ".npz");
            Files.write(f, Arrays.copyOf(good, cut));
            assertThatThrownBy(() -> Npz.read(f)).as("cut at %d", cut).isInstanceOf(DataFormatException.class)
                    .hasMessageStartingWith(f.toString() + ": ")
                    .hasMessageContaining("archive");
        }
        byte[] garbage = new byte[5000];
        new Random(1).nextBytes(garbage);
        Path g = dir.resolve("garbage.npz");
        Files.write(g, garbage);
        assertThatThrownBy(() -> Npz.read(g)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(g + ": not a readable .npz (zip) archive");
    }

    @Test
    void damagedMemberDataIsCaughtByTheCrc() throws Exception {
        byte[] bytes = Files.readAllBytes(TestData.shared("deepxde/Burgers.npz"));
        bytes[3174 + 30 + 8 + 128 + 5000] ^= 0x10; // inside usol's stored data: a valid npy, wrong numbers
        Path f = dir.resolve("flipped.npz");
        Files.write(f, bytes);
        assertThatThrownBy(() -> Npz.read(f)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("member 'usol.npy'").hasMessageContaining("CRC-32 mismatch");
        // the same damage in a deflated member breaks decompression or the CRC
        Map<String, Tensor> m = Map.of("a", Tensor.randn(new Rng(2), 50, 50));
        Path c = dir.resolve("c.npz");
        Npz.write(c, m, true);
        byte[] cb = Files.readAllBytes(c);
        cb[200] ^= 0x55;
        Files.write(c, cb);
        assertThatThrownBy(() -> Npz.read(c)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(c.toString())
                .satisfies(e -> assertThat(List.of("CRC-32", "damaged")).anyMatch(e.getMessage()::contains));
    }
}
