package org.sciml4j.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.api.java.function.Function;
import org.sciml4j.inference.config.SbiKind;
import org.sciml4j.inference.config.SbiSpec;
import org.sciml4j.inference.sbi.Simulations;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.ProblemKinds;

/**
 * The body of a simulator-farm task: rebuilds the prior and simulator from the problem's text on the executor (a
 * builtin sbibm task, or the file's external program), simulates the shard's rows of the driver's plan with
 * {@link Simulations#simulate} (failed simulations dropped as in process) and writes {@code shard-NNNNN.npz}
 * (arrays {@code theta} (k, D), {@code x} (k, C), {@code meta} = [from, to, fingerprint, failed]). A shard file
 * already there for the same range and farm is reused.
 */
public final class SimulateShardTask implements Function<FarmShard, FarmShard.Done> {
    private static final long serialVersionUID = 1L;

    private final String text;
    private final String problemFile;
    private final String folder;
    private final long fingerprint;

    /**
     * @param text        the problem file's text
     * @param problemFile its absolute path (names it in messages; an external simulator runs in its folder)
     * @param folder      the shard folder, seen by every executor at this path
     * @param fingerprint the farm's {@link FarmShards#fingerprint}
     */
    public SimulateShardTask(String text, String problemFile, String folder, long fingerprint) {
        this.text = text;
        this.problemFile = problemFile;
        this.folder = folder;
        this.fingerprint = fingerprint;
    }

    /** The settings of an sbi problem's text, read as {@code sciml4j run} reads the file; refuses other kinds. */
    static SbiSpec spec(String text, Path file) {
        SbiSpec spec = SbiKind.spec(ProblemKinds.parse(text, file));
        if (spec == null) {
            throw new IllegalArgumentException(file + ": 'farm simulate' takes a problem of kind: sbi");
        }
        return spec;
    }

    @Override
    public FarmShard.Done call(FarmShard shard) throws Exception {
        long start = System.nanoTime();
        Path file = FarmShards.file(Path.of(folder), shard.index());
        if (FarmShards.readIfSame(file, shard, fingerprint) != null) {
            return new FarmShard.Done(shard.index(), file.toString(), true, (System.nanoTime() - start) * 1e-9);
        }
        SbiSpec spec = spec(text, Path.of(problemFile));
        Simulations.Outcome o = new Simulations(spec.prior(), spec.simulator(), spec.simulationBatch(), 1)
                .simulate(shard.plan(), done -> { });
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("theta", o.data().theta());
        arrays.put("x", o.data().x());
        arrays.put("meta", FarmShards.meta(shard, fingerprint, o.failed()));
        java.nio.file.Files.createDirectories(file.getParent());
        Npz.write(file, arrays, false);
        return new FarmShard.Done(shard.index(), file.toString(), false, (System.nanoTime() - start) * 1e-9);
    }
}
