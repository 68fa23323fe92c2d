package org.sciml4j.train;

import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

import org.sciml4j.tensor.Tensor;

/**
 * Keeps the parameters of the best-scored epoch and puts them back when training ends (DeepXDE's
 * {@code ModelCheckpoint(save_better_only=True, period=N)} followed by {@code model.restore} of the best step; the
 * SSGP code's validation-based choice of the step). Every {@code period} epochs the parameters are scored; when the
 * score is the lowest so far their values are copied. {@link #onEnd()} writes the kept copy back, whether training
 * completed, stopped (listener, time budget, divergence) or failed; {@link #keptEpoch()} and {@link #keptScore()}
 * say which epoch was kept. It never stops training.
 * <p>
 * Two scores:
 * <ul>
 * <li>{@link #trainingLoss}: the training loss (DeepXDE's meaning), free: no extra evaluation. In a first-order
 * phase the total logged at epoch {@code k} is the loss the step's gradient was taken at, that of the parameters
 * after epoch {@code k - 1}; so the parameters after epoch {@code m} (a multiple of {@code period}) are copied as a
 * candidate and scored with the total logged at epoch {@code m + 1}. The parameters after the last epoch are never
 * scored (training does not evaluate them), nor a candidate whose next epoch starts another phase. In a
 * quasi-Newton or least-squares phase the logged value is that of the current parameters and scores them at once.
 * With mini-batches the score is the next batch's loss, not the full training loss; an objective that changes its
 * weights while training makes earlier totals incomparable with later ones.</li>
 * <li>{@link #KeepBest(List, int, DoubleSupplier)}: any score of the current parameters, computed every
 * {@code period} epochs (e.g. a validation rollout's error).</li>
 * </ul>
 * Resuming a run ({@link Trainer#resume}) restarts the tracking: the kept copy is not in the checkpoint file.
 * Not thread-safe; one instance per run.
 */
public class KeepBest implements TrainingListener {
    private final List<Tensor> parameters;
    private final int period;
    private final DoubleSupplier score;
    private double[][] kept;
    private double best;
    private int keptEpoch;
    /** The training-loss mode's copy waiting for its score (the next epoch's logged total); -1: none. */
    private double[][] candidate;
    private int candidateEpoch;
    /** Whether the running phase logs the loss of the parameters before its step (a first-order phase). */
    private boolean logsBeforeStep = true;

    /**
     * Scores the current parameters with {@code score} every {@code period} epochs (counted across phases).
     *
     * @param parameters the trained leaves whose values are kept and restored
     * @param period     epochs between scores (>= 1)
     * @param score      lower is better; a NaN score is never kept
     * @throws IllegalArgumentException if {@code period < 1}
     */
    public KeepBest(List<Tensor> parameters, int period, DoubleSupplier score) {
        this(parameters, Objects.requireNonNull(score, "score"), period);
    }

    /** {@code score} null: the training-loss mode. */
    private KeepBest(List<Tensor> parameters, DoubleSupplier score, int period) {
        if (period < 1) {
            throw new IllegalArgumentException("the keep-best period must be >= 1 epoch, got " + period);
        }
        this.parameters = List.copyOf(parameters);
        this.period = period;
        this.score = score;
        reset();
    }

    /**
     * Scores the parameters after every {@code period}-th epoch by the training loss that training logs for them
     * (the weighted total; see the class comment for which epoch's log that is).
     *
     * @throws IllegalArgumentException if {@code period < 1}
     */
    public static KeepBest trainingLoss(List<Tensor> parameters, int period) {
        return new KeepBest(parameters, null, period);
    }

    private void reset() {
        kept = null;
        best = Double.POSITIVE_INFINITY;
        keptEpoch = -1;
        candidate = null;
        candidateEpoch = -1;
    }

    /** A new run starts the tracking afresh (also a resumed one). */
    @Override
    public void onStart(LossHistory history) {
        reset();
    }

    @Override
    public void onPhaseStart(Phase phase, int epochsBefore, int done) {
        logsBeforeStep = phase instanceof Phase.FirstOrder;
        candidateEpoch = -1; // the next phase's first log is not the candidate's loss
    }

    @Override
    public boolean onEpoch(Progress progress) {
        int epoch = progress.epoch();
        if (score != null) {
            if (epoch % period == 0) {
                consider(score.getAsDouble(), epoch, null);
            }
        } else if (logsBeforeStep) {
            if (candidateEpoch >= 0 && epoch == candidateEpoch + 1) {
                consider(progress.total(), candidateEpoch, candidate);
            }
            candidateEpoch = -1;
            if (epoch % period == 0) {
                candidate = copy(candidate);
                candidateEpoch = epoch;
            }
        } else if (epoch % period == 0) {
            consider(progress.total(), epoch, null);
        }
        return true;
    }

    /** Keeps {@code values} (or a copy of the current parameters when null) if {@code s} is the best so far. */
    private void consider(double s, int epoch, double[][] values) {
        if (!(s < best)) {
            return;
        }
        best = s;
        keptEpoch = epoch;
        if (values == null) {
            kept = copy(kept);
        } else {
            double[][] spare = kept;
            kept = values;
            candidate = spare; // reused for the next candidate
        }
    }

    /** The parameters' current values, into {@code into} when it has their sizes. */
    private double[][] copy(double[][] into) {
        double[][] out = into != null ? into : new double[parameters.size()][];
        for (int i = 0; i < parameters.size(); i++) {
            double[] v = parameters.get(i).data();
            if (out[i] == null || out[i].length != v.length) {
                out[i] = v.clone();
            } else {
                System.arraycopy(v, 0, out[i], 0, v.length);
            }
        }
        return out;
    }

    /** Writes the kept values back. */
    @Override
    public void onEnd() {
        restoreBest();
    }

    /** Writes the kept parameter values back (no change when nothing was kept); may be called again. */
    public void restoreBest() {
        if (kept == null) {
            return;
        }
        for (int i = 0; i < parameters.size(); i++) {
            double[] v = kept[i];
            System.arraycopy(v, 0, parameters.get(i).data(), 0, v.length);
        }
    }

    /** The epoch whose parameters are kept (after that epoch's step); -1 when none was scored. */
    public int keptEpoch() {
        return keptEpoch;
    }

    /** The kept parameters' score; infinite when none was scored. */
    public double keptScore() {
        return best;
    }

    /** A copy of the kept values, one array per parameter in order (each of the parameter's numel); null if none. */
    public double[][] kept() {
        if (kept == null) {
            return null;
        }
        double[][] out = new double[kept.length][];
        for (int i = 0; i < kept.length; i++) {
            out[i] = kept[i].clone();
        }
        return out;
    }
}
