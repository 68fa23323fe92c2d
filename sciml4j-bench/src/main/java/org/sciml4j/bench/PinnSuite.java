package org.sciml4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The problems of the PINN step suite (issue 12), by name: each a problem file, read by {@code ProblemFile} and
 * trained by the real trainer ({@link PinnSuiteStep}, {@link PinnSuiteBenchmark}). Paths are relative to the
 * repository root; {@code sciml4j-bench/run-suite.sh} pairs every name with its PyTorch script.
 */
public final class PinnSuite {
    private static final String P = "sciml4j-bench/problems/";
    private static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("forward", "examples/damped-oscillation/forward.yaml");
        FILES.put("surrogate", "examples/damped-oscillation/surrogate-tutorial.yaml");
        FILES.put("burgers", "examples/burgers/burgers.yaml");
        FILES.put("allen-cahn", P + "allen-cahn.yaml");
        FILES.put("allen-cahn-hard", P + "allen-cahn-hard.yaml");
        FILES.put("poisson-fourier", P + "poisson-fourier.yaml");
        FILES.put("kovasznay", "examples/kovasznay/kovasznay.yaml");
        FILES.put("elasticity", P + "elasticity.yaml");
        FILES.put("kdv", P + "kdv.yaml");
        FILES.put("poisson-modified-mlp", P + "poisson-modified-mlp.yaml");
        for (int layers = 1; layers <= 3; layers++) {
            for (int width : new int[] {20, 50, 100}) {
                String name = "poisson-mlp-" + layers + "x" + width;
                FILES.put(name, P + name + ".yaml");
            }
        }
    }

    private PinnSuite() {
    }

    /** The problem names, in the suite's order. */
    public static Set<String> names() {
        return FILES.keySet();
    }

    /**
     * The problem file of {@code nameOrFile}: a suite name (found under the repository root, searched upward from the
     * working directory), or a path to a problem file.
     *
     * @throws IllegalArgumentException naming the known problems if it is neither
     */
    public static Path file(String nameOrFile) {
        String relative = FILES.get(nameOrFile);
        if (relative == null) {
            Path p = Path.of(nameOrFile);
            if (Files.isRegularFile(p)) {
                return p;
            }
            throw new IllegalArgumentException("unknown suite problem '" + nameOrFile + "' (and no such file); the"
                    + " problems: " + String.join(" ", FILES.keySet()));
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path f = d.resolve(relative);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new IllegalArgumentException(relative + " not found above " + Path.of("").toAbsolutePath()
                + ": run from the repository root");
    }
}
