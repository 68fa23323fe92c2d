package org.sciml4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.sciml4j.io.SafeTensors;
import org.sciml4j.optim.Minimizer.Result;
import org.sciml4j.optim.Minimizer.Termination;
import org.sciml4j.optim.SteppingMinimizer.Run;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/** The quasi-Newton minimisers one step at a time: same bits as {@code minimize}, and saved runs resume exactly. */
class SteppingMinimizerTest {

    /** The minimisers under test: L-BFGS with a history small enough to wrap around, L-BFGS default, BFGS. */
    static List<SteppingMinimizer> minimizers(int maxIterations) {
        return List.of(Lbfgs.builder().historySize(4).maxIterations(maxIterations).build(),
                Lbfgs.builder().maxIterations(maxIterations).build(),
                Bfgs.builder().maxIterations(maxIterations).build());
    }

    /** Mean squared error of a 1-6-1 tanh network fitted to sin(pi x) on 12 points, as a flat objective. */
    static Objective networkLoss() {
        Tensor x = Tensor.linspace(-1, 1, 12).reshape(12, 1);
        Tensor y = x.mul(Math.PI).sin();
        Rng rng = new Rng(5);
        Tensor w1 = Tensor.randn(rng, 1, 6).requireGrad();
        Tensor b1 = Tensor.zeros(6).requireGrad();
        Tensor w2 = Tensor.randn(rng, 6, 1).mul(0.5).requireGrad();
        Tensor b2 = Tensor.zeros(1).requireGrad();
        List<Tensor> params = List.of(w1, b1, w2, b2);
        Supplier<Tensor> loss = () -> x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).sub(y).square().mean();
        return ParameterVector.objective(loss, params);
    }

    static double[] networkStart() {
        Rng rng = new Rng(5);
        double[] x = new double[19];
        System.arraycopy(Tensor.randn(rng, 1, 6).toArray(), 0, x, 0, 6);
        System.arraycopy(Tensor.randn(rng, 6, 1).mul(0.5).toArray(), 0, x, 12, 6);
        return x;
    }

    /** Runs to the end, calling no listener. */
    static Result finish(Run run) {
        while (run.step()) {
            assertThat(run.termination()).isNull();
        }
        assertThat(run.termination()).isNotNull();
        return run.result();
    }

    static void assertSameState(Map<String, Tensor> actual, Map<String, Tensor> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String key : expected.keySet()) {
            assertThat(actual.get(key).shape()).as(key).containsExactly(expected.get(key).shape());
            double[] a = actual.get(key).toArray();
            double[] e = expected.get(key).toArray();
            for (int i = 0; i < e.length; i++) {
                assertThat(Double.doubleToRawLongBits(a[i])).as("%s[%d]", key, i)
                        .isEqualTo(Double.doubleToRawLongBits(e[i]));
            }
        }
    }

    static Map<String, Tensor> throughSafeTensors(Map<String, Tensor> state) throws IOException {
        byte[] bytes = SafeTensors.toBytes(state, Map.of());
        return SafeTensors.fromBytes(bytes, "saved state").tensors();
    }

    @Test
    void minimizeIsStartThenStepsBitForBit() {
        for (SteppingMinimizer m : minimizers(1000)) {
            List<double[]> seen = new ArrayList<>();
            Result viaMinimize = m.minimize(MinimizerTest.ROSENBROCK, MinimizerTest.rosenbrockStart(10),
                    (k, f, g) -> seen.add(new double[] {k, f, g}));
            Run run = m.start(MinimizerTest.ROSENBROCK, MinimizerTest.rosenbrockStart(10));
            List<double[]> stepped = new ArrayList<>();
            stepped.add(new double[] {0, run.value(), run.gradientNorm()});
            while (run.step()) {
                stepped.add(new double[] {run.iterations(), run.value(), run.gradientNorm()});
            }
            assertThat(run.result()).as("%s", m).isEqualTo(viaMinimize);
            assertThat(run.termination()).isEqualTo(Termination.GRADIENT_TOLERANCE);
            assertThat(viaMinimize.value()).isLessThan(1e-12);
            assertThat(stepped).hasSameSizeAs(seen);
            for (int k = 0; k < seen.size(); k++) {
                assertThat(stepped.get(k)).containsExactly(seen.get(k));
            }
            assertThat(run.step()).isFalse(); // an ended run stays ended
            assertThat(run.evaluations()).isEqualTo(viaMinimize.evaluations());
        }
    }

    /** Interrupts after k iterations, saves, restores into a new minimiser and finishes: the same bits. */
    void resumesExactly(List<SteppingMinimizer> fresh, List<SteppingMinimizer> again, Objective f, double[] x0,
            int[] splits, boolean viaFile) throws IOException {
        for (int i = 0; i < fresh.size(); i++) {
            Run whole = fresh.get(i).start(f, x0);
            Result uninterrupted = finish(whole);
            for (int k : splits) {
                Run first = fresh.get(i).start(f, x0);
                for (int j = 0; j < k; j++) {
                    assertThat(first.step()).isTrue();
                }
                Map<String, Tensor> saved = first.state();
                if (viaFile) {
                    saved = throughSafeTensors(saved);
                }
                Run resumed = again.get(i).restore(f, saved);
                assertThat(resumed.iterations()).isEqualTo(k);
                assertThat(resumed.x()).containsExactly(first.x());
                Result r = finish(resumed);
                assertThat(r).as("%s split at %d", fresh.get(i), k).isEqualTo(uninterrupted);
                assertSameState(resumed.state(), whole.state());
            }
        }
    }

    @Test
    void aRosenbrockRunResumedAfterKIterationsEndsWithTheSameBits() throws IOException {
        int[] splits = {0, 1, 3, 9, 30};
        resumesExactly(minimizers(1000), minimizers(1000), MinimizerTest.ROSENBROCK,
                MinimizerTest.rosenbrockStart(10), splits, false);
        resumesExactly(minimizers(1000), minimizers(1000), MinimizerTest.ROSENBROCK,
                MinimizerTest.rosenbrockStart(10), splits, true);
    }

    @Test
    void aNetworkTrainingResumedThroughSafetensorsEndsWithTheSameBits() throws IOException {
        Result r = Lbfgs.builder().maxIterations(150).build().minimize(networkLoss(), networkStart());
        assertThat(r.iterations()).isEqualTo(150); // the split points below are inside the run
        resumesExactly(minimizers(150), minimizers(150), networkLoss(), networkStart(), new int[] {2, 41, 149},
                true);
    }

    @Test
    void aStoppedRunResumesAndAnEndedOneStaysEnded() {
        Run run = Lbfgs.create().start(MinimizerTest.ROSENBROCK, MinimizerTest.rosenbrockStart(4));
        run.step();
        run.step();
        run.stop(Termination.STOPPED_BY_LISTENER);
        assertThat(run.step()).isFalse();
        assertThat(run.result().message()).contains("stopped by the listener after 2 iterations");
        Run resumed = Lbfgs.create().restore(MinimizerTest.ROSENBROCK, run.state());
        assertThat(resumed.termination()).isNull();
        assertThat(resumed.step()).isTrue();
        assertThat(resumed.iterations()).isEqualTo(3);

        // a wrong gradient makes the line search fail; the restored run has failed too, without new evaluations
        Objective wrong = (x, g) -> {
            g[0] = -2 * x[0];
            return x[0] * x[0];
        };
        Run failed = Bfgs.create().start(wrong, new double[] {1});
        assertThat(failed.step()).isFalse();
        assertThat(failed.termination()).isEqualTo(Termination.LINE_SEARCH_FAILED);
        Run restored = Bfgs.create().restore(wrong, failed.state());
        assertThat(restored.termination()).isEqualTo(Termination.LINE_SEARCH_FAILED);
        assertThat(restored.step()).isFalse();
        assertThat(restored.result()).isEqualTo(failed.result());
    }

    @Test
    void resultWhileRunningIsTheBestPointSoFar() {
        Run run = Bfgs.create().start(MinimizerTest.ROSENBROCK, MinimizerTest.rosenbrockStart(4));
        double f0 = run.value();
        run.step();
        Result r = run.result();
        assertThat(run.termination()).isNull();
        assertThat(r.iterations()).isEqualTo(1);
        assertThat(r.value()).isEqualTo(run.value()).isLessThan(f0);
        assertThat(r.x()).containsExactly(run.x());
    }

    @Test
    void badStateIsRefusedNamingTheEntry() {
        Run run = Lbfgs.builder().historySize(10).build().start(MinimizerTest.ROSENBROCK,
                MinimizerTest.rosenbrockStart(4));
        for (int k = 0; k < 6; k++) {
            run.step();
        }
        Map<String, Tensor> good = run.state();
        assertThat(good.get("lbfgs.s").shape()).containsExactly(6, 4);

        Map<String, Tensor> missing = new LinkedHashMap<>(good);
        missing.remove("lbfgs.rho");
        assertRefused(Lbfgs.create(), missing, "'lbfgs.rho' is missing");

        Map<String, Tensor> shortGradient = new LinkedHashMap<>(good);
        shortGradient.put("gradient", Tensor.zeros(3));
        assertRefused(Lbfgs.create(), shortGradient, "'gradient' has shape [3] but must have shape [4]");

        Map<String, Tensor> fractional = new LinkedHashMap<>(good);
        fractional.put("iterations", Tensor.scalar(2.5));
        assertRefused(Lbfgs.create(), fractional, "'iterations' is 2.5 but must be a whole number");

        Map<String, Tensor> nan = new LinkedHashMap<>(good);
        nan.put("x", Tensor.vector(1, Double.NaN, 0, 0));
        assertRefused(Lbfgs.create(), nan, "'x' has non-finite values");

        assertRefused(Lbfgs.builder().historySize(5).build(), good,
                "'lbfgs.s' holds 6 curvature pairs, more than this L-BFGS's history size 5");
        assertRefused(Bfgs.create(), good, "BFGS: cannot restore the run: state entry 'bfgs.h' is missing");
    }

    static void assertRefused(SteppingMinimizer m, Map<String, Tensor> state, String message) {
        assertThatThrownBy(() -> m.restore(MinimizerTest.ROSENBROCK, state))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
