package org.sciml4j.tensor.kernel;

/**
 * Element-wise loops over flat {@code double[]}: of equal length, with a scalar operand, or with operands broadcast
 * to the output's shape and read in place ({@link BroadcastWalk}); every loop here is a plain counted loop that the
 * JIT vectorises where it can.
 */
public final class Elementwise {
    private Elementwise() {
    }

    /** Unary operations with a kernel. */
    public enum Unary { NEG, EXP, LOG, LOG1P, SIN, COS, TANH, ABS, SIGN, SQUARE }

    /** Binary operations with a kernel. Comparisons yield 1.0 for true and 0.0 for false. */
    public enum Binary { ADD, SUB, MUL, DIV, GT, GE, LT, LE, EQ }

    /** {@code out[i] = op(x[i])}, in parallel for large arrays; returns {@code out}. */
    public static double[] unary(Unary op, double[] x, double[] out) {
        Parallel.range(x.length, (from, to) -> unaryRange(op, x, out, from, to));
        return out;
    }

    /** {@code out[i] = x[i] ^ p}, with exact fast paths for p = 2, 0.5, -1. */
    public static double[] pow(double[] x, double p, double[] out) {
        Parallel.range(x.length, (from, to) -> {
            if (p == 2) {
                for (int i = from; i < to; i++) {
                    out[i] = x[i] * x[i];
                }
            } else if (p == 0.5) {
                for (int i = from; i < to; i++) {
                    out[i] = Math.sqrt(x[i]);
                }
            } else if (p == -1) {
                for (int i = from; i < to; i++) {
                    out[i] = 1.0 / x[i];
                }
            } else {
                for (int i = from; i < to; i++) {
                    out[i] = Math.pow(x[i], p);
                }
            }
        });
        return out;
    }

    private static void unaryRange(Unary op, double[] x, double[] out, int from, int to) {
        switch (op) {
            case NEG:
                for (int i = from; i < to; i++) {
                    out[i] = -x[i];
                }
                break;
            case EXP:
                for (int i = from; i < to; i++) {
                    out[i] = Math.exp(x[i]);
                }
                break;
            case LOG:
                for (int i = from; i < to; i++) {
                    out[i] = Math.log(x[i]);
                }
                break;
            case LOG1P:
                for (int i = from; i < to; i++) {
                    out[i] = Math.log1p(x[i]);
                }
                break;
            case SIN:
                for (int i = from; i < to; i++) {
                    out[i] = Math.sin(x[i]);
                }
                break;
            case COS:
                for (int i = from; i < to; i++) {
                    out[i] = Math.cos(x[i]);
                }
                break;
            case TANH:
                tanh(x, from, to - from, out, from);
                break;
            case ABS:
                for (int i = from; i < to; i++) {
                    out[i] = Math.abs(x[i]);
                }
                break;
            case SIGN:
                for (int i = from; i < to; i++) {
                    out[i] = Math.signum(x[i]);
                }
                break;
            case SQUARE:
                for (int i = from; i < to; i++) {
                    out[i] = x[i] * x[i];
                }
                break;
            default:
                throw new AssertionError(op);
        }
    }

    /** {@code out[outOff + i] = tanh(x[off + i])} for i in [0, len): vectorised when the Vector API is present. */
    public static void tanh(double[] x, int off, int len, double[] out, int outOff) {
        if (MatMul.VECTOR_API) {
            VectorMath.tanh(x, off, len, out, outOff);
            return;
        }
        for (int i = 0; i < len; i++) {
            out[outOff + i] = tanh(x[off + i]);
        }
    }

    /**
     * tanh through the intrinsic {@code Math.exp} (several times faster than {@code Math.tanh}) where
     * {@code 1 - 2/(e^{2|x|}+1)} loses at most a bit (|x| >= 0.55), and {@code expm1(2x) / (expm1(2x) + 2)} below,
     * where that form would cancel. Both stay within a few ulps of the exact value.
     */
    public static double tanh(double x) {
        double ax = Math.abs(x);
        if (ax < 0.55) {
            double e = Math.expm1(2 * x);
            return e / (e + 2);
        }
        if (ax > 20) {
            return Math.copySign(1.0, x);
        }
        double e = Math.exp(2 * ax);
        return Math.copySign(1 - 2 / (e + 1), x);
    }

    /** {@code out[i] = op(a[i], b[i])}, arrays of equal length; returns {@code out}. */
    public static double[] binary(Binary op, double[] a, double[] b, double[] out) {
        Parallel.range(out.length, (from, to) -> binaryRange(op, a, from, b, from, out, from, to - from));
        return out;
    }

    /** {@code out[i] = op(a[i], s)} with a scalar right operand; avoids expanding the scalar. */
    public static double[] binaryScalar(Binary op, double[] a, double s, double[] out) {
        Parallel.range(out.length, (from, to) -> binaryScalarRange(op, a, from, s, out, from, to - from));
        return out;
    }

    /** {@code out[i] = s op b[i]} with a scalar left operand. */
    public static double[] scalarBinary(Binary op, double s, double[] b, double[] out) {
        Parallel.range(out.length, (from, to) -> scalarBinaryRange(op, s, b, from, out, from, to - from));
        return out;
    }

    /**
     * {@code out = op(a, b)} with {@code a} (shape {@code aShape}) and {@code b} (shape {@code bShape}) broadcast to
     * {@code shape} by NumPy's rules, reading each operand in place ({@link BroadcastWalk}) rather than copying it to
     * the output's shape first: element by element the same operation, so the same bits as on expanded copies.
     *
     * @param out the output, {@code shape}'s size; returned
     */
    public static double[] binary(Binary op, double[] a, int[] aShape, double[] b, int[] bShape, int[] shape,
                                  double[] out) {
        BroadcastWalk w = new BroadcastWalk(aShape, bShape, shape);
        int len = w.len;
        Parallel.range(out.length, (from, to) -> {
            for (int i = from; i < to; ) {
                int r = i / len;
                int c = i - r * len;
                int n = Math.min(len - c, to - i);
                int ao = w.offsetA(r) + c * w.strideA;
                int bo = w.offsetB(r) + c * w.strideB;
                if (w.strideA == w.strideB) { // both along the row (or a one-element output)
                    binaryRange(op, a, ao, b, bo, out, i, n);
                } else if (w.strideA == 1) {
                    binaryScalarRange(op, a, ao, b[bo], out, i, n);
                } else {
                    scalarBinaryRange(op, a[ao], b, bo, out, i, n);
                }
                i += n;
            }
        });
        return out;
    }

    /** {@code out[oo + i] = op(a[ao + i], b[bo + i])} for i in [0, len). */
    private static void binaryRange(Binary op, double[] a, int ao, double[] b, int bo, double[] out, int oo, int len) {
        switch (op) {
            case ADD:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] + b[bo + i];
                }
                break;
            case SUB:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] - b[bo + i];
                }
                break;
            case MUL:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] * b[bo + i];
                }
                break;
            case DIV:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] / b[bo + i];
                }
                break;
            case GT:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] > b[bo + i] ? 1 : 0;
                }
                break;
            case GE:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] >= b[bo + i] ? 1 : 0;
                }
                break;
            case LT:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] < b[bo + i] ? 1 : 0;
                }
                break;
            case LE:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] <= b[bo + i] ? 1 : 0;
                }
                break;
            case EQ:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] == b[bo + i] ? 1 : 0;
                }
                break;
            default:
                throw new AssertionError(op);
        }
    }

    /** {@code out[oo + i] = op(a[ao + i], s)} for i in [0, len). */
    private static void binaryScalarRange(Binary op, double[] a, int ao, double s, double[] out, int oo, int len) {
        switch (op) {
            case ADD:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] + s;
                }
                break;
            case SUB:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] - s;
                }
                break;
            case MUL:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] * s;
                }
                break;
            case DIV:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] / s;
                }
                break;
            case GT:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] > s ? 1 : 0;
                }
                break;
            case GE:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] >= s ? 1 : 0;
                }
                break;
            case LT:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] < s ? 1 : 0;
                }
                break;
            case LE:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] <= s ? 1 : 0;
                }
                break;
            case EQ:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = a[ao + i] == s ? 1 : 0;
                }
                break;
            default:
                throw new AssertionError(op);
        }
    }

    /** {@code out[oo + i] = op(s, b[bo + i])} for i in [0, len). */
    private static void scalarBinaryRange(Binary op, double s, double[] b, int bo, double[] out, int oo, int len) {
        switch (op) {
            case ADD:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = s + b[bo + i];
                }
                break;
            case SUB:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = s - b[bo + i];
                }
                break;
            case MUL:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = s * b[bo + i];
                }
                break;
            case DIV:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = s / b[bo + i];
                }
                break;
            case GT:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = s > b[bo + i] ? 1 : 0;
                }
                break;
            case GE:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = s >= b[bo + i] ? 1 : 0;
                }
                break;
            case LT:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = s < b[bo + i] ? 1 : 0;
                }
                break;
            case LE:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = s <= b[bo + i] ? 1 : 0;
                }
                break;
            case EQ:
                for (int i = 0; i < len; i++) {
                    out[oo + i] = s == b[bo + i] ? 1 : 0;
                }
                break;
            default:
                throw new AssertionError(op);
        }
    }

    /** {@code out[i] = c[i] != 0 ? a[i] : b[i]}. */
    public static double[] where(double[] c, double[] a, double[] b, double[] out) {
        Parallel.range(out.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = c[i] != 0 ? a[i] : b[i];
            }
        });
        return out;
    }
}
