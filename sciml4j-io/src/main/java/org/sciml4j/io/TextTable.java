package org.sciml4j.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.sciml4j.tensor.Tensor;

/**
 * Numeric text tables: whitespace-, tab- or comma-separated columns of numbers, with an optional header line.
 * <p>
 * Reading rules: lines whose first non-blank character is {@code #} are comments and blank lines are skipped,
 * anywhere. The separator is taken from the first content line: comma if it contains one (fields are trimmed),
 * otherwise runs of spaces and tabs. That first line is a header when any of its fields is not a number (header
 * names may be in double quotes); otherwise all columns are named {@code c0, c1, ...}. Numbers are decimal (also
 * {@code 1.5D-3}, Fortran's exponent), {@code nan}, {@code inf}, {@code infinity} with any case and sign. Every
 * row must have as many fields as the first. Violations give a {@link DataFormatException} naming the file, the
 * line and column, the offending text and a hint. Data to train on is read with {@link #readData(Path)}, which
 * also refuses non-finite cells and a table without data rows.
 */
public final class TextTable {
    /** Characters of a table's text encoded at a time when it is written. */
    private static final int TEXT_BLOCK = 1 << 16;

    private TextTable() {
    }

    /**
     * A table: column names and the values as a tensor of shape {@code (rows, cols)}.
     *
     * @param columns the column names, {@code cols} of them
     * @param values  the numbers, shape {@code (rows, cols)}, row-major
     */
    public record Table(List<String> columns, Tensor values) {
        /** Checks that there is a name per column and copies the names. */
        public Table {
            columns = List.copyOf(columns);
            if (values.rank() != 2 || values.size(1) != columns.size()) {
                throw new IllegalArgumentException("a table needs values of shape (rows, " + columns.size()
                        + ") for " + columns.size() + " column names, got " + Codec.shapeString(values.shape()));
            }
        }

        /** Number of rows. */
        public int rows() {
            return values.size(0);
        }

        /** The column called {@code name}, shape {@code (rows,)}. */
        public Tensor column(String name) {
            int j = columns.indexOf(name);
            if (j < 0) {
                throw new IllegalArgumentException("no column '" + name + "'; the columns are " + columns);
            }
            return column(j);
        }

        /** Column {@code j} (from 0), shape {@code (rows,)}. */
        public Tensor column(int j) {
            int c = columns.size();
            if (j < 0 || j >= c) {
                throw new IndexOutOfBoundsException("column " + j + " of a table with " + c + " columns");
            }
            double[] v = values.data();
            double[] out = new double[rows()];
            for (int i = 0; i < out.length; i++) {
                out[i] = v[i * c + j];
            }
            return Tensor.wrap(out, out.length);
        }
    }

    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eEdD][+-]?\\d+)?");
    private static final Pattern SPECIAL = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");
    private static final String NUMBER_HINT = "numbers must be plain decimals like -1.25e-3 (a '.' as decimal"
            + " point, no thousands separators); every field below the header must be a number";

    /** Reads a table from a UTF-8 file. */
    public static Table read(Path file) throws IOException {
        return read(file, false);
    }

    /**
     * Reads a table of data to train on from a UTF-8 file: as {@link #read(Path)}, but a {@code nan} or infinite
     * cell, or a table without data rows, is refused with a {@link DataFormatException} naming the line and column.
     */
    public static Table readData(Path file) throws IOException {
        return read(file, true);
    }

    private static Table read(Path file, boolean finiteRows) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString(), finiteRows);
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file.toString(), null, "not UTF-8 text; a text table must be UTF-8 or"
                    + " ASCII: is this a binary file (.npy, .npz, .mat)? Those are given by their own extension", e);
        }
    }

    /** Reads a table from characters; {@code nameForMessages} names the source in error messages. */
    public static Table read(Reader reader, String nameForMessages) throws IOException {
        return read(reader, nameForMessages, false);
    }

    /** Reads a table of data to train on from characters, as {@link #readData(Path)}. */
    public static Table readData(Reader reader, String nameForMessages) throws IOException {
        return read(reader, nameForMessages, true);
    }

    private static Table read(Reader reader, String nameForMessages, boolean finiteRows) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> columns = null;
        Boolean comma = null;
        int cols = -1;
        int firstLine = 0;
        double[] data = new double[1024];
        int n = 0;
        String line;
        int lineNo = 0;
        List<Field> fields = new ArrayList<>();
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // byte order mark
            }
            String t = line.strip();
            if (t.isEmpty() || t.charAt(0) == '#') {
                continue;
            }
            refuseBinary(line, lineNo, nameForMessages);
            if (comma == null) {
                comma = line.indexOf(',') >= 0;
            }
            split(line, comma, fields);
            if (cols < 0) {
                cols = fields.size();
                firstLine = lineNo;
                if (fields.stream().anyMatch(f -> !isNumber(f.text))) {
                    columns = header(fields, nameForMessages, lineNo);
                    continue;
                }
                columns = new ArrayList<>();
                for (int j = 0; j < cols; j++) {
                    columns.add("c" + j);
                }
            }
            if (fields.size() != cols) {
                int col = Math.min(fields.size(), cols) + 1;
                throw new DataFormatException(nameForMessages, "line " + lineNo + ", column " + col, "expected "
                        + cols + " columns (as on line " + firstLine + "), found " + fields.size() + ": '"
                        + shorten(line) + "'; hint: every row needs the same number of fields as the first content"
                        + " line; look for a missing value or an extra separator");
            }
            if (n + cols > data.length) {
                data = Arrays.copyOf(data, Math.max(n + cols, (int) Math.min(Integer.MAX_VALUE - 8, 2L
                        * data.length)));
            }
            for (int j = 0; j < cols; j++) {
                Field f = fields.get(j);
                Double v = parse(f.text);
                if (v == null) {
                    throw new DataFormatException(nameForMessages, "line " + lineNo + ", column " + (j + 1)
                            + " (character " + (f.start + 1) + ")", "expected a number, found '" + f.text + "';"
                            + " hint: " + NUMBER_HINT + (f.text.isEmpty() ? " (this field is empty)" : ""));
                }
                if (finiteRows && !Double.isFinite(v)) {
                    throw new DataFormatException(nameForMessages, "line " + lineNo + ", column " + (j + 1)
                            + " (character " + (f.start + 1) + ")", "'" + f.text + "' is not a finite number;"
                            + " data to train on must be finite: remove the row or fill in the value");
                }
                data[n++] = v;
            }
        }
        if (cols < 0) {
            throw new DataFormatException(nameForMessages, null, "no header and no data rows: expected a numeric"
                    + " table, found only blank or comment lines");
        }
        int rows = n / cols;
        if (finiteRows && rows == 0) {
            throw new DataFormatException(nameForMessages, null, "a header (line " + firstLine + ") and no data"
                    + " rows: data to train on needs at least one row of numbers");
        }
        return new Table(columns, Tensor.wrap(Arrays.copyOf(data, n), rows, cols));
    }

    /** A NUL character: a binary file that happened to decode as UTF-8. */
    private static void refuseBinary(String line, int lineNo, String name) throws DataFormatException {
        int nul = line.indexOf('\0');
        if (nul >= 0) {
            throw new DataFormatException(name, "line " + lineNo + ", column " + (nul + 1), "a NUL character: this"
                    + " is a binary file, not a text table (.npy, .npz and .mat files are given by their own"
                    + " extension)");
        }
    }

    private static List<String> header(List<Field> fields, String name, int lineNo) throws DataFormatException {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < fields.size(); j++) {
            String s = fields.get(j).text;
            if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
                s = s.substring(1, s.length() - 1);
            }
            if (!seen.add(s)) {
                throw new DataFormatException(name, "line " + lineNo + ", column " + (j + 1), "the header names"
                        + " the column '" + s + "' twice; hint: column names must be unique");
            }
            names.add(s);
        }
        return names;
    }

    private record Field(String text, int start) {
    }

    private static void split(String line, boolean comma, List<Field> out) {
        out.clear();
        int len = line.length();
        if (comma) {
            int start = 0;
            for (int i = 0; i <= len; i++) {
                if (i == len || line.charAt(i) == ',') {
                    int a = start;
                    int b = i;
                    while (a < b && Character.isWhitespace(line.charAt(a))) {
                        a++;
                    }
                    while (b > a && Character.isWhitespace(line.charAt(b - 1))) {
                        b--;
                    }
                    out.add(new Field(line.substring(a, b), a));
                    start = i + 1;
                }
            }
            return;
        }
        int i = 0;
        while (i < len) {
            while (i < len && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < len && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(new Field(line.substring(start, i), start));
            }
        }
    }

    private static boolean isNumber(String s) {
        return parse(s) != null;
    }

    /** The value of a number field, or null if it is not one. */
    private static Double parse(String s) {
        if (DECIMAL.matcher(s).matches()) {
            // Java would also take "1d", hex and "Infinity"; the pattern admits only decimals, D as exponent
            return Double.parseDouble(s.replace('d', 'e').replace('D', 'e'));
        }
        if (SPECIAL.matcher(s).matches()) {
            String l = s.toLowerCase();
            return l.endsWith("nan") ? Double.NaN
                    : l.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return null;
    }

    private static String shorten(String line) {
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }

    /**
     * Writes a table of shape {@code (rows, cols)} (a vector of shape {@code (rows,)} is one column), tab-separated
     * with {@code \n} line ends, each number in the shortest form that reads back to the same double
     * ({@link ShortestDecimal}, in {@link Double#toString(double)}'s layout), atomically (see {@link AtomicFiles}).
     * {@code header} may be null or empty for none; otherwise it needs one name per column, without tabs or line
     * breaks, and not all numeric (or reading would take it for data).
     */
    public static void write(Path file, List<String> header, Tensor values) throws IOException {
        Tensor v = values.rank() == 1 ? values.reshape(values.size(0), 1) : values;
        if (v.rank() != 2) {
            throw new IllegalArgumentException("a text table needs a tensor of shape (rows, cols) or (rows,), got "
                    + Codec.shapeString(values.shape()));
        }
        int rows = v.size(0);
        int cols = v.size(1);
        boolean hasHeader = header != null && !header.isEmpty();
        if (hasHeader) {
            if (header.size() != cols) {
                throw new IllegalArgumentException("header has " + header.size() + " names for " + cols
                        + " columns");
            }
            boolean allNumeric = true;
            for (String h : header) {
                if (h == null || h.isEmpty() || h.chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\r')
                        || !h.equals(h.strip()) || h.startsWith("#")) {
                    throw new IllegalArgumentException("header name '" + h + "' cannot be written: names must be"
                            + " non-empty, without tabs, line breaks, surrounding spaces or a leading '#'");
                }
                allNumeric &= isNumber(h);
            }
            if (allNumeric) {
                throw new IllegalArgumentException("header " + header + " is all numbers; reading the file back"
                        + " would take it for a data row");
            }
        }
        double[] d = v.data();
        AtomicFiles.write(file, out -> {
            // rows gathered into blocks of text, each encoded at once: a character encoder called per row (a
            // Writer's) cost most of a 1000-row loss table's first write, run by the interpreter
            StringBuilder b = new StringBuilder(TEXT_BLOCK + 1024);
            if (hasHeader) {
                b.append(String.join("\t", header)).append('\n');
            }
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    ShortestDecimal.append(j > 0 ? b.append('\t') : b, d[i * cols + j]);
                }
                b.append('\n');
                if (b.length() >= TEXT_BLOCK) {
                    out.write(b.toString().getBytes(StandardCharsets.UTF_8));
                    b.setLength(0);
                }
            }
            if (b.length() > 0) {
                out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            }
        });
    }
}
