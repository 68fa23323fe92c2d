package org.sciml4j.solvers.pde;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;

/**
 * A reference solution of a 1-D periodic equation on a space-time grid, in the layout a PINN problem file's
 * {@code evaluation: {file: F.npz, grid: {x: x, t: t}, values: {u: usol}}} reads: {@code x} (nx,), {@code t} (nt,),
 * {@code usol} (nx, nt), x first.
 *
 * @param x    the space grid, shape (nx,)
 * @param t    the times, shape (nt,)
 * @param usol {@code usol[i][k] = u(x_i, t_k)}, shape (nx, nt)
 */
public record PeriodicReference(double[] x, double[] t, double[][] usol) {

    /**
     * jaxpi's Allen-Cahn benchmark: {@code u_t = 1e-4 u_xx + 5u - 5u^3} on [-1, 1), u0 = x^2 cos(pi x), t in [0, 1];
     * solved on {@code fine} points with step {@code dt} and kept on every {@code fine / nx}-th point, at
     * {@code nt} equispaced times.
     *
     * @param nx   points kept, dividing {@code fine}
     * @param nt   times kept, t = 0 .. 1 (>= 2); {@code (nt - 1) * every * dt = 1}
     * @param fine the solver's grid
     * @param dt   the solver's step; 1 / ((nt - 1) dt) must be a whole number
     */
    public static PeriodicReference allenCahnJaxpi(int nx, int nt, int fine, double dt) {
        if (nt < 2 || fine % nx != 0) {
            throw new IllegalArgumentException("allen-cahn reference: nt >= 2 and nx dividing the fine grid; got nx "
                    + nx + ", nt " + nt + ", fine " + fine);
        }
        double stepsPerRow = 1.0 / ((nt - 1) * dt);
        long every = Math.round(stepsPerRow);
        if (Math.abs(stepsPerRow - every) > 1e-9 * stepsPerRow || every < 1) {
            throw new IllegalArgumentException("allen-cahn reference: 1 / ((nt - 1) dt) = " + stepsPerRow
                    + " is not a whole number of steps");
        }
        AllenCahn1d ac = new AllenCahn1d(fine, -1, 1, 1e-4, 5, 5, dt);
        double[] xf = ac.grid();
        double[] u0 = new double[fine];
        for (int i = 0; i < fine; i++) {
            u0[i] = xf[i] * xf[i] * Math.cos(Math.PI * xf[i]);
        }
        double[][] rows = ac.trajectory(u0, nt - 1, (int) every);
        int stride = fine / nx;
        double[] x = new double[nx];
        double[][] u = new double[nx][nt];
        for (int i = 0; i < nx; i++) {
            x[i] = xf[i * stride];
            for (int k = 0; k < nt; k++) {
                u[i][k] = rows[k][i * stride];
            }
        }
        double[] t = new double[nt];
        for (int k = 0; k < nt; k++) {
            t[k] = (double) k / (nt - 1);
        }
        return new PeriodicReference(x, t, u);
    }

    /** Writes {@code x}, {@code t} and {@code usol} as a compressed .npz, atomically. */
    public void write(Path file) throws IOException {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("x", Tensor.vector(x));
        m.put("t", Tensor.vector(t));
        double[] flat = new double[x.length * t.length];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(usol[i], 0, flat, i * t.length, t.length);
        }
        m.put("usol", Tensor.of(flat, x.length, t.length));
        Npz.write(file, m, true);
    }

    /**
     * Writes jaxpi's Allen-Cahn reference (512 x 201, solved on 2048 points with dt = 1e-4) to the file named by
     * the first argument: {@code examples/allen-cahn/allen_cahn.npz} is made so.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PeriodicReference OUT.npz");
            System.exit(2);
        }
        allenCahnJaxpi(512, 201, 2048, 1e-4).write(Path.of(args[0]));
    }
}
