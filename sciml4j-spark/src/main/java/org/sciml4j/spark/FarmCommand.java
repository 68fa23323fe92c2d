package org.sciml4j.spark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code farm generate SPEC.yaml} and {@code farm simulate PROBLEM.yaml}: the data of a solver (operator-learning
 * pairs) or of a simulator (SBI pairs) made in shards on Spark and merged in order into the file the in-process
 * command writes; the same bits under a seed whatever the number of shards. See docs/SPARK.md, "Simulation farms".
 */
@Command(name = "farm", mixinStandardHelpOptions = true, description = {"Simulation farms: make operator data"
        + " (generate) or SBI simulations (simulate) in shards on Spark, merged in order into the file that"
        + " 'sciml4j generate' or 'sciml4j run' writes; the same bits under a seed whatever the sharding."},
        subcommands = {FarmGenerate.class, FarmSimulate.class})
public final class FarmCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Refuses a shard count below 1 (0 means: the default, four per task slot). */
    static void checkShards(int shards) {
        if (shards < 0) {
            throw new IllegalArgumentException("--shards must be at least 1, not " + shards);
        }
    }

    /** The shard count asked for, or the default for this context. */
    static int shards(int asked, org.apache.spark.api.java.JavaSparkContext sc) {
        return asked > 0 ? asked : Farms.defaultShards(sc);
    }
}
