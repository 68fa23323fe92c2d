package org.sciml4j.pinn.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.sciml4j.nn.Concat;
import org.sciml4j.nn.Module;
import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.nn.Networks;
import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.pinn.AdaptiveSampling;
import org.sciml4j.pinn.NetworkInputs;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.Trainer;
import org.sciml4j.pinn.weighting.Weighting;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Phase;
import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.ProblemKinds;
import org.sciml4j.train.config.YamlDocument;

/**
 * A problem file: a PINN problem, its network, training schedule and evaluation data, in YAML. Everything is read
 * and checked (expressions bound, data files loaded, columns counted) before anything is trained; each mistake is a
 * {@link ProblemFileException} naming file, line and column, with a hint. The format, with every key:
 * <pre>
 * kind: pinn                          # the kind of problem file (default: pinn)
 * name: forward                       # names the run (default: the file name)
 * variables: {t: [0, 10]}             # network inputs and their ranges, in input order
 * fields: [u]                         # network outputs
 * parameters: {m: 1, c: 0.1, k: 1}    # known constants
 * unknowns:                           # trained with the network: initial guess, optional positive / bounds
 *   c: {initial: 1.0, positive: true}
 * equations:                          # each holds at the collocation points: expr (= 0) or lhs = rhs;
 *                                     # a list, or name: text
 *   - m*u_tt + c*u_t + k*u
 * conditions:                         # name: at fixed values (other variables sampled), or data from a file
 *   initial: {at: {t: 0}, require: [u = 1, u_t = 0], points: 21, sampling: uniform}
 *   data: {file: data/data_exact.txt, columns: [t, u]}
 * collocation: {points: 101, sampling: uniform}    # or {grid: [21, 51]}; sampling: uniform random lhs sobol ...
 * weights: {equation: 1, initial: 1}  # per loss term, default 1; also a scheme that moves them (scheme: grad_norm,
 *                                     # every: 1000, alpha: 0.9; ntk; self_adaptive; rba; docs/PINN-REMEDIES.md)
 * causal: {variable: t, slabs: 32, epsilon: [1e-2, 1e-1, 1, 10, 100], delta: 0.99}   # causal weights in time
 * energy: {integrand: 0.5*u_x^2 - f*u, quadrature: {rule: gauss_legendre, points: 32}}
 *                                     # an energy to minimise (Deep Ritz, {@link EnergySection})
 * network: {layers: [20, 20], activation: tanh, initializer: glorot_normal}   # hidden layer sizes
 *                                     # also fields: {k: {layers: [10]}}: k from its own network (listed last),
 *                                     # type: modified_mlp (or mlp, see Networks), fourier_features: {features: 64,
 *                                     # scale: 1} (a frozen Fourier-feature embedding of the inputs)
 * training: {seed: 0, adam: {lr: 1e-3, epochs: 10000}, lbfgs: {iterations: 0}, log_every: 1000}
 *                                     # also adam: {batch: 500} (collocation points per epoch), resample_every: 100,
 *                                     # adaptive: {exponent: 1, offset: 1, candidates: 50000} (redraws by residual)
 *                                     # time_windows: {variable: t, windows: 10} (time-marching) or
 *                                     # curriculum: {parameter: nu, from: 0.1, steps: 4} (docs/PINN-MARCHING.md)
 *                                     # rar: {every: 1000, candidates: 10000, add: 10, until: 0} (adds worst points)
 * evaluation: {file: data/data_truth.txt, columns: [t, u]}   # reference values: errors and plots
 *                                     # or {exact: {u: exp(-t)*sin(pi*x)}, grid: [101, 101]} (or points, sampling)
 * uncertainty: {ensemble: 8}          # or {hmc: {samples: 1000, warmup: 500, ...}}: see docs/UNCERTAINTY.md
 * </pre>
 * Relative paths are resolved against the problem file's folder. Each section has its reader in this package
 * ({@link PinnKind} calls them in order); the YAML reading they share is {@link YamlDocument}.
 */
public final class ProblemFile implements ProblemDefinition {

    /**
     * Training settings.
     *
     * @param batch         collocation points per Adam epoch (0: all)
     * @param resampleEvery epochs between draws of new collocation points (0: never)
     * @param adaptive      how redraws place the points by the residual; null: drawn afresh by the sampler
     * @param lmIterations  Levenberg-Marquardt iterations after Adam and L-BFGS (0: none)
     * @param schedule      the phases after Adam in order (lbfgs, lm, natural_gradient, ssbfgs, ssbroyden), the
     *                      lbfgs and lm entries running for {@code lbfgsIterations} and {@code lmIterations}; null:
     *                      L-BFGS then Levenberg-Marquardt
     * @param timeLimit     stop training after this much wall time ({@code time_limit:} seconds; null: none)
     */
    public record TrainingSpec(long seed, double learningRate, int epochs, int lbfgsIterations, int logEvery,
            int batch, int resampleEvery, AdaptiveSampling adaptive, int lmIterations, List<Phase> schedule,
            Duration timeLimit) {

        /** No time limit. */
        public TrainingSpec(long seed, double learningRate, int epochs, int lbfgsIterations, int logEvery,
                int batch, int resampleEvery, AdaptiveSampling adaptive, int lmIterations, List<Phase> schedule) {
            this(seed, learningRate, epochs, lbfgsIterations, logEvery, batch, resampleEvery, adaptive, lmIterations,
                    schedule, null);
        }

        /** The classic schedule: Adam, L-BFGS, Levenberg-Marquardt. */
        public TrainingSpec(long seed, double learningRate, int epochs, int lbfgsIterations, int logEvery,
                int batch, int resampleEvery, AdaptiveSampling adaptive, int lmIterations) {
            this(seed, learningRate, epochs, lbfgsIterations, logEvery, batch, resampleEvery, adaptive, lmIterations,
                    null);
        }

        /** No Levenberg-Marquardt phase. */
        public TrainingSpec(long seed, double learningRate, int epochs, int lbfgsIterations, int logEvery,
                int batch, int resampleEvery, AdaptiveSampling adaptive) {
            this(seed, learningRate, epochs, lbfgsIterations, logEvery, batch, resampleEvery, adaptive, 0);
        }

        /** Full batch, no resampling, no Levenberg-Marquardt phase. */
        public TrainingSpec(long seed, double learningRate, int epochs, int lbfgsIterations, int logEvery) {
            this(seed, learningRate, epochs, lbfgsIterations, logEvery, 0, 0, null);
        }
    }

    /**
     * Reference values to evaluate against: all finite. Points of the data file whose reference value is not finite
     * (DeepXDE's Poisson_Lshape.npz marks the points outside its domain with NaN) are left out and counted.
     *
     * @param file    the data file as written in the problem file
     * @param points  (N, variables)
     * @param truth   (N, fields)
     * @param skipped how many points of the file were left out for a non-finite reference value
     */
    public record EvaluationSpec(String file, Tensor points, Tensor truth, int skipped) {
        /** Reference values with no point left out. */
        public EvaluationSpec(String file, Tensor points, Tensor truth) {
            this(file, points, truth, 0);
        }
    }

    /**
     * Staged training ({@code training: {time_windows: ...}} or {@code {curriculum: ...}}), at most one set.
     *
     * @param timeWindows time-marching, or null
     * @param curriculum  a parameter curriculum, or null
     */
    public record Staging(org.sciml4j.pinn.marching.TimeWindows timeWindows,
            org.sciml4j.pinn.marching.Curriculum curriculum) {
        /** Plain training. */
        public static final Staging NONE = new Staging(null, null);

        /** True for plain training. */
        public boolean none() {
            return timeWindows == null && curriculum == null;
        }
    }

    private final Path path;
    private final String text;
    private final String name;
    private final Problem problem;
    private final NetworkSpec network;
    private final TrainingSpec training;
    private final EvaluationSpec evaluation;
    private final Staging staging;
    private final Weighting weighting;
    private final NetworkInputs inputs;
    private final TermPlaces termPlaces;

    ProblemFile(Path path, String text, String name, Problem problem, NetworkSpec network, TrainingSpec training,
            EvaluationSpec evaluation, Staging staging, Weighting weighting, NetworkInputs inputs,
            TermPlaces termPlaces) {
        this.inputs = inputs;
        this.termPlaces = termPlaces;
        this.staging = staging;
        this.weighting = weighting;
        this.path = path;
        this.text = text;
        this.name = name;
        this.problem = problem;
        this.network = network;
        this.training = training;
        this.evaluation = evaluation;
    }

    /**
     * Reads and checks a problem file of kind {@code pinn} (the default).
     *
     * @throws ProblemFileException for any mistake in it or in the data files it names, or when it is of another
     *                              kind
     */
    public static ProblemFile read(Path file) {
        return pinn(ProblemKinds.read(YamlDocument.read(file), PinnKind.NAME, ProblemDefinition.class));
    }

    /**
     * Reads a problem from text; {@code file} names it in messages and anchors relative paths.
     *
     * @throws ProblemFileException for any mistake
     */
    public static ProblemFile parse(String text, Path file) {
        return pinn(ProblemKinds.read(YamlDocument.parse(text, file), PinnKind.NAME, ProblemDefinition.class));
    }

    /** The PINN problem of a definition of this kind: itself, or the one an {@code uncertainty:} run is made of. */
    private static ProblemFile pinn(ProblemDefinition d) {
        return d instanceof org.sciml4j.pinn.uncertainty.UncertainProblem u ? u.file() : (ProblemFile) d;
    }

    /** {@value PinnKind#NAME}. */
    @Override
    public String kind() {
        return PinnKind.NAME;
    }

    /** The file. */
    @Override
    public Path path() {
        return path;
    }

    /** The file's text as read. */
    @Override
    public String text() {
        return text;
    }

    /** The run's name. */
    @Override
    public String name() {
        return name;
    }

    /** The problem. */
    public Problem problem() {
        return problem;
    }

    /** The network settings. */
    public NetworkSpec network() {
        return network;
    }

    /** The training settings. */
    public TrainingSpec training() {
        return training;
    }

    /** The reference data, or null when the file gives none. */
    public EvaluationSpec evaluation() {
        return evaluation;
    }

    /**
     * A fresh network as the file describes, initialised from {@code seed} (see {@link Networks#build}): one network
     * of the spec's type, or with {@code network.fields} a {@link Concat} of the main network (the other fields) and
     * one network per listed field (seeds {@code seed + 1}, {@code seed + 2}, ...), fed the file's extra
     * {@code network.inputs} after the variables when it has some. Input {@code (N, variables)}, output
     * {@code (N, fields)}.
     */
    public Module newNetwork(long seed) {
        return inputs.wrap(Networks.build(network, problem.variables().size() + inputs.count(),
                problem.fields().size(), seed));
    }

    /** The extra network inputs ({@code network.inputs}), {@link NetworkInputs#NONE} without them. */
    public NetworkInputs inputs() {
        return inputs;
    }

    /** Time windows or a curriculum ({@code training:}), {@link Staging#NONE} for plain training. */
    public Staging staging() {
        return staging;
    }

    /** The loss-shaping remedies: weights' scheme, causal weights, refinement (none: {@link Weighting#none()}). */
    public Weighting weighting() {
        return weighting;
    }

    /**
     * {@code e} as a mistake placed in the file when training could not start because a loss term written there was
     * not finite at the initial parameters (its formula or data is at fault, not the training); else {@code e}.
     */
    public RuntimeException placed(TrainingDivergedException e) {
        return termPlaces.placed(e);
    }

    /** A trainer builder with the file's schedule, seed and remedies. */
    public Trainer.Builder trainer() {
        Trainer.Builder b = Trainer.builder().adam(training.learningRate, training.epochs)
                .lbfgs(training.lbfgsIterations).lm(training.lmIterations).seed(training.seed).batch(training.batch)
                .resample(training.resampleEvery).adaptive(training.adaptive).schedule(training.schedule)
                .weighting(weighting);
        return training.timeLimit == null ? b : b.timeBudget(training.timeLimit);
    }
}
