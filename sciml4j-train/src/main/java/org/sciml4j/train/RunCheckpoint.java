package org.sciml4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sciml4j.io.Checkpoints;
import org.sciml4j.io.DataFormatException;
import org.sciml4j.io.SafeTensors;
import org.sciml4j.tensor.Tensor;

/**
 * Where a {@link Trainer} run stands, enough to continue it with the same bits: one safetensors file
 * ({@value #FILE} in the run folder), written atomically. Tensors: {@code parameter.<i>} (the objective's
 * parameters in order), {@code optimizer.<key>} (a first-order phase's optimiser state), {@code minimizer.<key>}
 * (a quasi-Newton phase's run state), {@code objective.<key>} (the objective's draws), {@code history} (the loss
 * history so far, shape (epochs, columns)). Metadata: the format, the phase index (the phase count once training
 * ended), the epochs done, the epoch the phase and the round started at, the round, how the last phase ended,
 * the history's columns.
 *
 * @param phase      index of the phase in progress; the number of phases when training ended
 * @param epoch      epochs and iterations done, across phases
 * @param phaseStart {@code epoch} when the phase began
 * @param round      the quasi-Newton round in progress (0 in a first-order phase)
 * @param roundStart {@code epoch} when the round began
 * @param ending     how the last phase run so far ended (the stop reason of a run that ended)
 */
record RunCheckpoint(int phase, int epoch, int phaseStart, int round, int roundStart, String ending,
        List<Tensor> parameters,
        Map<String, Tensor> optimizer, Map<String, Tensor> minimizer, Map<String, Tensor> objective,
        List<String> columns, Tensor history) {

    /** The checkpoint's file name in the run folder. */
    static final String FILE = Checkpoints.FILE;
    private static final String FORMAT = "sciml4j-train-checkpoint-1";
    private static final String PARAMETER = "parameter.";
    private static final String OPTIMIZER = "optimizer.";
    private static final String MINIMIZER = "minimizer.";
    private static final String OBJECTIVE = "objective.";
    private static final String HISTORY = "history";

    /** Writes this checkpoint to {@code dir}/{@value #FILE} atomically, creating {@code dir} if needed. */
    void write(Path dir) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            tensors.put(PARAMETER + i, parameters.get(i));
        }
        putAll(tensors, OPTIMIZER, optimizer);
        putAll(tensors, MINIMIZER, minimizer);
        putAll(tensors, OBJECTIVE, objective);
        if (history.numel() > 0) {
            tensors.put(HISTORY, history);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("phase", Integer.toString(phase));
        meta.put("epoch", Integer.toString(epoch));
        meta.put("phase_start", Integer.toString(phaseStart));
        meta.put("round", Integer.toString(round));
        meta.put("round_start", Integer.toString(roundStart));
        meta.put("ending", ending);
        meta.put("parameters", Integer.toString(parameters.size()));
        meta.put("columns", String.join("\t", columns));
        Files.createDirectories(dir);
        Checkpoints.write(dir, tensors, meta); // atomic, with a format version and a checksum of the tensors
    }

    private static void putAll(Map<String, Tensor> into, String prefix, Map<String, Tensor> entries) {
        entries.forEach((k, v) -> into.put(prefix + k, v));
    }

    /**
     * Reads {@code dir}/{@value #FILE}.
     *
     * @throws DataFormatException if the file is not such a checkpoint (naming the file and the entry)
     */
    static RunCheckpoint read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file.toString(), null, "no checkpoint to resume from: the run folder has"
                    + " no " + FILE);
        }
        SafeTensors.Content content = Checkpoints.read(dir); // refuses a truncated or damaged file, naming it
        Map<String, String> meta = content.metadata();
        if (!FORMAT.equals(meta.get("format"))) {
            throw new DataFormatException(file.toString(), null, "not a training checkpoint: its format is "
                    + meta.get("format") + ", expected " + FORMAT);
        }
        int count = number(file, meta, "parameters");
        List<Tensor> params = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Tensor p = content.tensors().get(PARAMETER + i);
            if (p == null) {
                throw new DataFormatException(file.toString(), null, "the checkpoint lacks " + PARAMETER + i);
            }
            params.add(p);
        }
        String columns = meta.get("columns");
        List<String> names = columns == null || columns.isEmpty() ? List.of() : Arrays.asList(columns.split("\t"));
        Tensor history = content.tensors().getOrDefault(HISTORY, Tensor.zeros(0, names.size()));
        return new RunCheckpoint(number(file, meta, "phase"), number(file, meta, "epoch"),
                number(file, meta, "phase_start"), number(file, meta, "round"), number(file, meta, "round_start"),
                meta.getOrDefault("ending", "completed"), params, prefixed(content, OPTIMIZER),
                prefixed(content, MINIMIZER), prefixed(content, OBJECTIVE), List.copyOf(names), history);
    }

    private static Map<String, Tensor> prefixed(SafeTensors.Content content, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        content.tensors().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    private static int number(Path file, Map<String, String> meta, String key) throws DataFormatException {
        String v = meta.get(key);
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataFormatException(file.toString(), null, "the checkpoint's metadata '" + key
                + "' must be a non-negative integer, got " + v);
    }
}
