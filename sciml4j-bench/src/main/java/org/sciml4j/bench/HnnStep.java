package org.sciml4j.bench;

import java.util.Locale;

import org.sciml4j.dynamics.data.Systems;
import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.data.TrajectoryGenerator;
import org.sciml4j.dynamics.hamiltonian.DerivativeObjective;
import org.sciml4j.dynamics.hamiltonian.HamiltonianNetwork;
import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Trainer;

/**
 * One side of the HNN training bench (sciml4j-bench/run-hnn.sh): Greydanus et al.'s mass-spring HNN trained on
 * derivatives, full batch, as {@code examples/hamiltonian/hnn-mass-spring.yaml} trains it: 25 noisy trajectories (noise
 * 0.1) of 30 points (750 states), H a 2-W-W-1 tanh network (glorot normal), the field J grad H through the engine, Adam
 * at 1e-3 with weight decay 1e-4, float64. Runs {@code warmup} untimed epochs, then times {@code epochs} epochs (wall
 * and the process's CPU time, all threads) and prints
 * <pre>RESULT side=sciml4j problem=hnn ms_per_epoch=.. cpu_ms_per_epoch=.. warmup=.. epochs=.. points=.. params=..
 *        threads=.. loss=..</pre>
 * Usage: {@code HnnStep WARMUP EPOCHS [WIDTH]} (WIDTH default 200, the paper's).
 */
public final class HnnStep {
    private HnnStep() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: HnnStep WARMUP EPOCHS [WIDTH]");
            System.exit(2);
        }
        int warmup = Integer.parseInt(args[0]);
        int epochs = Integer.parseInt(args[1]);
        int width = args.length == 3 ? Integer.parseInt(args[2]) : 200;
        if (warmup < 0 || epochs < 1 || width < 1) {
            System.err.println("need WARMUP >= 0, EPOCHS >= 1, WIDTH >= 1");
            System.exit(2);
        }
        TrajectoryData d = new TrajectoryGenerator(Systems.named("mass_spring")).trajectories(25).timeSpan(0, 3)
                .rate(10).noise(0.1).seed(0).generate();
        int n = d.trajectories() * d.times();
        Tensor x = d.x().reshape(n, 2);
        Tensor dxdt = d.dxdt().reshape(n, 2);
        Mlp net = Mlp.builder().sizes(2, width, width, 1).activation("tanh").initializer("glorot_normal").seed(0)
                .build();
        DerivativeObjective o = new DerivativeObjective(HamiltonianNetwork.conservative(net, 2), x, dxdt, 1e-4);
        TimedTraining timed = TimedTraining.run(o, steps -> Trainer.builder().adam(1e-3, steps).build(), warmup,
                epochs, 1);
        long params = net.parameters().trainable().stream().mapToLong(Tensor::numel).sum();
        System.out.println(String.format(Locale.ROOT, "RESULT side=sciml4j problem=hnn ms_per_epoch=%.4f "
                + "cpu_ms_per_epoch=%.4f warmup=%d epochs=%d points=%d params=%d threads=%d loss=%.6e",
                timed.msPerEpoch(), timed.cpuMsPerEpoch(), warmup, epochs, n, params,
                Runtime.getRuntime().availableProcessors(), timed.lastLoss()));
    }
}
