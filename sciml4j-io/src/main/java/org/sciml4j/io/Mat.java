package org.sciml4j.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.sciml4j.tensor.Tensor;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Source;
import us.hebi.matlab.mat.types.Sparse;
import us.hebi.matlab.mat.types.Sources;

/**
 * MATLAB {@code .mat} files: level 5 (v5, and v7, which is v5 with compressed variables) through mfl-core, and v7.3
 * (an HDF5 file behind a 512-byte header) through jHDF.
 * <p>
 * Numeric variables (double, single, integer and logical arrays, and sparse matrices in v5 files, made dense)
 * become float64 tensors of the same shape as in MATLAB: a 3x4 MATLAB matrix gives a tensor of shape
 * {@code (3, 4)} with {@code t.get(i, j) == A(i+1, j+1)}; MATLAB's column-major order is converted to the row-major
 * order of {@link Tensor}. MATLAB arrays have at least two dimensions, so a scalar gives shape {@code (1, 1)} and a
 * row vector {@code (1, n)}.
 * <p>
 * v7.3 convention: MATLAB stores an array of size {@code d1 x d2 x ... x dn} as an HDF5 dataset whose dimensions
 * are reversed, {@code (dn, ..., d2, d1)}, in C order, which is the same sequence of numbers as the column-major
 * layout. This reader therefore gives every HDF5 dataset the reversed dimensions of the dataset and reorders the
 * data accordingly; for a plain HDF5 file not written by MATLAB this is the transpose of what h5py shows.
 * <p>
 * Variables that are not numeric arrays (struct, cell, char, function handles, objects, complex arrays, and in
 * v7.3 files also sparse matrices) are skipped by {@link #read(Path)}; asking for one with
 * {@link #read(Path, String)} gives a {@link DataFormatException} that says what it is.
 */
public final class Mat {
    private Mat() {
    }

    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};
    private static final Set<String> NUMERIC_CLASSES = Set.of("double", "single", "int8", "uint8", "int16",
            "uint16", "int32", "uint32", "int64", "uint64", "logical");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
    /** Stands for a numeric variable when only names are listed. */
    private static final Object NUMERIC = new Object();
    private static final Set<MatlabType> NUMERIC_TYPES = EnumSet.of(MatlabType.Double, MatlabType.Single,
            MatlabType.Int8, MatlabType.UInt8, MatlabType.Int16, MatlabType.UInt16, MatlabType.Int32,
            MatlabType.UInt32, MatlabType.Int64, MatlabType.UInt64, MatlabType.Sparse);

    /** Reads every numeric variable, in file order, as tensors of the variables' MATLAB shapes. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        Map<String, Object> all = readAll(file, null);
        Map<String, Tensor> out = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (v instanceof Tensor t) {
                out.put(k, t);
            }
        });
        return out;
    }

    /**
     * Reads one numeric variable as a tensor of its MATLAB shape. If there is no such variable the error lists the
     * variables there are; if it is not numeric the error says what it is.
     */
    public static Tensor read(Path file, String variable) throws IOException {
        Map<String, Object> all = readAll(file, variable);
        Object v = all.get(variable);
        if (v instanceof Tensor t) {
            return t;
        }
        String where = "variable '" + variable + "'";
        if (v != null) {
            throw new DataFormatException(file.toString(), where, "is " + v + ", not a real numeric array; only"
                    + " double, single, integer and logical arrays can be read as tensors");
        }
        Map<String, Object> names = readAll(file, "");
        throw new DataFormatException(file.toString(), where, "no such variable; the file holds " + (names.isEmpty()
                ? "no variables" : describe(names)));
    }

    private static String describe(Map<String, Object> vars) {
        List<String> s = new ArrayList<>();
        vars.forEach((k, v) -> s.add(k + (v instanceof String what ? " (" + what + ", not numeric)" : "")));
        return String.join(", ", s);
    }

    /**
     * Variables by name: a Tensor for numeric ones, a String saying what it is for the rest. {@code only == null}:
     * all; {@code only == ""}: names only (values are descriptions, no data decoded); else only that variable.
     */
    private static Map<String, Object> readAll(Path file, String only) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(1024);
        }
        String name = file.toString();
        if (isHdf5(head)) {
            try {
                return readHdf5(file, only);
            } catch (RuntimeException e) {
                throw new DataFormatException(name, null, "damaged MATLAB v7.3 (HDF5) file: " + Npz.reason(e), e);
            }
        }
        if (head.length < 128) {
            throw new DataFormatException(name, null, "not a MAT-file: expected a 128-byte header, found "
                    + head.length + " bytes");
        }
        String endian = new String(head, 126, 2, StandardCharsets.ISO_8859_1);
        String text = new String(head, 0, 116, StandardCharsets.ISO_8859_1).strip();
        if (text.startsWith("MATLAB 7.3")) {
            throw new DataFormatException(name, null, "the header says MATLAB 7.3 but no HDF5 superblock follows at"
                    + " byte 512; the file is truncated or damaged");
        }
        if (!endian.equals("IM") && !endian.equals("MI")) {
            throw new DataFormatException(name, null, "not a MATLAB v5/v7/v7.3 MAT-file: expected the endian"
                    + " indicator 'IM' or 'MI' at byte 126, found '" + printable(endian) + "' (MATLAB v4 files are not"
                    + " supported)");
        }
        return readV5(file, only);
    }

    private static boolean isHdf5(byte[] head) {
        // HDF5 puts its superblock at 0, 512, 1024, ...; MATLAB v7.3 at 512, behind its text header
        for (int off = 0; off + HDF5_SIGNATURE.length <= head.length; off = off == 0 ? 512 : off * 2) {
            boolean match = true;
            for (int i = 0; i < HDF5_SIGNATURE.length && match; i++) {
                match = head[off + i] == HDF5_SIGNATURE[i];
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return b.toString();
    }

    // ================================================================== v5 / v7

    private static Map<String, Object> readV5(Path file, String only) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        String[] current = {null}; // the variable being read, for error messages
        try (Source src = Sources.openFile(file.toFile())) {
            // the filter sees each variable's header before its data: note the name, and decode only the
            // variable asked for (none when only names are wanted, recording what each variable is)
            var reader = Mat5.newReader(src).setEntryFilter(h -> {
                current[0] = h.getName();
                if ("".equals(only)) {
                    out.put(h.getName(), NUMERIC_TYPES.contains(h.getType()) && !h.isComplex() ? NUMERIC
                            : kind(h.getType().toString(), h.isComplex()));
                }
                return only == null || h.getName().equals(only);
            });
            try (Mat5File mat = reader.readMat()) {
                for (MatFile.Entry e : mat.getEntries()) {
                    out.put(e.getName(), convert(e.getValue()));
                }
            }
        } catch (IOException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            // the filter saw the header of current[0]; the damage is in that variable or the next one's header
            String entry = current[0] == null ? "first variable" : "at or after variable '" + current[0] + "'";
            boolean truncated = root instanceof EOFException || root instanceof BufferUnderflowException
                    || root instanceof IndexOutOfBoundsException;
            throw new DataFormatException(file.toString(), entry, truncated
                    ? "truncated: the file (" + Files.size(file) + " bytes) ends inside a variable's data"
                    : "damaged MATLAB v5/v7 file: " + root, e);
        }
        return out;
    }

    private static String kind(String type, boolean complex) {
        return complex ? "a complex " + type + " array" : "a MATLAB " + type;
    }

    private static Object convert(us.hebi.matlab.mat.types.Array a) {
        if (!(a instanceof Matrix m) || m.isComplex()) {
            return kind(a.getType().toString(), a instanceof Matrix);
        }
        int[] dims = m.getDimensions();
        double[] col = new double[m.getNumElements()];
        if (m instanceof Sparse sp) {
            // mfl's linear index on sparse matrices counts stored entries, so fill a dense array from them
            int rows = dims[0];
            Arrays.fill(col, sp.getDefaultValue());
            sp.forEach((row, c, real, imag) -> col[c * rows + row] = real);
        } else {
            for (int i = 0; i < col.length; i++) {
                col[i] = m.getDouble(i);
            }
        }
        return Tensor.wrap(Codec.reorder(col, dims, false), dims);
    }

    // ================================================================== v7.3

    private static Map<String, Object> readHdf5(Path file, String only) {
        Map<String, Object> out = new LinkedHashMap<>();
        try (HdfFile h = new HdfFile(file)) {
            for (Node node : h) {
                String name = node.getName();
                if (name.startsWith("#")) {
                    continue; // MATLAB's internal groups: #refs# (cell and struct contents), #subsystem#
                }
                if (only == null || only.equals(name)) {
                    out.put(name, convert(node, !"".equals(only)));
                } else if (only.isEmpty()) {
                    out.put(name, convert(node, false));
                }
            }
        }
        return out;
    }

    private static Object convert(Node node, boolean decode) {
        String cls = stringAttribute(node, "MATLAB_class");
        if (node.isGroup()) {
            return node.getAttribute("MATLAB_sparse") != null ? "a sparse " + cls + " matrix (v7.3 sparse is not"
                    + " supported)" : "a MATLAB " + (cls == null ? "group" : cls);
        }
        if (!(node instanceof Dataset d)) {
            return "an HDF5 " + node.getType();
        }
        if (cls != null && !NUMERIC_CLASSES.contains(cls)) {
            return "a MATLAB " + cls;
        }
        if (d.isCompound()) {
            return "a complex " + (cls == null ? "" : cls + " ") + "array";
        }
        if (!isNumeric(d.getJavaType())) {
            return "an HDF5 dataset of " + d.getJavaType().getSimpleName();
        }
        if (!decode) {
            return NUMERIC;
        }
        Object flat = d.getDataFlat();
        if (!flat.getClass().isArray()) {
            flat = new Object[] {flat}; // a scalar dataspace
        }
        double[] data = toDoubles(flat);
        Attribute empty = node.getAttribute("MATLAB_empty");
        if (empty != null && first(empty.getData()) instanceof Number e && e.intValue() != 0) {
            // an empty MATLAB array is stored as its dimensions, not as data
            int[] dims = new int[data.length];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = (int) data[i];
            }
            return Tensor.zeros(dims);
        }
        int[] hdf = d.getDimensions();
        int[] dims = new int[hdf.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = hdf[hdf.length - 1 - i];
        }
        return Tensor.wrap(Codec.reorder(data, dims, false), dims);
    }

    private static String stringAttribute(Node node, String name) {
        Attribute a = node.getAttribute(name);
        return a != null && first(a.getData()) instanceof String s ? s : null;
    }

    /** A scalar attribute value, or the first element of an array value. */
    private static Object first(Object v) {
        return v != null && v.getClass().isArray() ? (Array.getLength(v) > 0 ? Array.get(v, 0) : null) : v;
    }

    private static boolean isNumeric(Class<?> c) {
        return c == double.class || c == float.class || c == long.class || c == int.class || c == short.class
                || c == byte.class || c == boolean.class || c == Boolean.class || Number.class.isAssignableFrom(c);
    }

    private static double[] toDoubles(Object flat) {
        if (flat instanceof double[] d) {
            return d.clone();
        }
        int n = Array.getLength(flat);
        double[] out = new double[n];
        if (flat instanceof float[] f) {
            for (int i = 0; i < n; i++) {
                out[i] = f[i];
            }
        } else if (flat instanceof long[] l) {
            for (int i = 0; i < n; i++) {
                out[i] = l[i];
            }
        } else if (flat instanceof int[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = v[i];
            }
        } else if (flat instanceof boolean[] b) {
            for (int i = 0; i < n; i++) {
                out[i] = b[i] ? 1 : 0;
            }
        } else {
            for (int i = 0; i < n; i++) {
                Object o = Array.get(flat, i); // short, byte, BigInteger (uint64), a boxed scalar, ...
                out[i] = o instanceof Boolean b ? (b ? 1 : 0) : ((Number) o).doubleValue();
            }
        }
        return out;
    }

    // ================================================================== writing

    /**
     * Writes tensors as double matrices of a MATLAB v5 file (through mfl-core), atomically (see
     * {@link AtomicFiles}). A tensor of shape {@code (r, c, ...)} becomes an {@code r x c x ...} array; one of shape
     * {@code (n,)} a 1 x n row vector and a scalar a 1 x 1 matrix, since MATLAB has no arrays of fewer than two
     * dimensions. Names must be valid MATLAB variable names (a letter, then letters, digits or underscores, at most
     * 63 characters).
     */
    public static void write(Path file, Map<String, Tensor> variables) throws IOException {
        for (String name : variables.keySet()) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a valid MATLAB variable name: it needs a"
                        + " letter, then letters, digits or underscores, at most 63 characters");
            }
        }
        AtomicFiles.writeVia(file, tmp -> {
            try (MatFile mat = Mat5.newMatFile()) {
                for (Map.Entry<String, Tensor> v : variables.entrySet()) {
                    Tensor t = v.getValue();
                    int[] shape = t.shape();
                    int[] dims = shape.length >= 2 ? shape : shape.length == 1 ? new int[] {1, shape[0]}
                            : new int[] {1, 1};
                    double[] col = Codec.reorder(t.data(), dims, true);
                    Matrix m = Mat5.newMatrix(dims);
                    for (int i = 0; i < col.length; i++) {
                        m.setDouble(i, col[i]);
                    }
                    mat.addArray(v.getKey(), m);
                }
                Mat5.writeToFile(mat, tmp.toFile());
            }
        });
    }
}
