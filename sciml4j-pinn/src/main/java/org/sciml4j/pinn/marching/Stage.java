package org.sciml4j.pinn.marching;

import java.util.LinkedHashMap;
import java.util.Map;

import org.sciml4j.pinn.Solution;
import org.sciml4j.train.LossHistory;

/**
 * One stage of a staged training: a time window or a curriculum step, and what its training gave.
 *
 * @param label    "t in [0, 0.1]" or "nu = 0.05"
 * @param lo       the window's start, or the stage's parameter value
 * @param hi       the window's end, or the stage's parameter value
 * @param solution the stage's trained solution (its problem is the stage's copy)
 */
public record Stage(String label, double lo, double hi, Solution solution) {

    /** The last value of each loss column (the total and each term): {@code {"loss": 1e-5, "equation": ...}}. */
    public Map<String, Object> finalLoss() {
        Map<String, Object> m = new LinkedHashMap<>();
        LossHistory h = solution.history();
        for (String c : h.columns()) {
            if (!c.equals("epoch") && h.size() > 0) {
                double[] col = h.column(c);
                m.put(c, col[col.length - 1]);
            }
        }
        return m;
    }

    /** For {@code summary.json}: label, range or value, epochs, seconds, stop reason and final losses. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", label);
        if (lo == hi) {
            m.put("value", lo);
        } else {
            m.put("range", new double[] {lo, hi});
        }
        m.put("epochs", solution.epochs());
        m.put("train_seconds", solution.trainSeconds());
        m.put("stop_reason", solution.stopReason());
        m.put("final_loss", finalLoss());
        return m;
    }
}
