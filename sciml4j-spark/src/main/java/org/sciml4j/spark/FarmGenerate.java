package org.sciml4j.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.spark.api.java.JavaSparkContext;
import org.sciml4j.solvers.generate.GeneratorSpec;
import org.sciml4j.tensor.kernel.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code farm generate SPEC.yaml [--shards K] [--master M] [--threads T] [--out FILE.npz]}: the pairs of a
 * {@code sciml4j generate} spec made in K shards on Spark, merged into the same {@code .npz} and {@code .json}.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, description = {"Make the operator-learning pairs of a"
        + " generation spec (as 'sciml4j generate SPEC.yaml') in shards on Spark; writes the same OUT.npz and OUT.json,"
        + " the same bits for any number of shards. Shards go to OUT.shards/ (a second run reuses the finished ones)"
        + " and are removed after the merge."})
final class FarmGenerate implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "the generation spec")
    Path file;
    @Option(names = "--shards", description = "number of shards (default: 4 per task slot)")
    Integer shards;
    @Option(names = "--master", description = "Spark master: local[N], local[*] or spark://host:7077"
            + " (default: local[*])")
    String master = "local[*]";
    @Option(names = "--threads", description = "sample threads (cores) per task (default: 1)")
    int threads = 1;
    @Option(names = "--out", description = "the .npz to write (default: the spec's 'out', else <spec name>.npz)")
    Path out;

    @Override
    public Integer call() throws IOException {
        FarmCommand.checkShards(shards);
        Parallel.checkThreads("--threads", threads);
        String text = SparkMain.readText(file, "a generation spec");
        GeneratorSpec read = GenerateShardTask.spec(text, file); // every mistake placed at its file:line before Spark
        GeneratorSpec spec = read.with(null, (out != null ? out : read.out()).toAbsolutePath().normalize(), threads);
        long values = (long) size(spec.generator().inputShape()) + size(spec.generator().outputShape());
        FarmCommand.checkOutput(spec.out(), out != null ? "--out" : file + ": out", spec.samples(),
                Math.max(size(spec.generator().inputShape()), size(spec.generator().outputShape())), 32 * values,
                file + ": samples");
        try (JavaSparkContext sc = new JavaSparkContext(SparkSweeps.conf(master, threads)
                .setAppName("sciml4j farm generate"))) {
            GenerationFarm.run(sc, text, file, spec, FarmCommand.shards(shards, sc), threads, System.out);
        }
        return 0;
    }

    private static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
