package org.sciml4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryJsonTest {

    @Test
    void nonFiniteValuesAtAnyDepthBecomeNullWithTheirReason(@TempDir Path dir) throws Exception {
        new SummaryJson().put("name", "x").put("error", 0.25)
                .put("parameters", Map.of("k", Double.NaN), "the estimate diverged")
                .put("eigenvalues", new double[] {1.0, Double.POSITIVE_INFINITY})
                .put("list", List.of(2.0))
                .write(dir);
        String json = Files.readString(dir.resolve(SummaryJson.FILE));
        assertThat(json).contains("\"error\" : 0.25", "\"k\" : null", "\"eigenvalues\" : [ 1.0, null ]",
                "\"parameters.k\" : \"NaN: the estimate diverged\"", "\"eigenvalues[1]\" : \"Infinity: not finite\"",
                "\"list\" : [ 2.0 ]");
        assertThat(json.indexOf("\"name\"")).isLessThan(json.indexOf("\"error\""));
    }

    @Test
    void aSummaryWithOnlyFiniteValuesHasNoNonFiniteSection(@TempDir Path dir) throws Exception {
        new SummaryJson().put("a", new double[][] {{1, 2}, {3, 4}}).write(dir);
        String json = Files.readString(dir.resolve(SummaryJson.FILE));
        assertThat(json).doesNotContain("non_finite").contains("[ [ 1.0, 2.0 ], [ 3.0, 4.0 ] ]");
    }
}
