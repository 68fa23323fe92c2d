package org.sciml4j.pinn.marching;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongFunction;

import org.sciml4j.domain.expr.Derivative;
import org.sciml4j.nn.Module;
import org.sciml4j.nn.Variable;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.Solution;
import org.sciml4j.pinn.Trainer;
import org.sciml4j.tensor.Tensor;

/**
 * Time-marching (the "seq2seq" training of Krishnapriyan et al. 2021; also Wight and Zhao 2020, Mattey and Ghosh
 * 2022 on Allen-Cahn): the time range is cut into windows trained one after the other. Window k is a copy of the
 * problem on [t_k, t_{k+1}] ({@link ProblemCopy}) whose initial conditions (the conditions whose points all lie at
 * the start of time) are replaced by data: the previous window's fields at t = t_k at the same space points, under
 * the same term names and weights. Each window's network starts from the previous window's trained weights. The
 * result is the piecewise solution ({@link PiecewiseInTime}) over the whole range.
 * <p>
 * Each window runs the trainer's whole schedule and draws the problem's number of collocation points in its own
 * range (so K windows train on K times the points in all). Only values are handed over: an initial condition that
 * requires a time derivative (a wave's u_t) is refused.
 */
public final class TimeMarching {
    private TimeMarching() {
    }

    /**
     * Trains window after window.
     *
     * @param problem  the whole problem
     * @param windows  the time variable and the number of windows
     * @param networks a fresh network for a seed (the first window's; later ones are loaded with the last weights)
     * @param seed     the networks' seed
     * @param trainer  trains each window (its listener sees each window's epochs from 0)
     * @param log      told a line as each window starts
     * @return the piecewise solution over the whole range and each window's stage
     * @throws IllegalArgumentException if the time variable is unknown or no initial condition is found
     */
    public static StagedSolution train(Problem problem, TimeWindows windows, LongFunction<Module> networks,
            long seed, Trainer trainer, Consumer<String> log) {
        int tc = problem.variableIndex(windows.variable());
        if (tc < 0) {
            throw new IllegalArgumentException("time_windows: '" + windows.variable() + "' is not a variable "
                    + problem.variableNames());
        }
        Problem.Range range = problem.variables().get(tc);
        Map<String, Condition.Resolved> initial = initialConditions(problem, tc, range.lo());
        double[] bounds = windows.bounds(range.lo(), range.hi());
        List<Stage> stages = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Module> nets = new ArrayList<>();
        Solution last = null;
        for (int k = 0; k < windows.windows(); k++) {
            log.accept(String.format(java.util.Locale.ROOT, "window %d of %d: %s in [%s, %s]", k + 1,
                    windows.windows(), windows.variable(), bounds[k], bounds[k + 1]));
            Problem window = window(problem, windows.variable(), tc, bounds[k], bounds[k + 1], initial, last);
            Module net = networks.apply(seed);
            if (last != null) {
                net.parameters().load(last.network().parameters().snapshot());
            }
            last = trainer.train(window, net);
            problems.add(window);
            nets.add(net);
            stages.add(new Stage(windows.variable() + " in [" + bounds[k] + ", " + bounds[k + 1] + "]", bounds[k],
                    bounds[k + 1], last));
            if (!finished(last.stopReason())) {
                break;
            }
        }
        return new StagedSolution(whole(problem, tc, bounds, problems, nets, stages), stages, "time_windows");
    }

    /** False once a window was stopped (Ctrl-C, a listener) or diverged: later windows would start from it. */
    static boolean finished(String reason) {
        return !(reason.startsWith("stopped") || org.sciml4j.train.Trainer.diverged(reason)
                || reason.startsWith("time budget"));
    }

    /** Window [lo, hi]: the first keeps the problem's conditions, later ones get the previous fields at lo. */
    private static Problem window(Problem problem, String time, int tc, double lo, double hi,
            Map<String, Condition.Resolved> initial, Solution previous) {
        ProblemCopy copy = ProblemCopy.of(problem).range(time, lo, hi);
        if (previous == null) {
            return copy.build();
        }
        for (Map.Entry<String, Condition.Resolved> e : initial.entrySet()) {
            double[] p = e.getValue().points().toArray();
            int d = problem.variables().size();
            for (int i = tc; i < p.length; i += d) {
                p[i] = lo;
            }
            Tensor points = Tensor.of(p, p.length / d, d);
            List<String> fields = fieldsUsed(e.getValue());
            Tensor all = previous.predict(points);
            Tensor values = Tensor.concat(1, fields.stream().map(f -> all.col(problem.fields().indexOf(f)))
                    .toArray(Tensor[]::new));
            copy.condition(Condition.data(points, values, fields.toArray(new String[0])).named(e.getKey()));
        }
        return copy.build();
    }

    /** The fields an initial condition's requirements use, in the problem's order. */
    private static List<String> fieldsUsed(Condition.Resolved r) {
        Set<Integer> idx = new TreeSet<>();
        Map<Integer, String> names = new LinkedHashMap<>();
        for (Derivative d : r.derivatives()) {
            idx.add(d.fieldIndex());
            names.put(d.fieldIndex(), d.field());
        }
        return idx.stream().map(names::get).toList();
    }

    /**
     * Checks, before anything trains, that {@code variable} can be marched in: its initial conditions exist and
     * require values only (the checks {@link #train} makes).
     *
     * @throws IllegalArgumentException saying what is missing
     */
    public static void checkMarchable(Problem problem, String variable) {
        int tc = problem.variableIndex(variable);
        if (tc >= 0) {
            initialConditions(problem, tc, problem.variables().get(tc).lo());
        }
    }

    /**
     * The conditions whose points all have {@code t = t0} and which use no time derivative, resolved; at least one.
     */
    static Map<String, Condition.Resolved> initialConditions(Problem problem, int tc, double t0) {
        Map<String, Condition.Resolved> out = new LinkedHashMap<>();
        int d = problem.variables().size();
        for (Condition c : problem.conditions()) {
            Condition.Resolved r = c.resolve(problem, 0);
            double[] p = r.points().toArray();
            boolean atStart = r.paired() == 0 && p.length > 0;
            for (int i = tc; i < p.length && atStart; i += d) {
                atStart = p[i] == t0;
            }
            if (!atStart) {
                continue;
            }
            for (Derivative der : r.derivatives()) {
                if (der.order(tc) > 0) {
                    throw new IllegalArgumentException("time_windows hand the fields' values from window to window,"
                            + " but condition '" + c.name() + "' requires " + der + "; time-marching needs an initial"
                            + " condition on values only");
                }
            }
            if (r.derivatives().isEmpty()) {
                continue; // a condition on unknowns only
            }
            out.put(c.name(), r);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("time_windows needs an initial condition: a condition whose points all"
                    + " have " + problem.variableNames().get(tc) + " = " + t0 + " (e.g. initial: {at: {"
                    + problem.variableNames().get(tc) + ": " + t0 + "}, require: [u = ...]})");
        }
        return out;
    }

    /** The piecewise solution: the problem without transforms (the windows apply their own) and all windows. */
    private static Solution whole(Problem problem, int tc, double[] bounds, List<Problem> problems,
            List<Module> nets, List<Stage> stages) {
        double[] starts = java.util.Arrays.copyOf(bounds, problems.size());
        Module piecewise = new PiecewiseInTime(tc, starts, problems, nets);
        Map<String, Double> values = new LinkedHashMap<>();
        for (Variable v : problem.unknowns()) {
            values.put(v.name(), v.current());
        }
        int epochs = 0;
        double seconds = 0;
        double first = 0;
        for (Stage s : stages) {
            epochs += s.solution().epochs();
            seconds += s.solution().trainSeconds();
            first += s.solution().firstSeconds();
        }
        Solution last = stages.get(stages.size() - 1).solution();
        String reason = finished(last.stopReason()) ? last.stopReason()
                : last.stopReason() + " in window " + stages.size() + " of " + (bounds.length - 1);
        return new Solution(ProblemCopy.of(problem).withoutTransforms().build(), piecewise, values, last.history(),
                epochs, seconds, first, reason);
    }
}
