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
