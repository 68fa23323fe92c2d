package org.sciml4j.nn.jet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/** The warm-up thread shares nothing with the caller's jets: their values and gradients keep their bits. */
class JetWarmupTest {

    @Test
    void jetsRunningBesideTheWarmupGiveTheSameBits() throws InterruptedException {
        Mlp net = Mlp.builder().sizes(2, 20, 20, 1).activation("tanh").seed(3).build();
        Tensor x = Tensor.rand(new Rng(1), 300, 2);
        double[] alone = step(net, x);
        Thread warm = new Thread(JetWarmup::run);
        warm.start();
        int compared = 0;
        while (warm.isAlive() || compared < 5) {
            assertThat(Arrays.equals(step(net, x), alone)).as("step %d beside the warm-up", compared).isTrue();
            compared++;
        }
        warm.join();
        assertThat(compared).isGreaterThanOrEqualTo(5);
    }

    /** u, u_x, u_y, u_xx at x and the parameter gradient of a loss of them, flattened. */
    private static double[] step(Mlp net, Tensor x) {
        Tensor[] b = net.taylorJet().orElseThrow().evaluate(x, new int[] {0, 1}, new int[] {2, 1}, 250);
        Tensor loss = b[0].mul(b[0]).sum().add(b[1].mul(b[3]).sum()).add(b[2].mul(b[2]).sum());
        List<Tensor> g = Autodiff.grad(loss, net.parameters().trainable(), null, false);
        double[] out = new double[0];
        for (Tensor t : List.of(b[0], b[1], b[2], b[3])) {
            out = concat(out, t.toArray());
        }
        for (Tensor t : g) {
            out = concat(out, t.toArray());
        }
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
