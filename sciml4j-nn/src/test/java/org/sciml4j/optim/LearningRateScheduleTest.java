package org.sciml4j.optim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LearningRateScheduleTest {

    @Test
    void constant() {
        LearningRateSchedule s = LearningRateSchedule.constant();
        assertThat(s.rate(0, 0.1)).isEqualTo(0.1);
        assertThat(s.rate(1_000_000, 0.1)).isEqualTo(0.1);
    }

    @Test
    void stepDecay() {
        LearningRateSchedule s = LearningRateSchedule.step(10, 0.5);
        assertThat(s.rate(0, 1.0)).isEqualTo(1.0);
        assertThat(s.rate(9, 1.0)).isEqualTo(1.0);
        assertThat(s.rate(10, 1.0)).isEqualTo(0.5);
        assertThat(s.rate(29, 1.0)).isEqualTo(0.25);
        assertThat(s.rate(30, 1.0)).isEqualTo(0.125);
        assertThat(s.rate(25, 0.1)).isEqualTo(0.1 * 0.25);
    }

    @Test
    void exponential() {
        LearningRateSchedule perStep = LearningRateSchedule.exponential(0.5);
        assertThat(perStep.rate(0, 1.0)).isEqualTo(1.0);
        assertThat(perStep.rate(3, 1.0)).isEqualTo(0.125);
        assertThat(perStep.rate(10, 2.0)).isEqualTo(2.0 / 1024);

        // TensorFlow ExponentialDecay: base * gamma^(step / decaySteps), real exponent
        LearningRateSchedule decay = LearningRateSchedule.exponential(0.25, 1000);
        assertThat(decay.rate(500, 1.0)).isEqualTo(0.5);     // 0.25^0.5
        assertThat(decay.rate(1500, 1.0)).isEqualTo(0.125);  // 0.25^1.5
        assertThat(decay.rate(2000, 1e-3)).isCloseTo(1e-3 / 16, within(1e-18));
        assertThat(decay.rate(250, 1.0)).isCloseTo(Math.sqrt(0.5), within(1e-15)); // 0.25^0.25

        LearningRateSchedule stairs = LearningRateSchedule.exponential(0.25, 1000, true);
        assertThat(stairs.rate(999, 1.0)).isEqualTo(1.0);
        assertThat(stairs.rate(1500, 1.0)).isEqualTo(0.25);
    }

    @Test
    void inverseTime() {
        // DeepXDE ("inverse time", 1000, 0.5): base / (1 + 0.5 step / 1000)
        LearningRateSchedule s = LearningRateSchedule.inverseTime(1000, 0.5);
        assertThat(s.rate(0, 1e-3)).isEqualTo(1e-3);
        assertThat(s.rate(2000, 1.0)).isEqualTo(0.5);
        assertThat(s.rate(6000, 1.0)).isEqualTo(0.25);
    }

    @Test
    void cosine() {
        LearningRateSchedule s = LearningRateSchedule.cosine(100, 0.0);
        assertThat(s.rate(0, 1.0)).isEqualTo(1.0);
        assertThat(s.rate(50, 1.0)).isCloseTo(0.5, within(1e-16));
        assertThat(s.rate(100, 1.0)).isEqualTo(0.0);
        assertThat(s.rate(1000, 1.0)).isEqualTo(0.0);
        // (1 + cos(pi/3)) / 2 = 0.75 and (1 + cos(2 pi / 3)) / 2 = 0.25, between 0.1 and 0.5
        LearningRateSchedule m = LearningRateSchedule.cosine(90, 0.1);
        assertThat(m.rate(30, 0.5)).isCloseTo(0.1 + 0.4 * 0.75, within(1e-15));
        assertThat(m.rate(60, 0.5)).isCloseTo(0.1 + 0.4 * 0.25, within(1e-15));
        assertThat(m.rate(90, 0.5)).isEqualTo(0.1);
    }

    @Test
    void warmup() {
        LearningRateSchedule s = LearningRateSchedule.warmup(4, LearningRateSchedule.step(2, 0.5));
        assertThat(s.rate(0, 1.0)).isEqualTo(0.25);
        assertThat(s.rate(1, 1.0)).isEqualTo(0.5);
        assertThat(s.rate(2, 1.0)).isEqualTo(0.75);
        assertThat(s.rate(3, 1.0)).isEqualTo(1.0);
        assertThat(s.rate(4, 1.0)).isEqualTo(1.0);   // then-schedule at its step 0
        assertThat(s.rate(5, 1.0)).isEqualTo(1.0);
        assertThat(s.rate(6, 1.0)).isEqualTo(0.5);   // then-schedule at its step 2
        assertThat(LearningRateSchedule.warmup(0, LearningRateSchedule.constant()).rate(0, 0.3)).isEqualTo(0.3);
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> LearningRateSchedule.step(0, 0.5)).hasMessageContaining("stepSize");
        assertThatThrownBy(() -> LearningRateSchedule.exponential(-1)).hasMessageContaining("gamma");
        assertThatThrownBy(() -> LearningRateSchedule.cosine(10, 0).rate(-1, 1.0)).hasMessageContaining("step");
        assertThatThrownBy(() -> LearningRateSchedule.warmup(3, null)).isInstanceOf(NullPointerException.class);
        assertThat(LearningRateSchedule.warmup(3, LearningRateSchedule.cosine(10, 0.0)).toString())
                .isEqualTo("warmup(3, then cosine(totalSteps=10, minRate=0.0))");
    }
}
