package org.sciml4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sciml4j.nn.Checkpoint;
import org.sciml4j.nn.Parameters;
import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.pinn.Trainer;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.pinn.marching.ParameterCurriculum;
import org.sciml4j.pinn.marching.StagedSolution;
import org.sciml4j.pinn.marching.TimeMarching;
import org.sciml4j.train.LossHistory;
import org.sciml4j.train.ProgressBarListener;
import org.sciml4j.train.TrainingListener;

/**
 * A PINN run with {@code time_windows} or a {@code curriculum}: the file's schedule per stage, then the usual
 * outputs of the whole solution (prediction, plots, {@code summary.json} with a {@code stages} list of each stage's
 * range or value, epochs, seconds and final losses), {@code loss.tsv} of the last stage, {@code loss-stage-K.tsv}
 * of each, and {@code model.safetensors} (every window's network, prefixed {@code window_K.}). No checkpoints:
 * such a run is not resumed.
 */
final class StagedRun {
    private StagedRun() {
    }

    /** Trains, writes the results and says how the run ended; the exit status. */
    static int train(ProblemFile pf, Path dir, RunSettings st, boolean quiet) throws IOException {
        TrainingListener display = quiet ? null : ProgressBarListener.orPrinting(System.out, st.logEvery());
        Trainer trainer = pf.trainer().adam(pf.training().learningRate(), st.adamEpochs())
                .lbfgs(st.lbfgsIterations()).lm(st.lmIterations()).seed(st.seed())
                .listener(TrainingListener.stoppable(display, Interrupts::requested)).build();
        Interrupts.clear();
        Interrupts.install(System.err);
        StagedSolution staged;
        try {
            staged = pf.staging().timeWindows() != null
                    ? TimeMarching.train(pf.problem(), pf.staging().timeWindows(), pf::newNetwork, st.seed(), trainer,
                            line -> say(quiet, line))
                    : ParameterCurriculum.train(pf.problem(), pf.staging().curriculum(), pf.newNetwork(st.seed()),
                            trainer, line -> say(quiet, line));
        } catch (TrainingDivergedException e) {
            throw pf.placed(e);
        } finally {
            Interrupts.uninstall();
        }
        for (int k = 0; k < staged.stages().size(); k++) {
            staged.stages().get(k).solution().history().write(dir.resolve("loss-stage-" + (k + 1) + ".tsv"));
        }
        LossHistory last = staged.solution().history();
        last.write(dir.resolve("loss.tsv"));
        Checkpoint.save(dir.resolve("model.safetensors"), new Parameters().register("network",
                staged.solution().network().parameters()));
        boolean interrupted = Interrupts.requested();
        String reason = interrupted ? "interrupted" : staged.solution().stopReason();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("staging", staged.kind());
        extra.put("stages", List.copyOf(staged.summaries()));
        RunCommand.report(pf, dir, staged.solution(), st, reason, extra);
        if (interrupted) {
            System.out.println("interrupted in stage " + staged.stages().size() + "; a staged run starts afresh");
            return Interrupts.EXIT_STATUS;
        }
        return RunCommand.exitStatus(reason);
    }

    private static void say(boolean quiet, String line) {
        if (!quiet) {
            System.out.println(line);
        }
    }
}
