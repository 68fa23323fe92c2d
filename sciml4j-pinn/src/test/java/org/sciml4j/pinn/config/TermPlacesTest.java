package org.sciml4j.pinn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.train.config.ProblemFileException;

/** A loss term that is not finite before the first step is a mistake in the file, placed at that term. */
class TermPlacesTest {
    private static final Path FILE = Path.of("terms.yaml");

    private static String problem(String equations, String initial) {
        return "variables: {t: [0, 1]}\n"
                + "fields: [u]\n"
                + "parameters: {k: 0}\n"
                + "equations:\n"
                + equations
                + "conditions:\n"
                + "  initial: {at: {t: 0}, require: [\"" + initial + "\"]}\n"
                + "collocation: {points: 16}\n"
                + "network: {layers: [8]}\n"
                + "training: {adam: {epochs: 3}}\n";
    }

    /** Trains the file's problem; the exception it stops with, placed by the file. */
    private static RuntimeException trainedOf(String text) {
        ProblemFile pf = ProblemFile.parse(text, FILE);
        TrainingDivergedException e = catchThrowableOfType(
                () -> pf.trainer().build().train(pf.problem(), pf.newNetwork(1)), TrainingDivergedException.class);
        assertThat(e).as("training stops before its first step").isNotNull();
        assertThat(e.step()).isEqualTo(1);
        return pf.placed(e);
    }

    @Test
    void anEquationThatIsNotFiniteIsPlacedAtItsLine() {
        RuntimeException placed = trainedOf(problem("  - u_t - u\n  - u_t + u + log(k)\n", "u = 1"));
        assertThat(placed).isInstanceOf(ProblemFileException.class);
        ProblemFileException p = (ProblemFileException) placed;
        assertThat(p.line()).isEqualTo(6);
        assertThat(p.problem()).startsWith("training cannot start: loss term equation_2 = Infinity at the initial"
                + " parameters");
        assertThat(p.getMessage()).startsWith("terms.yaml, line 6, column 5: training cannot start")
                .contains("  - u_t + u + log(k)");
    }

    @Test
    void aNamedEquationAndAConditionArePlacedToo() {
        ProblemFileException eq = (ProblemFileException) trainedOf(problem("  growth: u_t - u/k\n", "u = 1"));
        assertThat(eq.line()).isEqualTo(5);
        assertThat(eq.problem()).contains("loss term growth = NaN");
        ProblemFileException c = (ProblemFileException) trainedOf(problem("  - u_t - u\n", "u = 1/k"));
        assertThat(c.line()).isEqualTo(7);
        assertThat(c.problem()).contains("loss term initial = Infinity");
    }
}
