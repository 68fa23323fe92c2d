package org.sciml4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.inference.config.SbiSpec;
import org.sciml4j.inference.sbi.SimulationData;
import org.sciml4j.inference.sbi.Simulations;
import org.sciml4j.io.Npz;
import org.sciml4j.solvers.generate.Generation;
import org.sciml4j.solvers.generate.GeneratorSpec;
import org.sciml4j.tensor.Tensor;

/**
 * Simulation farms on local[2]: simulator and solver data made in shards on Spark equal, array for array, the data
 * made in one process with the same seed, for any number of shards; a shard left by an earlier attempt is reused;
 * a bad file is refused with its line before Spark starts.
 */
class FarmTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

    /** A small antiderivative data set (DeepONet's operator). */
    static final String SPEC = """
            generator: antiderivative
            samples: 23
            seed: 5
            sensors: 20
            input: {rbf: {points: 200}}
            """;

    private static JavaSparkContext sc;

    @BeforeAll
    static void sparkRunsHere() {
        assumeTrue(SparkSweeps.unsupportedReason().isEmpty(), SparkSweeps::unsupportedReason);
        sc = new JavaSparkContext(SparkSweeps.conf("local[2]", 1));
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.close();
        }
    }

    /** The sbibm data folder beside or above the module (shared/data/sbibm), or null. */
    static Path sbibmData() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            for (Path c : List.of(p.resolve("shared/data/sbibm"), p.resolve("../shared/data/sbibm"))) {
                if (Files.isDirectory(c.resolve("two_moons"))) {
                    return c.normalize();
                }
            }
        }
        return null;
    }

    /** Acceptance (issue 19): 10^5 two_moons simulations in 7 shards equal those made in one process. */
    @Test
    void aHundredThousandSimulationsEqualTheInProcessOnes(@TempDir Path tmp) throws Exception {
        Path data = sbibmData();
        assumeTrue(data != null, "no shared/data/sbibm beside the repository");
        String text = "kind: sbi\ntask: two_moons\ndata: " + data + "\nseed: 3\nsimulations: 100000\n"
                + "simulation_file: sims.npz\nobservations: [1]\n";
        Path file = tmp.resolve("two-moons.yaml");
        Files.writeString(file, text);
        SbiSpec spec = SimulateShardTask.spec(text, file);
        Path out = spec.simulationFile();
        assertThat(out).isEqualTo(tmp.resolve("sims.npz"));
        SimulationFarm.Outcome farm = SimulationFarm.run(sc, text, file, spec, 100_000, 3, 7, out, System.out);
        assertThat(farm.shards()).isEqualTo(7);
        assertThat(farm.reused()).isZero();

        Simulations.Outcome alone = new Simulations(spec.prior(), spec.simulator(), spec.simulationBatch(), 2)
                .run(100_000, 3, done -> { });
        assertThat(alone.data().size()).isEqualTo(100_000);
        assertThat(farm.data().theta().shape()).containsExactly(100_000, 2);
        assertThat(farm.data().theta().data()).isEqualTo(alone.data().theta().data());
        assertThat(farm.data().x().data()).isEqualTo(alone.data().x().data());
        // the file is the one `sciml4j run` reuses (same seed, count and dimensions), and the shards are gone
        SimulationData stored = SimulationData.readIfSame(out, 3, 100_000, 2, 2);
        assertThat(stored).isNotNull();
        assertThat(stored.x().data()).isEqualTo(alone.data().x().data());
        assertThat(FarmShards.folder(out)).doesNotExist();
    }

    /** An external program as simulator; simulations with theta_1 > 0.5 fail (NaN) and are dropped as in process. */
    @Test
    void anExternalSimulatorsFailuresAreDroppedAsInProcess(@TempDir Path tmp) throws Exception {
        String text = """
                kind: sbi
                seed: 8
                simulations: 150
                prior: {uniform: {low: [0, 0], high: [1, 1]}}
                simulator:
                  command: [awk, '{ if ($2 > 0.5) print "NaN", "1"; else print $2 + $3, ($1 % 1000) / 1000 }']
                  outputs: 2
                  batch: 40
                observations: {file: observed.csv}
                """;
        Files.writeString(tmp.resolve("observed.csv"), "x_1,x_2\n0.5,0.5\n");
        Path file = tmp.resolve("external.yaml");
        Files.writeString(file, text);
        SbiSpec spec = SimulateShardTask.spec(text, file);
        Path out = tmp.resolve("external.npz");
        SimulationFarm.Outcome farm = SimulationFarm.run(sc, text, file, spec, 150, 8, 3, out, QUIET);
        Simulations.Outcome alone = new Simulations(spec.prior(), spec.simulator(), spec.simulationBatch(), 2)
                .run(150, 8, done -> { });
        assertThat(alone.failed()).isBetween(50, 100);
        assertThat(farm.failed()).isEqualTo(alone.failed());
        assertThat(farm.data().theta().data()).isEqualTo(alone.data().theta().data());
        assertThat(farm.data().x().data()).isEqualTo(alone.data().x().data());
    }

    /** Operator data in 3 and in 5 shards: the .npz and .json of `sciml4j generate`. */
    @Test
    void operatorDataEqualTheInProcessGeneration(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("anti.yaml");
        Files.writeString(file, SPEC);
        GeneratorSpec alone = GeneratorSpec.read(file).with(null, tmp.resolve("alone.npz"), 2);
        alone.make(QUIET);
        Map<String, Tensor> expected = Npz.read(tmp.resolve("alone.npz"));
        for (int shards : new int[] {3, 5}) {
            Path out = tmp.resolve("farm-" + shards + ".npz");
            GeneratorSpec spec = GenerateShardTask.spec(SPEC, file).with(null, out, 1);
            GenerationFarm.Outcome o = GenerationFarm.run(sc, SPEC, file, spec, shards, 1, QUIET);
            assertThat(o.shards()).isEqualTo(shards);
            Map<String, Tensor> got = Npz.read(out);
            assertThat(got.keySet()).containsExactly("inputs", "outputs", "x");
            for (String k : expected.keySet()) {
                assertThat(got.get(k).shape()).as(k).isEqualTo(expected.get(k).shape());
                assertThat(got.get(k).data()).as(k).isEqualTo(expected.get(k).data());
            }
            assertThat(got.get("inputs").shape()).containsExactly(23, 20);
            ObjectNode a = (ObjectNode) JSON.readTree(Generation.jsonPath(tmp.resolve("alone.npz")).toFile());
            ObjectNode b = (ObjectNode) JSON.readTree(o.json().toFile());
            for (ObjectNode j : List.of(a, b)) {
                j.remove(List.of("threads", "seconds"));
            }
            assertThat(b).isEqualTo(a);
            assertThat(b.get("settings").size()).isPositive();
            assertThat(FarmShards.folder(out)).doesNotExist();
        }
    }

    /**
     * A shard left by an earlier attempt (same range and farm) is reused, not made again: its rows (marked here)
     * reach the merged file; a shard of another farm (another seed) is made again.
     */
    @Test
    void aShardFromAnEarlierAttemptIsReused(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("anti.yaml");
        Files.writeString(file, SPEC);
        Path out = tmp.resolve("anti.npz");
        GeneratorSpec spec = GenerateShardTask.spec(SPEC, file).with(null, out, 1);
        Path folder = FarmShards.folder(out);
        List<FarmShard> shards = FarmShards.ranges(23, 3);
        GenerateShardTask task = new GenerateShardTask(SPEC, file.toAbsolutePath().toString(), folder.toString(), 1);
        assertThat(task.call(shards.get(1)).reused()).isFalse();
        Path one = FarmShards.file(folder, 1);
        Map<String, Tensor> kept = new LinkedHashMap<>(Npz.read(one));
        double[] marked = kept.get("inputs").data().clone();
        java.util.Arrays.fill(marked, 42.0);
        kept.put("inputs", Tensor.wrap(marked, kept.get("inputs").shape()));
        Npz.write(one, kept, false);
        // shard 2 from a farm with another seed: same range, other fingerprint
        Map<String, Tensor> other = new LinkedHashMap<>(kept);
        other.put("meta", FarmShards.meta(shards.get(2), FarmShards.fingerprint(SPEC, 6)));
        Npz.write(FarmShards.file(folder, 2), other, false);

        GenerationFarm.Outcome o = GenerationFarm.run(sc, SPEC, file, spec, 3, 1, QUIET);
        assertThat(o.reused()).isEqualTo(1);
        double[] inputs = Npz.read(out, "inputs").data();
        Generation.Result alone = Generation.run(spec.generator(), 23, 5, 1, (d, t) -> { });
        for (int i = 0; i < 23; i++) {
            boolean inShardOne = i >= shards.get(1).from() && i < shards.get(1).to();
            assertThat(inputs[i * 20 + 3]).as("row " + i).isEqualTo(inShardOne ? 42.0 : alone.inputs()[i * 20 + 3]);
        }
        assertThat(Npz.read(out, "outputs").data()).isEqualTo(alone.outputs());
    }

    /** The first attempt of shard 1 writes its file, then dies with its executor (simulated). */
    static final class LostAfterWriting implements org.apache.spark.api.java.function.Function<FarmShard,
            FarmShard.Done> {
        private final GenerateShardTask task;

        LostAfterWriting(GenerateShardTask task) {
            this.task = task;
        }

        @Override
        public FarmShard.Done call(FarmShard shard) throws Exception {
            FarmShard.Done d = task.call(shard);
            if (shard.index() == 1 && org.apache.spark.TaskContext.get().attemptNumber() == 0) {
                throw new IllegalStateException("executor lost (simulated)");
            }
            return d;
        }
    }

    /** Spark retries a task lost after it wrote its shard; the retry finds the shard and does not make it again. */
    @Test
    void aRetriedTaskReusesTheShardItsLostAttemptWrote(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("anti.yaml");
        Files.writeString(file, SPEC);
        Path folder = FarmShards.folder(tmp.resolve("anti.npz"));
        GenerateShardTask task = new GenerateShardTask(SPEC, file.toAbsolutePath().toString(), folder.toString(), 1);
        List<FarmShard.Done> done = Farms.run(sc, FarmShards.ranges(23, 3), new LostAfterWriting(task), "samples",
                QUIET);
        assertThat(done).extracting(FarmShard.Done::reused).containsExactly(false, true, false);
        GeneratorSpec spec = GenerateShardTask.spec(SPEC, file);
        Generation.Result merged = GenerationFarm.merge(spec.generator(), FarmShards.ranges(23, 3), folder, 1, 0);
        assertThat(merged.outputs()).isEqualTo(Generation.run(spec.generator(), 23, 5, 1, (d, t) -> { }).outputs());
    }

    /** A bad spec or problem is refused with its file and line, before any Spark context starts. */
    @Test
    void aBadFileIsRefusedWithItsLineBeforeSparkStarts(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("bad-spec.yaml");
        Files.writeString(spec, "generator: antiderivative\nsamples: 10\nsensor: 20\n");
        Path problem = tmp.resolve("bad-problem.yaml");
        Files.writeString(problem, "kind: sbi\ntask: two_moons\nsimulations: 100\nsimulation: 5\n");
        // a master nothing listens on: had the command started Spark before reading the file, it would fail there
        String[][] commands = {{"farm", "generate", spec.toString(), "--master", "spark://127.0.0.1:1"},
            {"farm", "simulate", problem.toString(), "--master", "spark://127.0.0.1:1"}};
        String[] expected = {"bad-spec.yaml, line 3, column 1: unknown key 'sensor'",
            "bad-problem.yaml, line 4, column 1: unknown key 'simulation'"};
        for (int k = 0; k < 2; k++) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream saved = System.err;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status;
            try {
                status = SparkMain.run(commands[k]);
            } finally {
                System.setErr(saved);
            }
            assertThat(status).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(expected[k]);
        }
    }
}
