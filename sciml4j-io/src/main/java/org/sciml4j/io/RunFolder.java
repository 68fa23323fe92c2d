package org.sciml4j.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's output folder, held for writing by one run at a time.
 * <p>
 * {@link #open} creates the folder if needed, checks that files can be created in it, and locks it: a file
 * {@value #LOCK_FILE} holding the process id and host of the holder, locked with {@link FileChannel#tryLock()}. The
 * operating system releases such a lock when its process ends, so the folder of a crashed run is free again without
 * anyone deleting the lock file; the lock file is therefore never deleted (deleting it would let two processes lock
 * two different files of the same name). File locks are held per JVM, so a registry of the folders held in this JVM
 * refuses a second open from the same program too.
 * <p>
 * Once locked, temporary files left by an interrupted atomic write ({@code *.tmp} at the top level of the folder,
 * where {@link AtomicFiles} writes them) are deleted, and for a {@link Mode#FRESH fresh} run the results of an
 * earlier run (see {@link #isResult}) are moved into {@value #PREVIOUS}/, replacing the results there, so that the
 * folder never looks finished with results of two runs. A {@link Mode#RESUME resumed} run keeps them.
 */
public final class RunFolder implements Closeable {
    /** The lock file's name. */
    public static final String LOCK_FILE = ".lock";
    /** The subfolder that receives the results of an earlier run when a fresh run starts. */
    public static final String PREVIOUS = "previous";
    /** Result files by exact name; {@code *.png} and {@code checkpoint*} are results as well. */
    private static final Set<String> RESULT_NAMES = Set.of("problem.yaml", "summary.json", "loss.tsv",
            "model.safetensors", "prediction.tsv");
    /** The folders held in this JVM, by real path. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    /** How a run uses its folder. */
    public enum Mode {
        /** A new run: earlier results are moved into {@value RunFolder#PREVIOUS}/. */
        FRESH,
        /** A run that continues from the folder's checkpoint: the folder must exist, and its results stay. */
        RESUME
    }

    /** Refused because another run holds the folder. */
    public static final class InUseException extends IOException {
        private static final long serialVersionUID = 1L;

        InUseException(String message) {
            super(message);
        }
    }

    private final Path dir;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private final List<String> movedAside;
    private boolean closed;

    private RunFolder(Path dir, Path key, FileChannel channel, FileLock lock, List<String> movedAside) {
        this.dir = dir;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
        this.movedAside = movedAside;
    }

    /**
     * Refuses a name that is not a plain file name: empty, {@code .} or {@code ..}, or holding a path separator or a
     * control character.
     *
     * @param name the name, for example of a problem, used to name a run folder
     * @param what what the name names, for the message (for example "problem name")
     * @return {@code name}
     * @throws IllegalArgumentException naming the name and what is wrong with it
     */
    public static String checkName(String name, String what) {
        Objects.requireNonNull(name, what);
        String problem = null;
        if (name.isEmpty()) {
            problem = "is empty";
        } else if (name.equals(".") || name.equals("..")) {
            problem = "is '" + name + "', which names a folder, not a file";
        } else if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            problem = "holds a path separator";
        } else if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            problem = "holds a control character";
        }
        if (problem != null) {
            throw new IllegalArgumentException(what + " '" + name.replaceAll("\\p{Cntrl}", "?") + "' " + problem
                    + "; use a plain name (letters, digits, '-', '_', '.')");
        }
        return name;
    }

    /** {@code parent/name} after {@link #checkName checking} the name. */
    public static Path under(Path parent, String name, String what) {
        return parent.resolve(checkName(name, what));
    }

    /** Whether a file of this name is a run's result: a known name, {@code *.png} or {@code checkpoint*}. */
    public static boolean isResult(String fileName) {
        return RESULT_NAMES.contains(fileName) || fileName.endsWith(".png") || fileName.startsWith("checkpoint");
    }

    /**
     * Opens a run folder for writing; see the class comment for what is checked and cleaned.
     *
     * @param folder the folder (created with its parents for a fresh run)
     * @param mode   whether the run is fresh or resumed
     * @throws IllegalArgumentException if {@code folder} is the empty path
     * @throws InUseException           if another run, in this or another process, holds the folder
     * @throws IOException              if the folder cannot be created or written, naming it
     */
    public static RunFolder open(Path folder, Mode mode) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(mode, "mode");
        if (folder.toString().isBlank()) {
            throw new IllegalArgumentException("the run folder is empty; give a folder name");
        }
        prepare(folder, mode);
        Path key = folder.toRealPath();
        if (!HELD.add(key)) {
            throw inUse(folder, holder(), mode);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw inUse(folder, readHolder(channel), mode);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((holder() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            deleteTemporaryFiles(folder);
            List<String> moved = mode == Mode.FRESH ? moveResultsAside(folder) : List.of();
            return new RunFolder(folder, key, channel, lock, moved);
        } catch (IOException | RuntimeException | Error e) {
            HELD.remove(key);
            if (channel != null) {
                try {
                    channel.close(); // releases the lock if it was taken
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** Creates (fresh) or requires (resume) the folder and checks that files can be created in it. */
    private static void prepare(Path folder, Mode mode) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IOException("run folder " + folder + " is a file, not a folder; choose another --out");
        }
        if (mode == Mode.RESUME && !Files.isDirectory(folder)) {
            throw new IOException("run folder " + folder + " does not exist; there is no run to resume there");
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IOException("cannot create run folder " + folder + ": " + InputFiles.describe(e), e);
        }
        try {
            // a real file, because permission bits do not tell (root, ACLs, read-only mounts); a temporary file's
            // name, so that a crash right here leaves a file the next open deletes
            Path probe = AtomicFiles.temporaryPath(folder, "write-check");
            Files.createFile(probe);
            Files.deleteIfExists(probe);
        } catch (IOException e) {
            throw new IOException("run folder " + folder + " is not writable: " + InputFiles.describe(e)
                    + "; choose another --out", e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held in this JVM by a channel the registry does not know of
        }
    }

    private static InUseException inUse(Path folder, String holder, Mode mode) {
        return new InUseException("run folder " + folder + " is in use by " + holder + (mode == Mode.FRESH
                ? "; wait for it or choose another --out" : "; wait for it to end, then resume"));
    }

    /** This process, as the lock file names it: {@code process PID on host HOST}. */
    private static String holder() {
        return "process " + ProcessHandle.current().pid() + " on host " + hostName();
    }

    private static String hostName() {
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String h = System.getenv(variable);
            if (h != null && !h.isBlank()) {
                return h.strip();
            }
        }
        try {
            // Linux's own record of the name: no name lookup, which a badly configured resolver can stall for seconds
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                String h = Files.readString(kernel).strip();
                if (!h.isEmpty()) {
                    return h;
                }
            }
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The holder named in a locked lock file, or "another process" when it cannot be read (yet). */
    private static String readHolder(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(512);
            channel.read(buf, 0);
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
            return text.startsWith("process ") ? text : "another process";
        } catch (IOException e) {
            return "another process"; // Windows refuses to read a locked region
        }
    }

    /** Deletes the {@code *.tmp} files at the top level of the folder. */
    private static void deleteTemporaryFiles(Path folder) throws IOException {
        for (Path p : regularFiles(folder)) {
            if (p.getFileName().toString().endsWith(".tmp")) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Moves the results into previous/ after deleting the results already there; returns the names moved. */
    private static List<String> moveResultsAside(Path folder) throws IOException {
        List<Path> results = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                boolean plain = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
                if (!plain && RESULT_NAMES.contains(name)) { // found now, not when the training's results are written
                    throw new IOException(p + " is in the way of the result file of that name (it is not a plain"
                            + " file); remove or rename it, or choose another --out");
                }
                if (plain && isResult(name)) {
                    results.add(p);
                }
            }
        }
        if (results.isEmpty()) {
            return List.of();
        }
        Path previous = folder.resolve(PREVIOUS);
        if (Files.isDirectory(previous, LinkOption.NOFOLLOW_LINKS)) {
            for (Path p : regularFiles(previous)) {
                if (isResult(p.getFileName().toString())) {
                    Files.delete(p);
                }
            }
        } else if (Files.exists(previous, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot move the earlier results aside: " + previous + " is not a folder; remove"
                    + " or rename it, or choose another --out");
        } else {
            Files.createDirectory(previous);
        }
        List<String> moved = new ArrayList<>();
        for (Path p : results) {
            Files.move(p, previous.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            moved.add(p.getFileName().toString());
        }
        Collections.sort(moved);
        return Collections.unmodifiableList(moved);
    }

    private static List<Path> regularFiles(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(p);
                }
            }
        }
        return files;
    }

    /** The folder. */
    public Path path() {
        return dir;
    }

    /** The file {@code name} in the folder, after {@link #checkName checking} the name. */
    public Path file(String name) {
        return under(dir, name, "file name");
    }

    /** The names of the earlier run's results that {@link #open} moved into {@value #PREVIOUS}/, sorted. */
    public List<String> movedAside() {
        return movedAside;
    }

    /** Empties the lock file and releases the folder; further calls do nothing. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (FileChannel c = channel) {
            if (lock.isValid()) {
                c.truncate(0); // a released lock file names no holder
            }
        } finally {
            HELD.remove(key);
        }
    }
}
