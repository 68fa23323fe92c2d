package org.sciml4j.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.api.java.function.Function;
import org.sciml4j.io.Npz;
import org.sciml4j.solvers.generate.Generation;
import org.sciml4j.solvers.generate.Generator;
import org.sciml4j.solvers.generate.GeneratorSpec;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.YamlDocument;

/**
 * The body of a solver-farm task: rebuilds the generator from the spec's text on the executor, makes samples
 * [from, to) with {@link Generation#range} (sample i drawn with {@code Rng(SampleSeeds.of(seed, i))}, as
 * {@code sciml4j generate} does) and writes them as {@code shard-NNNNN.npz} (arrays {@code inputs} (n, input shape),
 * {@code outputs} (n, output shape), {@code meta} = [from, to, fingerprint]). A shard file already there for the
 * same range and farm is reused.
 */
public final class GenerateShardTask implements Function<FarmShard, FarmShard.Done> {
    private static final long serialVersionUID = 1L;

    private final String text;
    private final String specFile;
    private final String folder;
    private final int threads;

    /**
     * @param text     the spec file's text
     * @param specFile its absolute path (names it in messages, anchors relative paths)
     * @param folder   the shard folder, seen by every executor at this path
     * @param threads  sample threads per task, at least 1
     */
    public GenerateShardTask(String text, String specFile, String folder, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads per task must be at least 1, not " + threads);
        }
        this.text = text;
        this.specFile = specFile;
        this.folder = folder;
        this.threads = threads;
    }

    /** The spec of the text, read as {@code sciml4j generate} reads the file. */
    static GeneratorSpec spec(String text, Path file) {
        return GeneratorSpec.parse(YamlDocument.parse(text, file));
    }

    @Override
    public FarmShard.Done call(FarmShard shard) throws Exception {
        long start = System.nanoTime();
        GeneratorSpec spec = spec(text, Path.of(specFile));
        long fingerprint = FarmShards.fingerprint(text, spec.seed());
        Path file = FarmShards.file(Path.of(folder), shard.index());
        if (FarmShards.readIfSame(file, shard, fingerprint) != null) {
            return new FarmShard.Done(shard.index(), file.toString(), true, (System.nanoTime() - start) * 1e-9);
        }
        Generator g = spec.generator();
        Generation.Result r = Generation.range(g, spec.seed(), shard.from(), shard.to(), threads, (d, t) -> { });
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("inputs", Tensor.wrap(r.inputs(), rows(shard.size(), g.inputShape())));
        arrays.put("outputs", Tensor.wrap(r.outputs(), rows(shard.size(), g.outputShape())));
        arrays.put("meta", FarmShards.meta(shard, fingerprint));
        java.nio.file.Files.createDirectories(file.getParent());
        Npz.write(file, arrays, false);
        return new FarmShard.Done(shard.index(), file.toString(), false, (System.nanoTime() - start) * 1e-9);
    }

    static int[] rows(int n, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }
}
