package org.sciml4j.io;

import java.io.IOException;

/**
 * A file that cannot be read because its content is not what its format requires: corrupt, truncated, of an
 * unsupported variant, or with values that do not fit the declared layout.
 * <p>
 * The message names the file, the entry inside it (an npz member, a MAT variable, a safetensors tensor, a line and
 * column of a text table) and what was expected against what was found, e.g.
 * {@code Burgers.npz, member 'usol.npy': truncated data: expected 204800 bytes for shape (256, 100) of <f8, found
 * 1000}. {@link #file()} and {@link #entry()} give the first two parts separately.
 */
public class DataFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String entry;

    /**
     * An error in {@code file} (may be null when reading a stream that has no name), at {@code entry} (null when the
     * problem concerns the whole file), described by {@code detail} (what was expected, what was found).
     */
    public DataFormatException(String file, String entry, String detail) {
        this(file, entry, detail, null);
    }

    /** As {@link #DataFormatException(String, String, String)}, with the lower-level exception that revealed it. */
    public DataFormatException(String file, String entry, String detail, Throwable cause) {
        super(compose(file, entry, detail), cause);
        this.file = file;
        this.entry = entry;
    }

    private static String compose(String file, String entry, String detail) {
        StringBuilder b = new StringBuilder();
        if (file != null) {
            b.append(file).append(": ");
        }
        if (entry != null) {
            b.append(entry).append(": ");
        }
        return b.append(detail).toString();
    }

    /** The file (or stream name) the error is in; null if it has none. */
    public String file() {
        return file;
    }

    /** The entry inside the file (member, variable, tensor, line and column); null for the file as a whole. */
    public String entry() {
        return entry;
    }
}
