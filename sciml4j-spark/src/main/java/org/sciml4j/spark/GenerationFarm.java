package org.sciml4j.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.spark.api.java.JavaSparkContext;
import org.sciml4j.io.Npz;
import org.sciml4j.solvers.generate.Generation;
import org.sciml4j.solvers.generate.Generator;
import org.sciml4j.solvers.generate.GeneratorSpec;

/**
 * A solver farm: the samples of a generation spec ({@code sciml4j generate SPEC.yaml}) made in shards on Spark and
 * merged in index order into the same {@code .npz} and {@code .json} the in-process command writes, with the same
 * bits whatever the number of shards, tasks or threads.
 */
public final class GenerationFarm {
    private GenerationFarm() {
    }

    /** What a farm made: the files written and how many shards were made or reused. */
    public record Outcome(Path npz, Path json, int shards, int reused, double seconds) {
    }

    /**
     * Makes the spec's samples in {@code shards} shards and writes {@code spec.out()} and its {@code .json}; the
     * shard folder is removed afterwards.
     *
     * @param text     the spec file's text (already read and checked as {@code spec})
     * @param specFile the spec file
     * @param spec     the checked spec, its {@code out} the file to write
     * @param threads  sample threads per task
     */
    public static Outcome run(JavaSparkContext sc, String text, Path specFile, GeneratorSpec spec, int shards,
            int threads, PrintStream log) throws IOException {
        long start = System.nanoTime();
        Path folder = FarmShards.folder(spec.out());
        List<FarmShard> pieces = FarmShards.ranges(spec.samples(), shards);
        log.printf(Locale.ROOT, "generating %d %s pairs with seed %d in %d shards (%s)%n", spec.samples(),
                spec.generator().name(), spec.seed(), pieces.size(), folder);
        List<FarmShard.Done> done = Farms.run(sc, pieces, new GenerateShardTask(text,
                specFile.toAbsolutePath().toString(), folder.toString(), threads), "samples", log);
        Generation.Result merged = merge(spec.generator(), pieces, folder, threads,
                (System.nanoTime() - start) * 1e-9);
        Path json = Generation.write(spec.out(), spec.generator(), merged, spec.seed());
        FarmShards.remove(folder);
        int reused = (int) done.stream().filter(FarmShard.Done::reused).count();
        log.printf(Locale.ROOT, "wrote %s and %s (%d pairs in %.1f s)%n", spec.out(), json, spec.samples(),
                (System.nanoTime() - start) * 1e-9);
        return new Outcome(spec.out(), json, pieces.size(), reused, (System.nanoTime() - start) * 1e-9);
    }

    /** Joins the shards' rows in index order into the arrays of the whole generation. */
    static Generation.Result merge(Generator g, List<FarmShard> pieces, Path folder, int threads, double seconds)
            throws IOException {
        int n = pieces.get(pieces.size() - 1).to();
        int in = size(g.inputShape());
        int out = size(g.outputShape());
        double[] inputs = new double[Math.multiplyExact(n, in)];
        double[] outputs = new double[Math.multiplyExact(n, out)];
        for (FarmShard s : pieces) {
            Path f = FarmShards.file(folder, s.index());
            FarmShards.copyRows(Npz.read(f, "inputs"), s.size(), inputs, s.from(), in, f, "inputs");
            FarmShards.copyRows(Npz.read(f, "outputs"), s.size(), outputs, s.from(), out, f, "outputs");
        }
        return new Generation.Result(inputs, outputs, n, seconds, threads);
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
