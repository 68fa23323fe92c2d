package org.sciml4j.inference.flow;

import java.util.ArrayList;
import java.util.List;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * A masked autoencoder for distribution estimation (MADE, Germain et al. 2015) as nflows builds it with sequential
 * degrees: input i has degree i+1, hidden unit k degree {@code k mod max(1, D-1) + min(1, D-1)}, so that output i
 * depends only on inputs before i in the given order. The context enters the first hidden layer unmasked. Layers:
 * D to H (+ context), {@code blocks} masked H to H layers, then {@code outputsPerFeature} masked heads H to D.
 */
final class Made {
    private final Dense initial;
    private final Dense context;
    private final List<Dense> blocks = new ArrayList<>();
    private final List<Dense> heads = new ArrayList<>();

    Made(int features, int contextFeatures, int hidden, int blocks, int outputsPerFeature, Rng rng) {
        int[] inDeg = new int[features];
        for (int i = 0; i < features; i++) {
            inDeg[i] = i + 1;
        }
        int[] hidDeg = new int[hidden];
        int span = Math.max(1, features - 1);
        for (int k = 0; k < hidden; k++) {
            hidDeg[k] = k % span + Math.min(1, features - 1);
        }
        initial = new Dense(features, hidden, rng, mask(inDeg, hidDeg, false));
        context = contextFeatures > 0 ? new Dense(contextFeatures, hidden, rng, null) : null;
        for (int b = 0; b < blocks; b++) {
            this.blocks.add(new Dense(hidden, hidden, rng, mask(hidDeg, hidDeg, false)));
        }
        for (int o = 0; o < outputsPerFeature; o++) {
            heads.add(new Dense(hidden, features, rng, mask(hidDeg, inDeg, true)));
        }
    }

    /** mask[i][j] = 1 when output j may see input i: deg_out >= deg_in for hidden, > for the output layer. */
    private static double[] mask(int[] in, int[] out, boolean strict) {
        double[] m = new double[in.length * out.length];
        for (int i = 0; i < in.length; i++) {
            for (int j = 0; j < out.length; j++) {
                boolean on = strict ? out[j] > in[i] : out[j] >= in[i];
                m[i * out.length + j] = on ? 1 : 0;
            }
        }
        return m;
    }

    /**
     * @param x       (N, D)
     * @param context (N, C) or null
     * @return one (N, D) tensor per head
     */
    List<Tensor> apply(Tensor x, Tensor context) {
        Tensor h = initial.apply(x);
        if (this.context != null) {
            h = h.add(this.context.applyNoBias(context));
        }
        h = h.tanh();
        for (Dense d : blocks) {
            h = d.apply(h).tanh();
        }
        List<Tensor> out = new ArrayList<>(heads.size());
        for (Dense d : heads) {
            out.add(d.apply(h));
        }
        return out;
    }

    List<Tensor> parameters() {
        List<Tensor> p = new ArrayList<>(List.of(initial.weight, initial.bias));
        if (context != null) {
            p.add(context.weight);
        }
        for (Dense d : blocks) {
            p.add(d.weight);
            p.add(d.bias);
        }
        for (Dense d : heads) {
            p.add(d.weight);
            p.add(d.bias);
        }
        return p;
    }
}
