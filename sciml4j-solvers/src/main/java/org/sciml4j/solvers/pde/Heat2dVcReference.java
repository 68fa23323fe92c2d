package org.sciml4j.solvers.pde;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sciml4j.domain.expr.BoundExpression;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.domain.expr.Expression;
import org.sciml4j.domain.expr.Vocabulary;
import org.sciml4j.io.AtomicFiles;
import org.sciml4j.tensor.Tensor;

/**
 * The reference solution of PINNacle's Heat2d-VC problem, {@code u_t = exp(G(x, y)) (u_xx + u_yy) + 200 sin(pi x)
 * sin(5 pi y) sin(pi t)} on [0, 1]^2 x [0, 5], u = 0 on the edges and at t = 0, with G given as text (the file
 * {@code examples/pinnacle/coefficient.txt}, an expression of x and y): {@link VaryingHeat2d} on a fine grid, written
 * as a text table {@code x y t u} on a coarser evaluation grid.
 * <pre>
 * java ... org.sciml4j.solvers.pde.Heat2dVcReference examples/pinnacle/coefficient.txt \
 *     examples/pinnacle/heat2d-vc-reference.txt [intervals 200] [dt 1e-3]
 * </pre>
 */
public final class Heat2dVcReference {
    /** The source amplitude and mode numbers of PINNacle's Heat2d-VC. */
    public static final double AMPLITUDE = 200;
    /** Evaluation grid: points per side and output times. */
    public static final int EVAL_POINTS = 26;
    /** Output times 0, 0.5, ..., 5. */
    public static final int EVAL_TIMES = 11;

    private Heat2dVcReference() {
    }

    /** PINNacle's source {@code 200 sin(pi x) sin(5 pi y) sin(pi t)}. */
    public static double source(double x, double y, double t) {
        return AMPLITUDE * Math.sin(Math.PI * x) * Math.sin(5 * Math.PI * y) * Math.sin(Math.PI * t);
    }

    /**
     * The coefficient exp(G(x, y)) on the grid {@code x_i = i / n, y_j = j / n}, for G an expression of x and y
     * (evaluated once for all points).
     *
     * @return the function at grid points (x, y) (other points are rounded to the nearest grid point)
     */
    public static java.util.function.DoubleBinaryOperator coefficient(String g, int n) {
        BoundExpression e = Expression.parse(g).bind(Vocabulary.builder().variables("x", "y").build());
        int m = n + 1;
        double[] xs = new double[m * m];
        double[] ys = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                xs[i * m + j] = (double) i / n;
                ys[i * m + j] = (double) j / n;
            }
        }
        Evaluation at = Evaluation.of(List.of(Tensor.wrap(xs, m * m, 1), Tensor.wrap(ys, m * m, 1)), Map.of(),
                Map.of());
        double[] values = e.evaluate(at).data();
        return (x, y) -> Math.exp(values[(int) Math.round(x * n) * m + (int) Math.round(y * n)]);
    }

    /**
     * The reference at the evaluation grid: rows {@code x y t u}, t varying slowest, then x, then y.
     *
     * @param intervals grid intervals of the solver per side (a multiple of EVAL_POINTS - 1)
     * @return (EVAL_TIMES * EVAL_POINTS^2, 4) values, row-major
     */
    public static double[] table(String g, int intervals, double dt) {
        if (intervals % (EVAL_POINTS - 1) != 0) {
            throw new IllegalArgumentException("intervals must be a multiple of " + (EVAL_POINTS - 1) + ", got "
                    + intervals);
        }
        double[] times = new double[EVAL_TIMES];
        for (int k = 0; k < EVAL_TIMES; k++) {
            times[k] = 0.5 * k;
        }
        double[][] u = new VaryingHeat2d(intervals, dt, coefficient(g, intervals)).solve(Heat2dVcReference::source, times);
        int stride = intervals / (EVAL_POINTS - 1);
        int m = intervals + 1;
        double[] rows = new double[EVAL_TIMES * EVAL_POINTS * EVAL_POINTS * 4];
        int r = 0;
        for (int k = 0; k < EVAL_TIMES; k++) {
            for (int i = 0; i < EVAL_POINTS; i++) {
                for (int j = 0; j < EVAL_POINTS; j++) {
                    rows[r++] = (double) i / (EVAL_POINTS - 1);
                    rows[r++] = (double) j / (EVAL_POINTS - 1);
                    rows[r++] = times[k];
                    rows[r++] = u[k][i * stride * m + j * stride];
                }
            }
        }
        return rows;
    }

    /** Writes the table: args coefficient file, output file, [intervals], [dt]. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: Heat2dVcReference COEFFICIENT_FILE OUTPUT_FILE [intervals 200] [dt 1e-3]");
            System.exit(2);
        }
        String g = Files.readString(Path.of(args[0])).strip();
        int intervals = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        double dt = args.length > 3 ? Double.parseDouble(args[3]) : 1e-3;
        long start = System.nanoTime();
        double[] rows = table(g, intervals, dt);
        AtomicFiles.write(Path.of(args[1]), out -> {
            Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            PrintWriter p = new PrintWriter(w);
            p.println("x\ty\tt\tu");
            for (int r = 0; r < rows.length; r += 4) {
                p.printf(Locale.ROOT, "%.4f\t%.4f\t%.2f\t%.10e%n", rows[r], rows[r + 1], rows[r + 2], rows[r + 3]);
            }
            p.flush();
        });
        System.out.printf(Locale.ROOT, "wrote %d rows to %s (grid %d intervals, dt %g) in %.1f s%n", rows.length / 4,
                args[1], intervals, dt, (System.nanoTime() - start) / 1e9);
    }
}
