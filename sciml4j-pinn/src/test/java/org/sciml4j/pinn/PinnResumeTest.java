package org.sciml4j.pinn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.Variable;
import org.sciml4j.optim.NaturalGradient;
import org.sciml4j.optim.ParameterVector;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Phase;

/** A PINN run checkpointed, interrupted and resumed ends with the same bits as a run never interrupted. */
class PinnResumeTest {

    /**
     * Heat on random points in mini-batches of 64, redrawn every 20 epochs by the residual (so the draws, their
     * counter and the batches must all be restored), then L-BFGS in rounds of 20 on points placed again between
     * them; stopped inside Adam, at the switch and inside the second L-BFGS round.
     */
    @Test
    void aPinnWithBatchesAndAdaptiveRedrawsResumesBitForBit(@TempDir Path dir) throws IOException {
        Trainer.Builder schedule = Trainer.builder().adam(3e-3, 60).lbfgs(60).seed(1).batch(64).resample(20)
                .adaptive(AdaptiveSampling.residual());
        Mlp whole = TrainerTest.net(5, 2, 16, 16, 1);
        Solution uninterrupted = schedule.build().train(TrainerTest.heat(Sampler.random()), whole);
        assertThat(uninterrupted.stopReason()).contains("the last of 3 rounds");
        for (int stopAt : new int[] {47, 60, 88}) {
            Path run = dir.resolve("at" + stopAt);
            Solution stopped = schedule.listener(p -> p.epoch() < stopAt).checkpoint(run, 0).build()
                    .train(TrainerTest.heat(Sampler.random()), TrainerTest.net(5, 2, 16, 16, 1));
            assertThat(stopped.epochs()).isEqualTo(stopAt);
            Mlp resumedNet = TrainerTest.net(5, 2, 16, 16, 1);
            Solution resumed = schedule.listener(null).checkpoint(run.resolve("next"), 0).build()
                    .resume(run, TrainerTest.heat(Sampler.random()), resumedNet);
            assertThat(ParameterVector.get(resumedNet.parameters().trainable()))
                    .containsExactly(ParameterVector.get(whole.parameters().trainable()));
            assertThat(resumed.history().values().data()).containsExactly(uninterrupted.history().values().data());
            assertThat(resumed.stopReason()).isEqualTo(uninterrupted.stopReason());
        }
    }

    /** Adam then Levenberg-Marquardt on heat, stopped inside Adam, at the switch and inside LM. */
    @Test
    void levenbergMarquardtAfterAdamResumesBitForBit(@TempDir Path dir) throws IOException {
        Trainer.Builder schedule = Trainer.builder().adam(3e-3, 20).lm(15).seed(1);
        Mlp whole = TrainerTest.net(5, 2, 8, 1);
        Solution uninterrupted = schedule.build().train(TrainerTest.heat(Sampler.random()), whole);
        double[] total = uninterrupted.history().column("total");
        assertThat(total[34]).isLessThan(total[19] / 10); // LM's 15 steps take the loss an order of magnitude down
        for (int stopAt : new int[] {11, 20, 27}) {
            Path run = dir.resolve("at" + stopAt);
            schedule.listener(p -> p.epoch() < stopAt).checkpoint(run, 0).build()
                    .train(TrainerTest.heat(Sampler.random()), TrainerTest.net(5, 2, 8, 1));
            Mlp resumedNet = TrainerTest.net(5, 2, 8, 1);
            Solution resumed = schedule.listener(null).checkpoint(run.resolve("next"), 0).build()
                    .resume(run, TrainerTest.heat(Sampler.random()), resumedNet);
            assertThat(ParameterVector.get(resumedNet.parameters().trainable()))
                    .containsExactly(ParameterVector.get(whole.parameters().trainable()));
            assertThat(resumed.history().values().data()).containsExactly(uninterrupted.history().values().data());
            assertThat(resumed.stopReason()).isEqualTo(uninterrupted.stopReason());
        }
    }

    /**
     * Adam then the natural gradient, and Adam then SSBroyden, on heat: each lowers the loss and resumes bit for bit
     * from inside its phase.
     */
    @Test
    void naturalGradientAndSsbroydenAfterAdamResumeBitForBit(@TempDir Path dir) throws IOException {
        for (Phase second : List.of(Phase.naturalGradient(15, 1e-14, 0, NaturalGradient.LineSearch.BACKTRACKING, 30),
                Phase.ssbroyden(15))) {
            Trainer.Builder schedule = Trainer.builder().adam(3e-3, 20).schedule(List.of(second)).seed(1);
            Mlp whole = TrainerTest.net(5, 2, 8, 1);
            Solution uninterrupted = schedule.build().train(TrainerTest.heat(Sampler.random()), whole);
            double[] total = uninterrupted.history().column("total");
            // 20 Adam epochs leave the network far from the solution: each phase must lower the loss (the natural
            // gradient's line search and SSBroyden's Wolfe search accept only decreases), not by a set factor
            assertThat(total[total.length - 1]).as(second.name()).isLessThan(total[19]);
            Path run = dir.resolve(second.name());
            schedule.listener(p -> p.epoch() < 27).checkpoint(run, 0).build()
                    .train(TrainerTest.heat(Sampler.random()), TrainerTest.net(5, 2, 8, 1));
            Mlp resumedNet = TrainerTest.net(5, 2, 8, 1);
            Solution resumed = schedule.listener(null).checkpoint(run.resolve("next"), 0).build()
                    .resume(run, TrainerTest.heat(Sampler.random()), resumedNet);
            assertThat(ParameterVector.get(resumedNet.parameters().trainable())).as(second.name())
                    .containsExactly(ParameterVector.get(whole.parameters().trainable()));
            assertThat(resumed.history().values().data()).containsExactly(uninterrupted.history().values().data());
        }
    }

    /** The unknowns of an inverse problem are parameters like the network's and resume with them. */
    @Test
    void anInverseProblemResumesWithItsUnknown(@TempDir Path dir) throws IOException {
        Tensor td = Tensor.linspace(0.5, 9.5, 10).reshape(10, 1);
        double[] ud = new double[10];
        for (int i = 0; i < 10; i++) {
            ud[i] = TrainerTest.exact(td.data()[i]);
        }
        Trainer.Builder schedule = Trainer.builder().adam(1e-3, 50).lbfgs(20).seed(3);
        Variable c1 = Variable.of("c", 1.0);
        Solution a = schedule.build().train(inverse(c1, td, ud), TrainerTest.net(3, 1, 20, 20, 1));
        schedule.listener(p -> p.epoch() < 30).checkpoint(dir, 0).build()
                .train(inverse(Variable.of("c", 1.0), td, ud), TrainerTest.net(3, 1, 20, 20, 1));
        Variable c2 = Variable.of("c", 1.0);
        Solution b = schedule.listener(null).build().resume(dir, inverse(c2, td, ud), TrainerTest.net(3, 1, 20, 20, 1));
        assertThat(c2.current()).isEqualTo(c1.current());
        assertThat(b.parameters()).isEqualTo(a.parameters());
        assertThat(b.history().column("c")).containsExactly(a.history().column("c"));
        assertThatThrownBy(() -> schedule.build().resume(dir, TrainerTest.heat(Sampler.random()),
                TrainerTest.net(5, 2, 16, 16, 1))).hasMessageContaining("cannot resume from");
    }

    /** A problem of data alone (no equation, so no collocation points) resumes too. */
    @Test
    void aFitToDataAloneResumesBitForBit(@TempDir Path dir) throws IOException {
        Tensor td = Tensor.linspace(0.5, 9.5, 10).reshape(10, 1);
        Tensor ud = td.mul(-0.05).exp().mul(td.mul(TrainerTest.OMEGA).cos());
        Problem p = Problem.builder().variable("t", 0, 10).fields("u").condition(Condition.data(td, ud, "u")).build();
        Trainer.Builder schedule = Trainer.builder().adam(1e-3, 40).lbfgs(10);
        Mlp whole = TrainerTest.net(0, 1, 20, 20, 1);
        Solution a = schedule.build().train(p, whole);
        schedule.listener(pr -> pr.epoch() < 17).checkpoint(dir, 0).build().train(p, TrainerTest.net(0, 1, 20, 20, 1));
        Mlp resumed = TrainerTest.net(0, 1, 20, 20, 1);
        Solution b = schedule.listener(null).build().resume(dir, p, resumed);
        assertThat(ParameterVector.get(resumed.parameters().trainable()))
                .containsExactly(ParameterVector.get(whole.parameters().trainable()));
        assertThat(b.history().values().data()).containsExactly(a.history().values().data());
    }

    private static Problem inverse(Variable c, Tensor td, double[] ud) {
        return Problem.builder().variable("t", 0, 10).fields("u").parameter("m", 1).parameter("k", 1).unknown(c)
                .equation("m*u_tt + c*u_t + k*u").condition(Condition.at("t", 0, "u = 1").named("initial"))
                .condition(Condition.data(td, Tensor.wrap(ud, 10, 1), "u")).collocation(Sampler.uniform(), 101)
                .build();
    }
}
