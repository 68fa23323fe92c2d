package org.sciml4j.solvers.studies;

import java.util.Locale;

import org.sciml4j.solvers.grf.NeumannGrf2d;
import org.sciml4j.solvers.pde.Darcy2d;
import org.sciml4j.tensor.Rng;

/**
 * The measurement behind the Darcy fine grid in docs/SOLVERS.md (a program, not a test): FNO's threshold coefficient
 * (the Neumann GRF with 128 modes, so the field is the same on every grid) solved on 169 ... 421 points per side and
 * compared with 841 points at the 85 x 85 stored points (relative L2), with CG iterations and solve time.
 */
public final class DarcyResolutionStudy {
    private DarcyResolutionStudy() {
    }

    /** Prints the table for samples 0, 1 and 2. */
    public static void main(String[] args) {
        int ref = 841;
        for (int sample = 0; sample < 3; sample++) {
            double[] ur = solve(ref, sample, new Darcy2d(ref, 1e-10));
            for (int p : new int[] {169, 253, 337, 421}) {
                Darcy2d solver = new Darcy2d(p, 1e-10);
                long t0 = System.nanoTime();
                double[] u = solve(p, sample, solver);
                double seconds = (System.nanoTime() - t0) / 1e9;
                int sr = (ref - 1) / 84;
                int sp = (p - 1) / 84;
                double e = 0;
                double m = 0;
                for (int a = 0; a < 85; a++) {
                    for (int b = 0; b < 85; b++) {
                        double r = ur[a * sr * ref + b * sr];
                        double d = u[a * sp * p + b * sp] - r;
                        e += d * d;
                        m += r * r;
                    }
                }
                System.out.printf(Locale.ROOT, "sample %d fine %d: %.1e, %d CG iterations, %.2f s%n", sample, p,
                        Math.sqrt(e / m), solver.lastIterations(), seconds);
            }
        }
    }

    private static double[] solve(int points, int sample, Darcy2d solver) {
        double[] g = new NeumannGrf2d(3, 3, 2, 128).sample(points, new Rng(sample));
        double[] a = new double[g.length];
        double[] f = new double[g.length];
        for (int k = 0; k < g.length; k++) {
            a[k] = g[k] >= 0 ? 12 : 3;
            f[k] = 1;
        }
        return solver.solve(a, f);
    }
}
