package org.sciml4j.pinn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.nn.InputFeatures;
import org.sciml4j.pinn.Errors;
import org.sciml4j.pinn.NetworkInputs;
import org.sciml4j.pinn.Solution;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Phase;
import org.sciml4j.train.config.ProblemFileException;

/**
 * The antiplane fault examples (issue 18 item 2): the branch-cut coordinate, the jump condition, and short runs of
 * fault-homogeneous.yaml end to end (fault-two-region.yaml: {@link AntiplaneTwoRegionTest}). The full runs' figures are in docs/ANTIPLANE.md.
 */
class AntiplaneTest {

    static Path example(String name) {
        return PoissonMultiscaleTest.examples().resolve("antiplane").resolve(name);
    }

    /** The homogeneous example with fewer points (the same problem). */
    private static ProblemFile homogeneous(String... replacements) throws IOException {
        String text = Files.readString(example("fault-homogeneous.yaml")).replace("points: 2000", "points: 400")
                .replace("points: 200", "points: 60");
        for (int i = 0; i < replacements.length; i += 2) {
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        return ProblemFile.parse(text, example("scaled.yaml"));
    }

    @Test
    void theBranchCutCoordinateJumpsByTwoPiAcrossTheFaultAndIsContinuousElsewhere() throws IOException {
        ProblemFile f = homogeneous();
        NetworkInputs inputs = f.inputs();
        assertThat(inputs.count()).isEqualTo(1);
        assertThat(f.newNetwork(0)).isInstanceOf(InputFeatures.class);
        double eps = 1e-9;
        for (int k = 0; k < 20; k++) {
            double y = -1.95 + 0.1 * k; // on the fault (y > -1) and below its tip
            double[] pts = {eps, y, -eps, y, 0.3, y, 0.3 + eps, y};
            double[] th = inputs.values(Tensor.wrap(pts, 4, 2)).toArray();
            // within 2 eps |grad theta| of the exact jump
            assertThat(th[0] - th[1]).as("jump at y = " + y).isCloseTo(y > -1 ? 2 * Math.PI : 0, within(1e-7));
            assertThat(th[3] - th[2]).as("continuity off the fault").isCloseTo(0, within(1e-8));
        }
        // the derivatives that the equations see: d theta/dx = b / r^2 with b = -(y + 1), also across the cut
        Tensor x = Tensor.wrap(new double[] {1e-12, -0.5, -1e-12, -0.5}, 2, 2).requireGrad();
        Tensor[] g = Autodiff.grad(inputs.values(x).sum(), x);
        double[] gx = g[0].toArray();
        assertThat(gx[0]).isCloseTo(-0.5 / 0.25, within(1e-9));
        assertThat(gx[2]).isCloseTo(gx[0], within(1e-9));
        assertThat(gx[1]).isCloseTo(0, within(1e-9)); // d theta/dy = -a / r^2, a = x ~ 0
    }

    @Test
    void aNetworkInputMayNotUseAField() {
        assertThatThrownBy(() -> homogeneous("inputs: [\"atan2(x, -(y + D))\"]", "inputs: [\"w*x\"]"))
                .isInstanceOf(ProblemFileException.class).hasMessageContaining("variables and known parameters");
        assertThatThrownBy(() -> homogeneous("jump: {x: 0}", "jump: {x: [0, 1]}"))
                .isInstanceOf(ProblemFileException.class).hasMessageContaining("one value of one variable");
        assertThatThrownBy(() -> homogeneous("require: [w = s, w_x = 0]", "require: [w = w_y, w_x = 0]"))
                .isInstanceOf(ProblemFileException.class).hasMessageContaining("no field");
    }

    @Test
    void theJumpConditionVanishesOnTheClosedFormAndShortRunOfTheHomogeneousExampleReachesIt() throws IOException {
        ProblemFile f = homogeneous();
        Solution s = f.trainer().adam(1e-3, 200).schedule(List.of(Phase.ssbroyden(300))).build()
                .train(f.problem(), f.newNetwork(0));
        Errors e = s.errors(f.evaluation().points(), f.evaluation().truth());
        System.out.printf("antiplane homogeneous, short run: relative L2 %.3e%n", e.relative());
        assertThat(e.relative()).isLessThan(1e-2); // measured 2.3e-4
        double[] fault = s.history().column("fault");
        assertThat(fault[fault.length - 1]).isLessThan(1e-4);
    }
}
