package org.sciml4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.sciml4j.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The forward PINN of the damped-oscillator tutorial, {@code examples/damped-oscillation/forward.yaml}, which the jar
 * carries: u'' + 0.1 u' + u = 0, u(0) = 1, u'(0) = -0.05 on [0, 10], network 1-20-20-1 tanh, Adam 1e-3 for 10000
 * epochs at 101 points, compared with the exact solution. Runs as {@code sciml4j run} on that file.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train the forward PINN of the damped oscillator u'' + 0.1 u' + u = 0 and report its error"
                + " (the example examples/damped-oscillation/forward.yaml).")
final class DemoCommand implements Callable<Integer> {
    static final double C = 0.1;

    @Option(names = "--out", defaultValue = "runs/demo", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--epochs", description = "Adam epochs (default: the example's 10000)")
    Integer epochs;

    @Option(names = "--seed", description = "random seed (default: the example's)")
    Long seed;

    @Option(names = "--every", description = "print the losses every N epochs (default: 1000)")
    Integer every;

    /** The exact solution (m = k = 1, c = 0.1). */
    static double exact(double t) {
        return DataCommand.exact(C, t);
    }

    @Override
    public Integer call() throws IOException {
        RunCommand.atLeast("--epochs", epochs, 1);
        RunCommand.atLeast("--every", every, 1);
        DataCommand.createFolder(out);
        Path input = out.resolve("input");
        copy("forward.yaml", input.resolve("forward.yaml"));
        copy("data/data_truth.txt", input.resolve("data/data_truth.txt"));
        RunCommand run = new RunCommand();
        run.file = input.resolve("forward.yaml");
        run.out = out;
        run.epochs = epochs;
        run.seed = seed;
        run.every = every;
        return run.call();
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo/" + resource)) {
            if (in == null) {
                throw new IOException("the jar lacks its demo file " + resource + "; rebuild it");
            }
            Files.createDirectories(target.getParent());
            AtomicFiles.write(target, in.readAllBytes());
        }
    }
}
