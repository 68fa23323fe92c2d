package org.sciml4j.inference.sbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sciml4j.inference.flow.FlowSpec;
import org.sciml4j.inference.mcmc.McmcSettings;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

public class NleTest {

    @Test
    void nleRecoversAConjugateGaussianPosterior() throws Exception {
        // theta ~ N(0, I_2), x ~ N(theta, 0.5^2 I): the posterior given x_o is N(0.8 x_o, 0.2 I)
        Prior prior = Prior.gaussian(new double[2], new double[] {1, 1});
        Simulator sim = Simulator.of(2, (t, r) -> new double[] {t[0] + 0.5 * Simulator.normal(r),
            t[1] + 0.5 * Simulator.normal(r)});
        SimulationData data = new Simulations(prior, sim, 500, 1).run(3000, 4, n -> { }).data();
        NpeSettings s = new NpeSettings(new FlowSpec("maf", 2, 24, 1), 100, 3e-3, 0.1, 5, 40, 5);
        Npe.Result r = new Nle(s).train(data, 5, null);
        assertThat(r.flow().features()).isEqualTo(2);
        assertThat(r.flow().contextFeatures()).isEqualTo(2);
        // the fitted q(x | theta) is close to N(theta, 0.25 I): its mean validation -log q is near the entropy
        // 2 * (0.5 log(2 pi e) + log 0.5) = 1.452
        assertThat(r.bestValidation()).isCloseTo(1.452, within(0.08));
        double[] xo = {1, -1};
        NlePosterior post = new NlePosterior(r.flow(), prior, new McmcSettings(40, 100, 5, 0.5, 20, 2000));
        int n = 2000;
        Tensor q = post.sample(n, xo, new Rng(6));
        double[] v = q.data();
        for (int j = 0; j < 2; j++) {
            double m = 0;
            double var = 0;
            for (int i = 0; i < n; i++) {
                m += v[2 * i + j] / n;
            }
            for (int i = 0; i < n; i++) {
                var += (v[2 * i + j] - m) * (v[2 * i + j] - m) / (n - 1);
            }
            assertThat(m).as("posterior mean %d", j).isCloseTo(0.8 * xo[j], within(0.1));
            assertThat(var).as("posterior variance %d", j).isCloseTo(0.2, within(0.05));
        }
        assertThat(post.lastRun().rhat()[0]).isLessThan(1.05);
        // the unnormalised log posterior differs from the exact one by a constant (up to the flow's error)
        double[] th = {0.8, -0.8, 0.3, -0.2};
        double[] lp = post.logProb(Tensor.of(th, 2, 2), Tensor.of(new double[] {1, -1, 1, -1}, 2, 2));
        double exactDiff = (-0.5 * (Math.pow(0.3 - 0.8, 2) + Math.pow(-0.2 + 0.8, 2)) / 0.2);
        assertThat(lp[1] - lp[0]).isCloseTo(exactDiff, within(0.3));
    }
}
