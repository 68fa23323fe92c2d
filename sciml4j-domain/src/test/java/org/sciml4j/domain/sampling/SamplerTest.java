package org.sciml4j.domain.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Tensor;

/** What every sampler shares: the box map, argument checks, and lookup by name. */
class SamplerTest {

    private static final Sampler[] ALL = {Sampler.uniform(), Sampler.random(), Sampler.latinHypercube(),
        Sampler.sobol(), Sampler.halton(), Sampler.hammersley()};

    @Test
    void everySamplerPutsItsPointsInsideTheBox() {
        double[] lo = {-1.5, 0, 1e-3};
        double[] hi = {2.5, 10, 2e-3};
        for (Sampler s : ALL) {
            Tensor p = s.box(343, lo, hi, 9); // 343 = 7^3 for the uniform grid
            assertThat(p.shape()).as("%s", s).containsExactly(343, 3);
            double[] u = s.unitCube(343, 3, 9);
            for (int i = 0; i < 343; i++) {
                for (int j = 0; j < 3; j++) {
                    double x = p.get(i, j);
                    assertThat(x).as("%s point %d coordinate %d", s, i, j).isBetween(lo[j], hi[j]);
                    assertThat(x).isCloseTo(lo[j] + (hi[j] - lo[j]) * u[3 * i + j],
                            org.assertj.core.data.Offset.offset(1e-15 * Math.abs(hi[j])));
                }
            }
        }
    }

    @Test
    void unitCubeFacesMapExactlyOntoTheBoxFaces() {
        // lo + (hi - lo) * 1 rounds to 0.9000000000000001 and 0.8999999999999999 here: the map must still give 0.9
        assertThat(0.3 + (0.9 - 0.3) * 1.0).isGreaterThan(0.9);
        assertThat(0.2 + (0.9 - 0.2) * 1.0).isLessThan(0.9);
        double[] line = Sampler.uniform().box(3, new double[] {0.3}, new double[] {0.9}, 0).toArray();
        assertThat(line[0]).isEqualTo(0.3);
        assertThat(line[1]).isCloseTo(0.6, org.assertj.core.data.Offset.offset(2e-16));
        assertThat(line[2]).isEqualTo(0.9);
        double[] p = Sampler.grid(2, 2).box(new double[] {0.2, 0.3}, new double[] {0.9, 0.9}).toArray();
        assertThat(p).containsExactly(0.2, 0.3, 0.2, 0.9, 0.9, 0.3, 0.9, 0.9);
    }

    @Test
    void badBoxArgumentsAreNamed() {
        Sampler s = Sampler.sobol();
        double[] lo = {0, 0};
        double[] hi = {1, 1};
        assertThatThrownBy(() -> s.box(0, lo, hi, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("box: n must be >= 1, got 0");
        assertThatThrownBy(() -> s.box(10, lo, new double[] {1, 1, 1}, 0))
                .hasMessage("box: lo has 2 entries but hi has 3");
        assertThatThrownBy(() -> s.box(10, new double[0], new double[0], 0))
                .hasMessage("box: lo and hi are empty; a box needs at least one dimension");
        assertThatThrownBy(() -> s.box(10, null, hi, 0)).hasMessage("box: lo is null");
        assertThatThrownBy(() -> s.box(10, new double[] {0, Double.NaN}, hi, 0))
                .hasMessage("box: lo[1] = NaN is not finite");
        assertThatThrownBy(() -> s.box(10, lo, new double[] {Double.POSITIVE_INFINITY, 1}, 0))
                .hasMessage("box: hi[0] = Infinity is not finite");
        assertThatThrownBy(() -> s.box(10, new double[] {0, 1}, hi, 0))
                .hasMessage("box: lo[1] = 1.0 must be < hi[1] = 1.0");
        assertThatThrownBy(() -> s.box(10, new double[] {3, 0}, hi, 0))
                .hasMessage("box: lo[0] = 3.0 must be < hi[0] = 1.0");
        assertThatThrownBy(() -> s.box(10, new double[] {-Double.MAX_VALUE}, new double[] {Double.MAX_VALUE}, 0))
                .hasMessageStartingWith("box: the width hi[0] - lo[0] = ").hasMessageEndingWith(" overflows");
    }

    @Test
    void badUnitCubeArgumentsAreNamedWithTheSampler() {
        String[] names = {"uniform", "random", "lhs", "sobol", "halton", "hammersley"};
        for (int k = 0; k < ALL.length; k++) {
            Sampler s = ALL[k];
            assertThatThrownBy(() -> s.unitCube(0, 2, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(names[k] + ": n must be >= 1, got 0");
            assertThatThrownBy(() -> s.unitCube(5, 0, 0)).hasMessage(names[k] + ": dim must be >= 1, got 0");
            assertThatThrownBy(() -> s.unitCube(1 << 30, 3, 0))
                    .hasMessage(names[k] + ": n * dim = 1073741824 * 3 = 3221225472 values do not fit in one array");
        }
    }

    @Test
    void samplersByName() {
        assertThat(Sampler.of("uniform")).isSameAs(Sampler.uniform());
        assertThat(Sampler.of("random")).isSameAs(Sampler.random());
        assertThat(Sampler.of("pseudo")).isSameAs(Sampler.random());
        assertThat(Sampler.of("LHS")).isSameAs(Sampler.latinHypercube());
        assertThat(Sampler.of("latin_hypercube")).isSameAs(Sampler.latinHypercube());
        assertThat(Sampler.of(" Sobol ")).isSameAs(Sampler.sobol());
        assertThat(Sampler.of("Halton")).isSameAs(Sampler.halton());
        assertThat(Sampler.of("hammersley")).isSameAs(Sampler.hammersley());
        for (Sampler s : ALL) {
            assertThat(Sampler.of(s.toString())).isSameAs(s);
        }
        assertThatThrownBy(() -> Sampler.of("sobel"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown sampler \"sobel\"; valid names: uniform, random (or pseudo), lhs (or"
                        + " latin_hypercube), sobol, halton, hammersley");
        assertThatThrownBy(() -> Sampler.of(null)).hasMessageStartingWith("unknown sampler null; valid names:");
    }
}
