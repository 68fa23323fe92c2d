package org.sciml4j.optim;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay, with the
 * semantics and the floating-point arithmetic of {@code torch.optim.SGD} (single-tensor path), element by element:
 * <pre>
 *   g = fma(weight_decay, p, grad)                          (if weight_decay != 0; torch: grad.add(p, alpha=wd))
 *   if momentum != 0:
 *       buf = g                                             (first step)
 *       buf = fma(1 - dampening, g, buf * momentum)         (later steps)
 *       g = nesterov ? fma(momentum, buf, g) : buf
 *   p = fma(-lr, g, p)                                      (torch: p.add_(g, alpha=-lr))
 * </pre>
 * PyTorch's CPU kernels (the AVX2 and AVX-512 builds every current x86 processor runs) evaluate
 * {@code a.add(b, alpha)} as the fused multiply-add {@code fma(alpha, b, a)}; {@link Math#fma}, exactly rounded on
 * every JVM, reproduces that, so trajectories equal PyTorch's bit for bit (checked against PyTorch's kernels).
 * State: {@code "step"} and, with momentum, {@code "momentum_buffer.<i>"}.
 * <p>
 * Configuration is immutable; the instance holds the mutable per-run state (see {@link Optimizer}).
 */
public final class Sgd extends AbstractOptimizer {
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;

    private Sgd(Builder b) {
        super(b, b.momentum != 0 ? new String[] {"momentum_buffer"} : new String[0]);
        this.momentum = b.momentum;
        this.dampening = b.dampening;
        this.nesterov = b.nesterov;
    }

    /** Plain gradient descent ({@code p -= lr * g}) with a constant rate. */
    public static Sgd of(double learningRate) {
        return builder().learningRate(learningRate).build();
    }

    /** A builder with PyTorch's defaults: lr 1e-3, no momentum, no dampening, no Nesterov, no weight decay. */
    public static Builder builder() {
        return new Builder();
    }

    /** A fresh optimiser (step 0, no buffers) with this one's configuration. */
    public Sgd fresh() {
        return new Builder().learningRate(baseLearningRate()).schedule(schedule()).momentum(momentum)
                .dampening(dampening).nesterov(nesterov).weightDecay(weightDecay()).build();
    }

    @Override
    String name() {
        return "Sgd";
    }

    @Override
    void update(int step, double lr, double[] p, double[] grad, double[][] buffers) {
        final double wd = weightDecay();
        final double mu = momentum;
        final double oneMinusDampening = 1 - dampening;
        final double negLr = -lr;
        double[] buf = mu != 0 ? buffers[0] : null;
        boolean first = step == 1;
        for (int j = 0; j < p.length; j++) {
            double g = grad[j];
            if (wd != 0) {
                g = Math.fma(wd, p[j], g);
            }
            if (buf != null) {
                double bj = first ? g : Math.fma(oneMinusDampening, g, buf[j] * mu);
                buf[j] = bj;
                g = nesterov ? Math.fma(mu, bj, g) : bj;
            }
            p[j] = Math.fma(negLr, g, p[j]);
        }
    }

    /** Momentum factor. */
    public double momentum() {
        return momentum;
    }

    /** Dampening of the momentum. */
    public double dampening() {
        return dampening;
    }

    /** Whether Nesterov momentum is used. */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    public String toString() {
        return "Sgd[lr=" + baseLearningRate() + ", momentum=" + momentum + ", dampening=" + dampening
                + ", nesterov=" + nesterov + ", weightDecay=" + weightDecay() + ", schedule=" + schedule() + "]";
    }

    /** Builder of {@link Sgd}; each setter validates its argument. */
    public static final class Builder extends AbstractOptimizer.Builder<Builder, Sgd> {
        private double momentum;
        private double dampening;
        private boolean nesterov;

        private Builder() {
            super("Sgd", 0);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Momentum factor (default 0). */
        public Builder momentum(double m) {
            this.momentum = checkNonNegative("Sgd", "momentum", m);
            return this;
        }

        /** Dampening of the momentum (default 0). */
        public Builder dampening(double d) {
            this.dampening = checkNonNegative("Sgd", "dampening", d);
            return this;
        }

        /** Nesterov momentum (default false); needs momentum > 0 and zero dampening. */
        public Builder nesterov(boolean n) {
            this.nesterov = n;
            return this;
        }

        /** The optimiser. */
        @Override
        public Sgd build() {
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("Sgd: Nesterov momentum requires a momentum > 0 and zero"
                        + " dampening, got momentum " + momentum + " and dampening " + dampening);
            }
            return new Sgd(this);
        }
    }
}
