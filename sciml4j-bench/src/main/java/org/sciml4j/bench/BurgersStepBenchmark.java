package org.sciml4j.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sciml4j.pinn.BurgersPinnStep;
import org.sciml4j.tensor.Tensor;

/**
 * JMH: microseconds per Adam epoch of {@code examples/burgers/burgers.yaml} (2780 points, 2-20-20-20-1 tanh): the
 * loss through the trainer's point evaluator, its parameter gradient, and the Adam update; and the same without the
 * update. Run from the repository root (the benchmark reads the example file):
 * {@code java --add-modules jdk.incubator.vector -jar sciml4j-bench/target/benchmarks.jar BurgersStepBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class BurgersStepBenchmark {
    BurgersPinnStep step;

    @Setup
    public void setup() {
        step = new BurgersPinnStep();
    }

    /** One Adam epoch: loss, gradient, update. */
    @Benchmark
    public List<Tensor> burgersAdamEpoch() {
        return step.step();
    }

    /** Loss and parameter gradient only. */
    @Benchmark
    public List<Tensor> burgersLossAndGradient() {
        return step.lossAndGradient();
    }
}
