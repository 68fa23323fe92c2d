package org.sciml4j.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.spark.api.java.JavaSparkContext;
import org.sciml4j.inference.config.SbiSpec;
import org.sciml4j.inference.sbi.SimulationData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code farm simulate PROBLEM.yaml [--simulations N] [--shards K] [--seed S] [--master M] [--out FILE.npz]}: the
 * simulations of a {@code kind: sbi} problem made in K shards on Spark and written where {@code sciml4j run} reuses
 * them (the problem's {@code simulation_file:}).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = {"Simulate the pairs of a kind: sbi"
        + " problem in shards on Spark and write them where 'sciml4j run' reuses them (the problem's simulation_file,"
        + " or --out); the same arrays as in one process under the seed, for any number of shards."})
final class FarmSimulate implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROBLEM.yaml", description = "the sbi problem file")
    Path file;
    @Option(names = "--simulations", description = "number of simulations N (default: the file's 'simulations')")
    Integer simulations;
    @Option(names = "--shards", description = "number of shards (default: 4 per task slot)")
    Integer shards;
    @Option(names = "--seed", description = "the seed (default: the file's; 'sciml4j run --seed S' reuses the data"
            + " made with S)")
    Long seed;
    @Option(names = "--master", description = "Spark master: local[N], local[*] or spark://host:7077"
            + " (default: local[*])")
    String master = "local[*]";
    @Option(names = "--out", description = "the .npz to write (default: the problem's 'simulation_file')")
    Path out;

    @Override
    public Integer call() throws IOException {
        FarmCommand.checkShards(shards);
        if (simulations != null && simulations < 1) {
            throw new IllegalArgumentException("--simulations must be at least 1, not " + simulations);
        }
        String text = SparkMain.readText(file, "a problem file");
        SbiSpec spec = SimulateShardTask.spec(text, file); // every mistake placed at its file:line before Spark
        Path target = out != null ? out : spec.simulationFile();
        if (target != null) {
            target = target.toAbsolutePath().normalize();
        }
        if (target == null) {
            throw new IllegalArgumentException(file + ": give --out FILE.npz, or 'simulation_file: FILE.npz' in the"
                    + " problem (then 'sciml4j run' trains on the farm's simulations)");
        }
        int n = simulations != null ? simulations : spec.simulations();
        long s = seed != null ? seed : spec.seed();
        int d = spec.prior().dim();
        int c = spec.simulator().outputDim();
        FarmCommand.checkOutput(target, out != null ? "--out" : file + ": simulation_file", n, Math.max(d, c),
                SimulationData.bytesPerSimulation(d, c), simulations != null ? "--simulations" : file + ": simulations");
        if (SimulationData.readIfSame(target, s, n, spec.prior().dim(), spec.simulator().outputDim()) != null) {
            System.out.println(target + " already holds the " + n + " simulations with seed " + s + "; nothing to do");
            return 0;
        }
        try (JavaSparkContext sc = new JavaSparkContext(SparkSweeps.conf(master, 1)
                .setAppName("sciml4j farm simulate"))) {
            SimulationFarm.run(sc, text, file, spec, n, s, FarmCommand.shards(shards, sc), target, System.out);
        }
        hints(spec, target, n, s);
        return 0;
    }

    /** What to tell 'sciml4j run' so that it trains on these simulations rather than making its own. */
    private void hints(SbiSpec spec, Path target, int n, long s) {
        Path named = spec.simulationFile() == null ? null : spec.simulationFile().toAbsolutePath().normalize();
        if (!target.equals(named)) {
            System.out.println("to train on them, name the file in the problem: simulation_file: " + target);
        }
        if (n != spec.simulations()) {
            System.out.println("'sciml4j run' reuses them when the problem says simulations: " + n);
        }
        if (s != spec.seed()) {
            System.out.println("'sciml4j run' reuses them with --seed " + s);
        }
    }
}
