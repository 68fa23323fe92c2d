package org.sciml4j.pinn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.nn.Concat;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.ModifiedMlp;
import org.sciml4j.nn.Module;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.ProblemKinds;

/** The pinn kind through the kind registry, and the network section's types and embeddings. */
class PinnKindTest {
    private static final String HEAD = """
            variables: {x: [0, 1], t: [0, 1]}
            fields: [u, k]
            equations: [u_t - k*u_xx]
            collocation: {points: 50, sampling: sobol}
            """;

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path p = dir.resolve("p.yaml");
        Files.writeString(p, text);
        return p;
    }

    private ProblemFileException fails(String text) throws IOException {
        Path p = write(text);
        ProblemFileException e = catchThrowableOfType(() -> ProblemFile.read(p), ProblemFileException.class);
        assertThat(e).as(text).isNotNull();
        return e;
    }

    /** Same parameters and outputs, bit for bit. */
    private static void assertSameNetwork(Module actual, Module expected) {
        assertThat(actual.parameters().names()).isEqualTo(expected.parameters().names());
        for (String n : expected.parameters().names()) {
            assertThat(actual.parameters().get(n).data()).as(n).isEqualTo(expected.parameters().get(n).data());
        }
        Tensor x = Tensor.rand(new Rng(7), 9, 2);
        assertThat(actual.forward(x).data()).isEqualTo(expected.forward(x).data());
    }

    @Test
    void pinnIsRegisteredAndTheDefault() throws IOException {
        assertThat(ProblemKinds.names()).contains("pinn");
        Path p = write(HEAD);
        ProblemFile implicit = (ProblemFile) ProblemKinds.read(p);
        ProblemFile explicit = (ProblemFile) ProblemKinds.read(write("kind: pinn\n" + HEAD));
        assertThat(implicit.kind()).isEqualTo("pinn");
        assertThat(explicit.problem().fields()).isEqualTo(implicit.problem().fields());
        assertThat(explicit.network()).isEqualTo(implicit.network());
        assertSameNetwork(explicit.newNetwork(3), implicit.newNetwork(3));
    }

    @Test
    void anUnknownKindIsPlaced() throws IOException {
        String text = "kind: pinnn\n" + HEAD;
        ProblemFileException e = fails(text);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(7);
        assertThat(e.problem()).startsWith("unknown kind 'pinnn'; did you mean 'pinn'? (known kinds: ").contains("pinn");
    }

    @Test
    void theDefaultNetworkIsTheMlpItAlwaysWas() throws IOException {
        ProblemFile f = ProblemFile.read(write(HEAD));
        assertSameNetwork(f.newNetwork(11), Mlp.builder().sizes(2, 20, 20, 2).activation("tanh")
                .initializer("glorot_normal").seed(11).build());
    }

    @Test
    void fieldNetworksAreTheSameConcatAsBefore() throws IOException {
        ProblemFile f = ProblemFile.read(write(HEAD + "network: {layers: [12], fields: {k: {layers: [6],"
                + " activation: sin}}}\n"));
        Concat net = (Concat) f.newNetwork(4);
        assertSameNetwork(net.parts().get(0), Mlp.builder().sizes(2, 12, 1).seed(4).build());
        assertSameNetwork(net.parts().get(1), Mlp.builder().sizes(2, 6, 1).activation("sin").seed(5).build());
    }

    @Test
    void aModifiedMlpWithFourierFeatures() throws IOException {
        ProblemFile f = ProblemFile.read(write(HEAD + "network: {type: modified_mlp, layers: [16, 16],"
                + " initializer: he_normal, fourier_features: {features: 8, scale: 2.5}}\n"));
        assertThat(f.network().type()).isEqualTo("modified_mlp");
        assertThat(f.network().fourierFeatures()).isEqualTo(8);
        assertSameNetwork(f.newNetwork(2), ModifiedMlp.builder().sizes(2, 16, 16, 2).initializer("he_normal")
                .fourierFeatures(8, 2.5).seed(2).build());
    }

    @Test
    void networkMistakesArePlaced() throws IOException {
        String type = HEAD + "network: {type: resnet}\n";
        ProblemFileException e = fails(type);
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.column()).isEqualTo(17);
        assertThat(e.problem()).isEqualTo("unknown network type 'resnet'; valid types are fbpinn, mlp, modified_mlp");

        String widths = HEAD + "network:\n  type: modified_mlp\n  layers: [16, 8]\n";
        ProblemFileException w = fails(widths);
        assertThat(w.line()).isEqualTo(6);
        assertThat(w.column()).isEqualTo(3);
        assertThat(w.problem()).startsWith("ModifiedMlp: all hidden layers must have the same width");

        String scale = HEAD + "network: {fourier_features: {features: 4, scale: -1}}\n";
        ProblemFileException s = fails(scale);
        assertThat(s.line()).isEqualTo(5);
        assertThat(s.problem()).isEqualTo("FourierFeatures: scale must be positive and finite, got -1.0");

        String features = HEAD + "network: {fourier_features: {scale: 1}}\n";
        assertThat(fails(features).problem()).isEqualTo("missing 'features', e.g. 'features: 64'");
    }
}
