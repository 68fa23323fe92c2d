package org.sciml4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.sciml4j.io.AtomicFiles;
import org.sciml4j.pinn.Errors;
import org.sciml4j.pinn.Solution;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.train.LossHistory;

/**
 * A run's {@code summary.json}. JSON has no NaN or infinity (Jackson would write the string "NaN"), so a value that
 * is not finite is written as null and explained under {@code non_finite}: a reader never mistakes it for a number.
 */
final class RunSummary {
    private final Map<String, String> notes = new LinkedHashMap<>();

    private RunSummary() {
    }

    /** Writes the summary of a finished (or stopped) run into {@code dir}, atomically. */
    static void write(Path dir, ProblemFile pf, Solution sol, Errors errors, RunSettings st, String reason)
            throws IOException {
        new RunSummary().writeTo(dir, pf, sol, errors, st, reason);
    }

    private void writeTo(Path dir, ProblemFile pf, Solution sol, Errors errors, RunSettings st, String reason)
            throws IOException {
        ProblemFile.EvaluationSpec ev = pf.evaluation();
        String noPrediction = "the prediction is not finite at some evaluation point";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", pf.name());
        m.put("problem_file", pf.path().toString());
        m.put("absolute_error", errors == null ? null : finite("absolute_error", errors.absolute(), noPrediction));
        m.put("relative_error", errors == null ? null : finite("relative_error", errors.relative(), noPrediction));
        m.put("evaluation_file", ev == null ? null : ev.file());
        m.put("evaluation_points_left_out", ev == null ? 0 : ev.skipped());
        Map<String, Object> parameters = new LinkedHashMap<>();
        sol.parameters().forEach((k, v) -> parameters.put(k, finite("parameters." + k, v, "the estimate diverged")));
        m.put("parameters", parameters);
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
                last.put(c, finite("final_loss." + c, col[col.length - 1], "the loss term diverged"));
            }
        }
        m.put("final_loss", last);
        if (!notes.isEmpty()) {
            m.put("non_finite", notes);
        }
        AtomicFiles.write(dir.resolve("summary.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m));
    }

    /** {@code v}, or null with a note saying which value it was and why, when {@code v} is not finite. */
    private Double finite(String key, double v, String reason) {
        if (Double.isFinite(v)) {
            return v;
        }
        notes.put(key, v + ": " + reason);
        return null;
    }
}
