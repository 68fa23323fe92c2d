package org.sciml4j.pinn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.nn.FiniteBasis;
import org.sciml4j.nn.Module;
import org.sciml4j.nn.Piecewise;
import org.sciml4j.pinn.Solution;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.LossHistory;
import org.sciml4j.train.config.ProblemFileException;

/** Finite-basis networks and XPINN subdomains in problem files, and XPINN training on two materials. */
class DomainDecompositionTest {
    /** examples/xpinn/poisson-two-materials.yaml, scaled to seconds. */
    private static final String TWO_MATERIALS = """
            variables: {x: [0, 1]}
            fields: [u]
            subdomains:
              split: {x: [0.5]}
              parameters: {k: [1, 10]}
              interface: {flux: [k*u_x]}
            equations:
              - -k*u_xx = 4*pi^2*sin(2*pi*x)
            conditions:
              walls: {at: {x: [0, 1]}, require: [u = 0]}
            collocation: {points: 64, sampling: uniform}
            weights: {equation: 0.01, walls: 1, interface_value: 10, interface_flux: 0.01, interface_residual: 1.0e-4}
            network: {layers: [12], activation: tanh}
            training: {seed: 0, adam: {lr: 0.01, epochs: 400}}
            """;

    @TempDir
    Path dir;

    private ProblemFile read(String text) throws IOException {
        Path p = dir.resolve("p.yaml");
        Files.writeString(p, text);
        return ProblemFile.read(p);
    }

    private ProblemFileException fails(String text) throws IOException {
        Path p = dir.resolve("p.yaml");
        Files.writeString(p, text);
        ProblemFileException e = catchThrowableOfType(() -> ProblemFile.read(p), ProblemFileException.class);
        assertThat(e).as(text).isNotNull();
        return e;
    }

    @Test
    void aFiniteBasisNetworkSplitsTheVariablesBox() throws IOException {
        ProblemFile f = read("""
                variables: {x: [0, 2], t: [-1, 1]}
                fields: [u]
                equations: [u_t - u_xx]
                collocation: {points: 25}
                network: {type: fbpinn, windows: [4, 2], overlap: 0.5, layers: [8]}
                """);
        FiniteBasis fb = (FiniteBasis) f.newNetwork(0);
        assertThat(fb.networks()).hasSize(8);
        assertThat(fb.halfWidths()).containsExactly(0.25 * 1.5, 0.5 * 1.5);
        assertThat(fb.centres().get(7, 0)).isCloseTo(1.75, within(1e-15));
        assertThat(fb.centres().get(7, 1)).isCloseTo(0.5, within(1e-15));
        assertThat(fb.parameters().countTrainable()).isEqualTo(8 * (2 * 8 + 8 + 8 + 1));
    }

    @Test
    void badDecompositionSettingsArePlaced() throws IOException {
        String head = "variables: {x: [0, 1]}\nfields: [u]\nequations: [u_xx]\ncollocation: {points: 20}\n";
        assertThat(fails(head + "network: {layers: [8], windows: [4]}\n").getMessage())
                .contains("line 5").contains("finite-basis networks only");
        assertThat(fails(head + "network: {type: fbpinn, windows: [4, 4]}\n").getMessage())
                .contains("line 5").contains("one per variable (1)");
        assertThat(fails(head + "network: {type: fbpinn, overlap: 0}\n").getMessage()).contains("(0, 1]");
        assertThat(fails(head + "subdomains: {split: {x: [1.5]}}\n").getMessage())
                .contains("line 5").contains("inside x's range");
        assertThat(fails(head + "subdomains: {split: {y: [0.5]}}\n").getMessage()).contains("'y' is not a variable");
        assertThat(fails(head + "subdomains: {split: {x: [0.5]}, parameters: {k: [1, 2, 3]}}\n").getMessage())
                .contains("line 5").contains("one value per region");
        assertThat(fails(head + "subdomains: {split: {x: [0.5]}, interface: {flux: [q*u_x]}}\n").getMessage())
                .contains("line 5").contains("q");
    }

    @Test
    void eachRegionHasItsNetworkAndItsMaterial() throws IOException {
        ProblemFile f = read(TWO_MATERIALS);
        assertThat(f.problem().fields()).containsExactly("u", "k");
        assertThat(f.problem().termNames()).containsExactly("equation", "walls", "interface_value",
                "interface_flux", "interface_residual");
        Piecewise net = (Piecewise) f.newNetwork(0);
        assertThat(net.parts()).hasSize(2);
        Tensor y = net.forward(Tensor.of(new double[] {0.25, Math.nextDown(0.5), 0.5, 0.75}, 4, 1));
        assertThat(y.col(1).data()).containsExactly(1, 1, 10, 10);
        Module below = net.parts().get(0);
        assertThat(y.get(0, 0)).isEqualTo(below.forward(Tensor.of(new double[] {0.25}, 1, 1)).get(0, 0));
    }

    @Test
    void theInterfaceMismatchFallsDuringTraining() throws IOException {
        ProblemFile f = read(TWO_MATERIALS);
        Solution s = f.trainer().build().train(f.problem(), f.newNetwork(0));
        LossHistory h = s.history();
        for (String term : new String[] {"interface_value", "interface_flux"}) {
            double[] c = h.column(term);
            assertThat(c[c.length - 1]).as(term).isLessThan(c[0] / 10);
        }
        // and u approaches sin(2 pi x) / k on both sides of the cut
        Tensor x = Tensor.linspace(0.01, 0.99, 99).reshape(-1, 1);
        Tensor u = s.predict(x).col(0);
        double err = 0;
        double norm = 0;
        for (int i = 0; i < 99; i++) {
            double xi = x.get(i, 0);
            double exact = Math.sin(2 * Math.PI * xi) / (xi < 0.5 ? 1 : 10);
            err += (u.get(i, 0) - exact) * (u.get(i, 0) - exact);
            norm += exact * exact;
        }
        assertThat(Math.sqrt(err / norm)).isLessThan(0.2);
    }
}
