package org.sciml4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * The trainer's graphs: the objective builds the first two of a graph version, the second is replayed from then on
 * (the same tensor, its values following the parameters, its gradients those of a new build), and a new version, or
 * the replay turned off, has them built again.
 */
class EpochGraphsTest {
    @Test
    void theSecondGraphOfAVersionIsReplayedUntilTheVersionChanges() {
        double[] x = new double[40];
        double[] y = new double[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = i / 40.0;
            y[i] = Math.sin(3 * x[i]);
        }
        Regression fit = new Regression(Toys.net(0, 1, 20, 20, 1), new ArrayDataset(Tensor.of(x, 40, 1),
                Tensor.of(y, 40, 1)), 0, 0);
        List<Tensor> params = fit.parameters();
        int[] builds = {0};
        Supplier<Tensor> build = () -> {
            builds[0]++;
            return fit.loss().get(0);
        };
        EpochGraphs graphs = new EpochGraphs(fit, params, true);
        graphs.loss(build);
        Tensor second = graphs.loss(build);
        Tensor third = graphs.loss(build);
        assertThat(builds[0]).isEqualTo(2);
        assertThat(third).isSameAs(second);

        double before = third.item();
        params.get(0).data()[0] += 0.25; // a step, in place
        Tensor replayed = graphs.loss(build);
        Tensor fresh = fit.loss().get(0);
        assertThat(replayed.item()).isEqualTo(fresh.item()).isNotEqualTo(before);
        List<Tensor> g = graphs.gradients(replayed);
        List<Tensor> expected = Autodiff.grad(fresh, params, null, false);
        for (int i = 0; i < params.size(); i++) {
            assertThat(g.get(i).data()).containsExactly(expected.get(i).data());
        }
        assertThat(builds[0]).isEqualTo(2);

        fit.fullBatch(); // the examples placed again: a new version, built twice more
        graphs.loss(build);
        graphs.loss(build);
        graphs.loss(build);
        assertThat(builds[0]).isEqualTo(4);

        EpochGraphs off = new EpochGraphs(fit, params, false);
        off.loss(build);
        off.loss(build);
        off.loss(build);
        assertThat(builds[0]).isEqualTo(7);
    }
}
