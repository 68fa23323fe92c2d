package org.sciml4j.pinn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sciml4j.nn.Module;
import org.sciml4j.pinn.PinnObjective;
import org.sciml4j.pinn.Solution;
import org.sciml4j.pinn.Trainer;
import org.sciml4j.tensor.Tape;
import org.sciml4j.tensor.Tensor;

/**
 * Training replays the graph it recorded ({@link Tape}) instead of evaluating the problem again at every epoch while
 * the points stay: the example problems' graphs (a fused network, a hard-constraint transform, Fourier features, an
 * inverse problem's unknown) are replayable, and training with the replay gives the same bits, every epoch's losses
 * and the trained parameters, as training without it, also across redraws of the points.
 */
class ReplayTest {
    private static final int EPOCHS = 20;

    @ParameterizedTest
    @ValueSource(strings = {"damped-oscillation/forward.yaml", "damped-oscillation/inverse-noisy.yaml",
        "pinnacle/wave1d-c-hard.yaml", "poisson/poisson-multiscale-fourier.yaml", "kovasznay/kovasznay.yaml"})
    void replayedTrainingGivesTheBitsOfRebuiltTraining(String example) {
        Path file = ProblemFileTest.examples().resolveSibling(example);
        ProblemFile graph = ProblemFile.read(file);
        long seed = graph.training().seed();
        PinnObjective objective = new PinnObjective(graph.problem(), graph.newNetwork(seed), seed, 0, 0, null);
        assertThat(objective.graphVersion()).isNotNegative();
        Tensor total = null;
        for (Tensor term : objective.loss()) {
            total = total == null ? term : total.add(term);
        }
        assertThat(Tape.of(total, objective.parameters())).as("%s: its graph replays", example).isPresent();

        double[] replayed = train(file, true, 0, 0);
        double[] rebuilt = train(file, false, 0, 0);
        assertThat(replayed).as("%s: losses and parameters", example).containsExactly(rebuilt);
    }

    @Test
    void newPointsAreANewGraphToReplay() {
        // redraws at epochs 8 and 15: each drops the recorded graph, and the new points' second graph replays
        Path file = ProblemFileTest.examples().resolve("forward.yaml");
        assertThat(train(file, true, 7, 0)).containsExactly(train(file, false, 7, 0));
    }

    @Test
    void quasiNewtonEvaluationsReplayToo() {
        // L-BFGS's evaluations (line searches included) replay from the round's second: the same iterates
        Path file = ProblemFileTest.examples().resolve("forward.yaml");
        assertThat(train(file, true, 0, 30)).containsExactly(train(file, false, 0, 30));
    }

    /**
     * Every epoch's and iteration's logged values, then the trained parameters (and unknowns), read afresh from the
     * file; {@code lbfgs} L-BFGS iterations after the Adam epochs.
     */
    private static double[] train(Path file, boolean replay, int resampleEvery, int lbfgs) {
        ProblemFile f = ProblemFile.read(file); // its own unknowns: training moves them
        long seed = f.training().seed();
        Module net = f.newNetwork(seed);
        Solution s = Trainer.builder().adam(1e-3, EPOCHS).lbfgs(lbfgs).seed(seed).resample(resampleEvery)
                .replay(replay).build().train(f.problem(), net);
        List<Double> values = new ArrayList<>();
        for (double v : s.history().values().data()) {
            values.add(v);
        }
        for (Tensor p : net.parameters().trainable()) {
            for (double v : p.data()) {
                values.add(v);
            }
        }
        f.problem().unknowns().forEach(u -> values.add(u.current()));
        assertThat(s.history().values().size(0)).isGreaterThanOrEqualTo(EPOCHS + Math.min(lbfgs, 1));
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
