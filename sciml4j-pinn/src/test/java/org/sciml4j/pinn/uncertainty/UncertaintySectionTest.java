package org.sciml4j.pinn.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.ProblemKinds;

/** The {@code uncertainty:} section: both methods, defaults, placed mistakes, and the examples. */
class UncertaintySectionTest {
    static final String HEAD = "variables: {t: [0, 1]}\nfields: [u]\nequations: [u_t + u]\n"
            + "conditions: {initial: {at: {t: 0}, require: [u = 1]}}\ncollocation: {points: 11}\n";

    static UncertaintySpec spec(String section) {
        ProblemDefinition d = ProblemKinds.parse(HEAD + section, Path.of("p.yaml"));
        assertThat(d).isInstanceOf(UncertainProblem.class);
        return ((UncertainProblem) d).spec();
    }

    static ProblemFileException fails(String section) {
        try {
            ProblemKinds.parse(HEAD + section, Path.of("p.yaml"));
        } catch (ProblemFileException e) {
            return e;
        }
        throw new AssertionError("no error for " + section);
    }

    @Test
    void ensembleAsACountOrAMapping() {
        assertThat(spec("uncertainty: {ensemble: 8}\n")).isEqualTo(new UncertaintySpec.Ensemble(8, 0));
        assertThat(spec("uncertainty:\n  ensemble: {members: 4, threads: 2}\n"))
                .isEqualTo(new UncertaintySpec.Ensemble(4, 2));
        assertThat(new UncertaintySpec.Ensemble(8, 0).threadCount())
                .isEqualTo(Math.min(8, Runtime.getRuntime().availableProcessors()));
        assertThat(new UncertaintySpec.Ensemble(3, 16).threadCount()).isEqualTo(3);
        assertThat(fails("uncertainty:\n  ensemble: {members: 4, threads: 100000}\n").getMessage())
                .startsWith("p.yaml, line 7, column 35: threads 100000: at most 32768");
        assertThat(spec("uncertainty:\n  ensemble: {members: 4, anchored: {data_sd: 0.1}}\n"))
                .isEqualTo(new UncertaintySpec.Ensemble(4, 0, new Likelihood(0.1, 0.05, 0.05, 1, 1)));
    }

    @Test
    void hmcDefaultsAndKeys() {
        UncertaintySpec.Bayesian b = (UncertaintySpec.Bayesian) spec("uncertainty: {hmc: {}}\n");
        assertThat(b.sampler()).isEqualTo(HmcSettings.of(1000, 500, 20));
        assertThat(b.likelihood()).isEqualTo(new Likelihood(0.05, 0.05, 0.05, 1, 1));
        UncertaintySpec.Bayesian c = (UncertaintySpec.Bayesian) spec("uncertainty:\n  hmc: {samples: 200, warmup: 100,"
                + " leapfrog: 5, thin: 2, target_acceptance: 0.8, step: 0.1, adapt_mass: false, prior_sd: 2,"
                + " physics_sd: 0.1, data_sd: 0.2, unknown_sd: 3}\n");
        assertThat(c.sampler()).isEqualTo(new HmcSettings(200, 100, 5, 2, 0.8, 0.1, false));
        assertThat(c.likelihood()).isEqualTo(new Likelihood(0.2, 0.1, 0.1, 2, 3));
    }

    @Test
    void mistakesArePlaced() {
        ProblemFileException both = fails("uncertainty: {ensemble: 4, hmc: {}}\n");
        assertThat(both.line()).isEqualTo(6);
        assertThat(both.problem()).contains("exactly one of 'ensemble'", "both");
        ProblemFileException one = fails("uncertainty: {ensemble: 1}\n");
        assertThat(one.line()).isEqualTo(6);
        assertThat(one.column()).isEqualTo(25);
        assertThat(one.problem()).isEqualTo("an ensemble needs at least 2 members, got 1");
        ProblemFileException key = fails("uncertainty:\n  hmc: {samples: 10, leapfrogs: 3}\n");
        assertThat(key.line()).isEqualTo(7);
        assertThat(key.problem()).contains("leapfrogs", "leapfrog");
        ProblemFileException sd = fails("uncertainty:\n  hmc: {samples: 10, physics_sd: -1}\n");
        assertThat(sd.line()).isEqualTo(7);
        assertThat(sd.column()).isEqualTo(34);
        assertThat(sd.problem()).isEqualTo("physics_sd must be finite and > 0, got -1.0");
        ProblemFileException target = fails("uncertainty:\n  hmc: {target_acceptance: 1.5}\n");
        assertThat(target.column()).isEqualTo(28);
        assertThat(target.problem()).startsWith("the target acceptance must lie in (0, 1)");
        assertThat(fails("uncertainty: {bootstrap: 3}\n").problem()).contains("bootstrap");
    }

    @Test
    void aPinnReaderGetsThePlainProblemOfAnUncertaintyFile() throws Exception {
        Path dir = Files.createTempDirectory("uq");
        Path p = dir.resolve("p.yaml");
        Files.writeString(p, HEAD + "uncertainty: {ensemble: 3}\n");
        ProblemFile pf = ProblemFile.read(p);
        assertThat(pf.problem().fields()).containsExactly("u");
    }

    @Test
    void theExamplesRead() {
        Path dir = ensembleExamples();
        UncertainProblem e = (UncertainProblem) ProblemKinds.read(dir.resolve("inverse-noisy-ensemble.yaml"));
        assertThat(e.spec()).isEqualTo(new UncertaintySpec.Ensemble(8, 0, new Likelihood(0.05, 0.05, 0.01, 1, 1)));
        UncertainProblem plain = (UncertainProblem) ProblemKinds.read(dir.resolve("inverse-noisy-deep-ensemble.yaml"));
        assertThat(plain.spec()).isEqualTo(new UncertaintySpec.Ensemble(8, 0));
        UncertainProblem h = (UncertainProblem) ProblemKinds.read(dir.resolve("inverse-noisy-hmc.yaml"));
        assertThat(((UncertaintySpec.Bayesian) h.spec()).sampler().samples()).isEqualTo(1000);
        assertThat(h.file().evaluation()).isNotNull();
    }

    static Path ensembleExamples() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("examples/uncertainty"))) {
            root = root.getParent();
        }
        assertThat(root).as("repository root with examples/uncertainty").isNotNull();
        return root.resolve("examples/uncertainty");
    }
}
