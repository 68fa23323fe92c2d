package org.sciml4j.solvers.studies;

import java.util.Locale;

import org.sciml4j.solvers.grf.PeriodicGrf;
import org.sciml4j.solvers.pde.Burgers1d;
import org.sciml4j.tensor.Rng;

/**
 * The measurement behind the Burgers defaults in docs/SOLVERS.md (a program, not a test): FNO's initial condition
 * drawn on 8192 points, solved to T = 1 at viscosity 0.1 on coarser grids (the same u0 sub-sampled) and with larger
 * steps, each compared with 8192 points and dt = 2.5e-4 at the 256 stored points (relative L2).
 */
public final class BurgersResolutionStudy {
    private BurgersResolutionStudy() {
    }

    /** Prints the table for samples 0 and 1. */
    public static void main(String[] args) {
        PeriodicGrf grf = new PeriodicGrf(49, 7, 2.5, 0);
        for (int sample = 0; sample < 2; sample++) {
            double[] u0 = grf.sample1d(8192, new Rng(sample));
            double[] ref = new Burgers1d(8192, 0.1, 2.5e-4).solve(u0, 1.0);
            for (int n : new int[] {256, 1024, 2048}) {
                double[] u = new Burgers1d(n, 0.1, 2.5e-4).solve(subsample(u0, n), 1.0);
                System.out.printf(Locale.ROOT, "sample %d grid %5d dt 2.5e-4: %.1e%n", sample, n, error(u, ref));
            }
            for (double dt : new double[] {0.05, 0.02, 0.01, 0.005}) {
                double[] u = new Burgers1d(8192, 0.1, dt).solve(u0, 1.0);
                System.out.printf(Locale.ROOT, "sample %d grid  8192 dt %.3f : %.1e%n", sample, dt, error(u, ref));
            }
        }
    }

    private static double[] subsample(double[] u, int n) {
        double[] v = new double[n];
        int s = u.length / n;
        for (int j = 0; j < n; j++) {
            v[j] = u[j * s];
        }
        return v;
    }

    private static double error(double[] u, double[] ref) {
        int su = u.length / 256;
        int sr = ref.length / 256;
        double e = 0;
        double m = 0;
        for (int j = 0; j < 256; j++) {
            double d = u[j * su] - ref[j * sr];
            e += d * d;
            m += ref[j * sr] * ref[j * sr];
        }
        return Math.sqrt(e / m);
    }
}
