package org.sciml4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.sciml4j.operators.config.RunEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sciml4j evaluate RUN_DIR DATA [--test N]}: the operator a finished {@code sciml4j run} trained, evaluated on
 * another test set without retraining (an FNO trained at s = 256 applied at s = 1024); see {@link RunEvaluation}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a trained operator (a run folder of kind operator) on another test set without"
                + " retraining, e.g. an FNO trained at s = 256 on the same test functions at s = 1024.",
            "DATA is a generator spec (.yaml; its .npz is made first when missing) or an .npz with inputs (N, s...),"
                + " outputs (N, s...) [, x (s,), y]. Prints the relative L2 error (mean and worst) and writes"
                + " RUN_DIR/evaluation-<s>.json and RUN_DIR/test-<s>-<i>.png."})
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a folder written by 'sciml4j run' (problem.yaml,"
            + " model.safetensors)")
    Path runDir;

    @Parameters(index = "1", paramLabel = "DATA", description = "the test set: a generator spec or an .npz")
    Path data;

    @Option(names = "--test", paramLabel = "N", description = "evaluate the last N rows of DATA (default: as many as"
            + " the run's data.test)")
    Integer test;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Override
    public Integer call() throws IOException {
        threads.apply();
        if (Files.exists(runDir) && !Files.isDirectory(runDir)) {
            throw new IllegalArgumentException("RUN_DIR " + runDir + " is a file, not a run folder; sciml4j evaluate"
                    + " takes the run folder first, then the test set");
        }
        RunEvaluation.evaluate(runDir, data, test, System.out);
        return 0;
    }
}
