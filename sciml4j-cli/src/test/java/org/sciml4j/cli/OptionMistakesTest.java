package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes on the command line other than in a problem file (options, arguments, output places, a damaged run
 * folder): each is one line naming the option or file, exit status 1, before anything is trained or written.
 */
class OptionMistakesTest {
    private static final String FORWARD = Repo.examples("damped-oscillation/forward.yaml").toString();
    private static final String SPEC = Repo.examples("operators/data/antiderivative.yaml").toString();

    /** The one-line message of a refused command line. */
    private static String refused(String... args) {
        Captured c = Captured.run(args);
        assertThat(c.status()).as(c.text()).isEqualTo(Main.FAILURE_STATUS);
        assertThat(c.text()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("internal error");
        return c.text();
    }

    @Test
    void whatPicocliCannotParseIsAnInputMistakeWithoutTheWholeUsage() {
        assertThat(refused("run", FORWARD, "--epoch", "5")).contains("sciml4j run: Unknown option")
                .contains("'--epoch'").contains("--epochs").contains("sciml4j run --help").doesNotContain("Usage:");
        assertThat(refused("run", FORWARD, "--seed", "x")).contains("'--seed'").contains("'x'");
        assertThat(refused("run", FORWARD, FORWARD)).contains("Unmatched argument");
        assertThat(refused("run")).contains("PROBLEM.yaml");
        assertThat(refused("info", "extra")).contains("sciml4j info: ").contains("'extra'");
        assertThat(refused("nonsense")).contains("'nonsense'");
    }

    @Test
    void lengthsAndThreadsOutOfRangeNameTheOption(@TempDir Path dir) {
        String out = dir.resolve("r").toString();
        assertThat(refused("run", FORWARD, "--lbfgs", "-1", "--out", out)).contains("--lbfgs must be >= 0, got -1");
        assertThat(refused("run", FORWARD, "--lm", "-2", "--out", out)).contains("--lm must be >= 0, got -2");
        assertThat(refused("run", FORWARD, "--every", "0", "--out", out)).contains("--every must be >= 1, got 0");
        // a fork-join pool holds at most 32767 workers: more was "an unexpected internal error"
        assertThat(refused("run", FORWARD, "--threads", "40000", "--out", out)).contains("--threads 40000: at most");
        assertThat(refused("generate", SPEC, "--threads", "100000", "--samples", "2", "--out",
                dir.resolve("g.npz").toString())).contains("--threads 100000: at most");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void epochsAreRefusedWhereAFamilyFitsWithoutThem(@TempDir Path dir) {
        // SINDy and DMD read the run context's epochs nowhere: the option was silently ignored
        for (String example : new String[] {"sindy/cubic-oscillator.yaml", "dmd/linear.yaml"}) {
            assertThat(refused("run", Repo.examples(example).toString(), "--epochs", "5", "--out",
                    dir.resolve("r").toString())).contains("are fitted without epochs: --epochs does not apply");
        }
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void resumeNamesAFileOrAnEmptyValue(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThat(refused("run", FORWARD, "--resume", file.toString()))
                .contains("--resume " + file + " is a file, not a run folder");
        assertThat(refused("run", FORWARD, "--resume", "")).contains("--resume is empty");
    }

    @Test
    void aDamagedRunJsonIsNamedWithItsField(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("problem.yaml"), Files.readString(Path.of(FORWARD)));
        Path json = run.resolve(RunSettings.FILE);
        Files.writeString(json, "{\"adam_epochs\": 5");
        assertThat(refused("run", FORWARD, "--resume", run.toString())).contains(json + " is not valid JSON (line")
                .contains("damaged").doesNotContain("Source:");
        Files.writeString(json, "{}");
        assertThat(refused("run", FORWARD, "--resume", run.toString()))
                .contains(json + ": 'adam_epochs' is missing");
        Files.writeString(json, "{\"adam_epochs\": 50, \"lbfgs_iterations\": 0, \"lm_iterations\": 0,"
                + " \"seed\": \"2\", \"every\": 1000}");
        assertThat(refused("run", FORWARD, "--resume", run.toString())).contains("'seed' is \"2\", not a whole number");
        Files.writeString(json, "{\"adam_epochs\": 50, \"lbfgs_iterations\": 0, \"lm_iterations\": 0,"
                + " \"seed\": 2, \"every\": 0}");
        assertThat(refused("run", FORWARD, "--resume", run.toString()))
                .contains("'every' is 0, not a whole number >= 1");
    }

    @Test
    void dataAndDemoNameABadOutputFolderAndNoise(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThat(refused("data", "--out", file.toString())).contains("--out " + file + " is a file, not a folder");
        assertThat(refused("data", "--out", file.resolve("x").toString())).contains("--out " + file.resolve("x")
                + ": cannot create the folder");
        assertThat(refused("data", "--out", "")).contains("--out is empty"); // wrote into the working folder
        assertThat(refused("data", "--noise", "Infinity", "--out", dir.resolve("d").toString()))
                .contains("--noise must be a finite non-negative number, got Infinity");
        assertThat(dir.resolve("d")).doesNotExist();
        assertThat(refused("demo", "--out", file.toString())).contains("--out " + file + " is a file, not a folder");
        assertThat(refused("demo", "--every", "0", "--out", dir.resolve("demo").toString()))
                .contains("--every must be >= 1, got 0");
    }

    @Test
    void evaluateNamesAFileGivenAsTheRunFolder() {
        String data = Repo.examples("operators/data/burgers.yaml").toString(); // a file, not a folder
        assertThat(refused("evaluate", data, Repo.examples("operators").toString()))
                .contains("RUN_DIR " + data + " is a file, not a run folder");
    }

    @Test
    void generateNamesAnOutputThatIsAFolder(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("set.npz"));
        assertThat(refused("generate", SPEC, "--samples", "2", "--out", folder.toString()))
                .contains("--out " + folder + " is a folder; name a .npz file");
        assertThat(refused("generate", SPEC, "--samples", "2", "--out", "/")).contains("--out must name a .npz file");
    }
}
