package org.sciml4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Binary element types and the conversions between them and float64, shared by the NumPy and safetensors code. */
final class Codec {
    private Codec() {
    }

    /** Elements per chunk when streaming: large enough for throughput, small enough to stay in cache. */
    private static final int CHUNK = 8192;

    /** An element type of a binary array. */
    enum Elem {
        F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U64(8), U32(4), U16(2), U8(1), BOOL(1);

        final int size;

        Elem(int size) {
            this.size = size;
        }

        /** Decodes {@code n} elements from {@code in} (positioned, with its byte order set) into {@code dst}. */
        void decode(ByteBuffer in, double[] dst, int off, int n) {
            int end = off + n;
            switch (this) {
                case F64 -> { // one bulk copy through a view in the buffer's order, not a call per element
                    in.asDoubleBuffer().get(dst, off, n);
                    in.position(in.position() + 8 * n);
                }
                case F32 -> { for (int i = off; i < end; i++) dst[i] = in.getFloat(); }
                case F16 -> { for (int i = off; i < end; i++) dst[i] = halfToDouble(in.getShort()); }
                case BF16 -> { for (int i = off; i < end; i++) dst[i] = Float.intBitsToFloat(in.getShort() << 16); }
                case I64 -> { for (int i = off; i < end; i++) dst[i] = in.getLong(); }
                case I32 -> { for (int i = off; i < end; i++) dst[i] = in.getInt(); }
                case I16 -> { for (int i = off; i < end; i++) dst[i] = in.getShort(); }
                case I8 -> { for (int i = off; i < end; i++) dst[i] = in.get(); }
                case U64 -> { for (int i = off; i < end; i++) dst[i] = unsignedLongToDouble(in.getLong()); }
                case U32 -> { for (int i = off; i < end; i++) dst[i] = in.getInt() & 0xFFFF_FFFFL; }
                case U16 -> { for (int i = off; i < end; i++) dst[i] = in.getShort() & 0xFFFF; }
                case U8 -> { for (int i = off; i < end; i++) dst[i] = in.get() & 0xFF; }
                case BOOL -> { for (int i = off; i < end; i++) dst[i] = in.get() != 0 ? 1 : 0; }
                default -> throw new AssertionError(this);
            }
        }

        /**
         * Encodes {@code n} elements of {@code src} into {@code out}. Floating types round to nearest, ties to even;
         * integer types and BOOL need values they represent exactly, otherwise an IllegalArgumentException names
         * {@code what} and the offending value.
         */
        void encode(double[] src, int off, int n, ByteBuffer out, String what) {
            int end = off + n;
            switch (this) {
                case F64 -> { // the bits as they are (NaN payloads too), as putDouble would store them
                    out.asDoubleBuffer().put(src, off, n);
                    out.position(out.position() + 8 * n);
                }
                case F32 -> { for (int i = off; i < end; i++) out.putFloat((float) src[i]); }
                case F16 -> { for (int i = off; i < end; i++) out.putShort((short) doubleToHalf(src[i])); }
                case BF16 -> { for (int i = off; i < end; i++) out.putShort((short) doubleToBfloat16(src[i])); }
                case I64 -> {
                    for (int i = off; i < end; i++) {
                        out.putLong((long) exact(src, i, -0x1p63, 0x1p63, what));
                    }
                }
                case I32 -> { for (int i = off; i < end; i++) out.putInt((int) exact(src, i, -0x1p31, 0x1p31, what)); }
                case I16 -> {
                    for (int i = off; i < end; i++) {
                        out.putShort((short) exact(src, i, -32768, 32768, what));
                    }
                }
                case I8 -> { for (int i = off; i < end; i++) out.put((byte) exact(src, i, -128, 128, what)); }
                case U64 -> {
                    for (int i = off; i < end; i++) {
                        double v = exact(src, i, 0, 0x1p64, what);
                        // values from 2^63 do not fit a signed long: store them shifted into the sign bit
                        out.putLong(v < 0x1p63 ? (long) v : (long) (v - 0x1p63) ^ Long.MIN_VALUE);
                    }
                }
                case U32 -> { for (int i = off; i < end; i++) out.putInt((int) (long) exact(src, i, 0, 0x1p32, what)); }
                case U16 -> { for (int i = off; i < end; i++) out.putShort((short) exact(src, i, 0, 0x1p16, what)); }
                case U8 -> { for (int i = off; i < end; i++) out.put((byte) exact(src, i, 0, 0x1p8, what)); }
                case BOOL -> { for (int i = off; i < end; i++) out.put((byte) exact(src, i, 0, 2, what)); }
                default -> throw new AssertionError(this);
            }
        }
    }

    /** {@code src[i]} if it is an integer in [lo, hi), else an exception naming the element. */
    private static double exact(double[] src, int i, double lo, double hi, String what) {
        double v = src[i];
        if (!(v >= lo && v < hi) || v != Math.rint(v)) {
            throw new IllegalArgumentException(String.format("%s: element %d is %s, which this type cannot hold"
                    + " exactly (it needs an integer in [%.0f, %.0f))", what, i, v, lo, hi));
        }
        return v;
    }

    static double unsignedLongToDouble(long v) {
        // keeping the lowest bit as a sticky bit makes the halved value round exactly like the full one
        return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
    }

    /** IEEE 754 binary16 bits to double (exact: every half is a double). */
    static double halfToDouble(int bits) {
        int e = (bits >>> 10) & 0x1F;
        int m = bits & 0x3FF;
        double v;
        if (e == 0) {
            v = Math.scalb((double) m, -24);
        } else if (e == 31) {
            v = m == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            v = Math.scalb((double) (m | 0x400), e - 25);
        }
        return (bits & 0x8000) != 0 ? -v : v;
    }

    /** Double to IEEE 754 binary16 bits, rounded once to nearest, ties to even (no detour through float). */
    static int doubleToHalf(double x) {
        return toSmallFloat(x, 5, 10);
    }

    /** Double to bfloat16 bits, rounded once to nearest, ties to even. */
    static int doubleToBfloat16(double x) {
        return toSmallFloat(x, 8, 7);
    }

    /** Rounds to a binary format with {@code eBits} exponent and {@code mBits} mantissa bits; returns its bits. */
    private static int toSmallFloat(double x, int eBits, int mBits) {
        int sign = (Double.doubleToRawLongBits(x) < 0 ? 1 : 0) << (eBits + mBits);
        int expMask = (1 << eBits) - 1;
        if (Double.isNaN(x)) {
            return sign | expMask << mBits | 1 << (mBits - 1); // quiet NaN
        }
        double a = Math.abs(x);
        int bias = expMask >> 1;
        int e = Math.getExponent(a);
        if (e < 1 - bias) {
            // subnormal range: the unit in the last place is 2^(1 - bias - mBits); rint rounds ties to even, and
            // a carry into 2^mBits is exactly the smallest normal number's encoding
            return sign | (int) Math.rint(Math.scalb(a, bias - 1 + mBits));
        }
        if (e > bias) {
            return sign | expMask << mBits; // infinity, or too large
        }
        long mant = (long) Math.rint(Math.scalb(a, mBits - e)); // in [2^mBits, 2^(mBits+1)]
        if (mant == 1L << (mBits + 1)) {
            mant >>= 1;
            e++;
            if (e > bias) {
                return sign | expMask << mBits;
            }
        }
        return sign | (e + bias) << mBits | (int) (mant - (1L << mBits));
    }

    /**
     * Reads {@code dst.length} elements from a stream. Returns the number of bytes read, which is less than
     * {@code dst.length * elem.size} only if the stream ended early.
     */
    static long read(InputStream in, Elem elem, ByteOrder order, double[] dst) throws IOException {
        byte[] buf = new byte[CHUNK * elem.size];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(order);
        long total = 0;
        for (int off = 0; off < dst.length; off += CHUNK) {
            int n = Math.min(CHUNK, dst.length - off);
            int got = in.readNBytes(buf, 0, n * elem.size);
            total += got;
            if (got < n * elem.size) {
                return total;
            }
            bb.clear();
            elem.decode(bb, dst, off, n);
        }
        return total;
    }

    /** Writes all of {@code src} as little-endian elements of {@code elem} to a stream. */
    static void write(OutputStream out, Elem elem, double[] src, String what) throws IOException {
        byte[] buf = new byte[Math.min(CHUNK, Math.max(1, src.length)) * elem.size];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        for (int off = 0; off < src.length; off += CHUNK) {
            int n = Math.min(CHUNK, src.length - off);
            bb.clear();
            elem.encode(src, off, n, bb, what);
            out.write(buf, 0, n * elem.size);
        }
    }

    /**
     * Reorders elements stored in column-major (Fortran, MATLAB) order of {@code shape} into row-major (C) order,
     * or the reverse when {@code toColumnMajor}.
     */
    static double[] reorder(double[] src, int[] shape, boolean toColumnMajor) {
        int rank = shape.length;
        if (rank <= 1 || src.length == 0) {
            return src.clone();
        }
        double[] dst = new double[src.length];
        if (rank == 2) {
            int r = shape[0];
            int c = shape[1];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    if (toColumnMajor) {
                        dst[j * r + i] = src[i * c + j];
                    } else {
                        dst[i * c + j] = src[j * r + i];
                    }
                }
            }
            return dst;
        }
        // column-major strides; walk the row-major order with an odometer over the index
        long[] stride = new long[rank];
        long s = 1;
        for (int k = 0; k < rank; k++) {
            stride[k] = s;
            s *= shape[k];
        }
        int[] idx = new int[rank];
        long col = 0;
        for (int row = 0; row < src.length; row++) {
            if (toColumnMajor) {
                dst[(int) col] = src[row];
            } else {
                dst[row] = src[(int) col];
            }
            for (int k = rank - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) {
                    col += stride[k];
                    break;
                }
                col -= stride[k] * (shape[k] - 1);
                idx[k] = 0;
            }
        }
        return dst;
    }

    /** A shape as NumPy prints it: {@code ()}, {@code (5,)}, {@code (3, 4)}. */
    static String shapeString(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        String s = Arrays.toString(shape);
        return "(" + s.substring(1, s.length() - 1) + ")";
    }

    /** Number of elements of a shape, or -1 if it exceeds what a Java array holds. */
    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                return -1;
            }
            if (d != 0 && n > (Integer.MAX_VALUE - 8) / d) {
                n = Long.MAX_VALUE; // keep going: a later zero dimension still makes the tensor empty
            } else {
                n *= d;
            }
        }
        return n > Integer.MAX_VALUE - 8 ? -1 : n;
    }
}
