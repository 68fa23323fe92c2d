package org.sciml4j.solvers.generate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.sciml4j.io.InputFiles;
import org.sciml4j.tensor.kernel.Parallel;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * A data-generation spec file, e.g.
 * <pre>
 * generator: burgers
 * samples: 1200
 * seed: 0
 * out: burgers.npz
 * resolution: 256
 * viscosity: 0.1
 * input: {grf: {sigma: 49, tau: 7, alpha: 2.5}}
 * </pre>
 * Keys every generator takes: {@code generator} (required), {@code samples} (required), {@code seed} (default 0),
 * {@code out} (default {@code <spec name>.npz}; a relative path is taken from the spec file's folder, as every
 * file a problem file names; {@code --out} on the command line from the current directory; missing folders are
 * created, as for {@code sciml4j run --out}, and a file in the way is refused at {@code out}),
 * {@code threads} (default: all processors). The rest are the generator's own (see docs/SOLVERS.md). Every mistake
 * is reported at its file:line:column before anything is computed.
 *
 * @param generator the configured generator
 * @param samples   number of pairs N
 * @param seed      the generation's seed
 * @param out       the .npz to write
 * @param threads   worker threads (>= 1)
 */
public record GeneratorSpec(Generator generator, int samples, long seed, Path out, int threads) {
    /** The keys every generator takes. */
    public static final Set<String> COMMON_KEYS = Set.of("generator", "samples", "seed", "out", "threads");

    private record Kind(Set<String> keys, Function<SpecReader, Generator> reader) {
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("burgers", new Kind(BurgersGenerator.KEYS, BurgersGenerator::read));
        KINDS.put("darcy", new Kind(DarcyGenerator.KEYS, DarcyGenerator::read));
        KINDS.put("antiderivative", new Kind(AntiderivativeGenerator.KEYS, AntiderivativeGenerator::read));
        KINDS.put("diffusion-reaction", new Kind(DiffusionReactionGenerator.KEYS, DiffusionReactionGenerator::read));
        KINDS.put("sine-gordon", new Kind(SineGordonGenerator.KEYS, SineGordonGenerator::read));
    }

    /** The generator names a spec may give. */
    public static Set<String> generators() {
        return KINDS.keySet();
    }

    /** Reads and checks a spec file. */
    public static GeneratorSpec read(Path file) {
        return parse(YamlDocument.read(file));
    }

    /** Reads and checks a parsed spec. */
    public static GeneratorSpec parse(YamlDocument doc) {
        Node root = doc.root();
        if (root == null) {
            throw doc.unplaced("the spec is empty; start with e.g. 'generator: burgers' and 'samples: 1200'");
        }
        Map<String, NodeTuple> first = doc.mapping(root, "the spec", null);
        Node nameNode = doc.required(first, "generator", root, "generator: burgers");
        String name = doc.string(nameNode);
        Kind kind = KINDS.get(name);
        if (kind == null) {
            throw doc.error(nameNode, "unknown generator '" + name + "'" + YamlDocument.suggestion(name, KINDS.keySet())
                    + " (known: " + String.join(", ", KINDS.keySet()) + ")");
        }
        Set<String> allowed = new TreeSet<>(COMMON_KEYS);
        allowed.addAll(kind.keys());
        SpecReader spec = new SpecReader(doc, root, "the spec of generator '" + name + "'", allowed);
        doc.required(first, "samples", root, "samples: 1200");
        int samples = spec.positiveInt("samples", 1);
        long seed = spec.integer("seed", 0);
        int threads = spec.positiveInt("threads", Runtime.getRuntime().availableProcessors());
        if (spec.value("threads") != null) {
            doc.at(spec.value("threads"), () -> Parallel.checkThreads("threads", threads));
        }
        Path out = Path.of(spec.text("out", doc.baseName() + ".npz"));
        Path specDir = doc.file().toAbsolutePath().getParent();
        if (!out.isAbsolute() && specDir != null) {
            out = specDir.resolve(out); // like every file a problem file names: relative to the file itself
        }
        if (!out.getFileName().toString().endsWith(".npz")) {
            throw spec.error("out", "'out' must name a .npz file, got '" + out + "'");
        }
        Path blocking = InputFiles.fileInTheWay(out.toAbsolutePath().getParent());
        if (blocking != null) {
            throw spec.error("out", "'out' " + out + " cannot be written: " + blocking + " is a file, not a folder");
        }
        return new GeneratorSpec(kind.reader().apply(spec), samples, seed, out, threads);
    }

    /** This spec with other samples, output or threads (null keeps the file's). */
    public GeneratorSpec with(Integer newSamples, Path newOut, Integer newThreads) {
        return new GeneratorSpec(generator, newSamples == null ? samples : newSamples, seed,
                newOut == null ? out : newOut, newThreads == null ? threads : newThreads);
    }

    /**
     * Generates the spec's pairs and writes {@link #out()} and its {@code .json}, telling {@code log} what it does
     * (a progress bar on a terminal, else lines).
     *
     * @return the generation's result
     */
    public Generation.Result make(java.io.PrintStream log) throws java.io.IOException {
        Path folder = out.toAbsolutePath().getParent();
        Path blocking = InputFiles.fileInTheWay(folder); // --out is not read from the spec: checked here, before work
        if (blocking != null) {
            throw new java.io.IOException("cannot create the folder " + folder + " for " + out + ": " + blocking
                    + " is a file, not a folder");
        }
        try {
            java.nio.file.Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new java.io.IOException("cannot create the folder " + folder + " for " + out + ": "
                    + InputFiles.describe(e), e);
        }
        log.printf(java.util.Locale.ROOT, "generating %d %s pairs with seed %d on %d threads%n", samples,
                generator.name(), seed, threads);
        Generation.Result r;
        try (ConsoleProgress progress = new ConsoleProgress(log, generator.name(), samples,
                ConsoleProgress.interactive())) {
            r = Generation.run(generator, samples, seed, threads, progress);
        }
        Path json = Generation.write(out, generator, r, seed);
        log.printf(java.util.Locale.ROOT, "wrote %s and %s (%d pairs in %.1f s)%n", out, json, r.samples(),
                r.seconds());
        return r;
    }
}
