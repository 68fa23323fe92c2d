package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.TextTable;

class MainTest {

    @Test
    void demoTrainsAndWritesItsOutputs(@TempDir Path dir) throws Exception {
        assertThat(Main.run("demo", "--epochs", "300", "--every", "100", "--out", dir.toString())).isZero();
        TextTable.Table loss = TextTable.read(dir.resolve("loss.tsv"));
        assertThat(loss.columns()).containsExactly("epoch", "total", "equation", "initial");
        assertThat(loss.values().shape()).containsExactly(300, 4);
        double first = loss.values().get(0, 1);
        double last = loss.values().get(299, 1);
        assertThat(last).isLessThan(first / 2); // Adam makes progress
        TextTable.Table pred = TextTable.read(dir.resolve("prediction.tsv"));
        assertThat(pred.columns()).containsExactly("t", "u_pred", "u_true");
        assertThat(pred.values().shape()).containsExactly(101, 3);
        // the reference column is the closed-form solution, to the 4 decimals of the data file
        assertThat(pred.values().get(100, 2)).isCloseTo(DemoCommand.exact(10), org.assertj.core.data.Offset.offset(5e-5));
        assertThat(Math.exp(-0.5) * Math.cos(Math.sqrt(1 - 0.0025) * 10))
                .isCloseTo(DemoCommand.exact(10), org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void helpAndBadArguments() {
        assertThat(Main.run("--help")).isZero();
        assertThat(Main.run("demo", "--help")).isZero();
        assertThat(Main.run("run", "--help")).isZero();
        assertThat(Main.run("info")).isZero();
        assertThat(Main.run("demo", "--epochs", "many")).isNotZero();
        assertThat(Main.run("demo", "--epochs", "-1")).isNotZero();
        assertThat(Main.run("nonsense")).isNotZero();
    }

    @Test
    void demoLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        assertThat(Main.run("demo", "--epochs", "20", "--every", "10", "--out", dir.toString())).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly(".lock", "checkpoint.safetensors", "input", "loss.png", "loss.tsv",
                            "model.safetensors", "prediction.png", "prediction.tsv", "problem.yaml", "run.json",
                            "summary.json");
        }
    }

    /** Only the named subcommand's model is built; usage, help and a mistyped name get them all. */
    @Test
    void aSubcommandIsBuiltAloneAndEverythingElseSeesAll() {
        java.util.List<String> all = java.util.List.of("run", "evaluate", "demo", "data", "generate", "info", "help");
        assertThat(Main.commandLine("run", "x.yaml").getSubcommands().keySet()).containsExactly("run");
        assertThat(Main.commandLine("info").getSubcommands().keySet()).containsExactly("info");
        assertThat(Main.commandLine().getSubcommands().keySet()).containsExactlyElementsOf(all);
        assertThat(Main.commandLine("help", "run").getSubcommands().keySet()).containsExactlyElementsOf(all);
        assertThat(Main.commandLine("runn").getSubcommands().keySet()).containsExactlyElementsOf(all);
        assertThat(Main.commandLine("--version").getSubcommands().keySet()).containsExactlyElementsOf(all);
    }
}
