package org.sciml4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run folder: plain names, one run at a time, no leftovers, no results of two runs side by side. */
class RunFolderTest {
    @TempDir
    Path tmp;

    static final long PID = ProcessHandle.current().pid();

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void namesMustBePlain() {
        assertThat(RunFolder.checkName("poisson-1d_v2.3", "problem name")).isEqualTo("poisson-1d_v2.3");
        assertThat(RunFolder.under(tmp, "a..b", "problem name")).isEqualTo(tmp.resolve("a..b"));
        assertThatThrownBy(() -> RunFolder.checkName("", "problem name"))
                .hasMessage("problem name '' is empty; use a plain name (letters, digits, '-', '_', '.')");
        assertThatThrownBy(() -> RunFolder.checkName("..", "problem name")).hasMessageContaining("'..' is '..'");
        assertThatThrownBy(() -> RunFolder.checkName(".", "problem name")).hasMessageContaining("names a folder");
        assertThatThrownBy(() -> RunFolder.under(tmp, "../etc", "problem name"))
                .hasMessageStartingWith("problem name '../etc' holds a path separator");
        assertThatThrownBy(() -> RunFolder.checkName("a\\b", "file name")).hasMessageContaining("path separator");
        assertThatThrownBy(() -> RunFolder.checkName("a\nb", "file name"))
                .hasMessageStartingWith("file name 'a?b' holds a control character");
    }

    @Test
    void anEmptyFolderPathIsRefused() {
        assertThatThrownBy(() -> RunFolder.open(Path.of(""), RunFolder.Mode.FRESH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run folder is empty");
    }

    @Test
    void opensCreatesAndLocksAndCloseReleases() throws IOException {
        Path dir = tmp.resolve("runs/poisson");
        RunFolder folder = RunFolder.open(dir, RunFolder.Mode.FRESH);
        try {
            assertThat(folder.path()).isEqualTo(dir);
            assertThat(names(dir)).containsExactly(".lock");
            assertThat(Files.readString(dir.resolve(".lock"))).startsWith("process " + PID + " on host ")
                    .matches("(?s)process \\d+ on host \\S.*"); // a host name, not an empty one
            assertThat(folder.file("loss.tsv")).isEqualTo(dir.resolve("loss.tsv"));
            assertThatThrownBy(() -> folder.file("../x")).hasMessageContaining("path separator");
            // a second run into the folder from this JVM is refused
            assertThatThrownBy(() -> RunFolder.open(dir, RunFolder.Mode.FRESH))
                    .isInstanceOf(RunFolder.InUseException.class)
                    .hasMessageStartingWith("run folder " + dir + " is in use by process " + PID + " on host ")
                    .hasMessageEndingWith("; wait for it or choose another --out");
            // also through another spelling of the same folder
            assertThatThrownBy(() -> RunFolder.open(tmp.resolve("runs/./poisson/../poisson"),
                    RunFolder.Mode.RESUME)).isInstanceOf(RunFolder.InUseException.class)
                    .hasMessageEndingWith("; wait for it to end, then resume"); // --out does not apply to a resume
        } finally {
            folder.close();
        }
        folder.close(); // a second close does nothing
        assertThat(Files.readString(dir.resolve(".lock"))).isEmpty();
        try (RunFolder again = RunFolder.open(dir, RunFolder.Mode.RESUME)) {
            assertThat(again.movedAside()).isEmpty();
        }
    }

    @Test
    void anotherProcessHoldingTheFolderRefusesItUntilItDies() throws Exception {
        Path dir = tmp.resolve("held");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RunFolderHolder.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("holding " + dir);
            assertThatThrownBy(() -> RunFolder.open(dir, RunFolder.Mode.FRESH))
                    .isInstanceOf(RunFolder.InUseException.class)
                    .hasMessageStartingWith("run folder " + dir + " is in use by process " + child.pid());
            // a crash (no close, no cleanup) frees the folder: the system drops the lock with the process
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(dir.resolve(".lock"))).contains("process " + child.pid());
            try (RunFolder mine = RunFolder.open(dir, RunFolder.Mode.RESUME)) {
                assertThat(Files.readString(mine.file(".lock"))).startsWith("process " + PID + " ");
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void leftoverTemporaryFilesAreDeleted() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Files.write(dir.resolve(".model.safetensors.3f2a.tmp"), new byte[0]); // a kill during a save
        Files.write(dir.resolve(".loss.tsv.99.tmp"), new byte[] {1, 2});
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Files.createDirectories(dir.resolve("sub"));
        Files.write(dir.resolve("sub/keep.tmp"), new byte[0]); // not where atomic writes of the run go
        try (RunFolder folder = RunFolder.open(dir, RunFolder.Mode.RESUME)) {
            assertThat(names(folder.path())).containsExactly(".lock", "notes.txt", "sub");
            assertThat(names(dir.resolve("sub"))).containsExactly("keep.tmp");
        }
    }

    @Test
    void aFreshRunMovesTheEarlierResultsAsideAndAResumedRunKeepsThem() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        List<String> results = List.of("checkpoint.safetensors", "heatmap.png", "loss.png", "loss.tsv",
                "model.safetensors", "prediction.tsv", "problem.yaml", "summary.json");
        for (String r : results) {
            Files.writeString(dir.resolve(r), "run 1 " + r);
        }
        Files.writeString(dir.resolve("notes.txt"), "mine");
        try (RunFolder folder = RunFolder.open(dir, RunFolder.Mode.RESUME)) {
            assertThat(folder.movedAside()).isEmpty();
            assertThat(names(dir)).containsAll(results);
        }
        try (RunFolder folder = RunFolder.open(dir, RunFolder.Mode.FRESH)) {
            assertThat(folder.movedAside()).containsExactlyElementsOf(results);
            assertThat(names(dir)).containsExactly(".lock", "notes.txt", "previous");
            assertThat(names(dir.resolve("previous"))).containsExactlyElementsOf(results);
            assertThat(Files.readString(dir.resolve("previous/loss.tsv"))).isEqualTo("run 1 loss.tsv");
        }
        // run 2 wrote fewer files: previous/ then holds run 2's results only, never a mix of runs 1 and 2
        Files.writeString(dir.resolve("loss.tsv"), "run 2 loss.tsv");
        Files.writeString(dir.resolve("summary.json"), "run 2 summary.json");
        Files.writeString(dir.resolve("previous/mine.txt"), "mine");
        try (RunFolder folder = RunFolder.open(dir, RunFolder.Mode.FRESH)) {
            assertThat(folder.movedAside()).containsExactly("loss.tsv", "summary.json");
            assertThat(names(dir.resolve("previous"))).containsExactly("loss.tsv", "mine.txt", "summary.json");
            assertThat(Files.readString(dir.resolve("previous/loss.tsv"))).isEqualTo("run 2 loss.tsv");
        }
    }

    @Test
    void whatIsInTheWayOfAResultIsRefusedBeforeTheRun() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Files.createDirectories(dir.resolve("model.safetensors")); // the model would be written only after training
        assertThatThrownBy(() -> RunFolder.open(dir, RunFolder.Mode.FRESH)).isInstanceOf(IOException.class)
                .hasMessage(dir.resolve("model.safetensors") + " is in the way of the result file of that name (it is"
                        + " not a plain file); remove or rename it, or choose another --out");
        Files.delete(dir.resolve("model.safetensors"));
        Files.createDirectories(dir.resolve("checkpoints")); // a folder of the user's: left alone
        Files.writeString(dir.resolve("loss.tsv"), "earlier");
        Files.writeString(dir.resolve(RunFolder.PREVIOUS), "a file called previous");
        assertThatThrownBy(() -> RunFolder.open(dir, RunFolder.Mode.FRESH)).isInstanceOf(IOException.class)
                .hasMessage("cannot move the earlier results aside: " + dir.resolve(RunFolder.PREVIOUS) + " is not a"
                        + " folder; remove or rename it, or choose another --out");
        Files.delete(dir.resolve(RunFolder.PREVIOUS));
        try (RunFolder folder = RunFolder.open(dir, RunFolder.Mode.FRESH)) {
            assertThat(folder.movedAside()).containsExactly("loss.tsv");
            assertThat(dir.resolve("checkpoints")).isDirectory();
        }
    }

    @Test
    void foldersThatCannotBeUsedAreRefusedUpFront() throws IOException {
        Path file = Files.writeString(tmp.resolve("results"), "a file");
        assertThatThrownBy(() -> RunFolder.open(file, RunFolder.Mode.FRESH))
                .hasMessage("run folder " + file + " is a file, not a folder; choose another --out");
        assertThatThrownBy(() -> RunFolder.open(file.resolve("run"), RunFolder.Mode.FRESH))
                .hasMessageStartingWith("cannot create run folder " + file.resolve("run") + ": ");
        assertThatThrownBy(() -> RunFolder.open(tmp.resolve("never-ran"), RunFolder.Mode.RESUME))
                .hasMessageContaining("does not exist; there is no run to resume there");
        assertThat(Files.exists(tmp.resolve("never-ran"))).isFalse();
    }

    @Test
    void aReadOnlyFolderIsRefusedBeforeAnythingRuns() throws IOException {
        assumeFalse(System.getProperty("user.name").equals("root"), "root may write anywhere");
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "POSIX permissions");
        Path dir = Files.createDirectories(tmp.resolve("readonly"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThatThrownBy(() -> RunFolder.open(dir, RunFolder.Mode.FRESH))
                    .hasMessageStartingWith("run folder " + dir + " is not writable: ");
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
