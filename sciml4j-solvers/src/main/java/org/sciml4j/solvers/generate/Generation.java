package org.sciml4j.solvers.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;
import org.sciml4j.io.AtomicFiles;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * Makes a data set with a {@link Generator} on several threads and writes it: one {@code .npz} with float64 arrays
 * {@code inputs} (N, input shape), {@code outputs} (N, output shape), {@code x} (s,) and for 2-D sets {@code y} (s,),
 * and beside it {@code <name>.json} with the generator, every knob, the seed, the grid sizes and the time taken;
 * both written atomically. Sample i is drawn with {@code new Rng(SampleSeeds.of(seed, i))} into its own rows, so the
 * files hold the same bits for any number of threads.
 */
public final class Generation {
    /** What a generation made. */
    public record Result(double[] inputs, double[] outputs, int samples, double seconds, int threads) {
    }

    /** Told of each finished sample (from any thread). */
    @FunctionalInterface
    public interface Progress {
        /** {@code done} samples of {@code total} are finished. */
        void advanced(int done, int total);
    }

    private Generation() {
    }

    /**
     * Draws and solves {@code samples} pairs on {@code threads} threads: {@link #range} of samples [0, samples).
     *
     * @throws IllegalStateException with the solver's message and the sample's index if a sample fails
     */
    public static Result run(Generator g, int samples, long seed, int threads, Progress progress) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        }
        return range(g, seed, 0, samples, threads, progress);
    }

    /**
     * Draws and solves samples {@code from} to {@code to - 1} of the generation with this seed, on {@code threads}
     * threads: sample i is drawn with {@code new Rng(SampleSeeds.of(seed, i))}, so a range holds exactly the rows
     * [from, to) of the whole generation's arrays, whoever makes it (a Spark shard, a thread). The result's arrays
     * are (to - from, input shape) and (to - from, output shape), flattened; its {@code samples} is to - from.
     *
     * @throws IllegalStateException with the solver's message and the sample's index if a sample fails
     */
    public static Result range(Generator g, long seed, int from, int to, int threads, Progress progress) {
        int samples = to - from;
        if (from < 0 || samples < 1 || threads < 1) {
            throw new IllegalArgumentException("need 0 <= from < to and threads >= 1, got [" + from + ", " + to
                    + ") and " + threads);
        }
        int inSize = size(g.inputShape());
        int outSize = size(g.outputShape());
        if ((long) samples * Math.max(inSize, outSize) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(samples + " samples of " + Math.max(inSize, outSize)
                    + " values do not fit one array; make fewer samples per file");
        }
        double[] inputs = new double[samples * inSize];
        double[] outputs = new double[samples * outSize];
        AtomicInteger next = new AtomicInteger(from);
        AtomicInteger done = new AtomicInteger();
        int fftThreads = ConcurrencyUtils.getNumberOfThreads();
        ConcurrencyUtils.setNumberOfThreads(1); // the sample threads are the parallelism; FFTs stay on their thread
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            Rows rows = new Rows(from, to, inputs, outputs);
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> work(g, seed, rows, next, done, progress)));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("generation interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException r ? r : new IllegalStateException(c.getMessage(), c);
        } finally {
            pool.shutdownNow();
            ConcurrencyUtils.setNumberOfThreads(fftThreads);
        }
        return new Result(inputs, outputs, samples, (System.nanoTime() - start) / 1e9, threads);
    }

    /** The samples [from, to) being made and the arrays their rows go to (row i - from). */
    private record Rows(int from, int to, double[] inputs, double[] outputs) {
    }

    private static void work(Generator g, long seed, Rows rows, AtomicInteger next, AtomicInteger done,
                             Progress progress) {
        Generator.Sampler sampler = g.newSampler();
        int inSize = size(g.inputShape());
        int outSize = size(g.outputShape());
        double[] in = new double[inSize];
        double[] out = new double[outSize];
        int total = rows.to() - rows.from();
        for (int i = next.getAndIncrement(); i < rows.to(); i = next.getAndIncrement()) {
            try {
                sampler.sample(new Rng(SampleSeeds.of(seed, i)), in, out);
            } catch (RuntimeException e) {
                throw new IllegalStateException(g.name() + ": sample " + i + " failed: " + e.getMessage(), e);
            }
            int row = i - rows.from();
            System.arraycopy(in, 0, rows.inputs(), row * inSize, inSize);
            System.arraycopy(out, 0, rows.outputs(), row * outSize, outSize);
            progress.advanced(done.incrementAndGet(), total);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /**
     * Writes {@code file} (.npz) and {@code file} with {@code .json} in place of {@code .npz}, atomically.
     *
     * @return the path of the {@code .json}
     */
    public static Path write(Path file, Generator g, Result r, long seed) throws IOException {
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("inputs", Tensor.wrap(r.inputs(), prepend(r.samples(), g.inputShape())));
        putOutputs(arrays, g, r);
        for (Map.Entry<String, double[]> c : g.coordinates().entrySet()) {
            arrays.put(c.getKey(), Tensor.wrap(c.getValue(), c.getValue().length));
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        Npz.write(file, arrays, false);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("generator", g.name());
        json.put("samples", r.samples());
        json.put("seed", seed);
        json.put("inputs_shape", prepend(r.samples(), g.inputShape()));
        for (Map.Entry<String, int[]> a : g.outputArrays().entrySet()) {
            json.put(a.getKey() + "_shape", prepend(r.samples(), a.getValue()));
        }
        json.put("settings", g.settings());
        json.put("threads", r.threads());
        json.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
        json.put("sample_seed", "sample i is drawn with org.sciml4j.tensor.Rng(SampleSeeds.of(seed, i))");
        Path jsonFile = jsonPath(file);
        AtomicFiles.write(jsonFile, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
        return jsonFile;
    }

    /** Splits each flat output row into the generator's {@link Generator#outputArrays()}, (N, shape) each. */
    private static void putOutputs(Map<String, Tensor> arrays, Generator g, Result r) {
        int row = size(g.outputShape());
        int offset = 0;
        for (Map.Entry<String, int[]> a : g.outputArrays().entrySet()) {
            int part = size(a.getValue());
            double[] values = new double[r.samples() * part];
            for (int i = 0; i < r.samples(); i++) {
                System.arraycopy(r.outputs(), i * row + offset, values, i * part, part);
            }
            arrays.put(a.getKey(), Tensor.wrap(values, prepend(r.samples(), a.getValue())));
            offset += part;
        }
        if (offset != row) {
            throw new IllegalStateException(g.name() + ": output arrays hold " + offset + " values per sample, the"
                    + " output row " + row);
        }
    }

    /** {@code name.npz} -> {@code name.json} (any other name gets {@code .json} appended). */
    public static Path jsonPath(Path npz) {
        String name = npz.getFileName().toString();
        String base = name.endsWith(".npz") ? name.substring(0, name.length() - 4) : name;
        return npz.resolveSibling(base + ".json");
    }

    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    private static int[] prepend(int n, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }
}
