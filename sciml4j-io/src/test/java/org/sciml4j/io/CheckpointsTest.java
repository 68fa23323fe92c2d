package org.sciml4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.tensor.Tensor;

/** The checkpoint file: exact round trip, and a damaged or half-written file never taken for a checkpoint. */
class CheckpointsTest {
    @TempDir
    Path dir;

    static Map<String, Tensor> state(double scale) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("model.w", Tensor.of(new double[] {scale * Math.PI, -0.0, 1e-310, Double.MAX_VALUE, 7, 8}, 2, 3));
        t.put("optim.previous_value", Tensor.scalar(Double.NaN));
        t.put("optim.iterations", Tensor.scalar(41));
        t.put("lbfgs.s", Tensor.wrap(new double[0], 0, 3));
        return t;
    }

    static void assertBits(Map<String, Tensor> actual, Map<String, Tensor> expected) {
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String k : expected.keySet()) {
            assertThat(actual.get(k).shape()).as(k).containsExactly(expected.get(k).shape());
            long[] a = Arrays.stream(actual.get(k).toArray()).mapToLong(Double::doubleToRawLongBits).toArray();
            long[] e = Arrays.stream(expected.get(k).toArray()).mapToLong(Double::doubleToRawLongBits).toArray();
            assertThat(a).as(k).containsExactly(e);
        }
    }

    /**
     * The checksum is the CRC-32 of its definition, element by element (so checkpoints written before stay readable),
     * over tensors longer than its blocks, with NaNs of several payloads counted as one NaN.
     */
    @Test
    void checksumIsTheCrcOfNamesShapesAndCanonicalBits() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
        double[] v = new double[2500];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 97 == 0 ? Double.longBitsToDouble(0x7ff8000000000000L | i) : rng.nextGaussian();
        }
        Map<String, Tensor> t = new LinkedHashMap<>(state(2));
        t.put("history.values", Tensor.of(v, 1250, 2));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        for (Map.Entry<String, Tensor> e : new java.util.TreeMap<>(t).entrySet()) {
            crc.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * e.getValue().shape().length
                    + 8 * e.getValue().toArray().length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int size : e.getValue().shape()) {
                b.putInt(size);
            }
            for (double x : e.getValue().toArray()) {
                b.putLong(Double.doubleToLongBits(x));
            }
            crc.update(b.array());
        }
        assertThat(Checkpoints.checksum(t)).isEqualTo(String.format("%08x", crc.getValue()));
        double[] otherNaN = v.clone();
        otherNaN[97] = Double.NaN;
        Map<String, Tensor> same = new LinkedHashMap<>(t);
        same.put("history.values", Tensor.of(otherNaN, 1250, 2));
        assertThat(Checkpoints.checksum(same)).isEqualTo(Checkpoints.checksum(t));
    }

    @Test
    void roundTripKeepsEveryBitAndTheMetadata() throws IOException {
        assertThat(Checkpoints.exists(dir)).isFalse();
        Checkpoints.write(dir, state(1), Map.of("epoch", "41", "problem", "poisson"));
        assertThat(Checkpoints.exists(dir)).isTrue();
        SafeTensors.Content c = Checkpoints.read(dir);
        assertBits(c.tensors(), state(1));
        assertThat(c.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("epoch", "41", "problem", "poisson"));
        assertThat(SafeTensors.read(Checkpoints.file(dir)).metadata()).containsEntry(Checkpoints.FORMAT, "1")
                .containsKey(Checkpoints.CHECKSUM);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(Checkpoints.FILE);
        }
    }

    @Test
    void reservedMetadataKeysAreRefused() {
        assertThatThrownBy(() -> Checkpoints.write(dir, state(1), Map.of(Checkpoints.FORMAT, "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sciml4j.checkpoint.format' is written by Checkpoints itself");
        assertThat(Checkpoints.exists(dir)).isFalse();
    }

    @Test
    void aMissingCheckpointSaysThereIsNothingToResume() {
        assertThatThrownBy(() -> Checkpoints.read(dir)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("checkpoint.safetensors is missing): there is no run to resume in " + dir);
    }

    @Test
    void truncatedOrDamagedFilesAreRefused() throws IOException {
        Checkpoints.write(dir, state(1), Map.of());
        Path file = Checkpoints.file(dir);
        byte[] good = Files.readAllBytes(file);

        Files.write(file, Arrays.copyOf(good, good.length - 5));
        assertThatThrownBy(() -> Checkpoints.read(dir)).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining("truncated");

        byte[] flipped = good.clone();
        flipped[good.length - 20] ^= 0x10; // a bit of a value in the data section
        Files.write(file, flipped);
        assertThatThrownBy(() -> Checkpoints.read(dir)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("the tensors do not match their checksum").hasMessageContaining("damaged");

        Files.write(file, new byte[0]); // what a kill during a non-atomic save leaves
        assertThatThrownBy(() -> Checkpoints.read(dir)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void otherFilesAndVersionsAreRefused() throws IOException {
        SafeTensors.write(Checkpoints.file(dir), state(1), Map.of("format", "pt"));
        assertThatThrownBy(() -> Checkpoints.read(dir)).hasMessageContaining("not a sciml4j checkpoint");
        Map<String, String> future = new LinkedHashMap<>();
        future.put(Checkpoints.FORMAT, "2");
        future.put(Checkpoints.CHECKSUM, Checkpoints.checksum(state(1)));
        SafeTensors.write(Checkpoints.file(dir), state(1), future);
        assertThatThrownBy(() -> Checkpoints.read(dir))
                .hasMessageContaining("checkpoint format version 2; this sciml4j reads version 1");
    }

    @Test
    void aCrashDuringASaveLeavesThePreviousCheckpointWhole() throws IOException {
        Checkpoints.write(dir, state(1), Map.of("epoch", "10"));
        // the second save was killed after writing half of its temporary file: the rename never happened
        Checkpoints.write(Files.createDirectories(dir.resolve("elsewhere")), state(2), Map.of("epoch", "20"));
        byte[] second = Files.readAllBytes(Checkpoints.file(dir.resolve("elsewhere")));
        Path partial = dir.resolve(".checkpoint.safetensors.5e1f.tmp");
        Files.write(partial, Arrays.copyOf(second, second.length / 2));
        SafeTensors.Content c = Checkpoints.read(dir);
        assertBits(c.tensors(), state(1));
        assertThat(c.metadata()).containsEntry("epoch", "10");
        // the next run into the folder deletes the leftover and resumes from the intact checkpoint
        try (RunFolder folder = RunFolder.open(dir, RunFolder.Mode.RESUME)) {
            assertThat(Files.exists(partial)).isFalse();
            assertBits(Checkpoints.read(folder.path()).tensors(), state(1));
            Checkpoints.write(folder.path(), state(2), Map.of("epoch", "20"));
            assertBits(Checkpoints.read(folder.path()).tensors(), state(2));
        }
    }
}
