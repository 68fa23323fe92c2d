package org.sciml4j.pinn.eikonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;

/** A velocity grid: bilinear interpolation reproduces a bilinear function; bad files are refused by name. */
class GridVelocityTest {
    private static final Box BOX = new Box(List.of("x", "z"), new double[] {0, 0}, new double[] {2, 1});

    @TempDir
    Path dir;

    /** v = 2 + 0.5 x + z + 0.25 x z on uneven nodes. */
    private Path write(double[] x, double[] z) throws IOException {
        double[] v = new double[x.length * z.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < z.length; j++) {
                v[i * z.length + j] = 2 + 0.5 * x[i] + z[j] + 0.25 * x[i] * z[j];
            }
        }
        Path p = dir.resolve("v.npz");
        Npz.write(p, Map.of("x", Tensor.vector(x), "z", Tensor.vector(z), "v", Tensor.of(v, x.length, z.length)),
                false);
        return p;
    }

    @Test
    void bilinearFunctionsAreReproduced() throws IOException {
        GridVelocity g = GridVelocity.read(write(new double[] {0, 0.5, 1.7, 2}, new double[] {0, 0.3, 1}), "v.npz",
                BOX);
        for (double[] p : new double[][] {{0.2, 0.1}, {1.9, 0.95}, {0.5, 0.3}, {2, 1}, {0, 0}}) {
            assertThat(g.at(p)).isCloseTo(2 + 0.5 * p[0] + p[1] + 0.25 * p[0] * p[1], within(1e-14));
        }
    }

    @Test
    void aGridThatDoesNotCoverTheDomainIsRefused() throws IOException {
        Path p = write(new double[] {0, 1, 1.5}, new double[] {0, 1});
        assertThatThrownBy(() -> GridVelocity.read(p, "v.npz", BOX)).hasMessageContaining("'x' spans [0.0, 1.5]")
                .hasMessageContaining("does not cover");
    }
}
