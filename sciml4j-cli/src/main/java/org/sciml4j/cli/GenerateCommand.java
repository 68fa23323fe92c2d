package org.sciml4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.sciml4j.io.InputFiles;
import org.sciml4j.solvers.generate.GeneratorSpec;
import org.sciml4j.tensor.kernel.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sciml4j generate SPEC.yaml}: makes an operator-learning data set with a numerical solver (burgers, darcy,
 * antiderivative, diffusion-reaction, sine-gordon) and writes {@code OUT.npz} (inputs, outputs, x[, y]) and
 * {@code OUT.json} (every setting, seed, time). The spec is checked completely before anything is computed.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Make training pairs for operator learning with a numerical solver, as a spec file says.",
            "Writes OUT.npz (float64 arrays inputs (N, ...), outputs (N, ...), x (s,) and for 2-D sets y (s,)) and"
                + " OUT.json (generator, every knob, seed, grid sizes, time). The same seed gives the same bits for"
                + " any number of threads. Generators: burgers, darcy, antiderivative, diffusion-reaction,"
                + " sine-gordon; see docs/SOLVERS.md."})
final class GenerateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "the spec file")
    Path file;

    @Option(names = "--samples", description = "number of pairs (default: the file's)")
    Integer samples;

    @Option(names = "--out", description = "the .npz to write (default: the file's 'out', else <spec name>.npz)")
    Path out;

    @Option(names = "--threads", description = "worker threads (default: the file's, else all processors)")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        if (samples != null && samples < 1) {
            throw new IllegalArgumentException("--samples " + samples + ": at least 1");
        }
        if (threads != null) {
            Parallel.checkThreads("--threads", threads);
        }
        if (out != null) {
            InputFiles.requireNpzFile(out, "--out");
        }
        GeneratorSpec.read(file).with(samples, out, threads).make(System.out);
        return 0;
    }
}
