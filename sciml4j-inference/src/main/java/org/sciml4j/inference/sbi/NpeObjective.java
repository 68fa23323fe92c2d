package org.sciml4j.inference.sbi;

import java.util.List;
import org.sciml4j.inference.flow.Flow;
import org.sciml4j.train.Dataset;
import org.sciml4j.train.MiniBatches;
import org.sciml4j.train.Objective;
import org.sciml4j.tensor.Tensor;

/**
 * Neural posterior estimation's loss: the negative mean log-density {@code -mean_i log q(theta_i | x_i)} of a
 * mini-batch of simulated pairs under the conditional flow (maximum likelihood), one term named {@code nll}.
 * The batch of epoch e follows from the seed and e alone ({@link MiniBatches}).
 */
public final class NpeObjective implements Objective {
    private final Flow flow;
    private final SimulationData train;
    private final MiniBatches batches;
    private int[] rows;

    /**
     * @param flow  q(theta | x), D = theta's columns, C = x's columns
     * @param train the training pairs
     */
    public NpeObjective(Flow flow, SimulationData train, int batchSize, long seed) {
        this.flow = flow;
        this.train = train;
        this.batches = new MiniBatches(train.size(), batchSize, seed);
        this.rows = batches.rows(1);
    }

    /** Adam steps per pass over the training pairs. */
    public int stepsPerPass() {
        return batches.batchesPerPass();
    }

    @Override
    public List<String> termNames() {
        return List.of("nll");
    }

    @Override
    public List<Tensor> parameters() {
        return flow.parameters();
    }

    @Override
    public void beforeEpoch(int epoch) {
        rows = batches.rows(epoch);
    }

    @Override
    public List<Tensor> loss() {
        Tensor theta = Dataset.gather(train.theta(), rows);
        Tensor x = Dataset.gather(train.x(), rows);
        return List.of(flow.logProb(theta, x).mean().neg());
    }

    /** The mean negative log-density over all of {@code data}, without a graph, in chunks of 2000 rows. */
    public static double meanNll(Flow flow, SimulationData data) {
        int n = data.size();
        double sum = 0;
        for (int from = 0; from < n; from += 2000) {
            int to = Math.min(n, from + 2000);
            double[] lp = flow.logProbValues(data.theta().slice(0, from, to), data.x().slice(0, from, to));
            for (double v : lp) {
                sum -= v;
            }
        }
        return sum / n;
    }
}
