package org.sciml4j.dynamics.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sciml4j.dynamics.data.DynamicalSystem;
import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.hamiltonian.HamiltonianNetwork;
import org.sciml4j.dynamics.hamiltonian.Rollouts;
import org.sciml4j.dynamics.hamiltonian.ValidationCheckpoint;
import org.sciml4j.dynamics.ode.DormandPrince;
import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.io.Npz;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.plot.Axes;
import org.sciml4j.plot.Plots;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.LossHistory;
import org.sciml4j.train.Trainer;
import org.sciml4j.train.config.RunContext;

/** What a dynamics run writes after training: the evaluation, the summary, the model, the arrays and the plots. */
final class DynamicsOutputs {
    private final DynamicsSpec spec;
    private final RunContext c;
    private final long seed;

    DynamicsOutputs(DynamicsSpec spec, RunContext c, long seed) {
        this.spec = spec;
        this.c = c;
        this.seed = seed;
    }

    void write(VectorField field, TrajectoryData train, TrajectoryData test, Trainer.Result result)
            throws IOException {
        Path dir = c.dir();
        SummaryJson summary = new SummaryJson().put("kind", spec.kind()).put("model", spec.model())
                .put("system", spec.system() == null ? null : spec.system().name()).put("seed", seed)
                .put("train_seconds", result.seconds()).put("epochs", result.epochs())
                .put("stop_reason", result.stopReason())
                .put("final_loss", last(result.history(), "total"));
        train.write(dir.resolve("data.npz"));
        Rollouts rollouts = null;
        if (spec.system() != null) {
            DynamicsSpec.Evaluation e = spec.evaluation();
            rollouts = e.notebook()
                    ? Rollouts.greydanusNotebook(spec.system(), field, e.trajectories(), e.duration(), e.points(),
                            spec.data().noise(), seed + 7919)
                    : Rollouts.of(spec.system(), field, e.trajectories(), e.duration(), e.points(), seed + 7919);
            DynamicalSystem s = spec.system();
            if (!Double.isNaN(s.energy(rollouts.truth()[0][0]))) { // the spiral has no energy to compare
                summary.put("energy_mse", rollouts.greydanusEnergyMse()).put("hamiltonian_mse",
                        rollouts.energyMse(s));
            }
            summary.put("trajectory_mse", rollouts.trajectoryMse())
                    .put("evaluation", Map.of("trajectories", e.trajectories(), "duration", e.duration(),
                            "points", e.points(), "protocol", e.notebook() ? "greydanus_notebook" : "fixed"));
        }
        if (test != null) {
            summary.put("test_trajectory_mse", ValidationCheckpoint.rolloutMse(field, new DormandPrince(1e-8, 1e-8),
                    test));
        }
        if (field instanceof HamiltonianNetwork h && h.dissipationMatrix() != null) {
            summary.put("dissipation_matrix", rows(h.dissipationMatrix()));
        }
        DynamicsProblem.writeModel(dir.resolve("model.safetensors"), field, spec.model());
        summary.write(dir);
        if (rollouts != null) {
            writeRollouts(rollouts);
        }
        plotLoss(result.history());
        boolean energy = rollouts != null && !Double.isNaN(spec.system().energy(rollouts.truth()[0][0]));
        c.say(String.format("energy_mse %s, trajectory_mse %s, train %.1f s -> %s",
                energy ? String.format("%.3e", rollouts.greydanusEnergyMse()) : "-",
                rollouts == null ? "-" : String.format("%.3e", rollouts.trajectoryMse()), result.seconds(), dir));
    }

    private static double last(LossHistory h, String column) {
        double[] v = h.column(column);
        return v.length == 0 ? Double.NaN : v[v.length - 1];
    }

    private static List<List<Double>> rows(Tensor m) {
        List<List<Double>> out = new ArrayList<>();
        for (int i = 0; i < m.size(0); i++) {
            List<Double> r = new ArrayList<>();
            for (int j = 0; j < m.size(1); j++) {
                r.add(m.get(i, j));
            }
            out.add(r);
        }
        return out;
    }

    private void writeRollouts(Rollouts r) throws IOException {
        int k = r.truth().length;
        int n = r.t().length;
        int d = r.truth()[0][0].length;
        double[] truth = new double[k * n * d];
        double[] model = new double[k * n * d];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(r.truth()[j][i], 0, truth, (j * n + i) * d, d);
                System.arraycopy(r.model()[j][i], 0, model, (j * n + i) * d, d);
            }
        }
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("t", Tensor.of(r.t(), n));
        m.put("truth", Tensor.wrap(truth, k, n, d));
        m.put("model", Tensor.wrap(model, k, n, d));
        Npz.write(c.dir().resolve("rollouts.npz"), m, true);
        plotRollout(r, 0);
    }

    /** Phase portrait, energy and coordinates over time of test trajectory {@code j}. */
    private void plotRollout(Rollouts r, int j) throws IOException {
        DynamicalSystem s = spec.system();
        int n = r.t().length;
        int d = s.dimension();
        int half = Math.max(1, d / 2);
        double[] qt = new double[n];
        double[] pt = new double[n];
        double[] qm = new double[n];
        double[] pm = new double[n];
        double[] et = new double[n];
        double[] em = new double[n];
        for (int i = 0; i < n; i++) {
            qt[i] = r.truth()[j][i][0];
            pt[i] = r.truth()[j][i][Math.min(half, d - 1)];
            qm[i] = r.model()[j][i][0];
            pm[i] = r.model()[j][i][Math.min(half, d - 1)];
            et[i] = s.energy(r.truth()[j][i]);
            em[i] = s.energy(r.model()[j][i]);
        }
        Path dir = c.dir();
        String label = spec.model();
        PhasePlot.write(dir.resolve("phase_portrait.png"), "phase portrait, test trajectory 1",
                List.of("truth", label), List.of(qt, qm), List.of(pt, pm));
        if (!Double.isNaN(et[0])) {
            Plots.curves(dir.resolve("energy.png"), "energy along test trajectory 1", Axes.of("t", "energy H"), r.t(),
                    List.of("truth", label), List.of(et, em));
        }
        Plots.curves(dir.resolve("trajectories.png"), "test trajectory 1", Axes.of("t", "state"), r.t(),
                List.of("x1 truth", "x1 " + label, "x" + (half + 1) + " truth", "x" + (half + 1) + " " + label),
                List.of(qt, qm, pt, pm));
    }

    private void plotLoss(LossHistory h) throws IOException {
        int n = h.size();
        if (n == 0) {
            return;
        }
        double[] epochs = new double[n];
        for (int i = 0; i < n; i++) {
            epochs[i] = i + 1;
        }
        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        names.add("total");
        values.add(h.column("total"));
        Plots.lossCurves(c.dir().resolve("loss.png"), "training loss", epochs, names, values);
        h.write(c.dir().resolve("loss.tsv"));
    }
}
