package org.sciml4j.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader, or the file system after a crash, sees either the old file or the complete new
 * one, never a partly written file.
 * <p>
 * The content goes to a temporary file in the target's directory (same file system, so the rename below cannot turn
 * into a copy), is flushed to disk, and is then renamed over the target with {@code ATOMIC_MOVE}; where the file
 * system does not support atomic moves it falls back to {@code REPLACE_EXISTING}. If writing fails the temporary
 * file is deleted and the target is untouched. An existing target's POSIX permissions are kept. A symbolic link at
 * the target is replaced by a regular file.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the content of a file to a stream (the stream is buffered; do not close it). */
    @FunctionalInterface
    public interface StreamWriter {
        /** Writes the whole content to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the content of a file to a given path, for libraries that only write by file name. */
    @FunctionalInterface
    public interface PathWriter {
        /** Creates (or overwrites) {@code file} with the whole content. */
        void writeTo(Path file) throws IOException;
    }

    /** Atomically replaces {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Atomically replaces {@code target} with what {@code body} writes to the stream it is given. */
    public static void write(Path target, StreamWriter body) throws IOException {
        writeVia(target, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
                body.writeTo(out);
                out.flush();
            }
        });
    }

    /**
     * Atomically replaces {@code target} with the file {@code body} creates at the temporary path it is given (which
     * does not exist when {@code body} is called).
     */
    public static void writeVia(Path target, PathWriter body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = temporaryPath(dir, abs.getFileName().toString());
        try {
            body.writeTo(tmp);
            // the data must be on disk before the rename makes it visible, or a crash could expose an empty file
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            keepPermissions(abs, tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        syncDirectory(dir);
    }

    /**
     * A temporary file's path in {@code dir} for {@code base}: a hidden name with a random part (no clash with a
     * concurrent writer) ending in {@code .tmp}, which {@link RunFolder} deletes when it opens a folder that a crash
     * left it in. The random part comes from {@link ThreadLocalRandom}: in a fresh JVM {@link Files#createTempFile}
     * (its {@code SecureRandom}) still took 16-17 ms after a plain file had been created.
     */
    static Path temporaryPath(Path dir, String base) {
        String b = base.length() > 200 ? base.substring(0, 200) : base; // file names are limited to 255 bytes
        return dir.resolve("." + b + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    }

    private static void keepPermissions(Path target, Path tmp) {
        try {
            if (Files.isRegularFile(target)) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system, or not allowed: the file keeps the default permissions of a new file
        }
    }

    /** Makes the rename itself durable; possible on Linux and macOS, not on Windows, hence best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            // the file content is safe; only the rename may be lost on a power failure
        }
    }
}
