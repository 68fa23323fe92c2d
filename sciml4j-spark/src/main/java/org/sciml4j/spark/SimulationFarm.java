package org.sciml4j.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.sciml4j.inference.config.SbiSpec;
import org.sciml4j.inference.sbi.SimulationData;
import org.sciml4j.inference.sbi.Simulations;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;

/**
 * A simulator farm: the simulations of an SBI problem made in shards on Spark. The driver draws the plan (thetas
 * from {@code Rng(seed)}, one seed per simulation), each task simulates its rows, and the driver joins the shards in
 * index order into the {@code simulations.npz} that {@code sciml4j run} writes and reuses (same seed, count and
 * dimensions): the same arrays, bit for bit, as the simulations made in one process, whatever the sharding.
 */
public final class SimulationFarm {
    private SimulationFarm() {
    }

    /** What a farm made: the simulations kept, the failed ones dropped, shards made and reused. */
    public record Outcome(SimulationData data, int failed, int shards, int reused, double seconds) {
    }

    /**
     * Simulates n pairs with this seed in {@code shards} shards and writes them to {@code out} (as
     * {@link SimulationData#write} with the seed and n); the shard folder is removed afterwards.
     *
     * @param text        the problem file's text (already read and checked as {@code spec})
     * @param problemFile the problem file
     */
    public static Outcome run(JavaSparkContext sc, String text, Path problemFile, SbiSpec spec, int n, long seed,
            int shards, Path out, PrintStream log) throws IOException {
        long start = System.nanoTime();
        Path folder = FarmShards.folder(out);
        Simulations.Plan plan = Simulations.plan(spec.prior(), n, seed);
        List<FarmShard> pieces = new ArrayList<>();
        for (FarmShard s : FarmShards.ranges(n, shards)) {
            pieces.add(FarmShard.of(s.index(), s.from(), s.to(), plan));
        }
        log.printf(Locale.ROOT, "simulating %d pairs of %s with seed %d in %d shards (%s)%n", n,
                spec.taskName() == null ? problemFile.getFileName() : spec.taskName(), seed, pieces.size(), folder);
        long fingerprint = FarmShards.fingerprint(text, seed);
        List<FarmShard.Done> done = Farms.run(sc, pieces, new SimulateShardTask(text,
                problemFile.toAbsolutePath().toString(), folder.toString(), fingerprint), "simulations", log);
        int[] failed = {0};
        SimulationData data = merge(pieces, folder, spec.prior().dim(), spec.simulator().outputDim(), failed);
        data.write(out, seed, n);
        FarmShards.remove(folder);
        if (failed[0] > 0) {
            log.println(failed[0] + " simulations failed (non-finite x) and were dropped");
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        log.printf(Locale.ROOT, "wrote %d simulations to %s (%.1f s)%n", data.size(), out, seconds);
        int reused = (int) done.stream().filter(FarmShard.Done::reused).count();
        return new Outcome(data, failed[0], pieces.size(), reused, seconds);
    }

    /** Joins the shards' kept rows in index order; adds their failed counts to {@code failed[0]}. */
    static SimulationData merge(List<FarmShard> pieces, Path folder, int d, int c, int[] failed) throws IOException {
        List<Map<String, Tensor>> parts = new ArrayList<>();
        int rows = 0;
        for (FarmShard s : pieces) {
            Map<String, Tensor> m = Npz.read(FarmShards.file(folder, s.index()));
            parts.add(m);
            rows += m.get("theta").size(0);
            failed[0] += (int) m.get("meta").data()[3];
        }
        double[] theta = new double[Math.multiplyExact(rows, d)];
        double[] x = new double[Math.multiplyExact(rows, c)];
        int row = 0;
        for (int i = 0; i < parts.size(); i++) {
            Path f = FarmShards.file(folder, pieces.get(i).index());
            int k = parts.get(i).get("theta").size(0);
            FarmShards.copyRows(parts.get(i).get("theta"), k, theta, row, d, f, "theta");
            FarmShards.copyRows(parts.get(i).get("x"), k, x, row, c, f, "x");
            row += k;
        }
        return new SimulationData(Tensor.of(theta, rows, d), Tensor.of(x, rows, c));
    }
}
