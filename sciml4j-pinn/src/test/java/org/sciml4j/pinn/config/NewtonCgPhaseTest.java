package org.sciml4j.pinn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sciml4j.pinn.Errors;
import org.sciml4j.pinn.Solution;
import org.sciml4j.train.Phase;
import org.sciml4j.train.config.ProblemFileException;

/**
 * {@code newton_cg:} in a problem file: the keys, and a tiny PINN (u'' = -pi^2 sin(pi x) on [0, 1], zero ends,
 * 1-8-8-1 tanh, 97 parameters) where 40 Newton-CG iterations after Adam take the loss far below what Adam reaches
 * with the same number of extra epochs, by either curvature.
 */
class NewtonCgPhaseTest {
    private static final String HEAD = """
            variables: {x: [0, 1]}
            fields: [u]
            equations: ["u_xx = -pi^2*sin(pi*x)"]
            conditions:
              ends: {at: {x: [0, 1]}, require: [u = 0]}
            collocation: {points: 32, sampling: uniform}
            network: {layers: [8, 8], activation: tanh}
            evaluation: {exact: {u: sin(pi*x)}, points: 101, sampling: uniform}
            """;

    private static ProblemFile parse(String training) {
        return ProblemFile.parse(HEAD + training, Path.of("newton-cg.yaml"));
    }

    @Test
    void theKeysChooseTheCurvature() {
        ProblemFile hessian = parse("training: {optimizer: [adam: 10, newton_cg: 5]}\n");
        assertThat(hessian.trainer().build().general().phases()).extracting(Phase::name)
                .containsExactly("adam", "newton_cg");
        assertThat(hessian.trainer().build().general().phases().get(1)).isInstanceOf(Phase.QuasiNewton.class);
        ProblemFile gn = parse("training: {adam: {epochs: 10}, newton_cg: {iterations: 7, cg_iterations: 20,"
                + " curvature: gauss_newton, radius: 0.5}}\n");
        Phase p = gn.trainer().build().general().phases().get(1);
        assertThat(p).isInstanceOf(Phase.GaussNewton.class);
        assertThat(p.length()).isEqualTo(7);
        assertThatThrownBy(() -> parse("training: {newton_cg: {iterations: 7, curvature: exact}}\n"))
                .isInstanceOf(ProblemFileException.class).hasMessageContaining("'hessian' or 'gauss_newton'")
                .hasMessageContaining("line 9, column 50");
        assertThatThrownBy(() -> parse("training: {newton_cg: {iterations: 7, cg_iteration: 3}}\n"))
                .isInstanceOf(ProblemFileException.class).hasMessageContaining("cg_iteration");
        assertThatThrownBy(() -> parse("training: {newton_cg: {iterations: 7, radius: -1}}\n"))
                .isInstanceOf(ProblemFileException.class).hasMessageContaining("radius");
    }

    /** Issue 13's Burgers example names its optimiser and its 8000 points (the full run: docs/PINN.md). */
    @Test
    void theBurgersExampleReadsAsDocumented() {
        ProblemFile f = ProblemFile.read(ProblemFileTest.examples().resolve("../second-order/burgers-ssbroyden.yaml"));
        assertThat(f.trainer().build().general().phases()).extracting(Phase::name)
                .containsExactly("adam", "ssbroyden");
        assertThat(f.trainer().build().general().phases()).extracting(Phase::length).containsExactly(2000, 6000);
        assertThat(f.problem().collocationPoints(0).size(0)).isEqualTo(8000);
    }

    /** With points placed by the residual, the one-round quasi-Newton phases run in rounds of resample_every. */
    @Test
    void quasiNewtonPhasesRunInRoundsWithPointsPlacedByTheResidual() {
        ProblemFile f = parse("training: {optimizer: [adam: 10, ssbroyden: 7, newton_cg: 5, lbfgs: 4],"
                + " resample_every: 3, adaptive: {exponent: 1, offset: 1}}\n");
        assertThat(f.trainer().build().general().phases()).extracting(Phase::name)
                .containsExactly("adam", "ssbroyden", "newton_cg", "lbfgs");
        assertThat(f.trainer().build().general().phases().subList(1, 4))
                .allSatisfy(p -> assertThat(((Phase.QuasiNewton) p).roundLength()).isEqualTo(3))
                .extracting(p -> ((Phase.QuasiNewton) p).rounds()).containsExactly(3, 2, 2);
        ProblemFile fixed = parse("training: {optimizer: [adam: 10, ssbroyden: 7]}\n");
        assertThat(((Phase.QuasiNewton) fixed.trainer().build().general().phases().get(1)).rounds()).isEqualTo(1);
    }

    @Test
    void newtonCgLowersATinyPinnsLossFarBelowAdams() {
        double adamLoss = lastLoss(train("training: {seed: 0, optimizer: [adam: 340], log_every: 10}\n"));
        for (String curvature : new String[] {"hessian", "gauss_newton"}) {
            ProblemFile f = parse("training: {seed: 0, optimizer: [adam: 300, newton_cg: {iterations: 40,"
                    + " curvature: " + curvature + "}], log_every: 10}\n");
            Solution s = f.trainer().build().train(f.problem(), f.newNetwork(0));
            double loss = lastLoss(s);
            Errors e = s.errors(f.evaluation().points(), f.evaluation().truth());
            System.out.printf("newton_cg %s: loss %.3e (Adam alone %.3e), relative error %.3e%n", curvature, loss,
                    adamLoss, e.relative());
            assertThat(loss).as(curvature).isLessThan(adamLoss * 1e-3);
            assertThat(e.relative()).as(curvature).isLessThan(5e-3);
        }
    }

    private static Solution train(String training) {
        ProblemFile f = parse(training);
        return f.trainer().build().train(f.problem(), f.newNetwork(0));
    }

    private static double lastLoss(Solution s) {
        double[] loss = s.history().column("total");
        return loss[loss.length - 1];
    }
}
