package org.sciml4j.optim;

import java.util.Objects;

/**
 * The Hessian of an {@link Objective} that gives only gradients, by forward differences of the gradient:
 * {@code H v ~ (g(x + h v) - g(x)) / h} with {@code h = sqrt(eps) (1 + |x|) / |v|}, one gradient per product. About
 * half the digits of the exact product ({@link HessianVectorProducts}); what {@link NewtonCg} falls back to when its
 * objective is not a {@link CurvatureObjective}.
 */
public final class FiniteDifferenceCurvature implements CurvatureObjective {
    private static final double ROOT_EPS = Math.sqrt(Math.ulp(1.0));

    private final Objective f;

    private FiniteDifferenceCurvature(Objective f) {
        this.f = Objects.requireNonNull(f, "f");
    }

    /** {@code f} itself if it already gives its curvature, else finite differences of its gradient. */
    public static CurvatureObjective of(Objective f) {
        return f instanceof CurvatureObjective c ? c : new FiniteDifferenceCurvature(f);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradientOut) {
        return f.valueAndGradient(x, gradientOut);
    }

    @Override
    public Expansion expand(double[] x, double[] gradientOut) {
        double value = f.valueAndGradient(x, gradientOut);
        double[] at = x.clone();
        double[] g0 = gradientOut.clone();
        double scale = 1 + Math.sqrt(QuasiNewton.dot(at, at));
        return new Expansion() {
            @Override
            public double value() {
                return value;
            }

            @Override
            public void times(double[] v, double[] out) {
                double vn = Math.sqrt(QuasiNewton.dot(v, v));
                if (vn == 0) {
                    java.util.Arrays.fill(out, 0);
                    return;
                }
                double h = ROOT_EPS * scale / vn;
                double[] xh = new double[at.length];
                for (int i = 0; i < xh.length; i++) {
                    xh[i] = at[i] + h * v[i];
                }
                f.valueAndGradient(xh, out);
                for (int i = 0; i < out.length; i++) {
                    out[i] = (out[i] - g0[i]) / h;
                }
            }
        };
    }
}
