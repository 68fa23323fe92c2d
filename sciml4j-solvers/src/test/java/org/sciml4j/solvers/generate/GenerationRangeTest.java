package org.sciml4j.solvers.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** A range of a generation holds exactly those rows of the whole generation (what a Spark shard makes). */
class GenerationRangeTest {
    @Test
    void aRangeHoldsTheRowsOfTheWholeGeneration() {
        GeneratorSpec s = GenerationTest.spec("generator: antiderivative\nsamples: 9\nseed: 4\nsensors: 12\n"
                + "input: {rbf: {points: 100}}\n");
        Generation.Result whole = Generation.run(s.generator(), 9, 4, 1, (d, t) -> { });
        int[] done = {0};
        Generation.Result part = Generation.range(s.generator(), 4, 3, 7, 2, (d, t) -> done[0] = Math.max(done[0], d));
        assertThat(part.samples()).isEqualTo(4);
        assertThat(done[0]).isEqualTo(4);
        assertThat(part.inputs()).isEqualTo(Arrays.copyOfRange(whole.inputs(), 3 * 12, 7 * 12));
        assertThat(part.outputs()).isEqualTo(Arrays.copyOfRange(whole.outputs(), 3 * 12, 7 * 12));
        assertThatThrownBy(() -> Generation.range(s.generator(), 4, 5, 5, 1, (d, t) -> { }))
                .hasMessageContaining("need 0 <= from < to");
    }
}
