package org.sciml4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.tensor.Tensor;

/** Atomic replacement: complete new content or the old file, and never a leftover temporary file. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void writesAndReplaces() throws Exception {
        Path f = dir.resolve("a.bin");
        AtomicFiles.write(f, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
        AtomicFiles.write(f, out -> out.write(new byte[] {9}));
        assertThat(Files.readAllBytes(f)).containsExactly(9);
        assertThat(files()).isEqualTo(1);
    }

    @Test
    void failureKeepsTheOldFileAndLeavesNothingBehind() throws Exception {
        Path f = dir.resolve("model.npy");
        Npy.write(f, Tensor.vector(1, 2, 3));
        byte[] before = Files.readAllBytes(f);
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write(new byte[10_000]); // partly written when the failure comes
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThatThrownBy(() -> AtomicFiles.writeVia(f, tmp -> {
            Files.write(tmp, new byte[] {1});
            throw new IllegalStateException("serializer bug");
        })).isInstanceOf(IllegalStateException.class);
        // a writer that rejects a value midway (0.5 as int8) leaves the old file as well
        assertThatThrownBy(() -> SafeTensors.write(f, Map.of("x", Tensor.scalar(0.5)), null,
                Map.of("x", SafeTensors.Dtype.I8))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        assertThat(files()).isEqualTo(1);
    }

    @Test
    void keepsPermissionsOfTheReplacedFile() throws Exception {
        Path f = dir.resolve("p.txt");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(f, "new".getBytes());
        assertThat(Files.readString(f)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
    }
}
