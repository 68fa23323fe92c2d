package org.sciml4j.tensor.kernel;

/**
 * Element-wise loops over flat {@code double[]} of equal length. Broadcasting is resolved by the caller
 * ({@link Layout#expand}); every loop here is a plain counted loop that the JIT vectorises where it can.
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
        Parallel.range(out.length, (from, to) -> binaryRange(op, a, b, out, from, to));
        return out;
    }

    private static void binaryRange(Binary op, double[] a, double[] b, double[] out, int from, int to) {
        switch (op) {
            case ADD:
                for (int i = from; i < to; i++) {
                    out[i] = a[i] + b[i];
                }
                break;
            case SUB:
                for (int i = from; i < to; i++) {
                    out[i] = a[i] - b[i];
                }
                break;
            case MUL:
                for (int i = from; i < to; i++) {
                    out[i] = a[i] * b[i];
                }
                break;
            case DIV:
                for (int i = from; i < to; i++) {
                    out[i] = a[i] / b[i];
                }
                break;
            case GT:
                for (int i = from; i < to; i++) {
                    out[i] = a[i] > b[i] ? 1 : 0;
                }
                break;
            case GE:
                for (int i = from; i < to; i++) {
                    out[i] = a[i] >= b[i] ? 1 : 0;
                }
                break;
            case LT:
                for (int i = from; i < to; i++) {
                    out[i] = a[i] < b[i] ? 1 : 0;
                }
                break;
            case LE:
                for (int i = from; i < to; i++) {
                    out[i] = a[i] <= b[i] ? 1 : 0;
                }
                break;
            case EQ:
                for (int i = from; i < to; i++) {
                    out[i] = a[i] == b[i] ? 1 : 0;
                }
                break;
            default:
                throw new AssertionError(op);
        }
    }

    /** {@code out[i] = op(a[i], s)} with a scalar right operand; avoids expanding the scalar. */
    public static double[] binaryScalar(Binary op, double[] a, double s, double[] out) {
        Parallel.range(out.length, (from, to) -> {
            switch (op) {
                case ADD:
                    for (int i = from; i < to; i++) {
                        out[i] = a[i] + s;
                    }
                    break;
                case SUB:
                    for (int i = from; i < to; i++) {
                        out[i] = a[i] - s;
                    }
                    break;
                case MUL:
                    for (int i = from; i < to; i++) {
                        out[i] = a[i] * s;
                    }
                    break;
                case DIV:
                    for (int i = from; i < to; i++) {
                        out[i] = a[i] / s;
                    }
                    break;
                case GT:
                    for (int i = from; i < to; i++) {
                        out[i] = a[i] > s ? 1 : 0;
                    }
                    break;
                case GE:
                    for (int i = from; i < to; i++) {
                        out[i] = a[i] >= s ? 1 : 0;
                    }
                    break;
                case LT:
                    for (int i = from; i < to; i++) {
                        out[i] = a[i] < s ? 1 : 0;
                    }
                    break;
                case LE:
                    for (int i = from; i < to; i++) {
                        out[i] = a[i] <= s ? 1 : 0;
                    }
                    break;
                case EQ:
                    for (int i = from; i < to; i++) {
                        out[i] = a[i] == s ? 1 : 0;
                    }
                    break;
                default:
                    throw new AssertionError(op);
            }
        });
        return out;
    }

    /** {@code out[i] = s op b[i]} with a scalar left operand. */
    public static double[] scalarBinary(Binary op, double s, double[] b, double[] out) {
        switch (op) {
            case ADD:
            case MUL:
            case EQ:
                return binaryScalar(op, b, s, out);
            case GT:
                return binaryScalar(Binary.LT, b, s, out);
            case GE:
                return binaryScalar(Binary.LE, b, s, out);
            case LT:
                return binaryScalar(Binary.GT, b, s, out);
            case LE:
                return binaryScalar(Binary.GE, b, s, out);
            default: // s - b, s / b
                return binary(op, filled(b.length, s), b, out);
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

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
