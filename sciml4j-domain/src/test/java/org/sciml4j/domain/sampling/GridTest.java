package org.sciml4j.domain.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Tensor;

/** Uniform grids: exact ends, exact spacing, row-major order with the first coordinate slowest. */
class GridTest {

    @Test
    void productGridOverConcentrationAndTime() {
        Grid grid = Sampler.grid(21, 51);
        assertThat(grid.size()).isEqualTo(1071);
        assertThat(grid.dimension()).isEqualTo(2);
        Tensor p = grid.box(new double[] {0, 0}, new double[] {1, 10});
        assertThat(p.shape()).containsExactly(1071, 2);
        // corners, exactly
        assertThat(new double[] {p.get(0, 0), p.get(0, 1)}).containsExactly(0, 0);
        assertThat(new double[] {p.get(50, 0), p.get(50, 1)}).containsExactly(0, 10);
        assertThat(new double[] {p.get(1020, 0), p.get(1020, 1)}).containsExactly(1, 0);
        assertThat(new double[] {p.get(1070, 0), p.get(1070, 1)}).containsExactly(1, 10);
        for (int a = 0; a < 21; a++) {
            for (int b = 0; b < 51; b++) {
                int row = a * 51 + b; // the first coordinate varies slowest
                assertThat(p.get(row, 0)).isCloseTo(a * 0.05, within(1e-15));
                assertThat(p.get(row, 1)).isCloseTo(b * 0.2, within(1e-14));
            }
        }
    }

    @Test
    void spacingIsExactUpToRoundingAndEndsAreExact() {
        Tensor t = Sampler.grid(101).box(new double[] {0.1}, new double[] {0.3});
        assertThat(t.get(0, 0)).isEqualTo(0.1);
        assertThat(t.get(100, 0)).isEqualTo(0.3);
        for (int k = 0; k < 100; k++) {
            assertThat(t.get(k + 1, 0) - t.get(k, 0)).isCloseTo(0.002, within(1e-16));
        }
    }

    @Test
    void threeDimensionalOrderAndSingletonCount() {
        double[] p = Sampler.grid(2, 1, 3).unitCube(6, 3, 0);
        assertThat(p).containsExactly(
                0, 0, 0,
                0, 0, 0.5,
                0, 0, 1,
                1, 0, 0,
                1, 0, 0.5,
                1, 0, 1);
    }

    @Test
    void uniformInOneDimensionIsLinspace() {
        Tensor t = Sampler.uniform().box(101, new double[] {0}, new double[] {10}, 0);
        Tensor expected = Tensor.linspace(0, 10, 101).reshape(101, 1);
        assertThat(t.sub(expected).abs().max().item()).isLessThan(2e-15);
        assertThat(t.get(0, 0)).isEqualTo(0);
        assertThat(t.get(100, 0)).isEqualTo(10);
        assertThat(Sampler.uniform().unitCube(5, 1, 0)).containsExactly(0, 0.25, 0.5, 0.75, 1);
        assertThat(Sampler.uniform().unitCube(1, 1, 0)).containsExactly(0); // NumPy's linspace(0, 1, 1)
    }

    @Test
    void uniformInSeveralDimensionsIsTheEqualCountGrid() {
        assertThat(Sampler.uniform().unitCube(27, 3, 0)).containsExactly(Sampler.grid(3, 3, 3).unitCube(27, 3, 0));
        assertThat(Sampler.uniform().unitCube(1, 4, 0)).containsExactly(0, 0, 0, 0);
        assertThat(Sampler.uniform().unitCube(10_000, 2, 0)).hasSize(20_000);
    }

    @Test
    void uniformRefusesCountsThatAreNotPerfectPowers() {
        assertThatThrownBy(() -> Sampler.uniform().unitCube(1000, 2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("uniform: n = 1000 is not a perfect power m^2, so no grid in 2 dimensions has exactly n"
                        + " points; nearest: 31^2 = 961 or 32^2 = 1024; or use Sampler.grid(counts...) for"
                        + " different counts per dimension");
        assertThatThrownBy(() -> Sampler.uniform().unitCube(63, 3, 0))
                .hasMessageContaining("nearest: 3^3 = 27 or 4^3 = 64");
        assertThat(UniformGrid.root(Integer.MAX_VALUE, 2)).isEqualTo(46340);
        assertThat(UniformGrid.root(1 << 30, 3)).isEqualTo(1024);
    }

    @Test
    void gridRefusesMismatchedCountsAndBadDimensions() {
        Grid grid = Sampler.grid(21, 51);
        assertThatThrownBy(() -> grid.unitCube(1000, 2, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("grid(21, 51): n = 1000 but the grid has 1071 points; use box(lo, hi)");
        assertThatThrownBy(() -> grid.unitCube(1071, 3, 0))
                .hasMessage("grid(21, 51): dim = 3 but the grid has 2 dimensions");
        assertThatThrownBy(() -> grid.box(new double[] {0}, new double[] {1}))
                .hasMessage("grid(21, 51): dim = 1 but the grid has 2 dimensions");
        assertThatThrownBy(() -> Sampler.grid(4, 0))
                .hasMessage("grid: countsPerDimension[1] must be >= 1, got 0");
        assertThatThrownBy(() -> Sampler.grid())
                .hasMessage("grid: give at least one count per dimension");
        assertThatThrownBy(() -> Sampler.grid(100_000, 100_000))
                .hasMessage("grid(100000, 100000): too many points for one array");
        assertThat(grid.counts()).containsExactly(21, 51);
        assertThat(grid).hasToString("grid(21, 51)");
    }
}
