package org.sciml4j.dynamics.ssgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/** The learned parts of the SSGP: the full-covariance posterior, its KL, the lengthscales and the dissipation. */
class LearnedKernelTest {

    @Test
    void klIsZeroAtThePriorAndMatchesTheClosedFormOfAFullCovariance() {
        int m = 3;
        VariationalWeights q = VariationalWeights.learned(2 * m, 1.5);
        List<Tensor> p = q.parameters(); // b, lower, logDiag, logAmplitude
        double prior = 1.5 * 1.5 / m;
        java.util.Arrays.fill(p.get(2).data(), 0.5 * Math.log(prior));
        assertThat(q.kl().item()).isCloseTo(0, within(1e-12));
        double[] lower = p.get(1).data();
        lower[3] = 0.2; // L[1][0]
        lower[6] = -0.1; // L[2][0]
        lower[7] = 0.3; // L[2][1]
        lower[1] = 9; // above the diagonal: masked out
        double[] b = p.get(0).data();
        b[0] = 0.4;
        b[5] = -0.7;
        double d = Math.sqrt(prior);
        double[][] l = {{d, 0, 0}, {0.2, d, 0}, {-0.1, 0.3, d}};
        double trace = 0;
        for (double[] row : l) {
            for (double v : row) {
                trace += v * v;
            }
        }
        double logDet = 2 * 3 * Math.log(d);
        double expected = (2 * trace + 0.16 + 0.49) / (2 * prior) - m + m * Math.log(prior) - logDet;
        assertThat(q.kl().item()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void samplesHaveTheSharedCovarianceInBothBlocks() {
        int m = 2;
        VariationalWeights q = new VariationalWeights(2 * m, 1);
        List<Tensor> p = q.parameters();
        p.get(1).data()[2] = 0.5; // L[1][0]
        p.get(2).data()[0] = 0; // L[0][0] = 1
        p.get(2).data()[1] = Math.log(0.5);
        int n = 40000;
        double[] w;
        try (var g = Autodiff.noGrad()) {
            w = q.sample(n, new SplittableRandom(3)).toArray();
        }
        // C = L L^T = [[1, 0.5], [0.5, 0.5]]
        for (int block = 0; block < 2; block++) {
            double c00 = 0;
            double c01 = 0;
            double c11 = 0;
            for (int i = 0; i < n; i++) {
                double a = w[i * 4 + block * 2];
                double c = w[i * 4 + block * 2 + 1];
                c00 += a * a;
                c01 += a * c;
                c11 += c * c;
            }
            assertThat(c00 / n).isCloseTo(1, within(0.03));
            assertThat(c01 / n).isCloseTo(0.5, within(0.03));
            assertThat(c11 / n).isCloseTo(0.5, within(0.03));
        }
        // the average of 4 draws: a quarter of the covariance (the paper's training estimator averages 100)
        try (var g = Autodiff.noGrad()) {
            w = q.sample(n, new SplittableRandom(5), 4).toArray();
        }
        double c00 = 0;
        for (int i = 0; i < n; i++) {
            c00 += w[i * 4] * w[i * 4];
        }
        assertThat(c00 / n).isCloseTo(0.25, within(0.01));
    }

    @Test
    void dissipativeFieldLowersItsEnergyAndLengthscalesGetGradients() {
        SymplecticFeatures f = SymplecticFeatures.learned(2, 8, 1.2, 4, true);
        assertThat(f.parameters()).hasSize(2);
        f.parameters().get(1).data()[0] = 0.3; // L = [[0.3, 0], [0, 0.01]]: R = diag(0.09, 1e-4)
        Tensor w = new VariationalWeights(16, 1).sample(3, new SplittableRandom(2)).detach();
        Tensor x = Tensor.of(new double[] {0.3, -0.2, 1, 0.5, -0.7, 0.9}, 3, 2);
        Tensor v = f.field(x, w);
        double h = 1e-6;
        Tensor ahead = f.energy(x.add(v.mul(h)), w);
        Tensor back = f.energy(x.sub(v.mul(h)), w);
        for (int i = 0; i < 3; i++) {
            assertThat((ahead.data()[i] - back.data()[i]) / (2 * h)).isLessThan(1e-9);
        }
        Tensor loss = f.field(x, w).square().sum();
        Tensor[] grads = Autodiff.grad(loss, f.parameters().toArray(new Tensor[0]));
        assertThat(Math.abs(grads[0].data()[0]) + Math.abs(grads[0].data()[1])).isGreaterThan(1e-6);
        assertThat(f.lengthscales()).containsExactly(1.2, 1.2);
    }
}
