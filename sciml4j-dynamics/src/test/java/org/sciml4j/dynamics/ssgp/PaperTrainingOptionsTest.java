package org.sciml4j.dynamics.ssgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.ode.DormandPrince;
import org.sciml4j.dynamics.ode.Rk4;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * The SSGP paper's training options of {@link SsgpObjective}: sampled start states with their KL, the KL weighed per
 * batch, and training through Dormand-Prince.
 */
class PaperTrainingOptionsTest {
    /** One trajectory (1, 4, 2) at t = 0, 0.5, 1, 1.5. */
    private static final double[] X = {0.3, -0.2, 0.5, 0.1, 0.9, 0.4, 1.0, 0.2};

    private static TrajectoryData data() {
        return new TrajectoryData(Tensor.of(new double[] {0, 0.5, 1, 1.5}, 4), Tensor.of(X.clone(), 1, 4, 2), null);
    }

    /** The weighted sum of the objective's terms at epoch 0. */
    private static Tensor total(SsgpObjective o) {
        o.beforeEpoch(0);
        List<Tensor> terms = o.loss();
        return terms.get(0).add(terms.get(1));
    }

    @Test
    void sampledStartsScoreTheStartAndAddTheirKlInClosedForm() {
        // a lengthscale of 1e9 and weights of sd ~1e-7 make the field ~1e-16: every path stays at its start, and a
        // start sd of 1e-8 keeps that start at its observation, so the loss is a sum of hand-computable squares
        SymplecticFeatures f = new SymplecticFeatures(2, 4, 1e9, 1);
        VariationalWeights q = new VariationalWeights(8, 1e-6);
        double a = 1e-12;
        double noise = 0.5;
        SsgpObjective o = new SsgpObjective(f, q, new Rk4(0.25), data(), 2, 0, noise, 3).sampledStarts(a);
        o.beforeEpoch(0);
        List<Tensor> terms = o.loss();
        // segments from points 0 and 1, each scoring its start (0) and 2 further points, d = 2: 12 values
        double squares = 0;
        double starts = 0;
        for (int from = 0; from < 2; from++) {
            for (int k = 1; k <= 2; k++) {
                for (int j = 0; j < 2; j++) {
                    double r = X[(from + k) * 2 + j] - X[from * 2 + j];
                    squares += r * r;
                }
            }
            starts += X[from * 2] * X[from * 2] + X[from * 2 + 1] * X[from * 2 + 1];
        }
        double nll = squares / 12 / (2 * noise * noise) + Math.log(noise) + 0.5 * Math.log(2 * Math.PI);
        // KL(N(y0, a^2 I) || N(0, I)) = (d a^2 + |y0|^2 - d - d log a^2) / 2 per start, over the 12 scored values
        double startKl = 0.5 * (2 * 2 * (a * a - 1 - Math.log(a * a)) + starts) / 12;
        double weightKl = q.kl().item() / 8; // the weights' KL over all N = 1 x 4 x 2 observed values
        assertThat(terms.get(0).item()).isCloseTo(nll, within(1e-9));
        assertThat(terms.get(1).item()).isCloseTo(startKl + weightKl, within(1e-9));
        assertThat(o.startSd()).containsExactly(new double[] {a, a}, within(1e-24));

        SsgpObjective perBatch = new SsgpObjective(f, q, new Rk4(0.25), data(), 2, 0, noise, 3).sampledStarts(a)
                .klPerBatch();
        perBatch.beforeEpoch(0);
        assertThat(perBatch.loss().get(1).item()).isCloseTo(startKl + q.kl().item() / 12, within(1e-9));
        // without sampled starts the batch scores 8 values (no start): the paper's weighting divides the KL by 8 too
        SsgpObjective plain = new SsgpObjective(f, q, new Rk4(0.25), data(), 2, 0, noise, 3).klPerBatch();
        plain.beforeEpoch(0);
        assertThat(plain.loss().get(1).item()).isCloseTo(q.kl().item() / 8, within(1e-12));
        // a tempered KL: the weights' KL times the weight, the start KL untouched
        SsgpObjective tempered = new SsgpObjective(f, q, new Rk4(0.25), data(), 2, 0, noise, 3).sampledStarts(a)
                .klWeight(0.25);
        tempered.beforeEpoch(0);
        assertThat(tempered.loss().get(1).item()).isCloseTo(startKl + 0.25 * weightKl, within(1e-9));
    }

    @Test
    void theStartSdGradientMatchesFiniteDifferences() {
        SymplecticFeatures f = new SymplecticFeatures(2, 6, 1.0, 2);
        VariationalWeights q = new VariationalWeights(12, 1.0);
        q.mean().data()[0] = 0.8;
        q.mean().data()[7] = -0.5;
        SsgpObjective o = new SsgpObjective(f, q, new Rk4(0.25), data(), 2, 0, 0.3, 5).sampledStarts(0.3);
        List<Tensor> p = o.parameters();
        Tensor logSd = p.get(p.size() - 1);
        double[] analytic = Autodiff.grad(total(o), logSd)[0].toArray();
        double h = 1e-6;
        for (int j = 0; j < 2; j++) {
            double v = logSd.data()[j];
            logSd.data()[j] = v + h;
            double up = total(o).item();
            logSd.data()[j] = v - h;
            double down = total(o).item();
            logSd.data()[j] = v;
            assertThat(analytic[j]).isCloseTo((up - down) / (2 * h), within(1e-7));
        }
    }

    @Test
    void dormandPrinceTrainingMatchesFineRk4() {
        SymplecticFeatures f = new SymplecticFeatures(2, 6, 1.0, 2);
        VariationalWeights q = new VariationalWeights(12, 1.0);
        q.mean().data()[1] = 1.2;
        q.mean().data()[4] = -0.7;
        SsgpObjective dopri = new SsgpObjective(f, q, new DormandPrince(1e-10, 1e-10), data(), 2, 0, 0.1, 4);
        SsgpObjective rk4 = new SsgpObjective(f, q, new Rk4(0.005), data(), 2, 0, 0.1, 4);
        Tensor a = total(dopri);
        Tensor b = total(rk4);
        assertThat(a.item()).isCloseTo(b.item(), within(1e-8 * Math.abs(b.item()) + 1e-10));
        Tensor ga = Autodiff.grad(a, q.mean())[0];
        Tensor gb = Autodiff.grad(b, q.mean())[0];
        for (int i = 0; i < ga.data().length; i++) {
            assertThat(ga.data()[i]).isCloseTo(gb.data()[i], within(1e-7 * (1 + Math.abs(gb.data()[i]))));
        }
    }

    @Test
    void badOptionsAreRefused() {
        SymplecticFeatures f = new SymplecticFeatures(2, 4, 1.0, 1);
        VariationalWeights q = new VariationalWeights(8, 1.0);
        SsgpObjective o = new SsgpObjective(f, q, new Rk4(0.25), data(), 2, 0, 0.1, 3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> o.sampledStarts(0))
                .hasMessageContaining("start sd must be > 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> o.klWeight(-1))
                .hasMessageContaining("KL weight must be > 0");
        o.sampledStarts(0.1);
        org.assertj.core.api.Assertions.assertThatThrownBy(o::correctStarts).hasMessageContaining("exclude");
    }
}
