package org.sciml4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Tensor;

class ForwardingOptimizerTest {

    @Test
    void clippedScalesTheGradientToTheNormThenTheInnerOptimiserSteps() {
        Tensor p = Tensor.of(new double[] {1, 1}, 2);
        Optimizer sgd = ForwardingOptimizer.clipped(Sgd.of(0.5), 1.0);
        sgd.step(List.of(p), List.of(Tensor.of(new double[] {3, 4}, 2))); // norm 5 -> (0.6, 0.8)
        assertThat(p.toArray()[0]).isCloseTo(1 - 0.5 * 0.6, Offset.offset(1e-6)); // PyTorch's rule: max_norm / (norm + 1e-6)
        assertThat(p.toArray()[1]).isCloseTo(1 - 0.5 * 0.8, Offset.offset(1e-6)); // PyTorch's rule: max_norm / (norm + 1e-6)
        assertThat(sgd.stepCount()).isEqualTo(1);
        assertThat(sgd.learningRate()).isEqualTo(0.5);
        Optimizer free = ForwardingOptimizer.clipped(Sgd.of(0.5), Double.POSITIVE_INFINITY);
        Tensor q = Tensor.of(new double[] {1, 1}, 2);
        free.step(List.of(q), List.of(Tensor.of(new double[] {3, 4}, 2)));
        assertThat(q.toArray()).containsExactly(-0.5, -1.0);
        assertThatThrownBy(() -> ForwardingOptimizer.clipped(Sgd.of(0.5), 0)).hasMessageContaining("> 0");
    }

    @Test
    void stateIsTheInnerOptimisersSoAResumeContinuesIt() {
        Optimizer a = ForwardingOptimizer.clipped(Adam.of(0.1), 10);
        Tensor p = Tensor.of(new double[] {2}, 1);
        a.step(List.of(p), List.of(Tensor.of(new double[] {1}, 1)));
        Optimizer b = ForwardingOptimizer.clipped(Adam.of(0.1), 10);
        b.loadState(a.state());
        assertThat(b.stepCount()).isEqualTo(1);
        Tensor pa = Tensor.of(p.toArray(), 1);
        Tensor pb = Tensor.of(p.toArray(), 1);
        a.step(List.of(pa), List.of(Tensor.of(new double[] {0.5}, 1)));
        b.step(List.of(pb), List.of(Tensor.of(new double[] {0.5}, 1)));
        assertThat(pb.toArray()).containsExactly(pa.toArray());
    }
}
