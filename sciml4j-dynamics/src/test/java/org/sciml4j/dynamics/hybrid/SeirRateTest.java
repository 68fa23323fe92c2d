package org.sciml4j.dynamics.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sciml4j.dynamics.ode.Rk4;
import org.sciml4j.nn.Mlp;
import org.sciml4j.train.Trainer;

/** The SEIR hybrid recovers a covariate-driven transmission rate from noisy daily cases. */
class SeirRateTest {
    @Test
    void rateCurveRecoveredWithinTenPercent() {
        int days = 60;
        CovariateSeries m = CovariateSeries.mobility(days);
        SeirData data = SeirData.synthetic(m, SeirData.DEFAULT_RATE, 1 / 3.0, 1 / 5.0, days, 1e6, 1e-4, 0.05, 11);
        SeirModel model = SeirModel.learned(1 / 3.0, 1 / 5.0, m,
                Mlp.builder().sizes(1, 16, 1).activation("tanh").seed(5).build());
        CaseCountObjective o = new CaseCountObjective(model, new Rk4(1.0), data.x0(), data.cases(), 1e6);
        double before = SeirData.relativeL2(model.rateCurve(days), data.trueRate());
        Trainer.builder().adam(3e-2, 150).build().train(o);
        double after = SeirData.relativeL2(model.rateCurve(days), data.trueRate());
        System.out.printf("SEIR rate rel. L2: %.4f -> %.4f, loss %.3e%n", before, after, o.loss().get(0).item());
        assertThat(after).isLessThan(0.10);
    }
}
