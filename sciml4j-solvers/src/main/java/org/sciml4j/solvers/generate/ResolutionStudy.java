package org.sciml4j.solvers.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sciml4j.train.config.YamlDocument;

/**
 * Picks a generator's fine grid and time step by measurement: the same samples (same seeds) are made with each
 * variant of a spec, and each variant's outputs are compared with the first variant's (the reference, much finer):
 * relative L2 error over all stored values, and seconds per sample (one thread).
 * <p>
 * {@code java -cp sciml4j-cli/target/sciml4j.jar org.sciml4j.solvers.generate.ResolutionStudy SPEC.yaml SAMPLES
 * "fine_grid=8192;dt=0.00025" "fine_grid=1024;dt=0.01" ...}: each variant sets top-level keys of the spec. The input
 * fields must not depend on the grid: give the GRF a fixed {@code modes} that every grid resolves.
 */
public final class ResolutionStudy {
    private ResolutionStudy() {
    }

    /** Runs the study; prints one line per variant. */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: ResolutionStudy SPEC.yaml SAMPLES REFERENCE-VARIANT VARIANT...");
            System.exit(2);
        }
        String base = Files.readString(Path.of(args[0]));
        int samples = Integer.parseInt(args[1]);
        double[] reference = null;
        for (int v = 2; v < args.length; v++) {
            GeneratorSpec spec = GeneratorSpec.parse(YamlDocument.parse(variant(base, args[v]), Path.of(args[0])));
            Generation.Result r = Generation.run(spec.generator(), samples, spec.seed(), 1, (d, t) -> { });
            if (reference == null) {
                reference = r.outputs();
                System.out.printf(Locale.ROOT, "reference %-36s %8.3f s/sample%n", args[v], r.seconds() / samples);
                continue;
            }
            System.out.printf(Locale.ROOT, "%-46s rel L2 error %.3e %8.3f s/sample%n", args[v],
                    relativeError(r.outputs(), reference), r.seconds() / samples);
        }
    }

    /** The spec text with top-level {@code key=value} pairs (separated by ';') set or added. */
    static String variant(String text, String assignments) {
        String out = text;
        for (String kv : assignments.split(";")) {
            int eq = kv.indexOf('=');
            String key = kv.substring(0, eq).strip();
            String value = kv.substring(eq + 1).strip();
            Pattern p = Pattern.compile("(?m)^" + Pattern.quote(key) + ":.*$");
            Matcher m = p.matcher(out);
            out = m.find() ? m.replaceAll(Matcher.quoteReplacement(key + ": " + value))
                    : out + (out.endsWith("\n") ? "" : "\n") + key + ": " + value + "\n";
        }
        return out;
    }

    static double relativeError(double[] values, double[] reference) {
        double e = 0;
        double m = 0;
        for (int i = 0; i < values.length; i++) {
            e += (values[i] - reference[i]) * (values[i] - reference[i]);
            m += reference[i] * reference[i];
        }
        return Math.sqrt(e / m);
    }
}
