package org.sciml4j.operators.fno;

import org.sciml4j.tensor.CustomPrimitive;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.Parallel;

/**
 * The exact GELU {@code gelu(x) = x Phi(x)}, {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2} the standard normal
 * distribution function: PyTorch's default {@code F.gelu} (and the original FNO code's), as one element-wise
 * primitive on any shape. Its derivative {@code Phi(x) + x phi(x)} ({@code phi} the normal density) is a second
 * primitive whose own derivative {@code phi(x) (2 - x^2)} is written in tensor operations, so the pair
 * differentiates to any order in both modes. The reverse rule is a third primitive, {@code g gelu'(x)} in one pass
 * (no slope array), whose rules are again tensor operations. (The tanh form is {@link Tensor#gelu()}, JAX's
 * default.)
 */
public final class ExactGelu {
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private ExactGelu() {
    }

    /** {@code x Phi(x)} element-wise, any shape. */
    public static Tensor apply(Tensor x) {
        return VALUE.apply(x);
    }

    /** {@code d gelu / dx = Phi(x) + x phi(x)} element-wise. */
    static Tensor slope(Tensor x) {
        return SLOPE.apply(x);
    }

    /** {@code d^2 gelu / dx^2 = phi(x) (2 - x^2)} in tensor operations (differentiable again). */
    private static Tensor curvature(Tensor x) {
        Tensor x2 = x.square();
        return x2.mul(-0.5).exp().mul(INV_SQRT_2PI).mul(x2.neg().add(2.0));
    }

    /** gelu(x) of one value. */
    static double value(double x) {
        return x * GaussianTables.cdf(x);
    }

    /** gelu'(x) of one value. */
    static double slope(double x) {
        return GaussianTables.geluSlope(x);
    }

    private interface Scalar {
        double of(double x);
    }

    /** {@code f} on every element, split over the kernels' threads (element-wise: the bits do not depend on them). */
    private static Tensor map(Tensor x, Scalar f) {
        double[] in = x.data();
        double[] out = new double[in.length];
        Parallel.range(in.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = f.of(in[i]);
            }
        });
        return Tensor.wrap(out, x.shape());
    }

    private static final CustomPrimitive VALUE = new CustomPrimitive() {
        @Override
        protected String name() {
            return "gelu_exact";
        }

        @Override
        protected Tensor forward(Tensor[] in) {
            return map(in[0], ExactGelu::value);
        }

        @Override
        protected Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return new Tensor[] {COTANGENT.apply(g, in[0])};   // g has the input's shape (element-wise)
        }

        @Override
        protected Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].mul(slope(in[0]));
        }

        @Override
        protected boolean keepsPoints() {
            return true;
        }
    };

    /** {@code g gelu'(x)} for g and x of one shape, in one pass; derivatives {@code gelu'(x)} and {@code g gelu''(x)}. */
    private static final CustomPrimitive COTANGENT = new CustomPrimitive() {
        @Override
        protected String name() {
            return "gelu_exact_vjp";
        }

        @Override
        protected Tensor forward(Tensor[] in) {
            double[] g = in[0].data();
            double[] x = in[1].data();
            double[] out = new double[x.length];
            Parallel.range(x.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    out[i] = g[i] * GaussianTables.geluSlope(x[i]);
                }
            });
            return Tensor.wrap(out, in[1].shape());
        }

        @Override
        protected Tensor[] vjp(Tensor c, Tensor out, Tensor[] in, boolean[] need) {
            return new Tensor[] {need[0] ? c.mul(slope(in[1])) : null,
                need[1] ? c.mul(in[0]).mul(curvature(in[1])) : null};
        }

        @Override
        protected Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            Tensor dg = t[0] == null ? null : t[0].mul(slope(in[1]));
            Tensor dx = t[1] == null ? null : t[1].mul(in[0]).mul(curvature(in[1]));
            return dg == null ? dx : dx == null ? dg : dg.add(dx);
        }

        @Override
        protected boolean keepsPoints() {
            return true;
        }
    };

    private static final CustomPrimitive SLOPE = new CustomPrimitive() {
        @Override
        protected String name() {
            return "gelu_exact_slope";
        }

        @Override
        protected Tensor forward(Tensor[] in) {
            return map(in[0], ExactGelu::slope);
        }

        @Override
        protected Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return new Tensor[] {g.mul(curvature(in[0]))};
        }

        @Override
        protected Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].mul(curvature(in[0]));
        }

        @Override
        protected boolean keepsPoints() {
            return true;
        }
    };
}
