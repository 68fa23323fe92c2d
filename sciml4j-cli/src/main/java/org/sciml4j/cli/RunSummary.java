package org.sciml4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.sciml4j.io.SummaryJson;
import org.sciml4j.pinn.Errors;
import org.sciml4j.pinn.Solution;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.train.LossHistory;

/** A PINN run's {@code summary.json} (its non-finite values are handled by {@link SummaryJson}). */
final class RunSummary {
    private RunSummary() {
    }

    /** Writes the summary of a finished (or stopped) run into {@code dir}, atomically. */
    static void write(Path dir, ProblemFile pf, Solution sol, Errors errors, RunSettings st, String reason)
            throws IOException {
        write(dir, pf, sol, errors, st, reason, Map.of());
    }

    /** The same with more entries at the end ({@code stages} of a staged training). */
    static void write(Path dir, ProblemFile pf, Solution sol, Errors errors, RunSettings st, String reason,
            Map<String, Object> extra) throws IOException {
        ProblemFile.EvaluationSpec ev = pf.evaluation();
        String noPrediction = "the prediction is not finite at some evaluation point";
        SummaryJson m = new SummaryJson();
        m.put("name", pf.name());
        m.put("problem_file", pf.path().toString());
        if (errors == null) {
            m.put("absolute_error", null).put("relative_error", null);
        } else {
            m.put("absolute_error", errors.absolute(), noPrediction);
            m.put("relative_error", errors.relative(), noPrediction);
        }
        m.put("evaluation_file", ev == null ? null : ev.file());
        m.put("evaluation_points_left_out", ev == null ? 0 : ev.skipped());
        Map<String, Object> parameters = new LinkedHashMap<>();
        sol.parameters().forEach(parameters::put);
        m.put("parameters", parameters, "the estimate diverged");
        m.put("epochs", sol.epochs());
        m.put("adam_epochs", st.adamEpochs());
        m.put("lbfgs_iterations", st.lbfgsIterations());
        m.put("lm_iterations", st.lmIterations());
        m.put("train_seconds", sol.trainSeconds());
        m.put("adam_seconds", sol.firstSeconds());
        m.put("seed", st.seed());
        m.put("stop_reason", reason);
        LossHistory h = sol.history();
        Map<String, Object> last = new LinkedHashMap<>();
        for (String c : h.columns()) {
            if (!c.equals("epoch") && h.size() > 0) {
                double[] col = h.column(c);
                last.put(c, col[col.length - 1]);
            }
        }
        m.put("final_loss", last, "the loss term diverged");
        // the weighting schemes' logged values (weight.<term>, causal.min_w, ...; unknowns' names have no '.')
        Map<String, Object> weights = new LinkedHashMap<>();
        last.forEach((k, v) -> {
            if (k.startsWith("weight.")) {
                weights.put(k.substring("weight.".length()), v);
            }
        });
        if (!weights.isEmpty()) {
            m.put("final_weights", weights, "a weight diverged");
        }
        extra.forEach((k, v) -> m.put(k, v, "the loss term diverged"));
        m.write(dir);
    }
}
