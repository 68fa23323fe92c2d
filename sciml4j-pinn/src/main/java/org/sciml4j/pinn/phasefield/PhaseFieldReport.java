package org.sciml4j.pinn.phasefield;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sciml4j.io.Npz;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.plot.Axes;
import org.sciml4j.plot.Plots;
import org.sciml4j.solvers.fracture.FilmGrid;
import org.sciml4j.solvers.fracture.ShrinkageFilmSolver;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.LossHistory;

/**
 * The comparison of the network's load steps with the grid solver's: the network's own energy (its fields integrated
 * by the check quadrature, 3 Gauss-Legendre nodes in each of twice the training's intervals per axis, nodes it was
 * not trained on) against the grid solver's, and the grid's discrete energy ({@link FilmGrid#energy}) of the
 * network's nodal values beside it (the bilinear interpolant of the network's fields, which smears a crack narrower
 * than a cell); the regularised crack length (integral of (phi^2 + s^2 |grad phi|^2) /
 * (2 s), a developed crack's length) and the cracked area (the area of cells whose corner mean of phi exceeds 0.5),
 * and the checks of the phase-field constraints on the network's nodal values: 0 &lt;= phi &lt;= 1 and phi never
 * decreasing from one step to the next.
 */
public final class PhaseFieldReport {
    private final FilmGrid grid;
    private final List<ShrinkageFilmSolver.Step> reference;
    private final List<PhaseFieldRun.NetworkStep> network;
    private final FilmGrid.Energy[] networkEnergy;
    private final double[] relative;
    private final double[] relativeNodal;

    /**
     * @param grid      the grid of both evaluations
     * @param reference the grid solver's steps
     * @param network   the network's steps, the same strains
     */
    public PhaseFieldReport(FilmGrid grid, List<ShrinkageFilmSolver.Step> reference,
            List<PhaseFieldRun.NetworkStep> network) {
        if (reference.size() != network.size()) {
            throw new IllegalArgumentException("phase-field report: " + reference.size() + " grid steps and "
                    + network.size() + " network steps");
        }
        this.grid = grid;
        this.reference = reference;
        this.network = network;
        int n = network.size();
        this.networkEnergy = new FilmGrid.Energy[n];
        this.relative = new double[n];
        this.relativeNodal = new double[n];
        for (int k = 0; k < n; k++) {
            double[][] f = network.get(k).fields();
            networkEnergy[k] = grid.energy(f[0], f[1], f[2], network.get(k).eps0());
            double ref = reference.get(k).energy().total();
            relative[k] = Math.abs(ownEnergy(k) - ref) / Math.abs(ref);
            relativeNodal[k] = Math.abs(networkEnergy[k].total() - ref) / Math.abs(ref);
        }
    }

    /** The network's energy at step k by the check quadrature. */
    public double ownEnergy(int k) {
        double[] t = network.get(k).terms();
        return t[3] + t[4] + t[5];
    }

    /** The largest relative difference of the network's own energy from the grid solver's over the steps. */
    public double relativeError() {
        return max(relative);
    }

    private static double max(double[] v) {
        double m = 0;
        for (double r : v) {
            m = Math.max(m, r);
        }
        return m;
    }

    /** The relative energy difference per step. */
    public double[] relativeErrors() {
        return relative.clone();
    }

    /** The network's energies by the grid's discrete energy, per step. */
    public FilmGrid.Energy[] networkEnergies() {
        return networkEnergy.clone();
    }

    /** The smallest step-to-step increase of the network's phi at the grid's nodes (from 0 before the first). */
    public double smallestIncrease() {
        double m = Double.POSITIVE_INFINITY;
        double[] prev = new double[grid.nodes()];
        for (PhaseFieldRun.NetworkStep s : network) {
            double[] phi = s.fields()[2];
            for (int i = 0; i < phi.length; i++) {
                m = Math.min(m, phi[i] - prev[i]);
            }
            prev = phi;
        }
        return m;
    }

    /** {min, max} of the network's phi over all steps and nodes. */
    public double[] phaseRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (PhaseFieldRun.NetworkStep s : network) {
            for (double p : s.fields()[2]) {
                lo = Math.min(lo, p);
                hi = Math.max(hi, p);
            }
        }
        return new double[] {lo, hi};
    }

    /** The area of the cells whose 4 corners' mean phi exceeds 0.5. */
    public static double crackedArea(FilmGrid grid, double[] phi) {
        int c = grid.cells();
        int w = c + 1;
        int cracked = 0;
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < c; i++) {
                double m = (phi[j * w + i] + phi[j * w + i + 1] + phi[(j + 1) * w + i] + phi[(j + 1) * w + i + 1]) / 4;
                if (m > 0.5) {
                    cracked++;
                }
            }
        }
        return cracked * grid.h() * grid.h();
    }

    /** The figures, one array entry per load step. */
    public SummaryJson summary(String name, long seed) {
        int n = network.size();
        double[][] cols = new double[14][n];
        for (int k = 0; k < n; k++) {
            ShrinkageFilmSolver.Step r = reference.get(k);
            PhaseFieldRun.NetworkStep p = network.get(k);
            FilmGrid.Energy e = networkEnergy[k];
            double[] v = {p.eps0(), ownEnergy(k), r.energy().total(), p.terms()[3], r.energy().elastic(),
                p.terms()[4], r.energy().surface(), e.crackLength(), r.energy().crackLength(),
                crackedArea(grid, p.fields()[2]), crackedArea(grid, r.phi()),
                p.terms()[0] + p.terms()[1] + p.terms()[2], e.total(), p.terms()[5]};
            for (int m = 0; m < v.length; m++) {
                cols[m][k] = v[m];
            }
        }
        double[] range = phaseRange();
        SummaryJson s = new SummaryJson().put("kind", PhaseFieldRun.KIND).put("name", name)
                .put("relative_error", relativeError(), "the network's energy is not finite")
                .put("relative_error_per_step", relative).put("eps0", cols[0])
                .put("energy_network", cols[1]).put("energy_grid", cols[2])
                .put("elastic_network", cols[3]).put("elastic_grid", cols[4])
                .put("surface_network", cols[5]).put("surface_grid", cols[6])
                .put("crack_length_network", cols[7]).put("crack_length_grid", cols[8])
                .put("cracked_area_network", cols[9]).put("cracked_area_grid", cols[10])
                .put("energy_network_training_quadrature", cols[11]).put("energy_network_nodal", cols[12])
                .put("relative_error_nodal", max(relativeNodal)).put("relative_error_nodal_per_step", relativeNodal)
                .put("substrate_network", cols[13])
                .put("phi_min", range[0]).put("phi_max", range[1])
                .put("phi_smallest_increase", smallestIncrease()).put("grid_cells", grid.cells()).put("seed", seed);
        int[] its = new int[n];
        int epochs = 0;
        double seconds = 0;
        for (int k = 0; k < n; k++) {
            its[k] = reference.get(k).iterations();
            epochs += network.get(k).result().epochs();
            seconds += network.get(k).result().seconds();
        }
        return s.put("grid_alternations", its).put("epochs", epochs).put("training_seconds", seconds);
    }

    /** One line per step for the console. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < network.size(); k++) {
            ShrinkageFilmSolver.Step r = reference.get(k);
            out.add(String.format(Locale.ROOT, "eps0 %.4g: energy network %.6g grid %.6g (%.3g %%; network's nodal"
                    + " values on the grid %.6g, %.3g %%), crack length network %.4g grid %.4g", r.eps0(),
                    ownEnergy(k), r.energy().total(), 100 * relative[k], networkEnergy[k].total(),
                    100 * relativeNodal[k], networkEnergy[k].crackLength(), r.energy().crackLength()));
        }
        return out;
    }

    /** phase.png, energy.png, fields.npz, loss-N.tsv in {@code dir}. */
    public void write(Path dir, String name) throws IOException {
        int n = network.size();
        double[] eps = new double[n];
        double[] en = new double[n];
        double[] eg = new double[n];
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        int w = grid.nodesPerSide();
        for (int k = 0; k < n; k++) {
            eps[k] = network.get(k).eps0();
            en[k] = ownEnergy(k);
            eg[k] = reference.get(k).energy().total();
            String[] names = {"u1", "u2", "phi"};
            for (int m = 0; m < 3; m++) {
                arrays.put(names[m] + "_network_" + k, Tensor.of(network.get(k).fields()[m], w, w));
            }
            arrays.put("u1_grid_" + k, Tensor.of(reference.get(k).u1(), w, w));
            arrays.put("u2_grid_" + k, Tensor.of(reference.get(k).u2(), w, w));
            arrays.put("phi_grid_" + k, Tensor.of(reference.get(k).phi(), w, w));
            LossHistory h = network.get(k).result().history();
            h.write(dir.resolve("loss-" + k + ".tsv"));
        }
        arrays.put("eps0", Tensor.of(eps, n));
        Npz.write(dir.resolve("fields.npz"), arrays, true);
        Plots.curves(dir.resolve("energy.png"), name + ": energy against shrinkage strain", Axes.of("eps0",
                "energy"), eps, List.of("network", "grid solver"), List.of(en, eg));
        phasePlot(dir.resolve("phase.png"), name, network.get(n - 1).fields()[2], reference.get(n - 1).phi(),
                eps[n - 1]);
    }

    /** phi of the network (left) and of the grid solver (right) side by side, a band of 1 between them. */
    private void phasePlot(Path png, String name, double[] left, double[] right, double eps0) throws IOException {
        int w = grid.nodesPerSide();
        int gap = Math.max(2, w / 16);
        double h = grid.h();
        double[] x = new double[2 * w + gap];
        double[] y = new double[w];
        double[][] z = new double[w][2 * w + gap];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * h;
        }
        for (int j = 0; j < w; j++) {
            y[j] = j * h;
            for (int i = 0; i < w; i++) {
                z[j][i] = left[j * w + i];
                z[j][w + gap + i] = right[j * w + i];
            }
            for (int i = w; i < w + gap; i++) {
                z[j][i] = 1;
            }
        }
        Plots.heatMap(png, String.format(Locale.ROOT, "%s: phi at eps0 = %.3g, network (left) and grid solver"
                + " (right)", name, eps0), x, y, z, "x", "y");
    }
}
