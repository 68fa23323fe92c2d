package org.sciml4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.CRC32;

import org.sciml4j.tensor.Tensor;

/**
 * A run's checkpoint: the named float64 tensors of one moment of a run (model, optimiser states, RNG states, point
 * sets, loss history: any shapes, scalars of shape {@code ()} included) and string metadata, in the safetensors file
 * {@value #FILE} of the run folder.
 * <p>
 * Writing is atomic ({@link SafeTensors#write} goes through {@link AtomicFiles}): a crash during a write leaves the
 * previous checkpoint whole, plus a {@code *.tmp} file that {@link RunFolder#open} deletes. The metadata carries the
 * format version ({@value #FORMAT} = {@value #VERSION}) and a CRC-32 of the tensors ({@value #CHECKSUM}), so that
 * reading refuses a missing, truncated or damaged file, or one of another version, saying which.
 */
public final class Checkpoints {
    /** The checkpoint's file name in the run folder. */
    public static final String FILE = "checkpoint.safetensors";
    /** Metadata key of the format version. */
    public static final String FORMAT = "sciml4j.checkpoint.format";
    /** Metadata key of the CRC-32 of the tensors (names, shapes and values, in name order). */
    public static final String CHECKSUM = "sciml4j.checkpoint.crc32";
    /** The format version written and read. */
    public static final int VERSION = 1;

    private Checkpoints() {
    }

    /** The checkpoint file of a run folder. */
    public static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    /** Whether the run folder holds a checkpoint file (which {@link #read} may still find damaged). */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(file(dir));
    }

    /**
     * Writes (atomically replaces) the checkpoint of a run folder.
     *
     * @param dir      the run folder, which must exist
     * @param tensors  the tensors by name, any shapes
     * @param metadata strings to keep with them; the keys {@value #FORMAT} and {@value #CHECKSUM} are this class's
     * @throws IllegalArgumentException if {@code metadata} uses a key of this class
     */
    public static void write(Path dir, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata");
        for (String reserved : new String[] {FORMAT, CHECKSUM}) {
            if (metadata.containsKey(reserved)) {
                throw new IllegalArgumentException("checkpoint metadata key '" + reserved
                        + "' is written by Checkpoints itself; choose another key");
            }
        }
        Map<String, String> all = new LinkedHashMap<>(metadata);
        all.put(FORMAT, Integer.toString(VERSION));
        all.put(CHECKSUM, checksum(tensors));
        SafeTensors.write(file(dir), tensors, all);
    }

    /**
     * Reads the checkpoint of a run folder.
     *
     * @return the tensors and the metadata given to {@link #write} (without the keys of this class)
     * @throws NoSuchFileException  if the folder has no checkpoint
     * @throws DataFormatException  if the file is truncated or damaged, or of another format version, naming it
     */
    public static SafeTensors.Content read(Path dir) throws IOException {
        Path file = file(dir);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    "no checkpoint here (" + FILE + " is missing): there is no run to resume in " + dir);
        }
        SafeTensors.Content content = SafeTensors.read(file);
        Map<String, String> metadata = new LinkedHashMap<>(content.metadata());
        String version = metadata.remove(FORMAT);
        if (version == null) {
            throw new DataFormatException(file.toString(), null, "not a sciml4j checkpoint: its metadata has no "
                    + FORMAT);
        }
        if (!version.equals(Integer.toString(VERSION))) {
            throw new DataFormatException(file.toString(), FORMAT, "checkpoint format version " + version
                    + "; this sciml4j reads version " + VERSION);
        }
        String stored = metadata.remove(CHECKSUM);
        String computed = checksum(content.tensors());
        if (!computed.equals(stored)) {
            throw new DataFormatException(file.toString(), CHECKSUM, "the tensors do not match their checksum"
                    + " (stored " + stored + ", computed " + computed + "); the file is damaged");
        }
        return new SafeTensors.Content(content.tensors(), metadata);
    }

    /** CRC-32 over the tensors in name order: each name, its shape and its values' bits, as 8 hex digits. */
    static String checksum(Map<String, Tensor> tensors) {
        CRC32 crc = new CRC32();
        ByteBuffer buf = ByteBuffer.allocate(8 * CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<String, Tensor> e : new TreeMap<>(tensors).entrySet()) {
            crc.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            Tensor t = e.getValue();
            for (int size : t.shape()) {
                crc.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, size));
            }
            double[] data = t.data();
            for (int off = 0; off < data.length; off += CHUNK) {
                int n = Math.min(CHUNK, data.length - off);
                // the values' bits in bulk, then every NaN as one NaN, whatever its payload (doubleToLongBits)
                buf.clear();
                buf.asDoubleBuffer().put(data, off, n);
                for (int i = 0; i < n; i++) {
                    if (data[off + i] != data[off + i]) {
                        buf.putLong(8 * i, Double.doubleToLongBits(Double.NaN));
                    }
                }
                crc.update(buf.limit(8 * n));
            }
        }
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }

    /** Values per block of the checksum's buffer. */
    private static final int CHUNK = 1 << 10;
}
