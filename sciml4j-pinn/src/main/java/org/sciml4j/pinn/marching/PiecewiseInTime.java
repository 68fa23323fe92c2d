package org.sciml4j.pinn.marching;

import java.util.List;

import org.sciml4j.nn.Module;
import org.sciml4j.nn.Parameters;
import org.sciml4j.pinn.Problem;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * The piecewise solution of time-marching as one network: a point is answered by the window its time lies in
 * (window k holds [t_k, t_{k+1}), the last also its end; times before the first window go to it, times after the
 * last trained window to that one), through that window's problem's output transforms. For prediction: the
 * output carries no gradient.
 */
final class PiecewiseInTime implements Module {
    private final int timeColumn;
    private final double[] starts;
    private final List<Problem> problems;
    private final List<Module> networks;
    private final int inputs;
    private final int outputs;

    /**
     * @param timeColumn the time variable's input column
     * @param starts     each window's start t_k, increasing, shape (K,)
     * @param problems   each window's problem (K)
     * @param networks   each window's trained network (K)
     */
    PiecewiseInTime(int timeColumn, double[] starts, List<Problem> problems, List<Module> networks) {
        this.timeColumn = timeColumn;
        this.starts = starts.clone();
        this.problems = List.copyOf(problems);
        this.networks = List.copyOf(networks);
        this.inputs = networks.get(0).inputSize();
        this.outputs = problems.get(0).fields().size();
    }

    private int window(double t) {
        int k = 0;
        while (k + 1 < starts.length && t >= starts[k + 1]) {
            k++;
        }
        return k;
    }

    /**
     * @param x shape (N, variables)
     * @return shape (N, fields)
     */
    @Override
    public Tensor forward(Tensor x) {
        int n = x.size(0);
        double[] in = x.detach().toArray();
        int[] owner = new int[n];
        int[] counts = new int[starts.length];
        for (int i = 0; i < n; i++) {
            owner[i] = window(in[i * inputs + timeColumn]);
            counts[owner[i]]++;
        }
        double[] out = new double[n * outputs];
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            for (int k = 0; k < starts.length; k++) {
                if (counts[k] == 0) {
                    continue;
                }
                double[] rows = new double[counts[k] * inputs];
                int r = 0;
                for (int i = 0; i < n; i++) {
                    if (owner[i] == k) {
                        System.arraycopy(in, i * inputs, rows, r++ * inputs, inputs);
                    }
                }
                double[] y = problems.get(k).output(networks.get(k), Tensor.wrap(rows, counts[k], inputs)).toArray();
                r = 0;
                for (int i = 0; i < n; i++) {
                    if (owner[i] == k) {
                        System.arraycopy(y, r++ * outputs, out, i * outputs, outputs);
                    }
                }
            }
        }
        return Tensor.wrap(out, n, outputs);
    }

    /** Every window's parameters, prefixed {@code window_1.}, {@code window_2.}, ... */
    @Override
    public Parameters parameters() {
        Parameters all = new Parameters();
        for (int k = 0; k < networks.size(); k++) {
            all.register("window_" + (k + 1), networks.get(k).parameters());
        }
        return all;
    }

    @Override
    public int inputSize() {
        return inputs;
    }

    @Override
    public int outputSize() {
        return outputs;
    }
}
