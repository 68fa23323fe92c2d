package org.sciml4j.bench;

import java.util.Locale;

import org.sciml4j.dynamics.data.Systems;
import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.data.TrajectoryGenerator;
import org.sciml4j.dynamics.hamiltonian.NetworkField;
import org.sciml4j.dynamics.hamiltonian.TrajectoryObjective;
import org.sciml4j.dynamics.ode.Rk4;
import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Trainer;

/**
 * One side of the neural ODE training bench (sciml4j-bench/run-node.sh): torchdiffeq's spiral (dx/dt = x^3 A) learned
 * by a neural ODE as {@code examples/neural-ode/spiral.yaml} trains it: 8 trajectories of [0, 10] at 40 points per
 * unit time, the field a 2-W-2 tanh network (glorot normal), each Adam step (lr 1e-2) on 64 segments of 10
 * observation intervals integrated by RK4 with one step per interval (0.025) and differentiated by backpropagation
 * through the solver (direct) or by the adjoint method, float64. Runs {@code warmup} untimed epochs, then times
 * {@code epochs} epochs and prints
 * <pre>RESULT side=sciml4j problem=neural-ode ms_per_epoch=.. cpu_ms_per_epoch=.. warmup=.. epochs=.. points=..
 *        params=.. threads=.. gradient=.. loss=..</pre>
 * Usage: {@code NeuralOdeStep WARMUP EPOCHS [WIDTH [direct|adjoint]]} (WIDTH default 50, gradient direct).
 */
public final class NeuralOdeStep {
    /** Segments per step and observation intervals per segment (the example's batch_size and segment). */
    static final int BATCH = 64;
    static final int SEGMENT = 10;

    private NeuralOdeStep() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 4) {
            System.err.println("usage: NeuralOdeStep WARMUP EPOCHS [WIDTH [direct|adjoint]]");
            System.exit(2);
        }
        int warmup = Integer.parseInt(args[0]);
        int epochs = Integer.parseInt(args[1]);
        int width = args.length >= 3 ? Integer.parseInt(args[2]) : 50;
        String gradient = args.length == 4 ? args[3] : "direct";
        if (warmup < 0 || epochs < 1 || width < 1 || !(gradient.equals("direct") || gradient.equals("adjoint"))) {
            System.err.println("need WARMUP >= 0, EPOCHS >= 1, WIDTH >= 1, gradient direct or adjoint");
            System.exit(2);
        }
        TrajectoryData d = new TrajectoryGenerator(Systems.named("spiral")).trajectories(8).timeSpan(0, 10).rate(40)
                .noise(0).radius(1.0, 2.0).seed(0).generate();
        Mlp net = Mlp.builder().sizes(2, width, 2).activation("tanh").initializer("glorot_normal").seed(0).build();
        TrajectoryObjective o = new TrajectoryObjective(new NetworkField(net), new Rk4(0.025),
                gradient.equals("adjoint") ? TrajectoryObjective.Gradient.ADJOINT : TrajectoryObjective.Gradient.DIRECT,
                d, SEGMENT, BATCH, 0);
        TimedTraining timed = TimedTraining.run(o, steps -> Trainer.builder().adam(1e-2, steps).build(), warmup,
                epochs, 1);
        long params = net.parameters().trainable().stream().mapToLong(Tensor::numel).sum();
        System.out.println(String.format(Locale.ROOT, "RESULT side=sciml4j problem=neural-ode ms_per_epoch=%.4f "
                + "cpu_ms_per_epoch=%.4f warmup=%d epochs=%d points=%d params=%d threads=%d gradient=%s loss=%.6e",
                timed.msPerEpoch(), timed.cpuMsPerEpoch(), warmup, epochs, BATCH * SEGMENT, params,
                Runtime.getRuntime().availableProcessors(), gradient, timed.lastLoss()));
    }
}
