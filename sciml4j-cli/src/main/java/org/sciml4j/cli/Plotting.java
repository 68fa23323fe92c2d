package org.sciml4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.sciml4j.plot.Axes;
import org.sciml4j.plot.Plots;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.Solution;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.LossHistory;

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
        org.sciml4j.domain.sampling.Grid g = Sampler.grid(counts);
        return g.box(g.size(), p.lower(), p.upper(), 0);
    }

    /**
     * Starts drawing {@code loss.png} on another thread and returns it; {@link LossPlot#await} waits for it. Once
     * training has ended the cores are free: the loss chart of a 10000-epoch run (0.2-0.3 s of the rasteriser) is
     * drawn while the caller writes the other results and plots.
     */
    static LossPlot startLossPlot(Path dir, ProblemFile pf, LossHistory h) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            lossPlot(dir, pf, h);
            return null;
        });
        Thread t = new Thread(task, "sciml4j-loss-plot");
        t.setDaemon(true);
        t.start();
        return new LossPlot(task);
    }

    /** The loss chart being drawn by {@link #startLossPlot}. */
    static final class LossPlot {
        private final FutureTask<Void> task;

        private LossPlot(FutureTask<Void> task) {
            this.task = task;
        }

        /** Waits for the chart; rethrows what drawing or writing it threw. */
        void await() throws IOException {
            try {
                task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while writing loss.png", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    private static void lossPlot(Path dir, ProblemFile pf, LossHistory h) throws IOException {
        Problem p = pf.problem();
        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        if (p.energy().isPresent()) {
            // an energy is negative at its minimum, which a log axis cannot show: plot how far the total lies above
            // the lowest total reached, and the terms that are not energies
            double[] total = h.column("total").clone();
            double best = java.util.Arrays.stream(total).filter(Double::isFinite).min().orElse(0);
            for (int i = 0; i < total.length; i++) {
                total[i] -= best;
            }
            names.add("total - lowest total");
            values.add(total);
        } else {
            names.add("total");
            values.add(h.column("total"));
        }
        for (String t : p.termNames()) {
            if (!p.energy().map(e -> e.termNames().contains(t)).orElse(false)) {
                names.add(t);
                values.add(h.column(t));
            }
        }
        if (h.size() > 0) {
            Plots.lossCurves(dir.resolve("loss.png"), pf.name() + ": training loss", h.column("epoch"), names,
                    values);
        }
    }

    /** The plots of the solution: prediction against truth for one variable; maps and curves for two. */
    static void solutionPlots(Path dir, ProblemFile pf, Solution sol, long seed) throws IOException {
        Problem p = pf.problem();
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
                + p.variableNames().get(0) + ")", Axes.of(p.variableNames().get(0), p.fields().get(0)), x, pred, truth,
                dataT, dataU);
    }

    /**
     * Two variables: for each field, heat maps of the prediction, and when the evaluation data forms a grid (with
     * holes where the domain has them) of the reference and of the error; points outside the domain are grey. With
     * a time variable (Burgers' u(x, t), a surrogate u(c, t)) time runs along the horizontal axis and curves of the
     * first field over time are drawn at eleven values of the other variable; otherwise the first variable runs
     * along it. The first field's maps are heatmap.png, reference.png and error.png; another field's carry its
     * name (heatmap-v.png).
     */
    private static void twoVariables(Path dir, ProblemFile pf, Solution sol) throws IOException {
        Problem p = pf.problem();
        boolean timeFirst = p.variableNames().get(0).equals("t");
        boolean hasTime = timeFirst || p.variableNames().get(1).equals("t");
        // the horizontal variable h, the vertical one v; plotted arrays are z[row along v][column along h]
        int h = hasTime ? (timeFirst ? 0 : 1) : 0;
        int v = 1 - h;
        Problem.Range hr = p.variables().get(h);
        Problem.Range vr = p.variables().get(v);
        double[] hs = Tensor.linspace(hr.lo(), hr.hi(), GRID).toArray();
        double[] vs = Tensor.linspace(vr.lo(), vr.hi(), GRID).toArray();
        double[] pts = new double[2 * GRID * GRID];
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                pts[2 * (i * GRID + j) + h] = hs[j];
                pts[2 * (i * GRID + j) + v] = vs[i];
            }
        }
        Tensor g = Tensor.wrap(pts, GRID * GRID, 2);
        boolean[] in = p.inside(g);
        Tensor pred = sol.predict(g);
        ProblemFile.EvaluationSpec ev = pf.evaluation();
        Tensor evPred = ev == null ? null : sol.predict(ev.points());
        for (int f = 0; f < p.fields().size(); f++) {
            String field = p.fields().get(f);
            String suffix = f == 0 ? "" : "-" + field;
            double[] u = pred.col(f).toArray();
            double[][] z = new double[GRID][GRID];
            for (int i = 0; i < GRID; i++) {
                for (int j = 0; j < GRID; j++) {
                    z[i][j] = in[i * GRID + j] ? u[i * GRID + j] : Double.NaN;
                }
            }
            Plots.heatMap(dir.resolve("heatmap" + suffix + ".png"), pf.name() + ": predicted " + field, hs, vs, z,
                    hr.name(), vr.name());
            if (ev != null) {
                double[] truth = ev.truth().col(f).toArray();
                double[] err = evPred.col(f).sub(ev.truth().col(f)).abs().toArray();
                gridMap(dir.resolve("reference" + suffix + ".png"), pf.name() + ": reference " + field, ev, h, truth,
                        hr.name(), vr.name());
                gridMap(dir.resolve("error" + suffix + ".png"), pf.name() + ": |predicted - reference| " + field, ev,
                        h, err, hr.name(), vr.name());
            }
        }
        if (!hasTime) {
            return;
        }
        String f = p.fields().get(0);
        List<String> labels = new ArrayList<>();
        List<double[]> curves = new ArrayList<>();
        for (int k = 0; k <= 10; k++) {
            double c = vr.lo() + (vr.hi() - vr.lo()) * k / 10;
            double[] at = new double[2 * GRID];
            for (int i = 0; i < GRID; i++) {
                at[2 * i + v] = c;
                at[2 * i + h] = hs[i];
            }
            curves.add(sol.predict(Tensor.wrap(at, GRID, 2)).col(0).toArray());
            labels.add(String.format(Locale.ROOT, "%s = %.3g", vr.name(), c));
        }
        Plots.curves(dir.resolve("curves.png"), pf.name() + ": " + f + "(" + hr.name() + ") at fixed " + vr.name(),
                Axes.of(hr.name(), f), hs, labels, curves);
    }

    /**
     * A heat map of {@code values} at the evaluation points when they lie on a grid (at most 1000 distinct values
     * per variable, each grid node at most once; nodes without a point, such as those in a hole, are grey).
     */
    private static void gridMap(Path png, String title, ProblemFile.EvaluationSpec ev, int h, double[] values,
            String hName, String vName) throws IOException {
        double[] ph = ev.points().col(h).toArray();
        double[] pv = ev.points().col(1 - h).toArray();
        double[] uh = RunCommand.distinct(ph);
        double[] uv = RunCommand.distinct(pv);
        if (uh.length < 2 || uv.length < 2 || uh.length > 1000 || uv.length > 1000
                || (long) uh.length * uv.length > 4L * ph.length) {
            return;
        }
        double[][] z = new double[uv.length][uh.length];
        for (double[] row : z) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        for (int i = 0; i < ph.length; i++) {
            z[java.util.Arrays.binarySearch(uv, pv[i])][java.util.Arrays.binarySearch(uh, ph[i])] = values[i];
        }
        Plots.heatMap(png, title, uh, uv, z, hName, vName);
    }
}
