package org.sciml4j.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sciml4j.pinn.PinnObjective;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.train.Trainer;

/**
 * JMH: milliseconds per full-batch Adam epoch of each problem of the PINN step suite ({@link PinnSuite}; the problems
 * of {@code sciml4j-bench/run-suite.sh}), trained through the real trainer: each invocation trains {@value #EPOCHS}
 * Adam epochs of one {@link PinnObjective} (loss, parameter gradient, update) built once, whose network keeps
 * learning across invocations (a fresh Adam each invocation, as the general trainer starts one per run). Run from the repository root (the problems are files there):
 * {@code java --add-modules jdk.incubator.vector -jar sciml4j-bench/target/benchmarks.jar PinnSuite -prof gc}, one
 * problem with {@code -p problem=burgers}. The GC profiler's {@code gc.alloc.rate.norm} divided by {@value #EPOCHS}
 * is the allocation per epoch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PinnSuiteBenchmark {
    /** Adam epochs per invocation. */
    static final int EPOCHS = 10;

    @Param({"forward", "surrogate", "burgers", "allen-cahn", "allen-cahn-hard", "poisson-fourier", "kovasznay",
        "elasticity", "kdv", "poisson-modified-mlp", "poisson-mlp-1x20", "poisson-mlp-1x50", "poisson-mlp-1x100",
        "poisson-mlp-2x20", "poisson-mlp-2x50", "poisson-mlp-2x100", "poisson-mlp-3x20", "poisson-mlp-3x50",
        "poisson-mlp-3x100"})
    public String problem;

    private PinnObjective objective;
    private Trainer trainer;

    @Setup
    public void setup() {
        ProblemFile f = ProblemFile.read(PinnSuite.file(problem));
        long seed = f.training().seed();
        // one objective (points, evaluator) for the whole benchmark, as one training run keeps it
        objective = new PinnObjective(f.problem(), f.newNetwork(seed), seed, 0, 0, null);
        trainer = Trainer.builder().adam(f.training().learningRate(), EPOCHS).build();
    }

    /** {@value #EPOCHS} Adam epochs; reported per epoch. */
    @Benchmark
    @OperationsPerInvocation(EPOCHS)
    public Trainer.Result adamEpochs() {
        return trainer.train(objective);
    }
}
