package org.sciml4j.nn;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class InitializerTest {
    private static final int OUT = 300;
    private static final int IN = 500; // distinct fans, so swapping them would show

    /** Sample mean and variance of the values. */
    private static double[] moments(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean);
        }
        return new double[] {mean, var / (v.length - 1)};
    }

    /**
     * Checks the weight's sample moments against the theory (the mean within 5 standard errors, the variance within
     * 2%, about 6 standard errors at 150 000 samples), the bound for uniform schemes and a zero bias.
     */
    private static void checkScheme(Initializer init, double variance, double bound, boolean zeroBias) {
        Rng rng = new Rng(1234);
        Tensor w = init.weight(OUT, IN, rng);
        Tensor b = init.bias(OUT, IN, rng);
        assertThat(w.shape()).containsExactly(OUT, IN);
        assertThat(b.shape()).containsExactly(OUT);
        double[] m = moments(w.data());
        assertThat(m[0]).as(init + " mean").isCloseTo(0, within(5 * Math.sqrt(variance / w.numel())));
        assertThat(m[1]).as(init + " variance").isCloseTo(variance, within(0.02 * variance));
        if (bound > 0) {
            for (double x : w.data()) {
                assertThat(Math.abs(x)).as(init + " bound").isLessThanOrEqualTo(bound);
            }
            assertThat(w.max().item()).isGreaterThan(0.99 * bound); // the whole interval is used
        }
        if (zeroBias) {
            assertThat(b.data()).containsOnly(0.0);
        }
    }

    @Test
    void glorot() {
        checkScheme(Initializer.glorotNormal(), 2.0 / (IN + OUT), 0, true);
        double a = Math.sqrt(6.0 / (IN + OUT));
        checkScheme(Initializer.glorotUniform(), a * a / 3, a, true);
    }

    @Test
    void he() {
        checkScheme(Initializer.heNormal(), 2.0 / IN, 0, true);
        double a = Math.sqrt(6.0 / IN);
        checkScheme(Initializer.heUniform(), a * a / 3, a, true);
    }

    @Test
    void lecun() {
        checkScheme(Initializer.lecunNormal(), 1.0 / IN, 0, true);
        checkScheme(Initializer.lecunUniform(), 1.0 / IN, Math.sqrt(3.0 / IN), true);
    }

    @Test
    void pytorchDefaultDrawsWeightAndBiasFromTheFanInBound() {
        double a = 1 / Math.sqrt(IN);
        checkScheme(Initializer.pytorchDefault(), a * a / 3, a, false);
        Tensor b = Initializer.pytorchDefault().bias(400, 400, new Rng(5));
        double[] m = moments(b.data());
        assertThat(b.abs().max().item()).isLessThanOrEqualTo(1 / 20.0);
        assertThat(m[1]).isCloseTo(1 / 1200.0, within(0.15 / 1200)); // only 400 samples
    }

    @Test
    void zeros() {
        assertThat(Initializer.zeros().weight(3, 4, new Rng(1)).data()).containsOnly(0.0);
        assertThat(Initializer.zeros().bias(3, 4, new Rng(1)).data()).containsOnly(0.0);
    }

    @Test
    void sameSeedSameWeightsDifferentSeedDifferent() {
        for (String name : new String[] {"glorot_normal", "glorot_uniform", "he_normal", "he_uniform",
                "lecun_normal", "lecun_uniform", "pytorch_default"}) {
            Initializer init = Initializer.of(name);
            assertThat(init.weight(20, 30, new Rng(42)).data()).as(name)
                    .containsExactly(init.weight(20, 30, new Rng(42)).data());
            assertThat(init.weight(20, 30, new Rng(42)).data()).as(name)
                    .isNotEqualTo(init.weight(20, 30, new Rng(43)).data());
        }
    }

    @Test
    void namesIncludeDeepXdeAndPytorchSpellings() {
        assertThat(Initializer.of("Glorot normal")).hasToString("glorot_normal");
        assertThat(Initializer.of("xavier_uniform")).hasToString("glorot_uniform");
        assertThat(Initializer.of("kaiming-normal")).hasToString("he_normal");
        assertThat(Initializer.of("He uniform")).hasToString("he_uniform");
        assertThat(Initializer.of("LeCun normal")).hasToString("lecun_normal");
        assertThat(Initializer.of("pytorch")).hasToString("pytorch_default");
        assertThatThrownBy(() -> Initializer.of("orthogonal")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown initializer 'orthogonal'").hasMessageContaining("glorot_normal");
        assertThatThrownBy(() -> Initializer.heNormal().weight(0, 3, new Rng(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
