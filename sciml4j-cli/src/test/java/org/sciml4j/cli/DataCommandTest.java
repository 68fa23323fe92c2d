package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.TextTable;
import org.sciml4j.tensor.Tensor;

/** The regenerated files equal the tutorial's, number for number (the noisy one: same times, noise of the right size). */
class DataCommandTest {

    static Path shared() {
        return Repo.sharedData("damped-oscillation");
    }

    @Test
    void regeneratedFilesMatchTheSharedData(@TempDir Path out) throws Exception {
        assertThat(Main.run("data", "--out", out.toString(), "--seed", "3")).isZero();
        for (String name : new String[] {"data_exact.txt", "data_truth.txt", "data_truth_c.txt"}) {
            Tensor ours = TextTable.read(out.resolve(name)).values();
            Tensor theirs = TextTable.read(shared().resolve(name)).values();
            assertThat(ours.shape()).as(name).containsExactly(theirs.shape());
            assertThat(ours.toArray()).as(name).containsExactly(theirs.toArray());
        }
        Tensor noisy = TextTable.read(out.resolve("data_noisy.txt")).values();
        Tensor exact = TextTable.read(shared().resolve("data_exact.txt")).values();
        assertThat(noisy.col(0).toArray()).containsExactly(exact.col(0).toArray());
        double rms = noisy.col(1).sub(exact.col(1)).square().mean().sqrt().item();
        assertThat(rms).isBetween(0.015, 0.1); // sd 0.05 over 10 draws
        // the same seed gives the same file
        Path again = out.resolve("again");
        assertThat(Main.run("data", "--out", again.toString(), "--seed", "3")).isZero();
        assertThat(Files.readAllBytes(again.resolve("data_noisy.txt")))
                .isEqualTo(Files.readAllBytes(out.resolve("data_noisy.txt")));
    }
}
