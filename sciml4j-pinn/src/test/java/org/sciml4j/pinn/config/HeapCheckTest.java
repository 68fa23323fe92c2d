package org.sciml4j.pinn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.train.config.HeapLimit;
import org.sciml4j.train.config.ProblemFileException;

/** Sizes beyond the heap are refused at their line, with the numbers and the setting to raise the heap. */
class HeapCheckTest {
    @TempDir
    Path dir;

    private static final long HEAP = Runtime.getRuntime().maxMemory();

    private ProblemFileException fails(String text) throws IOException {
        Path p = dir.resolve("p.yaml");
        Files.writeString(p, text);
        ProblemFileException e = catchThrowableOfType(() -> ProblemFile.read(p), ProblemFileException.class);
        assertThat(e).as(text).isNotNull();
        return e;
    }

    @Test
    void parametersAndWidthsAreCountedLayerByLayer() {
        NetworkSpec spec = new NetworkSpec(new int[] {20, 30}, "tanh", "glorot_normal");
        // 2 -> 20 -> 30 -> 3: (2*20 + 20) + (20*30 + 30) + (30*3 + 3)
        assertThat(HeapCheck.parameters(spec, 2, 3)).isEqualTo(60 + 630 + 93);
        assertThat(HeapCheck.width(spec, 2, 3)).isEqualTo(2 + 20 + 30 + 3);
        assertThat(HeapLimit.size(3.5 * (1L << 30))).isEqualTo("3.5 GiB");
        assertThat(HeapLimit.size(512)).isEqualTo("512 bytes");
    }

    @Test
    void aHugeLayerIsRefusedBeforeItIsBuilt() throws IOException {
        ProblemFileException e = fails("""
                variables: {t: [0, 1]}
                fields: [u]
                equations: [u_t + u]
                collocation: {points: 11}
                network: {layers: [1000000, 1000000]}
                """);
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.problem()).startsWith("too large for the memory: the network's 1000004000001 parameters (with"
                + " their gradient and Adam's moments) take at least 29.1 TiB, more than the Java heap of "
                + HeapLimit.size(HEAP) + "; make it smaller, or raise the heap, e.g. SCIML4J_JAVA_OPTS=-Xmx");
    }

    @Test
    void tooManyPointsAreRefusedBeforeTheyAreDrawn() throws IOException {
        double bytes = 2 * 8.0 * 2_000_000_000L * 3;
        Assumptions.assumeTrue(bytes > HEAP, "a heap of more than 89 GiB");
        ProblemFileException e = fails("""
                variables: {x: [0, 1], y: [0, 1], t: [0, 1]}
                fields: [u]
                equations: [u_t + u]
                collocation: {points: 2000000000}
                """);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo(23);
        assertThat(e.problem()).startsWith("too large for the memory: the 2000000000 points (3 coordinates each) for"
                + " collocation take at least 89.4 GiB, more than the Java heap of ");
        ProblemFileException grid = fails("""
                variables: {x: [0, 1], t: [0, 1]}
                fields: [u]
                equations: [u_t + u]
                collocation: {grid: [100000, 100000]}
                """);
        assertThat(grid.problem()).isEqualTo("the grid has more than 2147483647 points; give fewer per axis");
        ProblemFileException boundary = fails("""
                variables: {x: [0, 1], y: [0, 1], t: [0, 1]}
                fields: [u]
                conditions:
                  wall: {on: boundary, require: [u = 0], points: 2000000000}
                """);
        assertThat(boundary.line()).isEqualTo(4);
        assertThat(boundary.problem()).startsWith("too large for the memory: the 2000000000 points (3 coordinates"
                + " each) for condition 'wall' take at least 89.4 GiB");
        Assumptions.assumeTrue(8.0 * 2_000_000_000L * 4 > HEAP, "a heap of more than 59 GiB");
        ProblemFileException exact = fails("""
                variables: {t: [0, 1]}
                fields: [u]
                equations: [u_t + u]
                collocation: {points: 16}
                evaluation: {exact: {u: t}, grid: [2000000000]}
                """);
        assertThat(exact.line()).isEqualTo(5);
        assertThat(exact.problem()).startsWith("too large for the memory: the 2000000000 evaluation points (1"
                + " coordinates each) take at least 59.6 GiB");
    }

    @Test
    void trainingValuesBeyondTheHeapAreRefusedAtTheCollocation() throws IOException {
        double bytes = HeapCheck.VALUES_PER_POINT_AND_UNIT * 8.0 * 100000 * (1 + 100000 + 1);
        Assumptions.assumeTrue(bytes > HEAP, "a heap of more than 298 GiB");
        ProblemFileException e = fails("""
                variables: {t: [0, 1]}
                fields: [u]
                equations: [u_t + u]
                collocation: {points: 100000}
                network: {layers: [100000]}
                """);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.problem()).startsWith("too large for the memory: training on 100000 points through layers 100002"
                + " values wide take at least 298.0 GiB, more than the Java heap of ");
        // on batches of 10 points it fits
        Files.writeString(dir.resolve("p.yaml"), """
                variables: {t: [0, 1]}
                fields: [u]
                equations: [u_t + u]
                collocation: {points: 100000}
                network: {layers: [100000]}
                training: {adam: {batch: 10}}
                """);
        assertThat(ProblemFile.read(dir.resolve("p.yaml")).training().batch()).isEqualTo(10);
    }
}
