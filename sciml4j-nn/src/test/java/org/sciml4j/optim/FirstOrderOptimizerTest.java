package org.sciml4j.optim;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * SGD, Adam and AdamW on f(x) = 0.5 * sum(a_i x_i^2), a = (1, 10), x0 = (1, 1), whose gradient is (a_i x_i):
 * three steps against the textbook formulas written out by hand.
 */
class FirstOrderOptimizerTest {
    private static final double[] A = {1, 10};

    /** Runs {@code steps} steps on the quadratic and returns x after each. */
    private static double[][] run(Optimizer opt, int steps) {
        Tensor x = Tensor.vector(1, 1).requireGrad();
        double[][] out = new double[steps][];
        for (int k = 0; k < steps; k++) {
            double[] xd = x.data();
            Tensor g = Tensor.vector(A[0] * xd[0], A[1] * xd[1]);
            opt.step(List.of(x), List.of(g));
            out[k] = x.toArray();
        }
        return out;
    }

    @Test
    void adamFirstThreeStepsMatchTheClosedFormulas() {
        double lr = 0.1;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double[][] xs = run(Adam.builder().learningRate(lr).build(), 3);

        double[] x = {1, 1};
        double[] m = new double[2];
        double[] v = new double[2];
        // step 1: g = a x0 = (1, 10); m_hat = g, v_hat = g^2, so x1 = x0 - lr g / (|g| + eps)
        double[] x1 = {1 - lr * 1 / (1 + eps), 1 - lr * 10 / (10 + eps)};
        for (int i = 0; i < 2; i++) {
            double g = A[i] * x[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            x[i] = x[i] - lr * (m[i] / (1 - b1)) / (Math.sqrt(v[i] / (1 - b2)) + eps);
        }
        assertThat(x).containsExactly(x1, within(1e-15));
        assertThat(xs[0]).containsExactly(x1, within(1e-12));
        // step 2: bias corrections 1 - b1^2 = 0.19 and 1 - b2^2 = 0.001999
        double[] x2 = new double[2];
        for (int i = 0; i < 2; i++) {
            double g = A[i] * x[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            x2[i] = x[i] - lr * (m[i] / 0.19) / (Math.sqrt(v[i] / 0.001999) + eps);
        }
        x = x2;
        assertThat(xs[1]).containsExactly(x2, within(1e-12));
        // step 3: 1 - b1^3 = 0.271 and 1 - b2^3 = 0.002997001
        double[] x3 = new double[2];
        for (int i = 0; i < 2; i++) {
            double g = A[i] * x[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            x3[i] = x[i] - lr * (m[i] / 0.271) / (Math.sqrt(v[i] / 0.002997001) + eps);
        }
        assertThat(xs[2]).containsExactly(x3, within(1e-12));
        // Adam's first step moves every coordinate by almost exactly lr, whatever the gradient's scale
        assertThat(xs[0]).containsExactly(new double[] {0.9, 0.9}, within(1e-9));
    }

    /**
     * Adam keeps its bias corrections once 1 - beta^t is exactly 1; over 8000 steps (0.5^t saturates at t = 54, 0.9^t
     * at about 350 and turns subnormal at 6720) every step equals the update with both powers computed afresh, bit
     * for bit, and so does a step after an earlier state is loaded into the same optimiser.
     */
    @Test
    void adamBiasCorrectionsAreThoseOfTheFreshPowersAtEveryStep() {
        double lr = 1e-3;
        double b1 = 0.9;
        double b2 = 0.5;
        double eps = 1e-8;
        Adam adam = Adam.builder().learningRate(lr).betas(b1, b2).eps(eps).build();
        Tensor x = Tensor.vector(1, 1).requireGrad();
        double[] ref = {1, 1};
        double[] m = new double[2];
        double[] v = new double[2];
        Map<String, Tensor> early = null;
        double[] atEarly = null;
        for (int t = 1; t <= 8000; t++) {
            adam.step(List.of(x), List.of(Tensor.vector(A[0] * x.data()[0], A[1] * x.data()[1])));
            double[] g = {A[0] * ref[0], A[1] * ref[1]};
            AdamCore.update(lr, b1, b2, eps, 0, false, 1 - Powers.powInt(b1, t), 1 - Powers.powInt(b2, t), ref, g,
                    m, v);
            assertThat(x.toArray()).as("step %d", t).containsExactly(ref);
            if (t == 20) {
                early = adam.state();
                atEarly = x.toArray();
            }
        }
        // back to step 20 (corrections not yet saturated), after 8000 steps whose corrections were exactly 1
        adam.loadState(early);
        Tensor y = Tensor.vector(atEarly[0], atEarly[1]).requireGrad();
        adam.step(List.of(y), List.of(Tensor.vector(A[0] * atEarly[0], A[1] * atEarly[1])));
        double[] m21 = early.get("exp_avg.0").toArray();
        double[] v21 = early.get("exp_avg_sq.0").toArray();
        double[] expected = atEarly.clone();
        AdamCore.update(lr, b1, b2, eps, 0, false, 1 - Powers.powInt(b1, 21), 1 - Powers.powInt(b2, 21), expected,
                new double[] {A[0] * atEarly[0], A[1] * atEarly[1]}, m21, v21);
        assertThat(y.toArray()).containsExactly(expected);
    }

    @Test
    void adamWeightDecayIsAddedToTheGradient() {
        double lr = 0.1;
        double wd = 0.5;
        double[][] xs = run(Adam.builder().learningRate(lr).weightDecay(wd).build(), 2);
        // step 1: g = a x0 + wd x0 = (1.5, 10.5): x1 = 1 - lr g / (|g| + eps)
        double[] x1 = {1 - lr * 1.5 / (1.5 + 1e-8), 1 - lr * 10.5 / (10.5 + 1e-8)};
        assertThat(xs[0]).containsExactly(x1, within(1e-12));
        // step 2
        double[] x2 = new double[2];
        for (int i = 0; i < 2; i++) {
            double g1 = (A[i] + wd) * 1;
            double g2 = (A[i] + wd) * x1[i];
            double m = 0.9 * 0.1 * g1 + 0.1 * g2;
            double v = 0.999 * 0.001 * g1 * g1 + 0.001 * g2 * g2;
            x2[i] = x1[i] - lr * (m / 0.19) / (Math.sqrt(v / 0.001999) + 1e-8);
        }
        assertThat(xs[1]).containsExactly(x2, within(1e-12));
    }

    @Test
    void adamWDecaysTheParameterBeforeTheAdamStep() {
        double lr = 0.1;
        double wd = 0.01; // the default
        AdamW opt = AdamW.builder().learningRate(lr).build();
        assertThat(opt.weightDecay()).isEqualTo(0.01);
        double[][] xs = run(opt, 3);
        double shrink = 1 - lr * wd; // 0.999
        double[] x = {1, 1};
        double[] m = new double[2];
        double[] v = new double[2];
        double[] bc1 = {0.1, 0.19, 0.271};
        double[] bc2 = {0.001, 0.001999, 0.002997001};
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 2; i++) {
                double g = A[i] * x[i]; // gradient at the point before the decay
                x[i] = x[i] * shrink;
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                x[i] = x[i] - lr * (m[i] / bc1[k]) / (Math.sqrt(v[i] / bc2[k]) + 1e-8);
            }
            assertThat(xs[k]).as("step %d", k + 1).containsExactly(x.clone(), within(1e-12));
        }
        // step 1 in closed form: 0.999 - 0.1 g/(|g| + eps)
        assertThat(xs[0]).containsExactly(new double[] {0.999 - 0.1 / (1 + 1e-8), 0.999 - 0.1 * 10 / (10 + 1e-8)},
                within(1e-12));
    }

    @Test
    void sgdWithMomentumMatchesHandValues() {
        double[][] xs = run(Sgd.builder().learningRate(0.1).momentum(0.9).build(), 3);
        // step 1: g = (1, 10), buf = g, x = (1, 1) - 0.1 (1, 10) = (0.9, 0)
        assertThat(xs[0]).containsExactly(new double[] {0.9, 0.0}, within(1e-15));
        // step 2: g = (0.9, 0), buf = 0.9 (1, 10) + (0.9, 0) = (1.8, 9), x = (0.9 - 0.18, 0 - 0.9)
        assertThat(xs[1]).containsExactly(new double[] {0.72, -0.9}, within(1e-15));
        // step 3: g = (0.72, -9), buf = 0.9 (1.8, 9) + (0.72, -9) = (2.34, -0.9), x = (0.72 - 0.234, -0.9 + 0.09)
        assertThat(xs[2]).containsExactly(new double[] {0.486, -0.81}, within(1e-15));
    }

    @Test
    void sgdWithNesterovMatchesHandValues() {
        double[][] xs = run(Sgd.builder().learningRate(0.1).momentum(0.9).nesterov(true).build(), 3);
        // step 1: g = (1, 10), buf = g, g' = g + 0.9 buf = (1.9, 19), x = (0.81, -0.9)
        assertThat(xs[0]).containsExactly(new double[] {0.81, -0.9}, within(1e-15));
        // step 2: g = (0.81, -9), buf = 0.9 (1, 10) + g = (1.71, 0), g' = g + 0.9 buf = (2.349, -9)
        //         x = (0.81 - 0.2349, -0.9 + 0.9) = (0.5751, 0)
        assertThat(xs[1]).containsExactly(new double[] {0.5751, 0.0}, within(1e-15));
        // step 3: g = (0.5751, 0), buf = 0.9 (1.71, 0) + g = (2.1141, 0), g' = (0.5751 + 1.90269, 0) = (2.47779, 0)
        //         x = (0.5751 - 0.247779, 0) = (0.327321, 0)
        assertThat(xs[2]).containsExactly(new double[] {0.327321, 0.0}, within(1e-15));
    }

    @Test
    void sgdPlainDampeningAndWeightDecay() {
        double[][] plain = run(Sgd.of(0.1), 2);
        // x1 = (1 - 0.1, 1 - 1) = (0.9, 0); x2 = (0.9 - 0.09, 0)
        assertThat(plain[0]).containsExactly(new double[] {0.9, 0.0}, within(1e-15));
        assertThat(plain[1]).containsExactly(new double[] {0.81, 0.0}, within(1e-15));

        double[][] damp = run(Sgd.builder().learningRate(0.1).momentum(0.5).dampening(0.5).weightDecay(1).build(), 2);
        // step 1: g = (a + 1) x = (2, 11), buf = g (no dampening on the first step), x = (0.8, -0.1)
        assertThat(damp[0]).containsExactly(new double[] {0.8, -0.1}, within(1e-15));
        // step 2: g = (2 * 0.8, 11 * -0.1) = (1.6, -1.1), buf = 0.5 (2, 11) + 0.5 (1.6, -1.1) = (1.8, 4.95)
        //         x = (0.8 - 0.18, -0.1 - 0.495) = (0.62, -0.595)
        assertThat(damp[1]).containsExactly(new double[] {0.62, -0.595}, within(1e-15));
    }

    @Test
    void scheduleDrivesTheRate() {
        Sgd opt = Sgd.builder().learningRate(1).schedule(LearningRateSchedule.step(1, 0.5)).build();
        assertThat(opt.learningRate()).isEqualTo(1.0);
        double[][] xs = run(opt, 3);
        assertThat(opt.stepCount()).isEqualTo(3);
        assertThat(opt.learningRate()).isEqualTo(0.125);
        // rates 1, 0.5, 0.25 on the first coordinate (g = x): x *= (1 - rate)
        assertThat(xs[0][0]).isEqualTo(0.0);
        Sgd opt2 = Sgd.builder().learningRate(0.2).schedule(LearningRateSchedule.step(1, 0.5)).build();
        double[][] ys = run(opt2, 3);
        assertThat(ys[2][0]).isCloseTo(0.8 * 0.9 * 0.95, within(1e-15));
    }

    @Test
    void validationNamesIndexAndShapes() {
        Adam opt = Adam.of(0.1);
        Tensor p0 = Tensor.zeros(2, 3).requireGrad();
        Tensor p1 = Tensor.zeros(4).requireGrad();
        assertThatThrownBy(() -> opt.step(List.of(p0, p1), List.of(Tensor.zeros(2, 3), Tensor.zeros(4, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gradient 1 has shape (4, 1) but parameter 1 has shape (4,)");
        assertThatThrownBy(() -> opt.step(List.of(p0, p1), List.of(Tensor.zeros(2, 3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 parameters but 1 gradients");
        Tensor notLeaf = p1.mul(2.0);
        assertThatThrownBy(() -> opt.step(List.of(notLeaf), List.of(Tensor.zeros(4))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a leaf");
        opt.step(List.of(p0, p1), List.of(Tensor.ones(2, 3), Tensor.ones(4)));
        assertThatThrownBy(() -> opt.step(List.of(p1, p0), List.of(Tensor.ones(4), Tensor.ones(2, 3))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 0 has shape (4,) but the optimiser's state for it has shape (2, 3)");
    }

    @Test
    void nonFiniteGradientIsRefusedAndNothingChanges() {
        Sgd opt = Sgd.builder().learningRate(0.1).momentum(0.9).build();
        Tensor p0 = Tensor.vector(1, 2).requireGrad();
        Tensor p1 = Tensor.vector(3, 4, 5).requireGrad();
        opt.step(List.of(p0, p1), List.of(Tensor.vector(1, 1), Tensor.vector(1, 1, 1)));
        double[] before0 = p0.toArray();
        double[] before1 = p1.toArray();
        Map<String, Tensor> stateBefore = opt.state();
        assertThatThrownBy(() -> opt.step(List.of(p0, p1),
                List.of(Tensor.vector(1, 1), Tensor.vector(1, Double.NaN, 1))))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("training diverged at step 2")
                .hasMessageContaining("gradient 1")
                .satisfies(e -> assertThat(((TrainingDivergedException) e).step()).isEqualTo(2));
        assertThat(p0.toArray()).containsExactly(before0);
        assertThat(p1.toArray()).containsExactly(before1);
        assertThat(opt.stepCount()).isEqualTo(1);
        assertThat(opt.state().get("momentum_buffer.1").toArray())
                .containsExactly(stateBefore.get("momentum_buffer.1").toArray());
        assertThatThrownBy(() -> opt.step(List.of(p0, p1),
                List.of(Tensor.vector(Double.POSITIVE_INFINITY, 1), Tensor.vector(1, 1, 1))))
                .isInstanceOf(TrainingDivergedException.class).hasMessageContaining("Infinity");
    }

    @Test
    void builderValidation() {
        assertThatThrownBy(() -> Sgd.builder().nesterov(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Nesterov");
        assertThatThrownBy(() -> Adam.builder().betas(0.9, 1.0)).hasMessageContaining("beta2");
        assertThatThrownBy(() -> Adam.builder().learningRate(-1)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> AdamW.builder().eps(Double.NaN)).hasMessageContaining("eps");
        Adam d = Adam.builder().build();
        assertThat(d.learningRate()).isEqualTo(1e-3);
        assertThat(d.beta1()).isEqualTo(0.9);
        assertThat(d.beta2()).isEqualTo(0.999);
        assertThat(d.eps()).isEqualTo(1e-8);
    }

    // ------------------------------------------------------------------ exact resume

    /** A small least-squares problem on two parameter tensors whose gradients come from Autodiff. */
    private static final class Problem {
        final Tensor w;
        final Tensor b;
        final Tensor xs;
        final Tensor ys;

        Problem() {
            Rng rng = new Rng(7);
            w = Tensor.randn(rng, 3, 2).requireGrad();
            b = Tensor.randn(rng, 2).requireGrad();
            xs = Tensor.randn(rng, 16, 3);
            ys = Tensor.randn(rng, 16, 2);
        }

        List<Tensor> params() {
            return List.of(w, b);
        }

        List<Tensor> grads() {
            Tensor loss = xs.matmul(w).add(b).sub(ys).square().mean();
            return Autodiff.grad(loss, params(), null, false);
        }

        void steps(Optimizer opt, int k) {
            for (int i = 0; i < k; i++) {
                opt.step(params(), grads());
            }
        }

        double[] values() {
            return ParameterVector.get(params());
        }
    }

    private static void assertExactResume(Optimizer template) {
        Problem a = new Problem();
        a.steps(copyOf(template), 20);

        Problem b = new Problem();
        Optimizer first = copyOf(template);
        b.steps(first, 9);
        Map<String, Tensor> saved = first.state();
        assertThat(saved.get("step").item()).isEqualTo(9.0);
        double[] atNine = b.values();
        // the saved map is a deep copy: carrying on with the first optimiser must not change it
        b.steps(first, 3);
        ParameterVector.set(b.params(), atNine);

        Optimizer resumed = copyOf(template);
        resumed.loadState(saved);
        assertThat(resumed.stepCount()).isEqualTo(9);
        b.steps(resumed, 11);
        assertThat(b.values()).containsExactly(a.values());
        assertThat(resumed.state().get("step").item()).isEqualTo(20.0);
    }

    private static Optimizer copyOf(Optimizer o) {
        if (o instanceof Sgd s) {
            return s.fresh();
        }
        if (o instanceof Adam s) {
            return s.fresh();
        }
        return ((AdamW) o).fresh();
    }

    @Test
    void stateRoundTripGivesBitIdenticalContinuation() {
        LearningRateSchedule sched = LearningRateSchedule.warmup(3, LearningRateSchedule.cosine(30, 1e-4));
        Adam adam = Adam.builder().learningRate(0.05).weightDecay(1e-3).schedule(sched).build();
        assertExactResume(adam);
        AdamW adamW = AdamW.builder().learningRate(0.05).schedule(LearningRateSchedule.exponential(0.95)).build();
        assertExactResume(adamW);
        Sgd sgd = Sgd.builder().learningRate(0.05).momentum(0.9).nesterov(true).weightDecay(1e-2).build();
        assertExactResume(sgd);
    }

    @Test
    void stateHasTorchStyleKeysAndLoadStateIsValidated() {
        Adam adam = Adam.of(0.1);
        assertThat(adam.state()).containsOnlyKeys("step");
        Problem p = new Problem();
        p.steps(adam, 2);
        Map<String, Tensor> s = adam.state();
        assertThat(s.keySet()).containsExactly("step", "exp_avg.0", "exp_avg_sq.0", "exp_avg.1", "exp_avg_sq.1");
        assertThat(s.get("exp_avg.0").shape()).containsExactly(3, 2);
        assertThat(s.get("exp_avg_sq.1").shape()).containsExactly(2);
        // the map is a copy
        s.get("exp_avg.0").data()[0] = 12345;
        assertThat(adam.state().get("exp_avg.0").data()[0]).isNotEqualTo(12345);

        Adam other = Adam.of(0.1);
        Map<String, Tensor> bad = new java.util.LinkedHashMap<>(s);
        bad.put("momentum_buffer.0", Tensor.zeros(3, 2));
        assertThatThrownBy(() -> other.loadState(bad)).hasMessageContaining("unknown key \"momentum_buffer.0\"");
        Map<String, Tensor> missing = new java.util.LinkedHashMap<>(s);
        missing.remove("exp_avg_sq.1");
        assertThatThrownBy(() -> other.loadState(missing)).hasMessageContaining("missing \"exp_avg_sq.1\"");
        Map<String, Tensor> noStep = new java.util.LinkedHashMap<>(s);
        noStep.remove("step");
        assertThatThrownBy(() -> other.loadState(noStep)).hasMessageContaining("\"step\"");
        Map<String, Tensor> fractional = new java.util.LinkedHashMap<>(s);
        fractional.put("step", Tensor.scalar(2.5));
        assertThatThrownBy(() -> other.loadState(fractional)).hasMessageContaining("non-negative integer");
        Map<String, Tensor> mismatch = new java.util.LinkedHashMap<>(s);
        mismatch.put("exp_avg_sq.0", Tensor.zeros(6));
        assertThatThrownBy(() -> other.loadState(mismatch)).hasMessageContaining("has shape (6,)");
        assertThat(other.stepCount()).isZero();

        // restored state for other shapes is caught at the next step
        other.loadState(s);
        List<Tensor> wrong = new ArrayList<>(List.of(Tensor.zeros(2, 3).requireGrad(), Tensor.zeros(2).requireGrad()));
        assertThatThrownBy(() -> other.step(wrong, List.of(Tensor.zeros(2, 3), Tensor.zeros(2))))
                .hasMessageContaining("parameter 0 has shape (2, 3) but the optimiser's state for it has shape (3, 2)");

        Sgd plain = Sgd.of(0.1);
        p.steps(plain, 1);
        assertThat(plain.state()).containsOnlyKeys("step");
    }
}
