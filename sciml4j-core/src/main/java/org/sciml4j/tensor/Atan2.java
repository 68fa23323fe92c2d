package org.sciml4j.tensor;

import java.util.Arrays;

/**
 * The two-argument arctangent {@code atan2(a, b)}, element-wise: the angle of the point {@code (b, a)} in
 * {@code (-pi, pi]}, with its branch cut along {@code a = 0, b < 0} ({@code +pi} on the side {@code a >= +0},
 * {@code -pi} on the side {@code a < 0}). Its derivatives are smooth everywhere but at the origin:
 * {@code d/da = b / (a^2 + b^2)}, {@code d/db = -a / (a^2 + b^2)}, written in tensor operations so that it
 * differentiates to any order in both modes (a {@link CustomPrimitive}).
 * <p>
 * Both inputs have one shape, or one of them is a scalar (rank 0), which is broadcast.
 */
public final class Atan2 extends CustomPrimitive {
    private static final Atan2 INSTANCE = new Atan2();

    private Atan2() {
    }

    /**
     * {@code atan2(a, b)} element-wise.
     *
     * @param a the ordinate (sine side), any shape
     * @param b the abscissa (cosine side), a's shape or a scalar (a may be the scalar instead)
     * @return the angle, of the larger of the two shapes
     * @throws ShapeException when the shapes differ and neither is a scalar
     */
    public static Tensor of(Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape()) && a.rank() != 0 && b.rank() != 0) {
            throw new ShapeException("atan2: shapes " + Shape.str(a.shape()) + " and " + Shape.str(b.shape())
                    + " differ (one may be a scalar)");
        }
        return INSTANCE.apply(a, b);
    }

    @Override
    protected String name() {
        return "atan2";
    }

    @Override
    protected boolean replayable() {
        return true;
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        double[] a = in[0].toArray();
        double[] b = in[1].toArray();
        int n = Math.max(a.length, b.length);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            // StrictMath: Math.atan2 may be a JIT intrinsic whose last bit differs from the interpreter's, which
            // would make training depend on when the JIT compiles this loop
            out[i] = StrictMath.atan2(a[a.length == 1 ? 0 : i], b[b.length == 1 ? 0 : i]);
        }
        return Tensor.wrap(out, (a.length >= b.length ? in[0] : in[1]).shape());
    }

    /** {@code 1 / (a^2 + b^2)}. */
    private static Tensor inverseRadius2(Tensor[] in) {
        return in[0].square().add(in[1].square()).pow(-1);
    }

    /** The cotangent {@code g} summed to a scalar input's shape. */
    private static Tensor fit(Tensor g, Tensor input) {
        return input.rank() == 0 && g.rank() != 0 ? g.sum() : g;
    }

    @Override
    protected Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
        Tensor w = g.mul(inverseRadius2(in));
        return new Tensor[] {need[0] ? fit(w.mul(in[1]), in[0]) : null,
            need[1] ? fit(w.mul(in[0]).neg(), in[1]) : null};
    }

    @Override
    protected Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
        Tensor r = null;
        if (t[0] != null) {
            r = t[0].mul(in[1]);
        }
        if (t[1] != null) {
            Tensor db = t[1].mul(in[0]);
            r = r == null ? db.neg() : r.sub(db);
        }
        Tensor result = r.mul(inverseRadius2(in));
        return result.rank() == out.rank() ? result : result.add(out.mul(0));
    }

    @Override
    protected boolean keepsPoints() {
        return true;
    }
}
