package org.sciml4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unreadable file is named once in the message, whatever the reader put in its own. */
class InputFilesTest {
    private static final Path FILE = Path.of("runs", "a", "model.safetensors");

    @Test
    void cannotReadNamesTheFileOnce() {
        assertThat(InputFiles.cannotRead(FILE, new NoSuchFileException(FILE.toString())))
                .isEqualTo("cannot read " + FILE + ": no such file");
        assertThat(InputFiles.cannotRead(FILE, new IOException(FILE + ": not a safetensors file (header 12 bytes)")))
                .isEqualTo("cannot read " + FILE + ": not a safetensors file (header 12 bytes)");
        assertThat(InputFiles.cannotRead(FILE, new IOException("model.safetensors: truncated")))
                .isEqualTo("cannot read " + FILE + ": truncated");
        assertThat(InputFiles.cannotRead(FILE, new IOException("disk on fire")))
                .isEqualTo("cannot read " + FILE + ": disk on fire");
    }

    @Test
    void aFileInTheWayOfAFolderIsTheNearestExistingPathThatIsNotAFolder(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        assertThat(InputFiles.fileInTheWay(dir)).isNull();
        assertThat(InputFiles.fileInTheWay(dir.resolve("a/b"))).isNull(); // missing folders can be made
        assertThat(InputFiles.fileInTheWay(file)).isEqualTo(file);
        assertThat(InputFiles.fileInTheWay(file.resolve("a/b"))).isEqualTo(file);
    }
}
