package org.sciml4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.sciml4j.io.AtomicFiles;
import org.sciml4j.io.InputFiles;
import org.sciml4j.tensor.Rng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Regenerates the four data files of the damped-oscillator tutorial from the exact solution of
 * u'' + c u' + k u = 0 (m = k = 1), u(0) = 1, u'(0) = 0: u = exp(-c t / 2) cos(sqrt(1 - c^2 / 4) t).
 * Same layout as {@code ../shared/data/damped-oscillation}: tab-separated, t to 1 decimal, c to 2, u to 4.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Write the damped-oscillator tutorial's data files (exact, noisy, truth, truth over c).")
final class DataCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "runs/data", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--noise", defaultValue = "0.05", description = "noise standard deviation (default: ${DEFAULT-VALUE})")
    double noise;

    /** The exact solution for damping c (m = k = 1, c < 2). */
    static double exact(double c, double t) {
        double gamma = c / 2;
        return Math.exp(-gamma * t) * Math.cos(Math.sqrt(1 - gamma * gamma) * t);
    }

    @Override
    public Integer call() throws IOException {
        if (!(noise >= 0) || noise == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("--noise must be a finite non-negative number, got " + noise);
        }
        createFolder(out);
        StringBuilder exactRows = new StringBuilder();
        StringBuilder noisyRows = new StringBuilder();
        Rng rng = new Rng(seed);
        for (int i = 0; i < 10; i++) {
            double t = 0.5 + i;
            double u = exact(0.1, t);
            exactRows.append(String.format(Locale.ROOT, "%.1f\t%.4f%n", t, u));
            noisyRows.append(String.format(Locale.ROOT, "%.1f\t%.4f%n", t, u + noise * rng.normal()));
        }
        StringBuilder truth = new StringBuilder();
        for (int i = 0; i <= 100; i++) {
            double t = i / 10.0;
            truth.append(String.format(Locale.ROOT, "%.1f\t%.4f%n", t, exact(0.1, t)));
        }
        StringBuilder truthC = new StringBuilder();
        for (int j = 0; j <= 100; j++) {
            double c = j / 100.0;
            for (int i = 0; i <= 100; i++) {
                double t = i / 10.0;
                truthC.append(String.format(Locale.ROOT, "%.2f\t%.1f\t%.4f%n", c, t, exact(c, t)));
            }
        }
        write("data_exact.txt", exactRows);
        write("data_noisy.txt", noisyRows);
        write("data_truth.txt", truth);
        write("data_truth_c.txt", truthC);
        System.out.println("wrote data_exact.txt, data_noisy.txt (noise sd " + noise + ", seed " + seed
                + "), data_truth.txt, data_truth_c.txt to " + out);
        return 0;
    }

    /** Creates the folder {@code --out} names, or says why it cannot (empty, a file, not creatable). */
    static void createFolder(Path out) throws IOException {
        if (out.toString().isBlank()) {
            throw new IllegalArgumentException("--out is empty; give a folder name");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a file, not a folder; choose another --out");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new IOException("--out " + out + ": cannot create the folder: " + InputFiles.describe(e), e);
        }
    }

    private void write(String name, CharSequence text) throws IOException {
        AtomicFiles.write(out.resolve(name), text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
