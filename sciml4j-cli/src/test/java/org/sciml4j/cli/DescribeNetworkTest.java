package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sciml4j.nn.Concat;
import org.sciml4j.nn.FourierFeatures;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.ModifiedMlp;
import org.sciml4j.tensor.Rng;

/** The one-line network description 'run' prints for each network the problem file can ask for. */
class DescribeNetworkTest {
    @Test
    void eachNetworkTypeIsNamedWithItsSizes() {
        Mlp mlp = Mlp.builder().sizes(1, 20, 20, 1).build();
        ModifiedMlp modified = ModifiedMlp.builder().sizes(2, 8, 8, 1).activation("sin").build();
        assertThat(RunCommand.describe(mlp)).isEqualTo("1-20-20-1 tanh");
        assertThat(RunCommand.describe(modified)).isEqualTo("modified 2-8-8-1 sin");
        assertThat(RunCommand.describe(Concat.of(mlp, Mlp.builder().sizes(1, 10, 1).build())))
                .isEqualTo("1-20-20-1 tanh | 1-10-1 tanh");
        assertThat(RunCommand.describe(new FourierFeatures(2, 3, 1.0, false, new Rng(0))))
                .isEqualTo("2 inputs, 6 outputs");
    }
}
