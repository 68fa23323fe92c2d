package org.sciml4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.sciml4j.io.Npz;
import org.sciml4j.nn.Activation;
import org.sciml4j.operators.deeponet.DeepOnet;
import org.sciml4j.operators.fit.OperatorLoss;
import org.sciml4j.operators.fit.PointwiseObjective;
import org.sciml4j.solvers.generate.GeneratorSpec;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Trainer;

/**
 * One side of the DeepONet training bench (sciml4j-bench/run-deeponet.sh): the DeepONet repository's antiderivative
 * setup as {@code examples/operators/deeponet-antiderivative.yaml} trains it: branch {@code [100, 40, 40]}, trunk
 * {@code [1, 40, 40]}, ReLU, Glorot normal, one (function, point, value) triple per function, full batch of all N
 * functions, mean square error, Adam at 1e-3, float64. One epoch = one full-batch Adam step. Runs {@code warmup}
 * untimed epochs, then times {@code epochs} epochs (wall and the process's CPU time, all threads) and prints
 * <pre>RESULT side=sciml4j problem=deeponet ms_per_epoch=.. cpu_ms_per_epoch=.. warmup=.. epochs=.. points=..
 *        params=.. threads=.. loss=..</pre>
 * Usage: {@code DeepOnetStep WARMUP EPOCHS DATA.npz} (arrays {@code inputs (N, 100)}, {@code points (N, 1)},
 * {@code values (N, 1)}), or {@code DeepOnetStep --export SPEC.yaml DATA.npz N} to make N samples of a generator spec
 * (the example's {@code examples/operators/data/antiderivative-points.yaml}) into DATA.npz and exit.
 */
public final class DeepOnetStep {
    private DeepOnetStep() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("--export")) {
            GeneratorSpec.read(Path.of(args[1])).with(Integer.parseInt(args[3]), Path.of(args[2]), null)
                    .make(System.err);
            return;
        }
        if (args.length != 3) {
            System.err.println("usage: DeepOnetStep WARMUP EPOCHS DATA.npz | DeepOnetStep --export SPEC.yaml DATA.npz N");
            System.exit(2);
        }
        int warmup = Integer.parseInt(args[0]);
        int epochs = Integer.parseInt(args[1]);
        Path file = Path.of(args[2]);
        if (warmup < 0 || epochs < 1 || !Files.isRegularFile(file)) {
            System.err.println("need WARMUP >= 0, EPOCHS >= 1 and an existing DATA file, got " + file);
            System.exit(2);
        }
        Map<String, Tensor> m = Npz.read(file);
        Tensor u = m.get("inputs");
        Tensor points = m.get("points");
        Tensor values = m.get("values");
        int sensors = u.size(1);
        DeepOnet net = new DeepOnet(sensors, new int[] {40}, new int[] {40}, 40, 1, false, Activation.of("relu"),
                Tensor.linspace(0, 1, sensors).reshape(-1, 1), new int[] {sensors}, new Rng(0));
        PointwiseObjective o = new PointwiseObjective(net, u, points, values, OperatorLoss.MSE, 0, 0);
        TimedTraining timed = TimedTraining.run(o, steps -> Trainer.builder().adam(1e-3, steps).build(), warmup,
                epochs, 1);
        System.out.println(String.format(Locale.ROOT, "RESULT side=sciml4j problem=deeponet ms_per_epoch=%.4f "
                + "cpu_ms_per_epoch=%.4f warmup=%d epochs=%d points=%d params=%d threads=%d loss=%.6e",
                timed.msPerEpoch(), timed.cpuMsPerEpoch(), warmup, epochs, u.size(0), net.parameters().count(),
                Runtime.getRuntime().availableProcessors(), timed.lastLoss()));
    }
}
