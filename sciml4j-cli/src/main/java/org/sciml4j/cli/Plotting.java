package org.sciml4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.sciml4j.cli.plot.Plots;
import org.sciml4j.pinn.LossHistory;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.Solution;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.pinn.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/** The plots of a run: loss curves always; prediction against truth for one variable; maps and curves for two. */
final class Plotting {
    /** Points per variable of the plotting grid. */
    static final int GRID = 101;

    private Plotting() {
    }

    /** A uniform grid over the problem's variables: 201 points for one variable, 101 per axis for two. */
    static Tensor grid(Problem p) {
        int d = p.variables().size();
        int[] counts = new int[d];
        java.util.Arrays.fill(counts, d == 1 ? 2 * GRID - 1 : GRID);
        if (d > 2) {
            java.util.Arrays.fill(counts, 11);
        }
        org.sciml4j.pinn.sampling.Grid g = Sampler.grid(counts);
        return g.box(g.size(), p.lower(), p.upper(), 0);
    }

    static void plots(Path dir, ProblemFile pf, Solution sol, long seed) throws IOException {
        Problem p = pf.problem();
        LossHistory h = sol.history();
        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        names.add("total");
        values.add(h.column("total"));
        for (String t : p.termNames()) {
            names.add(t);
            values.add(h.column(t));
        }
        if (h.size() > 0) {
            Plots.lossCurves(dir.resolve("loss.png"), pf.name() + ": training loss", h.column("epoch"), names,
                    values);
        }
        if (p.variables().size() == 1) {
            oneVariable(dir, pf, sol, seed);
        } else if (p.variables().size() == 2) {
            twoVariables(dir, pf, sol);
        }
    }

    private static void oneVariable(Path dir, ProblemFile pf, Solution sol, long seed) throws IOException {
        Problem p = pf.problem();
        Tensor t = grid(p);
        double[] pred = sol.predict(t).col(0).toArray();
        double[] truth = null;
        double[] x = t.toArray();
        ProblemFile.EvaluationSpec ev = pf.evaluation();
        if (ev != null) {
            // the evaluation data sorted by the variable, drawn against the prediction at the same points
            x = ev.points().toArray();
            Integer[] order = new Integer[x.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            double[] xs = x;
            java.util.Arrays.sort(order, (a, b) -> Double.compare(xs[a], xs[b]));
            double[] all = sol.predict(ev.points()).col(0).toArray();
            double[] tr = ev.truth().col(0).toArray();
            x = new double[order.length];
            pred = new double[order.length];
            truth = new double[order.length];
            for (int i = 0; i < order.length; i++) {
                x[i] = xs[order[i]];
                pred[i] = all[order[i]];
                truth[i] = tr[order[i]];
            }
        }
        double[] dataT = null;
        double[] dataU = null;
        List<Tensor[]> obs = RunCommand.observed(p, seed);
        if (!obs.isEmpty()) {
            dataT = obs.get(0)[0].col(0).toArray();
            dataU = obs.get(0)[1].toArray();
        }
        Plots.predictionVsTruth(dir.resolve("prediction.png"), pf.name() + ": " + p.fields().get(0) + "("
                + p.variableNames().get(0) + ")", x, pred, truth, dataT, dataU);
    }

    /**
     * Two variables (a surrogate u(c, t)): the prediction as a heat map over (second variable, first variable),
     * the error against the evaluation data when it forms a grid, and curves of the first field at eleven values of
     * the first variable across its range.
     */
    private static void twoVariables(Path dir, ProblemFile pf, Solution sol) throws IOException {
        Problem p = pf.problem();
        Problem.Range a = p.variables().get(0);
        Problem.Range b = p.variables().get(1);
        Tensor g = Sampler.grid(GRID, GRID).box(GRID * GRID, p.lower(), p.upper(), 0);
        double[] u = sol.predict(g).col(0).toArray();
        double[] ys = Tensor.linspace(a.lo(), a.hi(), GRID).toArray();
        double[] xs = Tensor.linspace(b.lo(), b.hi(), GRID).toArray();
        double[][] z = new double[GRID][GRID];
        for (int i = 0; i < GRID; i++) {
            System.arraycopy(u, i * GRID, z[i], 0, GRID);
        }
        String f = p.fields().get(0);
        Plots.heatMap(dir.resolve("heatmap.png"), pf.name() + ": predicted " + f, xs, ys, z, b.name(), a.name());

        ProblemFile.EvaluationSpec ev = pf.evaluation();
        if (ev != null) {
            double[] pa = ev.points().col(0).toArray();
            double[] pb = ev.points().col(1).toArray();
            double[] ua = RunCommand.distinct(pa);
            double[] ub = RunCommand.distinct(pb);
            if ((long) ua.length * ub.length == pa.length) {
                double[] err = sol.predict(ev.points()).col(0).sub(ev.truth().col(0)).abs().toArray();
                double[][] e = new double[ua.length][ub.length];
                for (int i = 0; i < pa.length; i++) {
                    e[java.util.Arrays.binarySearch(ua, pa[i])][java.util.Arrays.binarySearch(ub, pb[i])] = err[i];
                }
                Plots.heatMap(dir.resolve("error.png"), pf.name() + ": |predicted - true| " + f, ub, ua, e, b.name(),
                        a.name());
            }
        }
        List<String> labels = new ArrayList<>();
        List<double[]> curves = new ArrayList<>();
        for (int k = 0; k <= 10; k++) {
            double c = a.lo() + (a.hi() - a.lo()) * k / 10;
            double[] pts = new double[2 * GRID];
            for (int i = 0; i < GRID; i++) {
                pts[2 * i] = c;
                pts[2 * i + 1] = xs[i];
            }
            curves.add(sol.predict(Tensor.wrap(pts, GRID, 2)).col(0).toArray());
            labels.add(String.format(Locale.ROOT, "%s = %.3g", a.name(), c));
        }
        Plots.curves(dir.resolve("curves.png"), pf.name() + ": " + f + "(" + b.name() + ") at fixed " + a.name(), xs,
                labels, curves);
    }
}
