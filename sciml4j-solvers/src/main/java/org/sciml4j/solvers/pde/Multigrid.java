package org.sciml4j.solvers.pde;

import java.util.ArrayList;
import java.util.List;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * A geometric multigrid V-cycle for {@link GridOperator}, used as the preconditioner of conjugate gradients: levels
 * by halving the intervals while their number is even and above 8, coarse operators by re-discretisation
 * ({@link GridOperator#coarsen}), full-weighting restriction, bilinear prolongation, red-black Gauss-Seidel (red then
 * black before, black then red after, so the cycle is a symmetric operator as CG needs), and on the coarsest level an
 * exact solve by banded Cholesky (LAPACK dpbtrf once, dpbtrs per cycle).
 */
final class Multigrid {
    private static final int SWEEPS = 2;

    private final List<GridOperator> levels = new ArrayList<>();
    private final double[] coarseFactor;
    private final LAPACK lapack = LAPACK.getInstance();

    Multigrid(GridOperator fine) {
        GridOperator op = fine;
        levels.add(op);
        while (op.n % 2 == 0 && op.n > 8) {
            op = op.coarsen();
            levels.add(op);
        }
        GridOperator coarsest = levels.get(levels.size() - 1);
        coarseFactor = coarsest.lowerBand();
        intW info = new intW(0);
        int m = coarsest.n - 1;
        lapack.dpbtrf("L", coarsest.unknowns(), m, coarseFactor, m + 1, info);
        if (info.val != 0) {
            throw new IllegalStateException("darcy: the coarse-grid matrix is not positive definite (LAPACK info "
                    + info.val + "); is the coefficient positive everywhere?");
        }
    }

    /** Number of levels, finest first. */
    int depth() {
        return levels.size();
    }

    /** {@code z = M^-1 r}: one V-cycle from zero. */
    void precondition(double[] r, double[] z) {
        java.util.Arrays.fill(z, 0);
        cycle(0, r, z);
    }

    private void cycle(int level, double[] f, double[] u) {
        GridOperator op = levels.get(level);
        if (level == levels.size() - 1) {
            solveCoarsest(op, f, u);
            return;
        }
        for (int s = 0; s < SWEEPS; s++) {
            op.relax(u, f, 0);
            op.relax(u, f, 1);
        }
        int w = op.n + 1;
        double[] au = new double[w * w];
        op.apply(u, au);
        for (int p = 0; p < au.length; p++) {
            au[p] = f[p] - au[p];
        }
        GridOperator coarse = levels.get(level + 1);
        int wc = coarse.n + 1;
        double[] fc = new double[wc * wc];
        restrict(au, op.n, fc, coarse.n);
        double[] ec = new double[wc * wc];
        cycle(level + 1, fc, ec);
        prolongAdd(ec, coarse.n, u, op.n);
        for (int s = 0; s < SWEEPS; s++) {
            op.relax(u, f, 1);
            op.relax(u, f, 0);
        }
    }

    private void solveCoarsest(GridOperator op, double[] f, double[] u) {
        int n = op.n;
        int m = n - 1;
        int w = n + 1;
        double[] b = new double[m * m];
        for (int i = 1; i < n; i++) {
            System.arraycopy(f, i * w + 1, b, (i - 1) * m, m);
        }
        intW info = new intW(0);
        lapack.dpbtrs("L", m * m, m, 1, coarseFactor, m + 1, b, m * m, info);
        for (int i = 1; i < n; i++) {
            System.arraycopy(b, (i - 1) * m, u, i * w + 1, m);
        }
    }

    /** Full weighting (1/16 [1 2 1; 2 4 2; 1 2 1]) of the fine residual onto interior coarse vertices. */
    private static void restrict(double[] r, int n, double[] rc, int nc) { // numerical kernel
        int w = n + 1;
        int wc = nc + 1;
        for (int ic = 1; ic < nc; ic++) {
            for (int jc = 1; jc < nc; jc++) {
                int p = 2 * ic * w + 2 * jc;
                rc[ic * wc + jc] = (4 * r[p] + 2 * (r[p - 1] + r[p + 1] + r[p - w] + r[p + w])
                        + r[p - w - 1] + r[p - w + 1] + r[p + w - 1] + r[p + w + 1]) / 16;
            }
        }
    }

    /** Bilinear interpolation of the coarse correction, added to the fine interior. */
    private static void prolongAdd(double[] ec, int nc, double[] u, int n) { // numerical kernel
        int w = n + 1;
        int wc = nc + 1;
        for (int i = 1; i < n; i++) {
            int i0 = i / 2;
            boolean iOdd = (i & 1) == 1;
            for (int j = 1; j < n; j++) {
                int j0 = j / 2;
                double v;
                if (!iOdd && (j & 1) == 0) {
                    v = ec[i0 * wc + j0];
                } else if (!iOdd) {
                    v = 0.5 * (ec[i0 * wc + j0] + ec[i0 * wc + j0 + 1]);
                } else if ((j & 1) == 0) {
                    v = 0.5 * (ec[i0 * wc + j0] + ec[(i0 + 1) * wc + j0]);
                } else {
                    v = 0.25 * (ec[i0 * wc + j0] + ec[i0 * wc + j0 + 1] + ec[(i0 + 1) * wc + j0]
                            + ec[(i0 + 1) * wc + j0 + 1]);
                }
                u[i * w + j] += v;
            }
        }
    }
}
