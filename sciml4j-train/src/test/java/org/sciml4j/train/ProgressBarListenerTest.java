package org.sciml4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.tensor.Tensor;

/** The progress bar and the phase and end hooks the trainer calls it through. */
class ProgressBarListenerTest {

    /** (p - 3)^2: one term, one parameter. */
    private static class Parabola implements Objective {
        final Tensor p = Tensor.of(new double[] {0.0}, 1).requireGrad();

        @Override
        public List<String> termNames() {
            return List.of("square");
        }

        @Override
        public List<Tensor> parameters() {
            return List.of(p);
        }

        @Override
        public List<Tensor> loss() {
            return List.of(p.sub(3).square().sum());
        }
    }

    /** Writes down every hook call. */
    private static final class Recorder implements TrainingListener {
        final List<String> calls = new ArrayList<>();
        final int stopAt;

        Recorder(int stopAt) {
            this.stopAt = stopAt;
        }

        @Override
        public void onPhaseStart(Phase phase, int epochsBefore, int done) {
            calls.add(phase.name() + " " + phase.length() + " " + epochsBefore + " " + done);
        }

        @Override
        public boolean onEpoch(Progress progress) {
            return progress.epoch() != stopAt;
        }

        @Override
        public void onEnd() {
            calls.add("end");
        }
    }

    @Test
    void oneBarPerPhaseWithItsNameCountAndLoss() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Trainer.Result r = Trainer.builder().adam(1e-2, 30).lbfgs(5).listener(new ProgressBarListener(out, 100))
                .build().train(new Parabola());
        String shown = bytes.toString(StandardCharsets.UTF_8);
        int lbfgsDone = r.epochs() - 30;
        assertThat(lbfgsDone).isBetween(1, 5);
        assertThat(shown).contains("adam", "30/30", "lbfgs", lbfgsDone + "/5", "loss ");
        // each bar is closed by a new line: one for Adam, one for L-BFGS
        assertThat(shown.chars().filter(c -> c == '\n').count()).isEqualTo(2);
        assertThat(shown.lines().toList().get(0)).doesNotContain("lbfgs");
        assertThat(shown.lines().map(String::length).max(Integer::compare).orElseThrow()).isGreaterThan(20);
    }

    @Test
    void phasesAreAnnouncedWithTheirLengthAndTheEndOnce() {
        Recorder rec = new Recorder(-1);
        Trainer.builder().adam(1e-2, 4).firstOrder("none", () -> null, 0).lbfgs(3).listener(rec).build()
                .train(new Parabola());
        assertThat(rec.calls).containsExactly("adam 4 0 0", "lbfgs 3 4 0", "end");
        Recorder stopping = new Recorder(2);
        Trainer.Result r = Trainer.builder().adam(1e-2, 4).lbfgs(3).listener(stopping).build().train(new Parabola());
        assertThat(r.stopReason()).isEqualTo("stopped by listener");
        assertThat(stopping.calls).containsExactly("adam 4 0 0", "end");
    }

    @Test
    void theEndIsToldWhenTrainingFails() {
        Recorder rec = new Recorder(-1);
        Objective nan = new Parabola() {
            @Override
            public List<Tensor> loss() {
                return List.of(p.sub(Double.NaN).sum());
            }
        };
        assertThatThrownBy(() -> Trainer.builder().adam(1e-2, 4).listener(rec).build().train(nan))
                .hasMessageContaining("training cannot start: loss term square = NaN");
        assertThat(rec.calls).containsExactly("adam 4 0 0", "end");
    }

    @Test
    void aResumedPhaseSaysHowMuchOfItIsDone(@TempDir Path dir) throws IOException {
        Trainer.builder().adam(1e-2, 10).lbfgs(3).listener(new Recorder(6)).checkpoint(dir, 0).build()
                .train(new Parabola());
        Recorder rec = new Recorder(-1);
        Trainer.builder().adam(1e-2, 10).lbfgs(3).listener(rec).build().resume(dir, new Parabola());
        assertThat(rec.calls).containsExactly("adam 10 0 6", "lbfgs 3 10 0", "end");
    }

    @Test
    void outsideATerminalTheLossLinesArePrinted() {
        assertThat(ProgressBarListener.interactive()).isFalse();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TrainingListener l = ProgressBarListener.orPrinting(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2);
        Trainer.builder().adam(1e-2, 4).listener(l).build().train(new Parabola());
        assertThat(l).isNotInstanceOf(ProgressBarListener.class);
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(2).allMatch(s -> s.startsWith("adam"));
    }

    @Test
    void aBarNeedsRoom() {
        assertThatThrownBy(() -> new ProgressBarListener(System.out, 10))
                .hasMessageContaining("progress bar width must be >= 20 characters, got 10");
    }
}
