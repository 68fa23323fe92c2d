package org.sciml4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.NotDifferentiableException;
import org.sciml4j.tensor.Shape;
import org.sciml4j.tensor.Tensor;

/**
 * Exact Hessian-vector products of a scalar loss on tensors by forward-over-reverse differentiation: the gradient
 * is computed once per point with its graph recorded ({@code createGraph}), and each product {@code H v} is the
 * directional derivative (a {@link Autodiff#jvp jvp}) of that gradient along v, one forward tangent sweep over the
 * recorded gradient graph (a small multiple of one gradient's cost, never the (n, n) matrix).
 * <p>
 * The flat vector layout is {@link ParameterVector}'s: each parameter's elements row-major, in list order.
 */
public final class HessianVectorProducts {
    private HessianVectorProducts() {
    }

    /**
     * A {@link CurvatureObjective} over the flattened parameters whose curvature is the exact Hessian of
     * {@code loss}. Each evaluation writes x into the parameters' storage and rebuilds the loss (as
     * {@link ParameterVector#objective}). A loss whose graph holds an operation differentiable only once (a fused
     * primitive such as the PINN networks' jets; {@link NotDifferentiableException} when the gradient's graph is
     * recorded) gets products by forward differences of the gradient instead ({@link FiniteDifferenceCurvature}),
     * from that call on.
     *
     * @param loss   builds the scalar loss from the current parameter values, recording the graph
     * @param params leaf parameters ({@link Tensor#requireGrad()}), in a fixed order
     * @throws IllegalArgumentException if a parameter is not a leaf that requires gradients
     */
    public static CurvatureObjective objective(Supplier<Tensor> loss, List<Tensor> params) {
        Objective plain = ParameterVector.gradientOnly(loss, params);
        List<Tensor> ps = List.copyOf(params);
        int n = ParameterVector.size(ps);
        CurvatureObjective differences = FiniteDifferenceCurvature.of(plain);
        return new CurvatureObjective() {
            /** Set when the loss's graph turned out to be differentiable only once. */
            private boolean onceOnly;

            @Override
            public double valueAndGradient(double[] x, double[] gradientOut) {
                return plain.valueAndGradient(x, gradientOut);
            }

            @Override
            public Expansion expand(double[] x, double[] gradientOut) {
                if (!onceOnly) {
                    try {
                        return exact(x, gradientOut);
                    } catch (NotDifferentiableException e) {
                        onceOnly = true; // e.g. a fused network jet: products by differences of the gradient
                    }
                }
                return differences.expand(x, gradientOut);
            }

            private Expansion exact(double[] x, double[] gradientOut) {
                checkLengths(n, x, gradientOut);
                ParameterVector.set(ps, x);
                Tensor value;
                Tensor flatGradient;
                try (Autodiff.Scope scope = Autodiff.enableGrad()) {
                    value = loss.get();
                    if (value.numel() != 1) {
                        throw new IllegalArgumentException("HessianVectorProducts: the loss must be a scalar, got"
                                + " shape " + Shape.str(value.shape()));
                    }
                    flatGradient = flat(Autodiff.grad(value, ps, null, true));
                }
                System.arraycopy(flatGradient.data(), 0, gradientOut, 0, n);
                double f = value.item();
                return new Expansion() {
                    @Override
                    public double value() {
                        return f;
                    }

                    @Override
                    public void times(double[] v, double[] out) {
                        checkLengths(n, v, out);
                        Tensor hv;
                        try (Autodiff.Scope scope = Autodiff.noGrad()) {
                            hv = Autodiff.jvp(flatGradient, ps, split(v, ps));
                        }
                        System.arraycopy(hv.data(), 0, out, 0, n);
                    }
                };
            }
        };
    }

    /** The tensors, each reshaped to one row, concatenated: shape (n). */
    static Tensor flat(List<Tensor> parts) {
        Tensor[] rows = new Tensor[parts.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = parts.get(i).reshape(-1);
        }
        return rows.length == 1 ? rows[0] : Tensor.concat(0, rows);
    }

    /** A flat vector cut into tensors of the parameters' shapes (copies). */
    static List<Tensor> split(double[] v, List<Tensor> params) {
        List<Tensor> out = new ArrayList<>(params.size());
        int off = 0;
        for (Tensor p : params) {
            int size = p.numel();
            double[] part = new double[size];
            System.arraycopy(v, off, part, 0, size);
            out.add(Tensor.of(part, p.shape()));
            off += size;
        }
        return out;
    }

    static List<Tensor> leaves(String who, List<Tensor> params) {
        List<Tensor> ps = List.copyOf(params);
        for (int i = 0; i < ps.size(); i++) {
            if (!ps.get(i).requiresGrad()) {
                throw new IllegalArgumentException(who + ": parameter " + i + " of shape "
                        + Shape.str(ps.get(i).shape()) + " does not require gradients; pass leaves made with"
                        + " requireGrad()");
            }
        }
        return ps;
    }

    static void checkLengths(int n, double[] a, double[] b) {
        if (a.length != n || b.length != n) {
            throw new IllegalArgumentException("the parameters have " + n + " elements, got vectors of length "
                    + a.length + " and " + b.length);
        }
    }
}
