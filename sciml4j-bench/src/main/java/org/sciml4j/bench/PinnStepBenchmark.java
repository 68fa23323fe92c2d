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
import org.sciml4j.tensor.Tensor;

/** JMH: microseconds per training step of the damped-oscillator PINN, generic and fused paths. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PinnStepBenchmark {
    OscillatorPinnStep step;
    FusedOscillatorPinnStep fused;
    DemoOscillatorPinnStep demo;

    @Setup
    public void setup() {
        step = new OscillatorPinnStep(1);
        fused = new FusedOscillatorPinnStep(1);
        demo = new DemoOscillatorPinnStep(0);
    }

    /** Generic engine: two nested forward-mode JVPs, then one reverse pass. */
    @Benchmark
    public List<Tensor> oscillatorPinnStep() {
        return step.step();
    }

    /** Fused Taylor-mode jet ({@code MlpJet}), then one reverse pass. */
    @Benchmark
    public List<Tensor> oscillatorPinnStepFused() {
        return fused.step();
    }

    /** The whole loop body of {@code ./sciml4j demo}: fused jet at 102 points, loss with the initial terms, Adam. */
    @Benchmark
    public List<Tensor> oscillatorPinnStepDemo() {
        return demo.step();
    }
}
