package org.sciml4j.inference.sbi;

import java.util.ArrayList;
import java.util.List;
import org.sciml4j.inference.flow.Flow;
import org.sciml4j.train.Progress;
import org.sciml4j.train.TrainingListener;
import org.sciml4j.tensor.Tensor;

/**
 * sbi's early stopping as a training listener: after every pass over the training pairs ({@code stepsPerPass}
 * epochs) it computes the validation loss, keeps a copy of the best parameters, and stops training once
 * {@code patience} passes in a row brought no improvement. {@link #restoreBest()} puts the best parameters back.
 */
public final class EarlyStopping implements TrainingListener {
    private final Flow flow;
    private final SimulationData validation;
    private final int stepsPerPass;
    private final int patience;
    private final List<Double> curve = new ArrayList<>();
    private double best = Double.POSITIVE_INFINITY;
    private int bestPass;
    private List<double[]> bestParameters;

    /** See the class comment. */
    public EarlyStopping(Flow flow, SimulationData validation, int stepsPerPass, int patience) {
        this.flow = flow;
        this.validation = validation;
        this.stepsPerPass = stepsPerPass;
        this.patience = patience;
    }

    @Override
    public boolean onEpoch(Progress p) {
        if (p.epoch() % stepsPerPass != 0) {
            return true;
        }
        double loss = NpeObjective.meanNll(flow, validation);
        curve.add(loss);
        if (loss < best) {
            best = loss;
            bestPass = curve.size();
            bestParameters = new ArrayList<>();
            for (Tensor t : flow.parameters()) {
                bestParameters.add(t.data().clone());
            }
        }
        return curve.size() - bestPass < patience;
    }

    /** Copies the best parameters seen back into the flow (no-op before the first pass). */
    public void restoreBest() {
        if (bestParameters == null) {
            return;
        }
        List<Tensor> ps = flow.parameters();
        for (int i = 0; i < ps.size(); i++) {
            System.arraycopy(bestParameters.get(i), 0, ps.get(i).data(), 0, bestParameters.get(i).length);
        }
    }

    /** The best validation loss (mean negative log-density). */
    public double best() {
        return best;
    }

    /** The pass (from 1) that reached it. */
    public int bestPass() {
        return bestPass;
    }

    /** The validation loss after each pass. */
    public double[] curve() {
        return curve.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
