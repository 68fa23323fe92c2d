package org.sciml4j.solvers.pde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class VaryingHeat2dTest {

    /** u = sin(pi x) sin(pi y) sin(t) with a = 1 + x y / 2 + sin(y)^2: f = u_t - a lap u. */
    private static double maxError(int n, double dt) {
        VaryingHeat2d solver = new VaryingHeat2d(n, dt, VaryingHeat2dTest::a);
        double[] u = solver.solve((x, y, t) -> Math.sin(Math.PI * x) * Math.sin(Math.PI * y)
                * (Math.cos(t) + 2 * Math.PI * Math.PI * a(x, y) * Math.sin(t)), 1.0)[0];
        double err = 0;
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                double exact = Math.sin(Math.PI * i / n) * Math.sin(Math.PI * j / n) * Math.sin(1.0);
                err = Math.max(err, Math.abs(u[i * (n + 1) + j] - exact));
            }
        }
        return err;
    }

    private static double a(double x, double y) {
        return 1 + 0.5 * x * y + Math.sin(y) * Math.sin(y);
    }

    @Test
    void convergesAtSecondOrderInSpaceAndTimeOnAnExactSolution() {
        double e1 = maxError(16, 1.0 / 16);
        double e2 = maxError(32, 1.0 / 32);
        double e3 = maxError(64, 1.0 / 64);
        assertThat(e3).isLessThan(1e-3);
        assertThat(e1 / e2).isCloseTo(4, within(0.6));
        assertThat(e2 / e3).isCloseTo(4, within(0.6));
    }

    @Test
    void refusesBadCoefficientsAndTimes() {
        assertThatThrownBy(() -> new VaryingHeat2d(8, 0.1, (x, y) -> x - 0.5))
                .hasMessageContaining("finite and positive");
        VaryingHeat2d s = new VaryingHeat2d(8, 0.1, (x, y) -> 1);
        assertThatThrownBy(() -> s.solve((x, y, t) -> 0, 0.25)).hasMessageContaining("multiple of dt");
    }

    @Test
    void theExampleUsesTheCoefficientOfTheReferenceAndTheReferenceIsResolved() throws IOException {
        Path dir = Path.of("..", "examples", "pinnacle");
        String g = Files.readString(dir.resolve("coefficient.txt")).strip();
        String yaml = Files.readString(dir.resolve("heat2d-vc.yaml"));
        assertThat(yaml.replaceAll("\\s+", " ")).contains(g);
        // a coarse solve (50 intervals, dt 0.01) agrees with the committed reference (200, 1e-3) to a few 1e-3
        double[] coarse = Heat2dVcReference.table(g, 50, 1e-2);
        double[] fine = readTable(dir.resolve("heat2d-vc-reference.txt"));
        assertThat(fine.length).isEqualTo(coarse.length);
        double num = 0;
        double den = 0;
        for (int r = 0; r < fine.length; r += 4) {
            assertThat(coarse[r]).isCloseTo(fine[r], within(1e-4));
            assertThat(coarse[r + 2]).isCloseTo(fine[r + 2], within(1e-9));
            num += Math.pow(coarse[r + 3] - fine[r + 3], 2);
            den += fine[r + 3] * fine[r + 3];
        }
        assertThat(Math.sqrt(num / den)).isLessThan(1e-2);
    }

    private static double[] readTable(Path file) throws IOException {
        return Files.readAllLines(file).stream().skip(1).flatMap(l -> java.util.Arrays.stream(l.split("\t")))
                .mapToDouble(Double::parseDouble).toArray();
    }
}
