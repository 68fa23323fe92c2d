package org.sciml4j.pinn.eikonal;

import org.sciml4j.nn.Module;
import org.sciml4j.nn.jet.TaylorJet;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * The factorised travel-time surrogate T(x, xs) = |x - xs| tau(x, xs) for a receiver x and a source xs anywhere in
 * a {@link Box}, with tau = exp(u(x, xs)) / v(xs) and u the network's output: tau is positive by construction, the
 * source's kink is in |x - xs| and the point-source condition tau(xs, xs) = 1 / v(xs) reads u(xs, xs) = 0 (a network
 * that starts near 0 starts near the straight-ray times of the source's velocity). The network's inputs are
 * (x, xs) with every coordinate scaled to [-1, 1] (2d columns).
 */
public final class EikonalSurrogate {
    private final Module network;
    private final TaylorJet jet;
    private final Box box;
    private final Velocity velocity;

    /**
     * @param network 2d inputs, 1 output, with a fused first-derivative jet (an MLP with tanh or sin, optionally
     *                with Fourier features)
     * @throws IllegalArgumentException if the network's sizes do not fit or it has no jet
     */
    public EikonalSurrogate(Module network, Box box, Velocity velocity) {
        int d = box.dimension();
        if (network.inputSize() != 2 * d || network.outputSize() != 1) {
            throw new IllegalArgumentException("the eikonal network needs " + 2 * d + " inputs (receiver and source"
                    + " coordinates) and 1 output, got " + network.inputSize() + " and " + network.outputSize());
        }
        this.network = network;
        this.jet = network.taylorJet().orElseThrow(() -> new IllegalArgumentException("the eikonal network needs"
                + " derivatives along its inputs in one fused pass: use type mlp with activation tanh or sin"));
        this.box = box;
        this.velocity = velocity;
    }

    /** The network (trained in place). */
    public Module network() {
        return network;
    }

    /** The region. */
    public Box box() {
        return box;
    }

    /** The velocity model. */
    public Velocity velocity() {
        return velocity;
    }

    /**
     * The network's inputs for n receiver-source pairs.
     *
     * @param receivers flat (n * d)
     * @param sources   flat (n * d)
     * @return (n, 2d): the scaled receiver, then the scaled source
     */
    public Tensor inputs(double[] receivers, double[] sources) {
        int d = box.dimension();
        int n = receivers.length / d;
        double[] in = new double[n * 2 * d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                in[i * 2 * d + a] = box.scaled(a, receivers[i * d + a]);
                in[i * 2 * d + d + a] = box.scaled(a, sources[i * d + a]);
            }
        }
        return Tensor.of(in, n, 2 * d);
    }

    /**
     * u and its derivatives along the receiver's scaled coordinates, recorded against the parameters.
     *
     * @param inputs           (N, 2d) from {@link #inputs}
     * @param derivativePoints how many of the first points carry derivatives
     * @return {u (N, 1), then du / d(scaled x_a) (derivativePoints, 1) for each axis a}
     */
    public Tensor[] jet(Tensor inputs, int derivativePoints) {
        int d = box.dimension();
        int[] variables = new int[d];
        int[] orders = new int[d];
        for (int a = 0; a < d; a++) {
            variables[a] = a;
            orders[a] = 1;
        }
        return jet.evaluate(inputs, variables, orders, derivativePoints);
    }

    /**
     * Travel times of n receiver-source pairs (no graph recorded).
     *
     * @param receivers flat (n * d)
     * @param sources   flat (n * d)
     * @return T, length n
     */
    public double[] times(double[] receivers, double[] sources) {
        int d = box.dimension();
        int n = receivers.length / d;
        double[] u;
        try (var s = Autodiff.noGrad()) {
            u = network.forward(inputs(receivers, sources)).toArray();
        }
        double[] vs = velocity.at(sources, d);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            double r2 = 0;
            for (int a = 0; a < d; a++) {
                double dx = receivers[i * d + a] - sources[i * d + a];
                r2 += dx * dx;
            }
            t[i] = Math.sqrt(r2) * Math.exp(u[i]) / vs[i];
        }
        return t;
    }

    /**
     * grad_x T of n receiver-source pairs through the network's fused jet (no graph recorded):
     * grad_x T = tau (n + |x - xs| grad_x u), n the unit vector from xs to x (0 at the source itself).
     *
     * @param receivers flat (n * d)
     * @param sources   flat (n * d)
     * @return flat (n * d), point-major
     */
    public double[] gradients(double[] receivers, double[] sources) {
        int d = box.dimension();
        int n = receivers.length / d;
        double[] u;
        double[][] du = new double[d][];
        try (var s = Autodiff.noGrad()) {
            Tensor[] j = jet(inputs(receivers, sources), n);
            u = j[0].toArray();
            for (int a = 0; a < d; a++) {
                du[a] = j[1 + a].toArray();
            }
        }
        double[] vs = velocity.at(sources, d);
        double[] g = new double[n * d];
        for (int i = 0; i < n; i++) {
            double r2 = 0;
            for (int a = 0; a < d; a++) {
                double dx = receivers[i * d + a] - sources[i * d + a];
                r2 += dx * dx;
            }
            double r = Math.sqrt(r2);
            double tau = Math.exp(u[i]) / vs[i];
            for (int a = 0; a < d; a++) {
                double unit = r > 0 ? (receivers[i * d + a] - sources[i * d + a]) / r : 0;
                g[i * d + a] = tau * (unit + r * du[a][i] * box.scale(a));
            }
        }
        return g;
    }

    /** Travel times from one source (length d) to n receivers (flat n * d). */
    public double[] timesFrom(double[] source, double[] receivers) {
        int d = box.dimension();
        int n = receivers.length / d;
        double[] sources = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(source, 0, sources, i * d, d);
        }
        return times(receivers, sources);
    }
}
