package org.sciml4j.inference.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Dataset;
import org.sciml4j.train.MiniBatches;
import org.sciml4j.train.Objective;

/**
 * scikit-learn's MLPClassifier as sbibm's C2ST uses it, as an objective: a ReLU network with two hidden layers of
 * {@code hidden} units and one logit, Glorot-uniform initialisation, loss = mean binary cross-entropy + {@code alpha
 * / 2 * sum W^2 / batch} (weights only), mini-batches of {@code min(200, N)}.
 */
final class ClassifierObjective implements Objective {
    static final double ALPHA = 1e-4;
    private final List<Tensor> weights = new ArrayList<>();
    private final List<Tensor> biases = new ArrayList<>();
    private final Tensor inputs;
    private final Tensor labels;
    private final MiniBatches batches;
    private int[] rows;

    /**
     * @param inputs (N, D) z-scored points
     * @param labels (N,) 0 or 1
     */
    ClassifierObjective(Tensor inputs, Tensor labels, int hidden, long seed) {
        this.inputs = inputs;
        this.labels = labels;
        Rng rng = new Rng(seed);
        int[] sizes = {inputs.size(1), hidden, hidden, 1};
        for (int l = 0; l + 1 < sizes.length; l++) {
            double bound = Math.sqrt(6.0 / (sizes[l] + sizes[l + 1]));
            weights.add(Tensor.uniform(rng, -bound, bound, sizes[l], sizes[l + 1]).requireGrad());
            biases.add(Tensor.uniform(rng, -bound, bound, sizes[l + 1]).requireGrad());
        }
        this.batches = new MiniBatches(inputs.size(0), Math.min(200, inputs.size(0)), seed + 1);
        this.rows = batches.rows(1);
    }

    int stepsPerPass() {
        return batches.batchesPerPass();
    }

    @Override
    public List<String> termNames() {
        return List.of("log_loss");
    }

    @Override
    public List<Tensor> parameters() {
        List<Tensor> p = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            p.add(weights.get(l));
            p.add(biases.get(l));
        }
        return p;
    }

    @Override
    public void beforeEpoch(int epoch) {
        rows = batches.rows(epoch);
    }

    Tensor logits(Tensor x) {
        Tensor h = x;
        for (int l = 0; l < weights.size(); l++) {
            h = h.matmul(weights.get(l)).add(biases.get(l));
            if (l + 1 < weights.size()) {
                h = h.relu();
            }
        }
        return h.reshape(x.size(0));
    }

    @Override
    public List<Tensor> loss() {
        Tensor x = Dataset.gather(inputs, rows);
        Tensor y = Dataset.gather(labels, rows);
        Tensor z = logits(x);
        // binary cross-entropy from logits, stable: softplus(z) - y z
        Tensor bce = z.softplus().sub(y.mul(z)).mean();
        Tensor l2 = null;
        for (Tensor w : weights) {
            Tensor s = w.square().sum();
            l2 = l2 == null ? s : l2.add(s);
        }
        return List.of(bce.add(l2.mul(ALPHA / 2 / rows.length)));
    }

    /** Predicted labels (logit > 0) of the rows of x (N, D). */
    int[] predict(Tensor x) {
        try (var s = Autodiff.noGrad()) {
            double[] z = logits(x).data();
            int[] out = new int[z.length];
            for (int i = 0; i < z.length; i++) {
                out[i] = z[i] > 0 ? 1 : 0;
            }
            return out;
        }
    }
}
