package org.sciml4j.pinn.marching;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.sciml4j.pinn.Solution;

/**
 * The outcome of a staged training: the whole solution (the piecewise one of time-marching, the last stage's of a
 * curriculum) and every stage's own.
 *
 * @param solution the solution over the problem's whole range, at the problem's parameter values
 * @param stages   in training order
 * @param kind     "time_windows" or "curriculum"
 */
public record StagedSolution(Solution solution, List<Stage> stages, String kind) {
    /** Copies the list. */
    public StagedSolution {
        stages = List.copyOf(stages);
    }

    /** Each stage's {@link Stage#summary()}, for {@code summary.json}'s {@code stages}. */
    public List<Map<String, Object>> summaries() {
        List<Map<String, Object>> out = new ArrayList<>();
        stages.forEach(s -> out.add(s.summary()));
        return out;
    }
}
