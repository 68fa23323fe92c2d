package org.sciml4j.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.sciml4j.tensor.Tensor;

/**
 * NumPy {@code .npz} archives: a zip file of {@code .npy} arrays, as written by {@code numpy.savez} (members
 * stored) and {@code numpy.savez_compressed} (members deflated).
 * <p>
 * Keys are the member names without the {@code .npy} suffix, as {@code numpy.load} gives them. Each array is read
 * as {@link Npy} reads it, so a member of shape {@code (256, 100)} becomes a tensor of shape {@code (256, 100)}.
 * Every member's CRC-32 is checked, so a damaged archive gives a {@link DataFormatException} rather than wrong
 * numbers.
 */
public final class Npz {
    private Npz() {
    }

    /** Zip's earliest timestamp: written archives do not depend on when they were written. */
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    /** Reads every array of an archive, in archive order, keyed by member name without {@code .npy}. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        return readSome(file, null);
    }

    /**
     * Reads one array of an archive (only that member is decoded); the error names the keys there are when
     * {@code key} is not one of them.
     */
    public static Tensor read(Path file, String key) throws IOException {
        Map<String, Tensor> one = readSome(file, key);
        if (one.isEmpty()) {
            throw new DataFormatException(file.toString(), "key '" + key + "'", "no such array; the archive holds "
                    + readSome(file, "").keySet());
        }
        return one.get(key);
    }

    /** All arrays (only == null), the one named only, or none but all keys with null values (only == ""). */
    /** A low-level failure's message, without its class name (a user reads it). */
    static String reason(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? "the data cannot be decoded" : e.getMessage();
    }

    private static Map<String, Tensor> readSome(Path file, String only) throws IOException {
        String name = file.toString();
        Map<String, Tensor> out = new LinkedHashMap<>();
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException | RuntimeException e) {
            throw new DataFormatException(name, null, "not a readable .npz (zip) archive: " + reason(e)
                    + "; the file is truncated, damaged, or not an archive", e);
        }
        try (zip) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String member = "member '" + e.getName() + "'";
                String key = e.getName().endsWith(".npy")
                        ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                if (out.containsKey(key)) {
                    throw new DataFormatException(name, member, "duplicate key '" + key + "'");
                }
                if (only == null || only.equals(key)) {
                    out.put(key, readMember(zip, e, name, member));
                } else if (only.isEmpty()) {
                    out.put(key, null);
                }
            }
        } catch (ZipException | RuntimeException e) {
            // damaged compressed data, bad local headers, ...: the JDK's messages are short, so say where
            throw new DataFormatException(name, null, "damaged .npz archive: " + reason(e), e);
        }
        return out;
    }

    private static Tensor readMember(ZipFile zip, ZipEntry e, String name, String member) throws IOException {
        try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), new CRC32())) {
            Tensor t;
            try {
                t = Npy.read(new BufferedInputStream(in, 1 << 16), name, member);
                in.transferTo(OutputStream.nullOutputStream()); // the CRC covers all the member's bytes
            } catch (ZipException | java.io.EOFException x) {
                throw new DataFormatException(name, member, "damaged compressed data: " + x.getMessage(), x);
            }
            long crc = in.getChecksum().getValue();
            if (e.getCrc() != -1 && crc != e.getCrc()) {
                throw new DataFormatException(name, member, String.format("CRC-32 mismatch: the archive records"
                        + " %08x, the data gives %08x; the archive is damaged", e.getCrc(), crc));
            }
            return t;
        }
    }

    /**
     * Writes arrays as an archive that {@code numpy.load} reads, atomically (see {@link AtomicFiles}): member
     * {@code key + ".npy"} per entry, in the map's order, deflated if {@code compressed} (like
     * {@code numpy.savez_compressed}), stored otherwise (like {@code numpy.savez}). Members carry the fixed
     * timestamp 1980-01-01 so that the same arrays give the same bytes.
     */
    public static void write(Path file, Map<String, Tensor> arrays, boolean compressed) throws IOException {
        AtomicFiles.write(file, out -> writeTo(out, arrays, compressed));
    }

    /** Writes the archive {@link #write} writes to a stream (finished, not closed). */
    public static void writeTo(OutputStream out, Map<String, Tensor> arrays, boolean compressed) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        for (Map.Entry<String, Tensor> a : arrays.entrySet()) {
            if (a.getKey() == null || a.getKey().isEmpty()) {
                throw new IllegalArgumentException("npz keys must be non-empty names, got '" + a.getKey() + "'");
            }
            byte[] bytes = Npy.toBytes(a.getValue());
            ZipEntry e = new ZipEntry(a.getKey() + ".npy");
            e.setTimeLocal(FIXED_TIME);
            if (compressed) {
                e.setMethod(ZipEntry.DEFLATED);
            } else {
                // stored entries need size and CRC up front
                CRC32 crc = new CRC32();
                crc.update(bytes);
                e.setMethod(ZipEntry.STORED);
                e.setSize(bytes.length);
                e.setCompressedSize(bytes.length);
                e.setCrc(crc.getValue());
            }
            zip.putNextEntry(e);
            zip.write(bytes);
            zip.closeEntry();
        }
        zip.finish();
    }
}
