package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;

/** {@code sciml4j generate SPEC}: the data contract on disk, and a mistake in the spec placed in one line. */
class GenerateCommandTest {

    @Test
    void theAntiderivativeSpecWritesPairsThatIntegrate(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("a.npz");
        Captured r = Captured.run("generate", Repo.examples("operators/data/antiderivative.yaml").toString(),
                "--samples", "3", "--out", out.toString(), "--threads", "1");
        assertThat(r.status()).as(r.text()).isZero();
        Map<String, Tensor> arrays = Npz.read(out);
        Tensor x = arrays.get("x");
        Tensor v = arrays.get("inputs");
        Tensor u = arrays.get("outputs");
        assertThat(v.shape()).containsExactly(3, 100);
        assertThat(u.shape()).containsExactly(3, 100);
        // u(x) = int_0^x v: each increment is the trapezoid of v over the sensor step, to O(h^3 v'') with v of
        // length scale 0.2 (h = 0.01: about 2e-6)
        double[] xs = x.toArray();
        double[] vs = v.toArray();
        double[] us = u.toArray();
        for (int n = 0; n < 3; n++) {
            for (int i = 1; i < 100; i++) {
                double step = 0.5 * (vs[n * 100 + i] + vs[n * 100 + i - 1]) * (xs[i] - xs[i - 1]);
                assertThat(us[n * 100 + i] - us[n * 100 + i - 1]).isCloseTo(step,
                        org.assertj.core.data.Offset.offset(2e-5));
            }
        }
        assertThat(Files.readString(dir.resolve("a.json"))).contains("antiderivative");
    }

    @Test
    void aBadValueIsPlacedInTheSpec(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "generator: antiderivative\nsamples: -3\nout: x.npz\n");
        Captured r = Captured.run("generate", spec.toString());
        assertThat(r.status()).isNotZero();
        assertThat(r.text()).contains("bad.yaml").contains("line 2").doesNotContain("\tat ");
    }
}
