package org.sciml4j.spark;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

/**
 * Runs the shards of a simulation farm on Spark, one task per shard, printing a line as each finishes, and returns
 * what the tasks report in shard order. A failed task is retried by Spark (4 attempts); the retry finds the shards
 * already written and makes only its own.
 */
public final class Farms {
    private Farms() {
    }

    /** The default number of shards: four per task slot, so that a slow shard does not hold the others up. */
    public static int defaultShards(JavaSparkContext sc) {
        return 4 * Math.max(1, sc.defaultParallelism());
    }

    /**
     * Runs {@code task} on every shard.
     *
     * @param what  what a shard makes, for the progress lines ("samples", "simulations")
     * @return one report per shard, in shard order
     */
    public static List<FarmShard.Done> run(JavaSparkContext sc, List<FarmShard> shards,
            Function<FarmShard, FarmShard.Done> task, String what, PrintStream log) {
        long start = System.nanoTime();
        List<FarmShard.Done> results = SparkTasks.each(sc, shards, task, "shard", log);
        int reused = 0;
        double longest = 0;
        for (FarmShard.Done r : results) {
            reused += r.reused() ? 1 : 0;
            longest = Math.max(longest, r.seconds());
        }
        int total = shards.get(shards.size() - 1).to();
        log.printf(Locale.ROOT, "%d %s in %d shards: %d made, %d reused from an earlier attempt (%.1f s; the longest"
                + " shard %.1f s)%n", total, what, shards.size(), shards.size() - reused, reused,
                (System.nanoTime() - start) * 1e-9, longest);
        return results;
    }
}
