package org.sciml4j.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The checks every input file passes before it is opened, and input errors in words. A path is checked to be a
 * regular file (a directory is "a directory", a FIFO or device is refused before it is opened, so reading cannot block
 * for ever) no larger than a limit, so that a hostile file is refused at once instead of after minutes of parsing.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * What keeps {@code file} from being read as an input of at most {@code maxBytes} bytes, in words for a user, or
     * null when it may be read.
     *
     * @param file     the path
     * @param maxBytes the largest size accepted
     * @param what     what the file should be, e.g. "a problem file", for the messages
     */
    public static String problem(Path file, long maxBytes, String what) {
        if (Files.isDirectory(file)) {
            return "is a directory, not " + what;
        }
        if (!Files.exists(file)) {
            return "no such file";
        }
        if (!Files.isRegularFile(file)) {
            return "is not a regular file (a device, pipe or socket); give " + what;
        }
        if (!Files.isReadable(file)) {
            return "cannot be read: permission denied";
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return "cannot be read: " + describe(e);
        }
        if (size > maxBytes) {
            return "is " + size + " bytes, more than the limit of " + maxBytes + " bytes for " + what;
        }
        return null;
    }

    /**
     * Refuses an output that must be a {@code .npz} file: a name that does not end in {@code .npz}, or an existing
     * folder. The one rule for every such output (generate's and the farms' {@code --out}, a file's key).
     *
     * @param what names where the path came from, e.g. {@code --out} or {@code spec.yaml: out}
     * @throws IllegalArgumentException naming {@code what} and the path
     */
    public static void requireNpzFile(Path out, String what) {
        if (out.getFileName() == null || !out.getFileName().toString().endsWith(".npz")) {
            throw new IllegalArgumentException(what + " must name a .npz file, got '" + out + "'");
        }
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(what + " " + out + " is a folder; name a .npz file");
        }
    }

    /**
     * What stops a folder from being made at {@code folder} (with its missing parents): the nearest existing path at
     * or above it when that is not a folder; null when the folder exists or can be made there.
     */
    public static Path fileInTheWay(Path folder) {
        for (Path p = folder.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? null : p;
            }
        }
        return null;
    }

    /**
     * {@code cannot read FILE: why}, naming the file once: readers that name the file in their own message (the
     * .npz and safetensors readers do) are not prefixed with it again.
     */
    public static String cannotRead(Path file, IOException e) {
        String why = describe(e);
        for (String name : new String[] {file.toString(), String.valueOf(file.getFileName())}) {
            if (why.startsWith(name + ": ")) {
                why = why.substring(name.length() + 2);
                break;
            }
        }
        return "cannot read " + file + ": " + why;
    }

    /** An I/O error in words, without the exception's class name. */
    public static String describe(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text; is this a binary file (.npy, .npz, .mat)?";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "an input/output error" : m;
    }
}
