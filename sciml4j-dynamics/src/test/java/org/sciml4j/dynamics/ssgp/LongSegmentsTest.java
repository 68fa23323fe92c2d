package org.sciml4j.dynamics.ssgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.hamiltonian.TrajectoryObjective;
import org.sciml4j.dynamics.ode.Rk4;
import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.tensor.Tensor;

/**
 * The segment schedule ({@code longSegmentsAfter}: short segments, then long windows) of {@link SsgpObjective} and
 * of the HNN's {@link TrajectoryObjective}, against hand-computed losses.
 */
class LongSegmentsTest {
    /** One trajectory (1, 5, 2) at t = 0, 0.5, 1, 1.5, 2. */
    private static final double[] X = {0.3, -0.2, 0.5, 0.1, 0.9, 0.4, 1.0, 0.2, 0.7, -0.3};
    private static final double DT = 0.5;
    private static final double W = 0.8;

    private static TrajectoryData data() {
        return new TrajectoryData(Tensor.of(new double[] {0, 0.5, 1, 1.5, 2}, 5), Tensor.of(X.clone(), 1, 5, 2),
                null);
    }

    /** The rotation field dq/dt = W p, dp/dt = -W q, whose flow is exact: {@link #flow}. */
    private static VectorField rotation() {
        Tensor m = Tensor.of(new double[] {0, -W, W, 0}, 2, 2);
        return (t, x) -> x.matmul(m);
    }

    /** The rotation field's exact flow of (q, p) over time t. */
    private static double[] flow(double q, double p, double t) {
        double c = Math.cos(W * t);
        double s = Math.sin(W * t);
        return new double[] {q * c + p * s, -q * s + p * c};
    }

    /** Sum of squared errors of the exact rollout from (q0, p0) at X's row {@code from} over {@code k} intervals. */
    private static double squares(double q0, double p0, int from, int k) {
        double sum = 0;
        for (int i = 1; i <= k; i++) {
            double[] y = flow(q0, p0, i * DT);
            double a = y[0] - X[(from + i) * 2];
            double b = y[1] - X[(from + i) * 2 + 1];
            sum += a * a + b * b;
        }
        return sum;
    }

    private static double loss(TrajectoryObjective o, int epoch) {
        o.beforeEpoch(epoch);
        return o.loss().get(0).item();
    }

    @Test
    void theHnnObjectiveSwitchesFromOneIntervalToTheWholeTrajectory() {
        TrajectoryObjective o = new TrajectoryObjective(rotation(), new Rk4(0.01),
                TrajectoryObjective.Gradient.DIRECT, data(), 1, 0, 7).longSegmentsAfter(3, 4, 0);
        double shortSum = 0;
        for (int from = 0; from < 4; from++) {
            shortSum += squares(X[from * 2], X[from * 2 + 1], from, 1);
        }
        // epochs 1 to 3: four one-interval segments (8 predicted values); from epoch 4: the whole trajectory (8)
        assertThat(loss(o, 3)).isCloseTo(shortSum / 8, within(1e-9));
        assertThat(loss(o, 4)).isCloseTo(squares(X[0], X[1], 0, 4) / 8, within(1e-9));
        assertThat(loss(o, 9)).isCloseTo(squares(X[0], X[1], 0, 4) / 8, within(1e-9));
    }

    @Test
    void correctedStartsServeTheLongWindowWithTheStartScored() {
        TrajectoryObjective o = new TrajectoryObjective(rotation(), new Rk4(0.01),
                TrajectoryObjective.Gradient.DIRECT, data(), 2, 0, 7).longSegmentsAfter(0, 4, 0).correctStarts();
        Tensor delta = o.parameters().get(o.parameters().size() - 1);
        assertThat(delta.shape()).containsExactly(5, 2);
        delta.data()[0] = 0.05; // the first observation's learned correction
        delta.data()[1] = -0.02;
        double expected = (squares(X[0] + 0.05, X[1] - 0.02, 0, 4) + 0.05 * 0.05 + 0.02 * 0.02) / (8 + 2);
        assertThat(loss(o, 1)).isCloseTo(expected, within(1e-9));
        assertThatThrownBy(() -> new TrajectoryObjective(rotation(), new Rk4(0.01),
                TrajectoryObjective.Gradient.DIRECT, data(), 1, 0, 7).longSegmentsAfter(2, 5, 0))
                .hasMessageContaining("segment must be 1 to 4");
    }

    @Test
    void theSsgpObjectiveScoresTheLongWindowAfterTheSwitch() {
        // a lengthscale of 1e9 and weights of sd ~1e-7 make the field ~1e-16: every path stays at its start, so the
        // likelihood is a mean of hand-computable squares
        SymplecticFeatures f = new SymplecticFeatures(2, 4, 1e9, 1);
        VariationalWeights q = new VariationalWeights(8, 1e-6);
        double noise = 0.5;
        SsgpObjective o = new SsgpObjective(f, q, new Rk4(0.25), data(), 1, 0, noise, 3).longSegmentsAfter(2, 4, 0);
        double shortSum = 0;
        for (int from = 0; from < 4; from++) {
            shortSum += stillSquares(from, 1);
        }
        double constant = Math.log(noise) + 0.5 * Math.log(2 * Math.PI);
        assertThat(nll(o, 2)).isCloseTo(shortSum / 8 / (2 * noise * noise) + constant, within(1e-12));
        assertThat(nll(o, 3)).isCloseTo(stillSquares(0, 4) / 8 / (2 * noise * noise) + constant, within(1e-12));
        assertThatThrownBy(() -> o.longSegmentsAfter(2, 3, -1)).hasMessageContaining("batch must be >= 0");
        assertThatThrownBy(() -> o.longSegmentsAfter(-1, 3, 0)).hasMessageContaining("switch epoch");
    }

    @Test
    void afterTheSwitchTheSsgpDrawsAsAnObjectiveMadeWithTheLongSegments() {
        // a field of real size: the switched objective and one made with the long segments from the start draw the
        // same segments and weight samples (both from the seed and the epoch) and give the same loss
        SymplecticFeatures f = new SymplecticFeatures(2, 6, 1.0, 2);
        VariationalWeights q = new VariationalWeights(12, 1.0);
        SsgpObjective switched = new SsgpObjective(f, q, new Rk4(0.25), data(), 1, 3, 0.2, 4)
                .longSegmentsAfter(5, 3, 2);
        SsgpObjective shortOnly = new SsgpObjective(f, q, new Rk4(0.25), data(), 1, 3, 0.2, 4);
        SsgpObjective longOnly = new SsgpObjective(f, q, new Rk4(0.25), data(), 3, 2, 0.2, 4);
        assertThat(nll(switched, 5)).isEqualTo(nll(shortOnly, 5));
        double after = nll(switched, 6);
        assertThat(after).isEqualTo(nll(longOnly, 6)).isNotEqualTo(nll(shortOnly, 6));
        // more draws averaged in the long windows only: as a long-window objective averaging that many from the start
        switched.longSegmentsAveraging(50);
        assertThat(nll(switched, 5)).isEqualTo(nll(shortOnly, 5));
        assertThat(nll(switched, 6)).isEqualTo(nll(longOnly.averagedSamples(50), 6)).isNotEqualTo(after);
    }

    private static double nll(SsgpObjective o, int epoch) {
        o.beforeEpoch(epoch);
        List<Tensor> terms = o.loss();
        return terms.get(0).item();
    }

    /** Squared distances of X's rows from + 1 .. from + k to row from (a field of zero). */
    private static double stillSquares(int from, int k) {
        double sum = 0;
        for (int i = 1; i <= k; i++) {
            for (int j = 0; j < 2; j++) {
                double r = X[(from + i) * 2 + j] - X[from * 2 + j];
                sum += r * r;
            }
        }
        return sum;
    }
}
