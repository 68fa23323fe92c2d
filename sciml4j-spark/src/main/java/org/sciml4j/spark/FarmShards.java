package org.sciml4j.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;

/**
 * The shard files of a simulation farm: {@code OUT.shards/shard-00003.npz} beside the output {@code OUT.npz}, each
 * with its arrays and {@code meta} = [from, to, fingerprint, ...]. The fingerprint (CRC-32 of the spec or problem
 * text and the seed) tells a shard of this farm from one left by a farm of another file or seed; a shard file is
 * written atomically, so one that exists is complete.
 */
public final class FarmShards {
    private FarmShards() {
    }

    /** The shard folder of an output file: {@code data/burgers.npz} -> {@code data/burgers.shards}. */
    public static Path folder(Path out) {
        String name = out.getFileName().toString();
        String base = name.endsWith(".npz") ? name.substring(0, name.length() - 4) : name;
        return out.toAbsolutePath().resolveSibling(base + ".shards");
    }

    /** The file of shard {@code index}: {@code shard-00003.npz}. */
    public static Path file(Path folder, int index) {
        return folder.resolve(String.format(Locale.ROOT, "shard-%05d.npz", index));
    }

    /**
     * The ranges of {@code k} shards of n items: shard i holds [floor(i n / k), floor((i + 1) n / k)); k is cut to
     * n so that no shard is empty.
     *
     * @return the shards' bounds, length min(k, n) + 1, from 0 to n
     */
    public static int[] bounds(int n, int k) {
        if (n < 1 || k < 1) {
            throw new IllegalArgumentException("need at least one item and one shard, got " + n + " and " + k);
        }
        int shards = Math.min(k, n);
        int[] b = new int[shards + 1];
        for (int i = 0; i <= shards; i++) {
            b[i] = (int) ((long) i * n / shards);
        }
        return b;
    }

    /** The shards of n items in k pieces (without plans). */
    public static List<FarmShard> ranges(int n, int k) {
        int[] b = bounds(n, k);
        List<FarmShard> s = new ArrayList<>();
        for (int i = 0; i + 1 < b.length; i++) {
            s.add(FarmShard.range(i, b[i], b[i + 1]));
        }
        return s;
    }

    /** The fingerprint of a farm: CRC-32 of the text that describes it and its seed (exact as a double). */
    public static long fingerprint(String text, long seed) {
        CRC32 crc = new CRC32();
        crc.update((text + "\nseed " + seed).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** The {@code meta} array of a shard: [from, to, fingerprint, extra...]. */
    public static Tensor meta(FarmShard shard, long fingerprint, double... extra) {
        double[] m = new double[3 + extra.length];
        m[0] = shard.from();
        m[1] = shard.to();
        m[2] = fingerprint;
        System.arraycopy(extra, 0, m, 3, extra.length);
        return Tensor.vector(m);
    }

    /**
     * The arrays of a shard file made for this shard and fingerprint by an earlier attempt, or null when there is no
     * such file, it was made for another range or farm, or it cannot be read (it is then made again).
     */
    public static Map<String, Tensor> readIfSame(Path file, FarmShard shard, long fingerprint) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Map<String, Tensor> m = Npz.read(file);
            Tensor meta = m.get("meta");
            if (meta == null || meta.numel() < 3) {
                return null;
            }
            double[] v = meta.data();
            return v[0] == shard.from() && v[1] == shard.to() && v[2] == fingerprint ? m : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Removes the shard files and then the folder (only files named {@code shard-*.npz} and Npz's leftovers). */
    public static void remove(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith("shard-") || f.getFileName().toString().startsWith(".")) {
                    Files.deleteIfExists(f);
                }
            }
        }
        try (var left = Files.list(folder)) {
            if (left.findAny().isEmpty()) {
                Files.delete(folder);
            }
        }
    }

    /** Appends the rows of one shard's array to {@code into} at row offset {@code row}; checks the row count. */
    static void copyRows(Tensor part, int rows, double[] into, int row, int rowSize, Path file, String key) {
        if (part == null || part.rank() < 1 || part.size(0) != rows || part.numel() != (long) rows * rowSize) {
            throw new IllegalStateException(file + ": array '" + key + "' should hold " + rows + " rows of "
                    + rowSize + " values, has shape " + (part == null ? "none" : java.util.Arrays.toString(
                    part.shape())));
        }
        System.arraycopy(part.data(), 0, into, row * rowSize, rows * rowSize);
    }
}
