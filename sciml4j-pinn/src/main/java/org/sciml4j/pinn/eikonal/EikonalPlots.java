package org.sciml4j.pinn.eikonal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.sciml4j.io.Npz;
import org.sciml4j.plot.Plots;
import org.sciml4j.solvers.eikonal.Grid;
import org.sciml4j.tensor.Tensor;

/**
 * The evaluation's files: {@code times.npz} (the grid's node coordinates per axis, the sources (S, d), fast
 * marching's and the network's times (S, nodes)) and, in 2-D, {@code contours.png} (both fields' contours for the
 * first source, with the network's rays to it from the surface) and {@code error.png} (|T_net - T_fm| over the grid
 * for that source).
 */
final class EikonalPlots {
    private EikonalPlots() {
    }

    static void write(Path dir, String name, TravelTimeCheck.Result check, SurfaceRays rays, int levels)
            throws IOException {
        Grid grid = check.marches().get(0).grid();
        int d = grid.dimension();
        int s = check.marches().size();
        int n = grid.size();
        double[] reference = new double[s * n];
        double[] network = new double[s * n];
        double[] sources = new double[s * d];
        for (int k = 0; k < s; k++) {
            System.arraycopy(check.marches().get(k).times(), 0, reference, k * n, n);
            System.arraycopy(check.network().get(k), 0, network, k * n, n);
            System.arraycopy(check.marches().get(k).source(), 0, sources, k * d, d);
        }
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        for (int a = 0; a < d; a++) {
            arrays.put("axis" + a, Tensor.of(axis(grid, a), grid.shape()[a]));
        }
        arrays.put("sources", Tensor.of(sources, s, d));
        arrays.put("fast_marching", Tensor.of(reference, s, n));
        arrays.put("network", Tensor.of(network, s, n));
        Npz.write(dir.resolve("times.npz"), arrays, true);
        if (d == 2) {
            plane(dir, name, grid, check, rays, levels);
        }
    }

    private static void plane(Path dir, String name, Grid grid, TravelTimeCheck.Result check, SurfaceRays rays,
            int levels) throws IOException {
        double[] x = axis(grid, 0);
        double[] z = axis(grid, 1);
        double[] ref = check.marches().get(0).times();
        double[] net = check.network().get(0);
        double[] src = check.marches().get(0).source();
        ContourPlot.write(dir.resolve("contours.png"), String.format(Locale.ROOT,
                "%s: travel times from (%.3g, %.3g), relative MAE over all sources %.3g %%", name, src[0], src[1],
                100 * check.relativeError()), x, z, ref, net, src, levels,
                rays.rays().stream().map(RayTracer.Ray::points).toList());
        double[][] err = new double[z.length][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < z.length; j++) {
                err[j][i] = Math.abs(net[i * z.length + j] - ref[i * z.length + j]);
            }
        }
        Plots.heatMap(dir.resolve("error.png"), name + ": |T_network - T_fast_marching| for the first source", x, z,
                err, "x", "z");
    }

    private static double[] axis(Grid grid, int a) {
        double[] c = new double[grid.shape()[a]];
        for (int i = 0; i < c.length; i++) {
            c[i] = grid.origin()[a] + i * grid.spacing()[a];
        }
        return c;
    }
}
