package org.sciml4j.spark;

import java.nio.file.Path;

import org.apache.spark.api.java.function.Function;
import org.sciml4j.pinn.uncertainty.EnsembleRun;
import org.sciml4j.pinn.uncertainty.MemberResult;
import org.sciml4j.pinn.uncertainty.UncertainProblem;
import org.sciml4j.pinn.uncertainty.UncertaintySpec;
import org.sciml4j.train.config.ProblemKinds;

/**
 * The body of a Spark task of an {@code uncertainty:} ensemble: trains member k of the file's ensemble with
 * {@link EnsembleRun#trainMember} (the code {@code sciml4j run} trains it with, so the same bits), writes its
 * {@code members/k/} into the shared output folder and sends back its figures. The file is read again from its text
 * on the executor; the member's kernels use a pool of {@code threads} threads (results do not depend on it).
 */
public final class EnsembleMemberTask implements Function<Integer, MemberResult> {
    private static final long serialVersionUID = 1L;

    private final String text;
    private final String file;
    private final int members;
    private final long seed;
    private final int epochs;
    private final String out;
    private final int threads;

    /**
     * @param text    the problem file's text
     * @param file    its path (names it in messages, anchors its data files)
     * @param members the ensemble's size K (the file's or {@code --members})
     * @param seed    the first member's seed s (member k trains from s + k)
     * @param epochs  Adam epochs of each member
     * @param out     the output folder, seen by every executor at this path
     * @param threads threads for each member's kernels, at least 1
     */
    public EnsembleMemberTask(String text, String file, int members, long seed, int epochs, String out,
            int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads per task must be at least 1, not " + threads);
        }
        this.text = text;
        this.file = file;
        this.members = members;
        this.seed = seed;
        this.epochs = epochs;
        this.out = out;
        this.threads = threads;
    }

    /** The file's ensemble with K members (K from the driver, which may override the file's). */
    static EnsembleRun ensemble(UncertainProblem p, int members) {
        UncertaintySpec.Ensemble e = (UncertaintySpec.Ensemble) p.spec();
        return new EnsembleRun(p.file(), new UncertaintySpec.Ensemble(members, e.threads(), e.anchored()));
    }

    @Override
    public MemberResult call(Integer k) throws Exception {
        EnsembleRun run = ensemble((UncertainProblem) ProblemKinds.parse(text, Path.of(file)), members);
        return SparkTasks.onThreads(threads,
                () -> MemberResult.of(run.trainMember(k, seed, epochs, run.points(), Path.of(out), null)));
    }
}
