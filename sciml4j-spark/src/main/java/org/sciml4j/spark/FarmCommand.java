package org.sciml4j.spark;

import java.nio.file.Path;

import org.sciml4j.io.InputFiles;

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

    /** Refuses a shard count below 1 (null: the default, four per task slot). */
    static void checkShards(Integer shards) {
        if (shards != null && shards < 1) {
            throw new IllegalArgumentException("--shards must be at least 1, not " + shards);
        }
    }

    /** The shard count asked for, or the default for this context. */
    static int shards(Integer asked, org.apache.spark.api.java.JavaSparkContext sc) {
        return asked != null ? asked : Farms.defaultShards(sc);
    }

    /**
     * Refuses an output that is not a .npz file ({@link InputFiles#requireNpzFile}) or lies under a file, and a farm
     * whose merged arrays would not fit: the driver holds {@code bytesPerItem} bytes for each of {@code items} (the
     * plan, the shards read back and the merged arrays), and one Java array holds at most 2^31 - 1 values
     * ({@code valuesPerItem} a row).
     *
     * @param out  the .npz to write; {@code what} names where it came from ("--out" or the file's key)
     * @param many the option or key that gave the count, for the message
     */
    static void checkOutput(Path out, String what, int items, long valuesPerItem, long bytesPerItem, String many) {
        InputFiles.requireNpzFile(out, what);
        SparkMain.checkFolder(out.toAbsolutePath().getParent(), what + " " + out + ": its folder");
        long need = items * bytesPerItem;
        long heap = Runtime.getRuntime().maxMemory();
        if ((double) items * valuesPerItem > Integer.MAX_VALUE - 8 || need > heap) {
            throw new IllegalArgumentException(many + " " + items + ": the merged data would take about "
                    + String.format(java.util.Locale.ROOT, "%.1f GiB", need / 1073741824.0) + " on the driver"
                    + (need > heap ? String.format(java.util.Locale.ROOT, ", more than its %.1f GiB heap (give it more"
                    + " with SCIML4J_JAVA_OPTS=-Xmx...)", heap / 1073741824.0) : ", more than one array holds")
                    + "; make fewer");
        }
    }
}
