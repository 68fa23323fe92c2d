package org.sciml4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to sweep, ensemble and farm is refused with a message that names the file, line or option, exit status
 * 1, before Spark starts: every command here is given a master nothing listens on, so a check that came too late
 * would fail there instead, with another message.
 */
class SparkInputsTest {
    static final String NOWHERE = "spark://127.0.0.1:1";

    /** The exit status and what the command printed to stderr. */
    record Outcome(int status, String err) {
    }

    static Outcome run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int status = SparkMain.run(args);
            return new Outcome(status, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    static Path decay(Path tmp) throws Exception {
        Path file = tmp.resolve("decay.yaml");
        Files.writeString(file, "# a comment line, which the overrides drop\n" + LocalSweepTest.PROBLEM);
        return file;
    }

    /** A sweep, with the options every case shares: the master nothing listens on, an output in tmp. */
    static Outcome sweep(Path tmp, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("sweep", decay(tmp).toString(), "--master", NOWHERE, "--out",
                tmp.resolve("out").toString()));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    @Test
    void aMistakeOfTheFileIsPlacedAtItsOwnLine(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("typo.yaml");
        Files.writeString(file, "# comment\n" + LocalSweepTest.PROBLEM.replace("points: 16", "pointz: 16"));
        Outcome o = run("sweep", file.toString(), "--master", NOWHERE);
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.err()).contains("typo.yaml, line 9, column 15: unknown key 'pointz'");
        Files.writeString(file, "name: x\nfoo: [1,\n");
        assertThat(run("sweep", file.toString(), "--master", NOWHERE).err())
                .contains("typo.yaml, line 3, column 1: not valid YAML");
    }

    @Test
    void aWrongOverrideIsNamedWithoutALineOfTheFile(@TempDir Path tmp) throws Exception {
        Outcome o = sweep(tmp, "--grid", "training.adam.lrr=[1e-3]");
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.err()).contains("decay.yaml with the overrides {training.adam.lrr=0.001}: unknown key 'lrr'")
                .doesNotContain("line");
    }

    @Test
    void missingFilesAreNamed(@TempDir Path tmp) {
        String missing = tmp.resolve("nope.yaml").toString();
        String[][] commands = {{"sweep", missing}, {"ensemble", missing, "--members", "2"},
            {"farm", "generate", missing}, {"farm", "simulate", missing}};
        for (String[] c : commands) {
            List<String> args = new ArrayList<>(List.of(c));
            args.addAll(List.of("--master", NOWHERE));
            Outcome o = run(args.toArray(String[]::new));
            assertThat(o.status()).isEqualTo(1);
            assertThat(o.err()).contains("nope.yaml: no such file");
        }
        assertThat(run("sweep", tmp.toString(), "--master", NOWHERE).err()).contains("is a directory");
    }

    @Test
    void countsOutOfRangeAreRefused(@TempDir Path tmp) throws Exception {
        String[][] cases = {{"--seeds", "0"}, {"--seeds", "-1"}, {"--random", "-1"}, {"--threads", "0"},
            {"--grid", "training.adam.lr=[1e-2,2e-2]", "--seeds", "2000000000"}};
        String[] expected = {"--seeds must be at least 1, not 0", "--seeds must be at least 1, not -1",
            "--random must be at least 1, not -1", "--threads 0: at least 1",
            "the sweep would make 4000000000 runs (2 grid combinations x --seeds 2000000000), more than the limit"};
        for (int i = 0; i < cases.length; i++) {
            Outcome o = sweep(tmp, cases[i]);
            assertThat(o.status()).isEqualTo(1);
            assertThat(o.err()).contains(expected[i]);
        }
        Path file = decay(tmp);
        Outcome o = run("ensemble", file.toString(), "--members", "2000000000", "--master", NOWHERE);
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.err()).contains("--members must be at most 100000, not 2000000000");
    }

    @Test
    void repeatedGridsAndValuesAndListItemsAreRefused(@TempDir Path tmp) throws Exception {
        Outcome twice = sweep(tmp, "--grid", "training.adam.lr=[1e-2,2e-2]", "--grid", "training.adam.lr=[5e-3]");
        assertThat(twice.status()).isEqualTo(1);
        assertThat(twice.err()).contains("--grid training.adam.lr is given twice");
        Outcome same = sweep(tmp, "--grid", "training.adam.lr=[1e-2,0.01]");
        assertThat(same.status()).isEqualTo(1);
        assertThat(same.err()).contains("the value 0.01 is given twice");
        assertThat(sweep(tmp, "--grid", "network.layers.0=[4,8]").err())
                .contains("a list's items cannot be set one by one: set the whole list network.layers");
    }

    @Test
    void anOutputThatIsAFileIsRefused(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Outcome o = run("sweep", decay(tmp).toString(), "--master", NOWHERE, "--out", file.toString());
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.err()).contains("--out " + file + ": is a file, not a folder");
        o = run("ensemble", decay(tmp).toString(), "--members", "2", "--master", NOWHERE, "--out",
                file.resolve("sub").toString());
        assertThat(o.err()).contains(file + " is a file, not a folder");
        Path spec = Files.writeString(tmp.resolve("spec.yaml"), "generator: antiderivative\nsamples: 10\n");
        Files.createDirectories(tmp.resolve("folder.npz"));
        o = run("farm", "generate", spec.toString(), "--master", NOWHERE, "--out",
                tmp.resolve("folder.npz").toString());
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.err()).contains("folder.npz is a folder; name a .npz file");
        o = run("farm", "generate", spec.toString(), "--master", NOWHERE, "--out", file.resolve("x.npz").toString());
        assertThat(o.err()).contains("its folder " + file + ": is a file, not a folder");
    }

    @Test
    void farmCountsAreChecked(@TempDir Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("spec.yaml"), "generator: antiderivative\nsamples: 10\n");
        Outcome o = run("farm", "generate", spec.toString(), "--shards", "0", "--master", NOWHERE);
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.err()).contains("--shards must be at least 1, not 0");
        Files.writeString(spec, "generator: antiderivative\nsamples: 2000000000\n");
        o = run("farm", "generate", spec.toString(), "--master", NOWHERE, "--out", tmp.resolve("a.npz").toString());
        assertThat(o.status()).isEqualTo(1);
        assertThat(o.err()).contains("spec.yaml: samples 2000000000: the merged data would take about");
    }

    /** The draw of --random picks the combinations the shuffle of the whole list picked (same seed, same runs). */
    @Test
    void theRandomDrawIsTheShuffleOfTheWholeGrid() {
        Map<String, List<String>> grids = new LinkedHashMap<>();
        grids.put("a", List.of("1", "2", "3", "4", "5"));
        grids.put("b", List.of("x", "y", "z"));
        grids.put("c", List.of("7", "8"));
        List<LinkedHashMap<String, String>> all = SweepPlan.combinations(grids);
        for (int random : new int[] {1, 4, 29}) {
            List<LinkedHashMap<String, String>> combos = new ArrayList<>(all);
            SplittableRandom rng = new SplittableRandom(11);
            for (int i = 0; i < random; i++) {
                int j = i + rng.nextInt(combos.size() - i);
                combos.set(i, combos.set(j, combos.get(i)));
            }
            List<LinkedHashMap<String, String>> drawn = new ArrayList<>();
            for (long k : SweepPlan.chosen(grids, 1, random, 11)) {
                drawn.add(SweepPlan.combination(grids, k));
            }
            assertThat(drawn).isEqualTo(combos.subList(0, random));
        }
        assertThatThrownBy(() -> SweepPlan.chosen(Map.of("a", List.of("1", "2")), 60_000, 0, 0))
                .hasMessageContaining("more than the limit of " + SweepPlan.MAX_RUNS);
    }
}
