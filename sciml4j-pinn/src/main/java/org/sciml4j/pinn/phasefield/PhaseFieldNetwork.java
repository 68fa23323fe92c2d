package org.sciml4j.pinn.phasefield;

import org.sciml4j.nn.Module;
import org.sciml4j.nn.jet.TaylorJet;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * The fields of one load step from a network of the film's coordinates, with the constraints built into the output:
 * inputs (x, y) scaled to [-1, 1]; outputs (a, b, z) give
 * <pre>
 *   u1 = eps0 size a,   u2 = eps0 size b,
 *   phi = phi_prev + (1 - phi_prev) sigmoid(z - offset),
 * </pre>
 * with phi_prev the previous step's phase field (frozen data, 0 at the first step). So 0 &lt;= phi_prev &lt;= phi
 * &lt;= 1 whatever the weights: phi is bounded and never decreases from one step to the next. The offset makes a new
 * network start near "no new damage" (sigmoid(-4) = 0.018).
 */
public final class PhaseFieldNetwork {
    private final Module network;
    private final TaylorJet jet;
    private final double size;
    private final double offset;

    /**
     * @param network 2 inputs, 3 outputs, with a fused first-derivative jet
     * @param size    the film's side
     * @param offset  the phase output's shift
     * @throws IllegalArgumentException if the network does not fit
     */
    public PhaseFieldNetwork(Module network, double size, double offset) {
        if (network.inputSize() != 2 || network.outputSize() != 3) {
            throw new IllegalArgumentException("the phase-field network needs 2 inputs (x, y) and 3 outputs"
                    + " (u1, u2, phi), got " + network.inputSize() + " and " + network.outputSize());
        }
        this.network = network;
        this.jet = network.taylorJet().orElseThrow(() -> new IllegalArgumentException("the phase-field network"
                + " needs its input derivatives in one fused pass: use type mlp with activation tanh or sin"));
        this.size = size;
        this.offset = offset;
    }

    /** The network (trained in place). */
    public Module network() {
        return network;
    }

    /** The network's inputs for points flat (n * 2) of the film: (n, 2) in [-1, 1]. */
    public Tensor inputs(double[] xy) {
        double[] in = new double[xy.length];
        for (int i = 0; i < xy.length; i++) {
            in[i] = 2 * xy[i] / size - 1;
        }
        return Tensor.of(in, xy.length / 2, 2);
    }

    /**
     * The fields and their first derivatives, recorded against the parameters.
     *
     * @param inputs  (N, 2) from {@link #inputs}
     * @param eps0    the step's shrinkage strain
     * @param prev    phi_prev at the points, its x and y derivatives: each (N, 1)
     * @return {u1, u2, phi, u1_x, u1_y, u2_x, u2_y, phi_x, phi_y}, each (N, 1)
     */
    public Tensor[] fields(Tensor inputs, double eps0, Tensor[] prev) {
        Tensor[] j = jet.evaluate(inputs, new int[] {0, 1}, new int[] {1, 1}, inputs.size(0));
        double c = eps0 * size;
        double d = 2 / size;
        Tensor sig = j[0].slice(1, 2, 3).sub(offset).sigmoid();
        Tensor open = prev[0].rsub(1);
        Tensor phi = prev[0].add(open.mul(sig));
        Tensor slope = open.mul(sig).mul(sig.rsub(1)).mul(d);
        Tensor keep = sig.rsub(1);
        return new Tensor[] {j[0].slice(1, 0, 1).mul(c), j[0].slice(1, 1, 2).mul(c), phi,
            j[1].slice(1, 0, 1).mul(c * d), j[2].slice(1, 0, 1).mul(c * d),
            j[1].slice(1, 1, 2).mul(c * d), j[2].slice(1, 1, 2).mul(c * d),
            prev[1].mul(keep).add(slope.mul(j[1].slice(1, 2, 3))),
            prev[2].mul(keep).add(slope.mul(j[2].slice(1, 2, 3)))};
    }

    /**
     * The fields' values, nothing recorded.
     *
     * @param xy      points flat (n * 2)
     * @param eps0    the step's strain
     * @param phiPrev phi_prev at the points (n)
     * @return {u1, u2, phi}, each of length n
     */
    public double[][] values(double[] xy, double eps0, double[] phiPrev) {
        double[] out;
        try (var s = Autodiff.noGrad()) {
            out = network.forward(inputs(xy)).toArray();
        }
        int n = xy.length / 2;
        double[][] f = new double[3][n];
        for (int i = 0; i < n; i++) {
            f[0][i] = eps0 * size * out[3 * i];
            f[1][i] = eps0 * size * out[3 * i + 1];
            double sig = 1 / (1 + Math.exp(-(out[3 * i + 2] - offset)));
            f[2][i] = phiPrev[i] + (1 - phiPrev[i]) * sig;
        }
        return f;
    }
}
