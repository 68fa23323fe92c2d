package org.sciml4j.nn.jet;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.sciml4j.nn.Activation;
import org.sciml4j.nn.FactorizedLinear;
import org.sciml4j.nn.Linear;
import org.sciml4j.nn.Module;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.MatMul;
import org.sciml4j.tensor.kernel.TaylorKernels;

/**
 * The layer steps that the fused jets ({@link MlpJet}, {@link ModifiedMlpJet}) share, on one chunk's stacked rows
 * (R blocks of n rows, see {@link JetWorkspace}): what they handle, an affine layer on the points (one-hot tangents)
 * or on a stacked input, an activation's jet, and their reverse rules. Affine layer p reads its weight (o, i) at input
 * 1 + 2p of the node, its bias (o) at 2 + 2p, and uses {@code w.wt[p]} (its transpose, or scratch) and the widths of
 * {@link JetWorkspace#inputWidth}/{@link JetWorkspace#outputWidth}.
 */
final class JetLayers {

    private JetLayers() {
    }

    /** Why an activation has no fused rule, or null when it has one (tanh, sin). */
    static String unsupportedActivation(Activation act) {
        return act == Activation.TANH || act == Activation.SIN ? null
                : "activation '" + act + "' has no fused rule (tanh, sin)";
    }

    /** Why one of {@code layers} is not an affine layer the jets handle, or null when all are. */
    static String unsupportedLayer(List<Module> layers) {
        for (Module m : layers) {
            if (!(m instanceof Linear) && !(m instanceof FactorizedLinear)) {
                return "layer " + m + " is not an affine layer";
            }
        }
        return null;
    }

    /** The jet of an input embedding (of order 2 at least), or null: none or no such jet. */
    static TaylorJet embeddingJet(Optional<Module> embedding) {
        return embedding.flatMap(Module::taylorJet).filter(j -> j.maxOrder() >= 2).orElse(null);
    }

    /** Why an input embedding has no fused jet, or null when there is none or it has one. */
    static String unsupportedEmbedding(Optional<Module> embedding) {
        return embedding.isPresent() && embeddingJet(embedding) == null
                ? "its input embedding " + embedding.get() + " has no fused jet of order 2" : null;
    }

    /** The layers' weights and biases into {@code inputs} from {@code k} on: W0, b0, W1, b1, ... */
    static void parameters(List<Module> layers, Tensor[] inputs, int k) {
        for (Module m : layers) {
            // a factorised layer's weight is computed from its factors: the engine carries its gradient on to them
            if (m instanceof Linear linear) {
                inputs[k++] = linear.weight();
                inputs[k++] = linear.bias();
            } else {
                FactorizedLinear factorized = (FactorizedLinear) m; // checked by unsupportedLayer()
                inputs[k++] = factorized.weight();
                inputs[k++] = factorized.bias();
            }
        }
    }

    /**
     * Checks the directions of a jet of order 2 against {@code columns} input columns, naming {@code jet} in the
     * messages; returns the indices k (into {@code variables}) of those of order 2, in order.
     */
    static int[] secondOrderVariables(String jet, int[] variables, int[] orders, int columns) {
        return secondOrderVariables(jet, variables, orders, columns, 2);
    }

    /**
     * Checks the directions of a jet of order {@code maxOrder} (2 or 3) against {@code columns} input columns, naming
     * {@code jet} in the messages; returns the indices k (into {@code variables}) of those of order 2 or more, in
     * order (each has a second-derivative block; see {@link #thirdOrderVariables} for the third ones).
     */
    static int[] secondOrderVariables(String jet, int[] variables, int[] orders, int columns, int maxOrder) {
        if (variables.length != orders.length) {
            throw new IllegalArgumentException(jet + ": " + variables.length + " variables but " + orders.length
                    + " orders");
        }
        int seconds = 0;
        for (int k = 0; k < variables.length; k++) {
            int[] cols = TaylorJet.columns(variables[k]);
            for (int c : cols) {
                if (c >= columns || cols.length == 2 && cols[0] >= cols[1]) {
                    throw new IllegalArgumentException(jet + ": variable " + direction(variables[k])
                            + " is not an input column (0.." + (columns - 1) + ")");
                }
            }
            for (int q = 0; q < k; q++) {
                if (variables[q] == variables[k]) {
                    throw new IllegalArgumentException(jet + ": variable " + direction(variables[k]) + " given twice");
                }
            }
            if (orders[k] < 1 || orders[k] > maxOrder) {
                throw new IllegalArgumentException(jet + ": order " + orders[k] + " along variable "
                        + direction(variables[k]) + (maxOrder == 2 ? " (1 or 2)" : " (1 .. " + maxOrder + ")"));
            }
            seconds += orders[k] >= 2 ? 1 : 0;
        }
        int[] second = new int[seconds];
        for (int k = 0, s = 0; k < variables.length; k++) {
            if (orders[k] >= 2) {
                second[s++] = k;
            }
        }
        return second;
    }

    /** A direction for messages: its column, or "a+b" for a {@link TaylorJet#sum} ("a-b" for a difference). */
    static String direction(int variable) {
        int[] c = TaylorJet.columns(variable);
        return c.length == 1 ? Integer.toString(c[0])
                : c[0] + (TaylorJet.weights(variable)[1] > 0 ? "+" : "-") + c[1];
    }

    /**
     * The indices s (into {@code second}, from {@link #secondOrderVariables}) of the variables of order 3 or more, in
     * order:
     * third-derivative block t goes along the direction of second-derivative block {@code thirds[t]}.
     */
    static int[] thirdOrderVariables(int[] second, int[] orders) {
        return java.util.stream.IntStream.range(0, second.length).filter(s -> orders[second[s]] >= 3).toArray();
    }

    /**
     * The indices q (into {@code third}, from {@link #thirdOrderVariables}) of the variables of order 4, in order:
     * fourth-derivative block q goes along the direction of third-derivative block {@code third[q]}.
     */
    static int[] fourthOrderVariables(int[] second, int[] third, int[] orders) {
        return java.util.stream.IntStream.range(0, third.length).filter(t -> orders[second[third[t]]] == 4).toArray();
    }

    /** {@code acc += a}, element by element. */
    static void addTo(double[] acc, double[] a) {
        for (int k = 0; k < acc.length; k++) {
            acc[k] += a[k];
        }
    }

    /** {@code t (cols, rows) = a (rows, cols)^T}. */
    static void transpose(double[] a, int rows, int cols, double[] t) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
    }

    /** Affine layer p's weight (o, i) transposed into {@code w.wt[p]} (i, o), the right operand of its products. */
    static void transposeWeight(JetWorkspace w, Tensor[] in, int p) {
        transpose(in[1 + 2 * p].data(), w.outputWidth(p), w.inputWidth(p), w.wt[p]);
    }

    /**
     * Affine layer p (transposed weight in {@code w.wt[p]}) on the stacked rows {@code h} into {@code z}: one product
     * over all R n rows, the bias on the value rows only (the derivatives of a constant are zero).
     */
    static void stackedLayer(JetWorkspace w, Tensor[] in, int p, double[] h, double[] z) {
        int o = w.outputWidth(p);
        MatMul.gemm(h, 0, w.wt[p], 0, z, 0, w.blocks * w.n, w.inputWidth(p), o, false);
        TaylorKernels.addBias(z, w.n, o, in[2 + 2 * p].data());
    }

    /**
     * Affine layer p (transposed weight in {@code w.wt[p]}) on the chunk's points x themselves into {@code z}: values
     * x W^T + b; first derivatives along column v: W[:, v] on every row (the tangent is one-hot, no product; along
     * {@link TaylorJet#sum}(a, b): W[:, a] + W[:, b]); second and third derivatives 0.
     */
    static void oneHotLayer(JetWorkspace w, Tensor[] in, int p, double[] z, int[] variables, int firsts) {
        int n = w.n;
        int i0 = w.inputWidth(p);
        int o0 = w.outputWidth(p);
        MatMul.gemm(in[0].data(), w.row0 * i0, w.wt[p], 0, z, 0, n, i0, o0, false);
        TaylorKernels.addBias(z, n, o0, in[2 + 2 * p].data());
        for (int k = 0; k < firsts; k++) {
            int base = (1 + k) * n * o0;
            if (variables[k] >= 0) {
                System.arraycopy(w.wt[p], variables[k] * o0, z, base, o0); // row v of W^T is column v of W
            } else { // along e_a +- e_b: W[:, a] +- W[:, b]
                int[] ab = TaylorJet.columns(variables[k]);
                double sign = TaylorJet.weights(variables[k])[1];
                for (int j = 0; j < o0; j++) {
                    z[base + j] = w.wt[p][ab[0] * o0 + j] + sign * w.wt[p][ab[1] * o0 + j];
                }
            }
            for (int filled = 1; filled < n; filled *= 2) {
                System.arraycopy(z, base, z, base + filled * o0, Math.min(filled, n - filled) * o0);
            }
        }
        Arrays.fill(z, (1 + firsts) * n * o0, w.blocks * n * o0, 0.0);
    }

    /**
     * The activation's jet, z to y on m values per block (f' for sin into {@code d1}), with the third-derivative
     * blocks along {@code third} (indices into {@code second}; empty for none); see {@link TaylorKernels}.
     */
    static void activate(boolean tanh, double[] z, double[] y, double[] d1, int m, int firsts, int[] second,
                         int[] third) {
        activate(tanh, z, y, d1, m, firsts, second, third, NONE);
    }

    /** {@link #activate} with fourth-derivative blocks along {@code fourth} (indices into {@code third}). */
    static void activate(boolean tanh, double[] z, double[] y, double[] d1, int m, int firsts, int[] second,
                         int[] third, int[] fourth) {
        if (tanh) {
            TaylorKernels.tanhMultiJet(z, y, m, firsts, second, third, fourth);
        } else {
            TaylorKernels.sinMultiJet(z, y, d1, m, firsts, second, third, fourth);
        }
    }

    /** The reverse rule of {@link #activate}, in place on the cotangent {@code g}; y and d1 as it left them. */
    static void activateBackward(boolean tanh, double[] g, double[] z, double[] y, double[] d1, int m, int firsts,
                                 int[] second, int[] third) {
        activateBackward(tanh, g, z, y, d1, m, firsts, second, third, NONE);
    }

    /** The reverse rule of the fourth-order {@link #activate}. */
    static void activateBackward(boolean tanh, double[] g, double[] z, double[] y, double[] d1, int m, int firsts,
                                 int[] second, int[] third, int[] fourth) {
        if (tanh) {
            TaylorKernels.tanhMultiJetBackward(g, z, y, m, firsts, second, third, fourth);
        } else {
            TaylorKernels.sinMultiJetBackward(g, z, y, d1, m, firsts, second, third, fourth);
        }
    }

    private static final int[] NONE = new int[0];

    /**
     * dW (o, i) = gz^T h and db (o) = the column sums of gz's value rows for affine layer p of chunk w, whose stacked
     * input is {@code h}: a product over all Rn rows, vectorised along the wider of o and i.
     */
    static void stackedLayerGradients(JetWorkspace w, int p, double[] h, double[] gz, double[] dw, double[] db) {
        int o = w.outputWidth(p);
        int i = w.inputWidth(p);
        int rows = w.blocks * w.n;
        if (i >= o) {
            MatMul.gemmTransA(gz, 0, h, 0, dw, 0, o, rows, i, false);
        } else {
            MatMul.gemmTransA(h, 0, gz, 0, w.wt[p], 0, i, rows, o, false);
            transpose(w.wt[p], i, o, dw);
        }
        TaylorKernels.columnSums(gz, w.n, o, db); // db: the value rows
    }

    /**
     * The cotangent of affine layer p's stacked input, {@code gh} (Rn, i) = gz (Rn, o) W (o, i), or with
     * {@code accumulate} added to {@code gh}.
     */
    static void stackedInputCotangent(JetWorkspace w, Tensor[] in, int p, double[] gz, double[] gh,
                                      boolean accumulate) {
        MatMul.gemm(gz, 0, in[1 + 2 * p].data(), 0, gh, 0, w.blocks * w.n, w.outputWidth(p), w.inputWidth(p),
                accumulate);
    }

    /**
     * The reverse rule of {@link #oneHotLayer} for affine layer p: dW and db from the cotangent {@code gz} of its
     * output; the cotangent of x (where {@code gx} is not null) into, or with {@code accumulate} added to, the chunk's
     * rows of {@code gx}. Uses {@code w.wt[p]} as scratch.
     */
    static void oneHotLayerGradients(JetWorkspace w, int p, double[] gz, Tensor[] in, int[] variables, int firsts,
                                     double[] dw, double[] db, double[] gx, boolean accumulate) {
        int n = w.n;
        int row0 = w.row0;
        int o = w.outputWidth(p);
        int i = w.inputWidth(p);
        double[] x = in[0].data();
        MatMul.gemmTransA(x, row0 * i, gz, 0, w.wt[p], 0, i, n, o, false);
        transpose(w.wt[p], i, o, dw);
        for (int k = 0; k < firsts; k++) {
            double[] s = w.sums;
            TaylorKernels.columnSums(gz, (1 + k) * n * o, n, o, s); // in row order, as the loop it replaces
            int[] cols = TaylorJet.columns(variables[k]); // a sum or difference of two: each column its share
            double[] weight = TaylorJet.weights(variables[k]);
            for (int c = 0; c < cols.length; c++) {
                int v = cols[c];
                for (int j = 0; j < o; j++) {
                    dw[j * i + v] += weight[c] * s[j];
                }
            }
        }
        TaylorKernels.columnSums(gz, n, o, db);
        if (gx != null) {
            MatMul.gemm(gz, 0, in[1 + 2 * p].data(), 0, gx, row0 * i, n, o, i, accumulate);
        }
    }
}
