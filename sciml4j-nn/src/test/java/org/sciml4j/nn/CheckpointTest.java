package org.sciml4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.DataFormatException;
import org.sciml4j.io.SafeTensors;
import org.sciml4j.optim.Adam;
import org.sciml4j.optim.Optimizer;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

class CheckpointTest {
    final Tensor x = Tensor.linspace(-1, 1, 16).reshape(16, 1);
    final Tensor y = x.mul(3).sin();

    Mlp net() {
        return Mlp.builder().sizes(1, 8, 8, 1).activation("tanh").seed(3).build();
    }

    void train(Mlp net, Optimizer opt, int steps) {
        List<Tensor> p = net.parameters().trainable();
        for (int i = 0; i < steps; i++) {
            Tensor loss = net.forward(x).sub(y).square().mean();
            opt.step(p, Autodiff.grad(loss, p, null, false));
        }
    }

    @Test
    void resumingFromACheckpointIsBitIdenticalToAnUninterruptedRun(@TempDir Path dir) throws Exception {
        Mlp straight = net();
        train(straight, Adam.of(1e-2), 50);

        Mlp first = net();
        Optimizer opt = Adam.of(1e-2);
        train(first, opt, 20);
        Path file = dir.resolve("ckpt.safetensors");
        Checkpoint.save(file, first.parameters(), opt, Map.of("epoch", "20"));

        Mlp resumed = net();
        train(resumed, Adam.of(1e-2), 3); // different state, to be overwritten
        Optimizer opt2 = Adam.of(1e-2);
        Map<String, String> meta = Checkpoint.load(file, resumed.parameters(), opt2);
        assertThat(meta).containsEntry("epoch", "20");
        assertThat(opt2.stepCount()).isEqualTo(20);
        train(resumed, opt2, 30);
        for (String name : straight.parameters().names()) {
            assertThat(resumed.parameters().get(name).toArray()).as(name)
                    .containsExactly(straight.parameters().get(name).toArray());
        }
    }

    @Test
    void fileUsesPyTorchNamesAndShapes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("net.safetensors");
        Checkpoint.save(file, net().parameters());
        SafeTensors.Content c = SafeTensors.read(file);
        assertThat(c.tensors().keySet()).containsExactlyInAnyOrder("layers.0.weight", "layers.0.bias",
                "layers.1.weight", "layers.1.bias", "layers.2.weight", "layers.2.bias");
        assertThat(c.tensors().get("layers.0.weight").shape()).containsExactly(8, 1);
        assertThat(c.metadata()).containsEntry("format", "pt");
    }

    @Test
    void mismatchesAreReportedByName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("net.safetensors");
        Checkpoint.save(file, net().parameters());
        Mlp wider = Mlp.builder().sizes(1, 9, 8, 1).seed(3).build();
        assertThatThrownBy(() -> Checkpoint.load(file, wider.parameters(), null))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("layers.0.weight");
        assertThatThrownBy(() -> Checkpoint.load(file, net().parameters(), Adam.of(1e-3)))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("no optimiser state");
    }
}
