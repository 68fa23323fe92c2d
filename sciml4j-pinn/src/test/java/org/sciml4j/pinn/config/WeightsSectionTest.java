package org.sciml4j.pinn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.sciml4j.pinn.weighting.PointWeighting;
import org.sciml4j.pinn.weighting.TermBalancing;
import org.sciml4j.pinn.weighting.Weighting;
import org.sciml4j.train.config.ProblemFileException;

/** The remedies' keys: weights' scheme and knobs, causal, training.rar; placed errors for bad keys and values. */
class WeightsSectionTest {
    private static final String BASE = """
            variables: {x: [0, 1], t: [0, 1]}
            fields: [u]
            equations: [u_t = u_xx]
            conditions:
              initial: {at: {t: 0}, require: [u = sin(pi*x)], points: 20}
            collocation: {points: 100, sampling: hammersley}
            """;

    private static ProblemFile ok(String more) {
        return ProblemFile.parse(BASE + more, Path.of("p.yaml"));
    }

    private static ProblemFileException fails(String more, int line, String... words) {
        ProblemFileException e = catchThrowableOfType(() -> ok(more), ProblemFileException.class);
        assertThat(e).as(more).isNotNull();
        assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
        assertThat(e.problem()).contains(words);
        return e;
    }

    @Test
    void fixedWeightsAloneKeepWorkingWithoutAScheme() {
        ProblemFile f = ok("weights: {equation: 1, initial: 10}\n");
        assertThat(f.problem().weight("initial")).isEqualTo(10);
        assertThat(f.weighting().isEmpty()).isTrue();
    }

    @Test
    void schemesAndKnobsAreRead() {
        ProblemFile f = ok("""
                weights: {initial: 10, scheme: [grad_norm, rba], every: 500, alpha: 0.5, ratio: norm, gamma: 0.99}
                causal: {slabs: 8, epsilon: 1}
                training: {rar: {every: 100, candidates: 1000, add: 5}}
                """);
        Weighting w = f.weighting();
        assertThat(f.problem().weight("initial")).isEqualTo(10);
        assertThat(w.terms()).isEqualTo(new TermBalancing(TermBalancing.Scheme.GRAD_NORM, 500, 0.5,
                TermBalancing.Ratio.NORM));
        assertThat(w.points()).isEqualTo(new PointWeighting(PointWeighting.Scheme.RBA, PointWeighting.DEFAULT_LR,
                PointWeighting.Mask.SQUARE, 0.99, PointWeighting.DEFAULT_ETA));
        assertThat(w.causal().variable()).isEqualTo("t");
        assertThat(w.causal().slabs()).isEqualTo(8);
        assertThat(w.causal().epsilons()).containsExactly(1.0);
        assertThat(w.refinement().add()).isEqualTo(5);
        assertThat(f.trainer().build()).isNotNull();
    }

    @Test
    void badSchemesAndKnobsArePlaced() {
        fails("weights: {every: 100}\n", 7, "'every' is a knob", "no scheme is given");
        fails("weights: {scheme: grad_nrom}\n", 7, "unknown weighting scheme 'grad_nrom'", "grad_norm");
        fails("weights: {scheme: [grad_norm, ntk]}\n", 7, "two term-level");
        fails("weights: {scheme: rba, alpha: 0.5}\n", 7, "'alpha' is a knob of grad_norm or ntk");
        fails("weights: {scheme: ntk, ratio: norm}\n", 7, "'ratio' is a knob of grad_norm");
        fails("weights: {scheme: grad_norm, alpha: 2}\n", 7, "alpha must lie in (0, 1]");
        fails("weights: {scheme: grad_norm, ratio: mean}\n", 7, "ratio is 'max_mean'");
        fails("weights: {scheme: self_adaptive, lr: -1}\n", 7, "lr must be > 0");
        fails("weights: {scheme: self_adaptive, mask: cube}\n", 7, "mask is 'square' or 'linear'");
        fails("weights: {scheme: rba, gamma: 1}\n", 7, "gamma must lie in [0, 1)");
        fails("weights: {equation: 1, boundary: 3}\n", 7, "boundary");
    }

    @Test
    void badCausalAndRarArePlaced() {
        fails("causal: {variable: s}\n", 7, "'s' is not a variable", "[x, t]");
        fails("causal: {slabs: 0}\n", 7, "expected a whole number >= 1");
        fails("causal: {epsilon: [1, -1]}\n", 7, "each epsilon must be > 0");
        fails("causal: {delta: 1.5}\n", 7, "delta must lie in (0, 1]");
        fails("causal: {slab: 4}\n", 7, "unknown key 'slab'", "slabs");
        fails("training: {rar: {every: 100, candidates: 3, add: 5}}\n", 7, "candidates (3) must be at least add");
        fails("training: {rar: {evry: 100}}\n", 7, "unknown key 'evry'");
        fails("training: {resample_every: 100, rar: {every: 100}}\n", 7, "refinement (rar)", "resampling");
        fails("weights: {scheme: rba}\ntraining: {adam: {batch: 50}}\n", 7, "point weights", "mini-batch");
    }

    @Test
    void aTermNamedLikeAKnobIsRefused() {
        String text = BASE.replace("initial:", "alpha:") + "weights: {alpha: 3}\n";
        ProblemFileException e = catchThrowableOfType(() -> ProblemFile.parse(text, Path.of("p.yaml")),
                ProblemFileException.class);
        assertThat(e.problem()).contains("'alpha' is a knob of the weighting scheme and also the name of a loss term");
    }

    /**
     * The Wave1d-C showcase (docs/PINN-REMEDIES.md), scaled down to its first epochs: grad_norm's first update,
     * before any step, lifts the conditions' weights well above the equation's (whose gradient, carrying c^2 and
     * second derivatives, dwarfs theirs), and logs them.
     */
    @Test
    void waveShowcaseLiftsTheConditionsWeights() {
        Path examples = ProblemFileTest.examples().getParent();
        ProblemFile plain = ProblemFile.read(examples.resolve("pinnacle/wave1d-c-plain.yaml"));
        assertThat(plain.weighting().isEmpty()).isTrue();
        ProblemFile f = ProblemFile.read(examples.resolve("pinnacle/wave1d-c.yaml"));
        assertThat(f.weighting().terms().ratio()).isEqualTo(TermBalancing.Ratio.MAX_MEAN);
        org.sciml4j.pinn.Solution s = f.trainer().adam(1e-3, 2).lbfgs(0).build().train(f.problem(), f.newNetwork(0));
        assertThat(s.history().column("weight.equation")).containsOnly(1.0);
        assertThat(s.history().column("weight.walls")[0]).isGreaterThan(5);
        assertThat(s.history().column("weight.initial")[0]).isGreaterThan(2);
    }
}
