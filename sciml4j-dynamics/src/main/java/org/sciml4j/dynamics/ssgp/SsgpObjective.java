package org.sciml4j.dynamics.ssgp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.hamiltonian.TrajectoryObjective;
import org.sciml4j.dynamics.ode.OdeSolver;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Objective;

/**
 * The negative ELBO of the symplectic spectrum GP per observed value, on trajectory segments: from an observed
 * state integrate {@code segment} intervals with one reparameterised weight sample per segment (drawn from the seed
 * and the epoch), Gaussian likelihood with a learned noise sd s_n:
 * <pre>
 *   nll = mean over predicted values of (y - y_hat)^2 / (2 s_n^2) + log s_n + log(2 pi)/2,   kl = KL(q || p) / N,
 * </pre>
 * N the number of observed values in the data, so nll + kl is an unbiased estimate of -ELBO / N also when each
 * step uses a batch of segments. The kernel's own parameters ({@link SymplecticFeatures#parameters()}: lengthscales,
 * dissipation) and the prior amplitude (when {@link VariationalWeights#learned}) are trained with the weights: the
 * paper's type-II maximum of the ELBO. Terms {@code nll}, {@code kl}; logged {@code trajectory_mse} and
 * {@code noise_sd}.
 */
public final class SsgpObjective implements Objective {
    private final SymplecticFeatures features;
    private final VariationalWeights q;
    private final OdeSolver solver;
    private final Tensor logNoise;
    private final double[] x;
    private final int d;
    private final int times;
    private final double dt;
    private final Window first;
    private Window later;
    private int laterFrom = Integer.MAX_VALUE;
    private final long seed;
    private final double observed;
    private int epoch;
    private int klWarmup;
    private int averaged = 1;
    private int laterAveraged;
    private Tensor startCorrection;
    private Tensor logStartSd;
    private boolean klPerBatch;
    private double klWeight = 1;
    private double lastMse = Double.NaN;
    private boolean meanWeights;

    /**
     * @param data    trajectories (K, T, d), evenly spaced times
     * @param segment observation intervals per segment
     * @param noise0  initial noise sd
     */
    public SsgpObjective(SymplecticFeatures features, VariationalWeights q, OdeSolver solver, TrajectoryData data,
            int segment, double noise0, long seed) {
        this(features, q, solver, data, segment, 0, noise0, seed);
    }

    /**
     * @param data    trajectories (K, T, d), evenly spaced times
     * @param segment observation intervals per segment
     * @param batch   segments per step, drawn uniformly (with replacement) from the seed and the epoch; 0, or at
     *                least the number of segments: all of them, every step
     * @param noise0  initial noise sd
     */
    public SsgpObjective(SymplecticFeatures features, VariationalWeights q, OdeSolver solver, TrajectoryData data,
            int segment, int batch, double noise0, long seed) {
        this.features = features;
        this.q = q;
        this.solver = solver;
        this.logNoise = Tensor.of(new double[] {Math.log(noise0)}, 1).requireGrad();
        this.x = data.x().toArray();
        this.d = data.dimension();
        this.times = data.times();
        this.dt = data.t().data()[1] - data.t().data()[0];
        this.seed = seed;
        this.observed = (double) data.trajectories() * times * data.dimension();
        this.first = window(segment, batch);
    }

    /**
     * A segment schedule (a curriculum): from epoch {@code epoch + 1} on, each step draws {@code batch} segments of
     * {@code segment} observation intervals instead (0: all of them), e.g. whole trajectories after a phase of
     * short segments. Short segments barely see an error in the field's speed (a phase drift); long windows do. With
     * {@link #correctStarts()} the learned start of every observation serves the long windows too.
     *
     * @param epoch   the last epoch of the first segments (the first phase's epochs, counted from 1)
     * @param segment observation intervals per later segment, 1 to T - 1
     * @param batch   later segments per step (>= 0; 0 or at least the number of segments: all)
     */
    public SsgpObjective longSegmentsAfter(int epoch, int segment, int batch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("the switch epoch must be >= 0, got " + epoch);
        }
        this.later = window(segment, batch);
        this.laterFrom = epoch + 1;
        return this;
    }

    /**
     * The number of posterior draws averaged into each training sample once the long segments of
     * {@link #longSegmentsAfter} are in use (the first segments keep {@link #averagedSamples}'s): over long windows
     * the rollouts of sampled weights dephase, and more draws bring each sample nearer the posterior mean.
     */
    public SsgpObjective longSegmentsAveraging(int s) {
        if (s < 1) {
            throw new IllegalArgumentException("averaged samples must be >= 1, got " + s);
        }
        this.laterAveraged = s;
        return this;
    }

    /** Segments of {@code segment} intervals, {@code batch} per step, on this data's time grid. */
    private Window window(int segment, int batch) {
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be >= 0, got " + batch);
        }
        TrajectoryObjective.checkSegment(segment, times);
        double[] grid = new double[segment + 1];
        for (int k = 0; k <= segment; k++) {
            grid[k] = k * dt;
        }
        int per = times - segment;
        int[] starts = new int[x.length / d / times * per];
        for (int k = 0; k < starts.length / per; k++) {
            for (int i = 0; i < per; i++) {
                starts[k * per + i] = k * times + i;
            }
        }
        // a batch of at least the segments is all of them every step, as 0 (the project's rule, train.MiniBatches),
        // not that many draws with replacement
        return new Window(segment, batch >= starts.length ? 0 : batch, grid, starts);
    }

    /** Segments of {@code segment} intervals on the time grid {@code grid}, their first observations' rows. */
    private record Window(int segment, int batch, double[] grid, int[] starts) {
    }

    /**
     * Ramps the KL term's weight linearly from 0 to 1 over the first {@code epochs} epochs (KL annealing: the
     * posterior mean and the noise level settle on the data before the prior widens the posterior); 0 (the default)
     * keeps the weight at 1, the plain ELBO.
     */
    public SsgpObjective klWarmup(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("the KL warm-up must be >= 0 epochs, got " + epochs);
        }
        this.klWarmup = epochs;
        return this;
    }

    /**
     * Draws each training weight sample as the average of {@code s} posterior draws (the paper's estimator, s = 100
     * in its code): far less gradient noise, the likelihood evaluated near the posterior mean; 1 (the default) is the
     * plain ELBO.
     */
    public SsgpObjective averagedSamples(int s) {
        if (s < 1) {
            throw new IllegalArgumentException("averaged samples must be >= 1, got " + s);
        }
        this.averaged = s;
        return this;
    }

    /**
     * Treats the segment starts as latent states: x0 = y0 + delta, one learned delta (d) per observation (all zero at
     * first), its observation y0 scored like the others, delta^2 / (2 s_n^2) in the likelihood. The noisy start then
     * no longer drags every segment off (the paper samples the start from a learned Gaussian for the same reason).
     */
    public SsgpObjective correctStarts() {
        if (logStartSd != null) {
            throw new IllegalArgumentException("sampled starts and corrected starts exclude each other");
        }
        this.startCorrection = Tensor.of(new double[x.length], x.length / d, d).requireGrad();
        return this;
    }

    /**
     * Samples each segment's start state, x0 = y0 + a * eps (eps ~ N(0, I), elementwise product), from a Gaussian
     * around its observation with learned sds a (one per coordinate, from {@code sd0}), as the paper's code
     * ({@code sampling_x0}, {@code KL_x0}): the start's own observation is scored in the likelihood and the KL of
     * q(x0) = N(y0, diag a^2) from the prior N(0, I) joins the KL term, per segment
     * <pre>
     *   KL_x0 = (sum_j a_j^2 + |y0|^2 - d - sum_j log a_j^2) / 2,
     * </pre>
     * a local latent: its batch sum is divided by the batch's scored values (segments x (segment + 1) x d), as the
     * likelihood is. The mean stays at the observation; the trained a settles where start noise and the prior
     * balance (about the noise sd). Excludes {@link #correctStarts()}.
     */
    public SsgpObjective sampledStarts(double sd0) {
        if (!(sd0 > 0) || !Double.isFinite(sd0)) {
            throw new IllegalArgumentException("the start sd must be > 0 and finite, got " + sd0);
        }
        if (startCorrection != null) {
            throw new IllegalArgumentException("sampled starts and corrected starts exclude each other");
        }
        double[] v = new double[d];
        java.util.Arrays.fill(v, Math.log(sd0));
        this.logStartSd = Tensor.of(v, d).requireGrad();
        return this;
    }

    /**
     * Weighs the weights' KL as the paper's code does: the whole KL(q || p) added to the batch's summed likelihood,
     * i.e. divided by the batch's scored values rather than by all N observed values (for the double well's 14
     * trajectories and 20 one-unit segments about 6 to 8 times heavier relative to the fit). Not an unbiased
     * -ELBO / N with batches; the default (off) is.
     */
    public SsgpObjective klPerBatch() {
        this.klPerBatch = true;
        return this;
    }

    /**
     * Multiplies the weights' KL by {@code weight} (a tempered ELBO: below 1 the likelihood counts more against the
     * prior, which shrinks the posterior mean b towards 0 less); 1 (the default) is the ELBO.
     */
    public SsgpObjective klWeight(double weight) {
        if (!(weight > 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("the KL weight must be > 0 and finite, got " + weight);
        }
        this.klWeight = weight;
        return this;
    }

    /** The learned sds a of the sampled start states (d), or null without {@link #sampledStarts}. */
    public double[] startSd() {
        return logStartSd == null ? null : java.util.Arrays.stream(logStartSd.data()).map(Math::exp).toArray();
    }

    @Override
    public double[] weights() {
        return new double[] {1, klWarmup == 0 ? 1 : Math.min(1, (epoch + 1.0) / klWarmup)};
    }

    /** The learned noise sd. */
    public double noiseSd() {
        return Math.exp(logNoise.data()[0]);
    }

    @Override
    public List<String> termNames() {
        return List.of("nll", "kl");
    }

    @Override
    public List<Tensor> parameters() {
        List<Tensor> p = new ArrayList<>(q.parameters());
        p.addAll(features.parameters());
        p.add(logNoise);
        if (startCorrection != null) {
            p.add(startCorrection);
        }
        if (logStartSd != null) {
            p.add(logStartSd);
        }
        return p;
    }

    @Override
    public List<String> loggedNames() {
        return List.of("trajectory_mse", "noise_sd");
    }

    @Override
    public double[] loggedValues() {
        return new double[] {lastMse, noiseSd()};
    }

    @Override
    public void beforeEpoch(int e) {
        epoch = e; // draws follow from the seed and the epoch alone: no state to checkpoint
    }

    /**
     * For full-batch minimisers (L-BFGS): from now on every segment of the current window, integrated with the
     * posterior-mean weights b (the sample's limit as {@link #averagedSamples} grows) and sampled starts at their
     * mean, so the objective is a deterministic function: the fit of b under the prior's penalty |b|^2 / (2 p N)
     * (a MAP estimate), the covariance moved by the KL alone.
     */
    @Override
    public void fullBatch() {
        meanWeights = true;
    }

    @Override
    public List<Tensor> loss() {
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + epoch);
        Window win = epoch >= laterFrom ? later : first;
        int segment = win.segment();
        int batch = meanWeights ? 0 : win.batch();
        int[] starts = win.starts();
        double[] grid = win.grid();
        int b = batch == 0 ? starts.length : batch;
        double[] start = new double[b * d];
        double[] target = new double[segment * b * d];
        int[] index = new int[b];
        for (int s = 0; s < b; s++) {
            int from = starts[batch == 0 ? s : rng.nextInt(starts.length)];
            index[s] = from;
            System.arraycopy(x, from * d, start, s * d, d);
            for (int k = 1; k <= segment; k++) {
                System.arraycopy(x, (from + k) * d, target, ((k - 1) * b + s) * d, d);
            }
        }
        Tensor w = meanWeights ? q.meanRows(b)
                : q.sample(b, rng, win == later && laterAveraged > 0 ? laterAveraged : averaged);
        Tensor x0 = Tensor.wrap(start, b, d);
        Tensor sq;
        Tensor kl = q.kl().mul(klWeight);
        if (logStartSd != null) {
            double[] eps = new double[b * d];
            for (int i = 0; i < eps.length; i++) {
                eps[i] = meanWeights ? 0 : SymplecticFeatures.gaussian(rng);
            }
            Tensor sampled = x0.add(Tensor.wrap(eps, b, d).mul(logStartSd.exp().reshape(1, d)));
            Tensor path = solver.solve(features.fieldWith(w), sampled, grid);
            Tensor err = path.slice(0, 1, segment + 1).sub(Tensor.wrap(target, segment, b, d)).square().sum();
            lastMse = err.item() / target.length;
            double scored = target.length + start.length;
            sq = err.add(path.slice(0, 0, 1).sub(x0.reshape(1, b, d)).square().sum()).mul(1.0 / scored);
            kl = kl.mul(klPerBatch ? 1.0 / scored : 1.0 / observed).add(startKl(start, b).mul(1.0 / scored));
        } else if (startCorrection == null) {
            sq = solver.solve(features.fieldWith(w), x0, grid).slice(0, 1, segment + 1)
                    .sub(Tensor.wrap(target, segment, b, d)).square().mean();
            lastMse = sq.item();
            kl = kl.mul(klPerBatch ? 1.0 / target.length : 1.0 / observed);
        } else {
            Tensor delta = startCorrection.indexSelect(0, index);
            Tensor err = solver.solve(features.fieldWith(w), x0.add(delta), grid).slice(0, 1, segment + 1)
                    .sub(Tensor.wrap(target, segment, b, d)).square().sum();
            lastMse = err.item() / target.length;
            double scored = target.length + start.length;
            sq = err.add(delta.square().sum()).mul(1.0 / scored);
            kl = kl.mul(klPerBatch ? 1.0 / scored : 1.0 / observed);
        }
        Tensor nll = sq.mul(logNoise.mul(-2).exp()).mul(0.5).add(logNoise.sum()).add(0.5 * Math.log(2 * Math.PI));
        return List.of(nll.sum(), kl);
    }

    /** Sum over the b starts y0 (b * d values) of KL(N(y0, diag a^2) || N(0, I)), a scalar tensor. */
    private Tensor startKl(double[] y0, int b) {
        double squares = 0;
        for (double v : y0) {
            squares += v * v;
        }
        Tensor perStart = logStartSd.mul(2).exp().sub(1).sub(logStartSd.mul(2)).sum();
        return perStart.mul(0.5 * b).add(0.5 * squares);
    }
}
