package org.sciml4j.optim;

import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Shape;
import org.sciml4j.tensor.Tensor;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Flattens a list of parameter tensors into one {@code double[]} (each tensor's row-major elements, in list order)
 * and back, and builds the {@link Objective} that lets a {@link Minimizer} such as {@link Lbfgs} train tensor
 * parameters.
 */
public final class ParameterVector {
    private ParameterVector() {
    }

    /** Total number of elements of the tensors. */
    public static int size(List<Tensor> params) {
        long n = 0;
        for (Tensor p : params) {
            n += p.numel();
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("ParameterVector: " + n + " elements do not fit in one array");
        }
        return (int) n;
    }

    /** The tensors' elements, concatenated. */
    public static double[] get(List<Tensor> params) {
        double[] out = new double[size(params)];
        get(params, out);
        return out;
    }

    /** Copies the tensors' elements, concatenated, into {@code out} (of length {@link #size}). */
    public static void get(List<Tensor> params, double[] out) {
        checkLength("get", params, out);
        int off = 0;
        for (Tensor p : params) {
            double[] d = p.data();
            System.arraycopy(d, 0, out, off, d.length);
            off += d.length;
        }
    }

    /**
     * Writes {@code values} into the tensors' storage (in place; meant for leaf parameters, see
     * {@link Tensor#data()}).
     */
    public static void set(List<Tensor> params, double[] values) {
        checkLength("set", params, values);
        int off = 0;
        for (Tensor p : params) {
            double[] d = p.data();
            System.arraycopy(values, off, d, 0, d.length);
            off += d.length;
        }
    }

    /** The gradients' elements, concatenated (the same layout as {@link #get} of their parameters). */
    public static double[] flattenGradients(List<Tensor> grads) {
        return get(grads);
    }

    /** Copies the gradients' elements, concatenated, into {@code out}. */
    public static void flattenGradients(List<Tensor> grads, double[] out) {
        get(grads, out);
    }

    /**
     * An objective over the flattened parameters: each evaluation writes {@code x} into the parameters'
     * storage, calls {@code loss} (which must build a scalar from the parameters, recording the graph), and returns
     * its value with the flattened {@link Autodiff#grad gradient}. The loss is evaluated with recording switched
     * on, even inside {@link Autodiff#noGrad()}.
     * <p>
     * The objective also gives exact Hessian-vector products by forward-over-reverse
     * ({@link HessianVectorProducts}), which {@link NewtonCg} uses; other minimisers only call
     * {@code valueAndGradient}.
     * <p>
     * After a minimisation the parameters hold the last point evaluated, which need not be the result: write the
     * result back with {@code ParameterVector.set(params, result.x())}.
     *
     * @param loss   builds the scalar loss from the current parameter values
     * @param params leaf parameters ({@link Tensor#requireGrad()}), in a fixed order
     * @throws IllegalArgumentException if a parameter is not a leaf that requires gradients
     */
    public static CurvatureObjective objective(Supplier<Tensor> loss, List<Tensor> params) {
        return HessianVectorProducts.objective(loss, params); // Newton-CG also takes Hessian-vector products of it
    }

    /** {@link #objective} without curvature: value and gradient only. */
    static Objective gradientOnly(Supplier<Tensor> loss, List<Tensor> params) {
        Objects.requireNonNull(loss, "loss");
        List<Tensor> ps = List.copyOf(params);
        for (int i = 0; i < ps.size(); i++) {
            if (!ps.get(i).requiresGrad()) {
                throw new IllegalArgumentException("ParameterVector.objective: parameter " + i + " of shape "
                        + Shape.str(ps.get(i).shape()) + " does not require gradients; pass leaves made with"
                        + " requireGrad()");
            }
        }
        int n = size(ps);
        return (x, gradientOut) -> {
            if (x.length != n || gradientOut.length != n) {
                throw new IllegalArgumentException("ParameterVector.objective: the parameters have " + n
                        + " elements, got x of length " + x.length + " and gradient of length "
                        + gradientOut.length);
            }
            set(ps, x);
            List<Tensor> grads;
            Tensor value;
            try (Autodiff.Scope scope = Autodiff.enableGrad()) {
                value = loss.get();
                if (value.numel() != 1) {
                    throw new IllegalArgumentException("ParameterVector.objective: the loss must be a scalar, got"
                            + " shape " + Shape.str(value.shape()));
                }
                grads = Autodiff.grad(value, ps, null, false);
            }
            get(grads, gradientOut);
            return value.item();
        };
    }

    private static void checkLength(String op, List<Tensor> params, double[] a) {
        int n = size(params);
        if (a.length != n) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < params.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(Shape.str(params.get(i).shape()));
            }
            throw new IllegalArgumentException("ParameterVector." + op + ": the tensors [" + b + "] have " + n
                    + " elements but the array has " + a.length);
        }
    }
}
