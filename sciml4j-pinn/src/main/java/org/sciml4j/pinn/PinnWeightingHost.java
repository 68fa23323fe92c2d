package org.sciml4j.pinn;

import java.util.List;

import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.optim.LeastSquares;
import org.sciml4j.pinn.weighting.WeightingHost;
import org.sciml4j.tensor.Tensor;

/** What the loss-shaping remedies ({@link org.sciml4j.pinn.weighting}) see of a {@link PinnObjective}. */
final class PinnWeightingHost implements WeightingHost {
    private final PinnObjective objective;

    PinnWeightingHost(PinnObjective objective) {
        this.objective = objective;
    }

    @Override
    public Problem problem() {
        return objective.problem();
    }

    @Override
    public List<String> termNames() {
        return objective.termNames();
    }

    @Override
    public int equationCount() {
        return objective.equationCount();
    }

    @Override
    public double[] liveWeights() {
        return objective.liveWeights();
    }

    @Override
    public List<Tensor> parameters() {
        return objective.parameters();
    }

    @Override
    public List<Tensor> evaluate() {
        return objective.loss();
    }

    @Override
    public LeastSquares.Residuals residuals(boolean withJacobian) {
        return objective.residuals(withJacobian);
    }

    @Override
    public int[] termRows() {
        return objective.termRows();
    }

    @Override
    public Tensor collocation() {
        return objective.liveCollocation();
    }

    @Override
    public void growCollocation(Tensor added) {
        objective.growCollocation(added);
    }

    @Override
    public Tensor candidates(int count, long drawSeed) {
        Problem problem = objective.problem();
        try {
            return problem.domainPoints(problem.collocationSampler().orElse(Sampler.random()), count, drawSeed);
        } catch (IllegalArgumentException fixedCount) {
            return problem.domainPoints(Sampler.random(), count, drawSeed); // a grid has the points it has
        }
    }

    @Override
    public double[] residualNorms(Tensor points, int epoch) {
        return objective.residualNorms(points, epoch);
    }
}
