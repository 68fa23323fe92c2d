package org.sciml4j.pinn.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.Variable;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.Problem;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Linalg;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Phase;
import org.sciml4j.train.Trainer;

/**
 * A B-PINN whose posterior is Gaussian and known: a linear network u = w t + b (no hidden layer), data
 * y_i = u(t_i) + noise, the equation u_t - c = 0 at 5 collocation points (residual w - c), Gaussian priors. The
 * posterior of (w, b, c) has precision A = X^T X / sd_d^2 + I / sd_p^2 on (w, b), N_f / sd_f^2 [[1, -1], [-1, 1]] on
 * (w, c), 1 / sd_u^2 on c, and mean A^-1 X^T y / sd_d^2 (c's prior mean is its initial guess, 0).
 */
class BayesianPinnTest {
    static final double[] T = {0, 0.1, 0.2, 0.3, 0.45, 0.5, 0.6, 0.75, 0.9, 1};
    static final double[] Y = {0.52, 0.71, 0.86, 1.13, 1.42, 1.47, 1.74, 1.98, 2.33, 2.49};
    static final Likelihood SD = new Likelihood(0.1, 0.2, 0.1, 1, 1);

    static Mlp network() {
        return Mlp.builder().sizes(1, 1).activation("tanh").seed(3).build();
    }

    static Problem problem() {
        return Problem.builder().variable("t", 0, 1).fields("u").unknown(new Variable("c", 0.0, Variable.IDENTITY))
                .equation("u_t - c").condition(Condition.data(Tensor.of(T, T.length, 1), Tensor.of(Y, Y.length, 1),
                        "u")).collocation(Sampler.uniform(), 5).build();
    }

    /** The analytic posterior's mean (w, b, c) and covariance (3 x 3, row-major). */
    static double[][] analytic() {
        double[] a = new double[9];
        double[] rhs = new double[3];
        double d2 = SD.dataSd() * SD.dataSd();
        for (int i = 0; i < T.length; i++) {
            a[0] += T[i] * T[i] / d2;
            a[1] += T[i] / d2;
            a[4] += 1 / d2;
            rhs[0] += T[i] * Y[i] / d2;
            rhs[1] += Y[i] / d2;
        }
        a[3] = a[1];
        double f = 5 / (SD.physicsSd() * SD.physicsSd());
        a[0] += f + 1 / (SD.priorSd() * SD.priorSd());
        a[4] += 1 / (SD.priorSd() * SD.priorSd());
        a[8] += f + 1 / (SD.unknownSd() * SD.unknownSd());
        a[2] -= f;
        a[6] -= f;
        double[] cov = Linalg.inverse(Tensor.of(a, 3, 3)).toArray();
        double[] mean = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                mean[i] += cov[i * 3 + j] * rhs[j];
            }
        }
        return new double[][] {mean, cov};
    }

    static double uAtHalf(Mlp net) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return net.forward(Tensor.of(new double[] {0.5}, 1, 1)).item();
        }
    }

    @Test
    void scalesAreThePointCountsOverTwiceTheVariances() {
        BayesianPinn b = new BayesianPinn(problem(), network(), 0, SD);
        assertThat(b.scales()[0]).isCloseTo(5 / (2 * 0.04), within(1e-12));
        assertThat(b.scales()[1]).isCloseTo(10 / (2 * 0.01), within(1e-12));
        assertThat(b.termNames()).containsExactly("equation", "data", "prior");
        assertThat(b.dimension()).isEqualTo(3);
    }

    @Test
    void theTrainerFindsTheAnalyticPosteriorMode() {
        Mlp net = network();
        BayesianPinn b = new BayesianPinn(problem(), net, 0, SD);
        Trainer.builder().phase(Phase.lbfgs(200, 200)).build().train(b);
        double[][] post = analytic();
        double[] m = post[0];
        assertThat(b.get()[2]).isCloseTo(m[2], within(1e-6));
        assertThat(uAtHalf(net)).isCloseTo(0.5 * m[0] + m[1], within(1e-6));
    }

    @Test
    void logDensityGradientMatchesFiniteDifferences() {
        BayesianPinn b = new BayesianPinn(problem(), network(), 0, SD);
        double[] x = {0.7, -0.3, 0.4};
        double[] g = new double[3];
        b.logDensity(x, g);
        for (int i = 0; i < 3; i++) {
            double[] hi = x.clone();
            double[] lo = x.clone();
            hi[i] += 1e-5;
            lo[i] -= 1e-5;
            double fd = (b.logDensity(hi, new double[3]) - b.logDensity(lo, new double[3])) / 2e-5;
            assertThat(g[i]).isCloseTo(fd, within(1e-5 * Math.max(1, Math.abs(fd))));
        }
    }

    @Test
    void hmcDrawsMatchTheAnalyticPosteriorWithinMonteCarloError() {
        Mlp net = network();
        BayesianPinn b = new BayesianPinn(problem(), net, 0, SD);
        HmcResult r = new Hmc(HmcSettings.of(2000, 400, 8)).sample(b, b.get(), 21, null);
        double[][] post = analytic();
        double[] m = post[0];
        double[] cov = post[1];
        double[] c = r.coordinate(2);
        double[] u = new double[r.draws().length];
        for (int k = 0; k < u.length; k++) {
            b.set(r.draws()[k]);
            u[k] = uAtHalf(net);
        }
        double sdC = Math.sqrt(cov[8]);
        double sdU = Math.sqrt(0.25 * cov[0] + cov[4] + cov[1]);
        // 2000 draws with an effective sample size of several hundred: 5 standard errors of 1/sqrt(300) sd
        assertThat(HmcTest.mean(c)).isCloseTo(m[2], within(0.3 * sdC));
        assertThat(HmcTest.sd(c)).isCloseTo(sdC, within(0.12 * sdC));
        assertThat(HmcTest.mean(u)).isCloseTo(0.5 * m[0] + m[1], within(0.3 * sdU));
        assertThat(HmcTest.sd(u)).isCloseTo(sdU, within(0.12 * sdU));
        assertThat(r.acceptance()).isBetween(0.4, 0.95);
    }

    @Test
    void randomisedModesAreExactPosteriorDrawsForALinearGaussianModel() {
        // data and priors only (no equation): the mode of each randomised objective is an exact posterior draw
        Problem p = Problem.builder().variable("t", 0, 1).fields("u").condition(Condition.data(Tensor.of(T, T.length,
                1), Tensor.of(Y, Y.length, 1), "u")).build();
        double d2 = SD.dataSd() * SD.dataSd();
        double[] a = {1, 0, 0, 1}; // prior precision 1 / prior_sd^2 = 1 on (w, b)
        for (double t : T) {
            a[0] += t * t / d2;
            a[1] += t / d2;
            a[2] += t / d2;
            a[3] += 1 / d2;
        }
        double[] cov = Linalg.inverse(Tensor.of(a, 2, 2)).toArray();
        double sdU = Math.sqrt(0.25 * cov[0] + cov[3] + cov[1]);
        double[] rhs = new double[2];
        for (int i = 0; i < T.length; i++) {
            rhs[0] += T[i] * Y[i] / d2;
            rhs[1] += Y[i] / d2;
        }
        double meanU = 0.5 * (cov[0] * rhs[0] + cov[1] * rhs[1]) + cov[2] * rhs[0] + cov[3] * rhs[1];
        int k = 100;
        double[] u = new double[k];
        for (int m = 0; m < k; m++) {
            Mlp net = network();
            BayesianPinn b = BayesianPinn.randomised(p, net, 0, SD, 1000 + m);
            assertThat(b.termNames()).containsExactly("data", "prior", "perturbation");
            Trainer.builder().phase(Phase.lbfgs(100, 100)).build().train(b);
            u[m] = uAtHalf(net);
        }
        // 100 independent draws: the mean within 4 standard errors, the sd within 4 of its ~5 % standard error
        assertThat(HmcTest.mean(u)).isCloseTo(meanU, within(4 * sdU / Math.sqrt(k)));
        assertThat(HmcTest.sd(u)).isCloseTo(sdU, within(0.2 * sdU));
    }

    @Test
    void randomisingRefusesDataThatIsNotAPlainField() {
        Problem p = Problem.builder().variable("t", 0, 1).fields("u").condition(Condition.data(Tensor.of(T, T.length,
                1), Tensor.of(Y, Y.length, 1), "u_t")).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BayesianPinn.randomised(p, network(), 0, SD, 1))
                .hasMessageContaining("plain fields").hasMessageContaining("u_t");
    }
}
