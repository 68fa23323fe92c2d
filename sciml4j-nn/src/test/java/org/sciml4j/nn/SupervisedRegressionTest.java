package org.sciml4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.io.TextTable;
import org.sciml4j.optim.Adam;
import org.sciml4j.optim.Optimizer;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * The tutorial's supervised program on the real data: 1-20-20-1 tanh fitted to the 10 exact points of the damped
 * oscillator with Adam 1e-3 for 10000 full-batch epochs.
 */
class SupervisedRegressionTest {

    static Path sharedData() {
        String root = System.getProperty("sciml4j.repoRoot");
        Path dir = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("../shared/data"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("../shared/data not found beside the repository");
        }
        return dir.resolve("../shared/data").normalize();
    }

    @Test
    void adamFitsTheExactDataBelowOneInAMillion() throws Exception {
        TextTable.Table data = TextTable.read(sharedData().resolve("damped-oscillation/data_exact.txt"));
        Tensor t = data.column(0).reshape(-1, 1);
        Tensor u = data.column(1).reshape(-1, 1);
        assertThat(t.shape()).containsExactly(10, 1);
        Mlp net = Mlp.builder().sizes(1, 20, 20, 1).activation("tanh").initializer("glorot_normal").seed(0).build();
        List<Tensor> params = net.parameters().trainable();
        Optimizer adam = Adam.of(1e-3);
        double loss = Double.NaN;
        for (int epoch = 0; epoch < 10000; epoch++) {
            Tensor l = net.forward(t).sub(u).square().mean();
            loss = l.item();
            adam.step(params, Autodiff.grad(l, params, null, false));
        }
        assertThat(loss).isLessThan(1e-6);
    }
}
