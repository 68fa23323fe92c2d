package org.sciml4j.pinn.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.optim.LeastSquares;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.Problem;
import org.sciml4j.tensor.Tensor;

/** Causal weights: the formula on hand-computed slab losses, and the tolerance schedule. */
class CausalWeightingTest {
    private static final Tensor POINTS = Tensor.of(new double[] {
        0.5, 0.1,
        0.5, 0.2,
        0.5, 0.6,
        0.5, 0.9}, 4, 2);

    @Test
    void slabWeightsAreExponentialsOfTheEarlierLosses() {
        assertThat(CausalWeighting.weights(new double[] {0.1, 0.2, 0.3}, 2))
                .containsExactly(new double[] {1, Math.exp(-0.2), Math.exp(-0.6)}, within(1e-15));
    }

    @Test
    void equationLossIsTheMeanOfWeightedSlabLosses() {
        Problem p = problem();
        WeightingRun run = new WeightingRun(Weighting.none().withCausal(new CausalWeighting("t", 2,
                new double[] {0.1, 1}, 0.99)), new FixedHost(p), 0);
        // residual r = u: (1, 2) in the slab t < 0.5, (3, 4) in the other
        Tensor loss = run.equationLoss(0, p.equations().get(0).atPoints(POINTS), at(1, 2, 3, 4), POINTS);
        double l0 = (1 + 4) / 2.0;
        double l1 = (9 + 16) / 2.0;
        assertThat(loss.item()).isCloseTo((l0 + Math.exp(-0.1 * l0) * l1) / 2, within(1e-13));
        assertThat(run.minW()).isCloseTo(Math.exp(-0.25), within(1e-15));
        assertThat(run.epsilon()).isEqualTo(0.1);
    }

    @Test
    void toleranceMovesOnOnlyOnceEverySlabIsTrained() {
        Problem p = problem();
        WeightingRun run = new WeightingRun(Weighting.none().withCausal(new CausalWeighting("t", 2,
                new double[] {0.1, 1, 10}, 0.99)), new FixedHost(p), 0);
        Condition.Resolved eq = p.equations().get(0).atPoints(POINTS);
        run.equationLoss(0, eq, at(1, 2, 3, 4), POINTS); // min w = exp(-0.25) < 0.99
        run.beforeEpoch(2);
        assertThat(run.epsilon()).isEqualTo(0.1);
        run.equationLoss(0, eq, at(0.01, 0.02, 3, 4), POINTS); // min w = exp(-0.1 * 2.5e-4) > 0.99
        run.beforeEpoch(3);
        assertThat(run.epsilon()).isEqualTo(1);
        run.equationLoss(0, eq, at(0.01, 0.02, 3, 4), POINTS); // exp(-2.5e-4) > 0.99
        run.beforeEpoch(4);
        run.equationLoss(0, eq, at(0, 0, 0, 0), POINTS);
        run.beforeEpoch(5);
        assertThat(run.epsilon()).isEqualTo(10); // the last stays
    }

    @Test
    void knobsAreChecked() {
        assertThatThrownBy(() -> new CausalWeighting("t", 0, new double[] {1}, 0.9))
                .hasMessageContaining("slabs must be >= 1");
        assertThatThrownBy(() -> new CausalWeighting("t", 4, new double[] {1, -1}, 0.9))
                .hasMessageContaining("each epsilon must be > 0");
        assertThatThrownBy(() -> new WeightingRun(Weighting.none().withCausal(new CausalWeighting("s", 2,
                new double[] {1}, 0.9)), new FixedHost(problem()), 0)).hasMessageContaining("'s' is not a variable");
    }

    private static Problem problem() {
        return Problem.builder().variable("x", 0, 1).variable("t", 0, 1).fields("u").equation("u = 0")
                .collocation(POINTS).build();
    }

    private static Evaluation at(double... u) {
        return Evaluation.of(List.of(POINTS.col(0), POINTS.col(1)), Map.of("u", Tensor.of(u, u.length, 1)), Map.of());
    }

    /** A host for the causal weights alone: the problem and one equation. */
    private record FixedHost(Problem problem) implements WeightingHost {
        @Override
        public List<String> termNames() {
            return problem.termNames();
        }

        @Override
        public int equationCount() {
            return 1;
        }

        @Override
        public double[] liveWeights() {
            return new double[] {1};
        }

        @Override
        public List<Tensor> parameters() {
            return List.of();
        }

        @Override
        public List<Tensor> evaluate() {
            throw new UnsupportedOperationException();
        }

        @Override
        public LeastSquares.Residuals residuals(boolean withJacobian) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int[] termRows() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Tensor collocation() {
            return POINTS;
        }

        @Override
        public void growCollocation(Tensor added) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Tensor candidates(int count, long seed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double[] residualNorms(Tensor points, int epoch) {
            throw new UnsupportedOperationException();
        }
    }
}
