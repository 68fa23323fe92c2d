package org.sciml4j.dynamics.ode;

import java.util.ArrayList;
import java.util.List;
import org.sciml4j.tensor.Tensor;

/**
 * The adaptive Dormand-Prince 5(4) pair (the method of MATLAB's ode45, SciPy's RK45 and torchdiffeq's dopri5):
 * fifth-order steps, the embedded fourth-order solution estimating the error. Step-size control works on values
 * outside the graph (the error norm is read from the arrays), so direct gradients differentiate the accepted steps
 * only, as torchdiffeq does. Steps are shortened to land on every requested time exactly, so the outputs are
 * fifth-order solution values at those times (no interpolation).
 * <p>
 * The error norm is the root mean square over all elements of {@code err / (atol + rtol max(|x0|, |x1|))}; a step
 * is accepted when it is at most 1, and the next step is {@code h * clamp(0.9 norm^(-1/5), 0.2, 5)}.
 */
public final class DormandPrince implements OdeSolver {
    private static final double[][] A = {
        {},
        {1.0 / 5},
        {3.0 / 40, 9.0 / 40},
        {44.0 / 45, -56.0 / 15, 32.0 / 9},
        {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
        {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
        {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}};
    private static final double[] C = {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1};
    /** Fifth-order weights minus the embedded fourth-order ones: the error estimate's weights. */
    private static final double[] E = {71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525,
        -1.0 / 40};
    private static final int MAX_STEPS = 1_000_000;

    private final double rtol;
    private final double atol;
    private int acceptedSteps;
    private int rejectedSteps;

    /**
     * @param rtol relative tolerance, > 0
     * @param atol absolute tolerance, > 0
     */
    public DormandPrince(double rtol, double atol) {
        if (!(rtol > 0) || !(atol > 0)) {
            throw new IllegalArgumentException("tolerances must be > 0, got rtol " + rtol + ", atol " + atol);
        }
        this.rtol = rtol;
        this.atol = atol;
    }

    @Override
    public String name() {
        return "dopri5";
    }

    /** Steps accepted in the last {@link #solve}. */
    public int acceptedSteps() {
        return acceptedSteps;
    }

    /** Steps rejected (and retried shorter) in the last {@link #solve}. */
    public int rejectedSteps() {
        return rejectedSteps;
    }

    @Override
    public Tensor solve(VectorField f, Tensor x0, double[] times) {
        int dir = OdeSolver.checkArguments(x0, times);
        acceptedSteps = 0;
        rejectedSteps = 0;
        List<Tensor> out = new ArrayList<>(times.length);
        out.add(x0);
        if (times.length == 1) {
            return Tensor.stack(0, x0);
        }
        Tensor x = x0;
        double t = times[0];
        Tensor k1 = f.apply(t, x);
        double h = dir * initialStep(x, k1, Math.abs(times[times.length - 1] - t));
        for (int i = 1; i < times.length; i++) {
            while ((times[i] - t) * dir > 0) {
                boolean last = (t + h - times[i]) * dir >= 0;
                double step = last ? times[i] - t : h;
                Tensor[] k = stages(f, t, x, k1, step);
                Tensor x1 = k[7];
                double norm = errorNorm(x, x1, k, step);
                if (!Double.isFinite(norm)) {
                    throw new IllegalStateException("dopri5: the solution is not finite at t = " + t);
                }
                if (norm <= 1) {
                    acceptedSteps++;
                    t = last ? times[i] : t + step;
                    x = x1;
                    k1 = k[6];
                }
                else {
                    rejectedSteps++;
                }
                double factor = norm == 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * Math.pow(norm, -0.2)));
                h = (norm <= 1 && last ? Math.max(Math.abs(h), Math.abs(step)) : Math.abs(step)) * factor * dir;
                if (acceptedSteps + rejectedSteps > MAX_STEPS || Math.abs(h) < 1e-14 * Math.max(1, Math.abs(t))) {
                    throw new IllegalStateException("dopri5: step size underflow at t = " + t
                            + " (the problem may be stiff or the field not smooth)");
                }
            }
            out.add(x);
        }
        return Tensor.stack(0, out.toArray(new Tensor[0]));
    }

    /** The seven stages (FSAL: k[6] is f at the new point) and, at index 7, the fifth-order solution. */
    private static Tensor[] stages(VectorField f, double t, Tensor x, Tensor k1, double h) {
        Tensor[] k = new Tensor[8];
        k[0] = k1;
        for (int s = 1; s < 7; s++) {
            Tensor incr = k[0].mul(A[s][0] * h);
            for (int j = 1; j < s; j++) {
                if (A[s][j] != 0) {
                    incr = incr.add(k[j].mul(A[s][j] * h));
                }
            }
            Tensor xs = x.add(incr);
            if (s == 6) {
                k[7] = xs; // the last stage is taken at the fifth-order solution
            }
            k[s] = f.apply(t + C[s] * h, xs);
        }
        return k;
    }

    /** RMS of the scaled error estimate, read from the values (outside the graph). */
    private double errorNorm(Tensor x0, Tensor x1, Tensor[] k, double h) {
        double[] a = x0.data();
        double[] b = x1.data();
        double[][] kd = new double[7][];
        for (int s = 0; s < 7; s++) {
            kd[s] = k[s].data();
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double err = 0;
            for (int s = 0; s < 7; s++) {
                err += E[s] * kd[s][i];
            }
            double scale = atol + rtol * Math.max(Math.abs(a[i]), Math.abs(b[i]));
            double r = h * err / scale;
            sum += r * r;
        }
        return Math.sqrt(sum / a.length);
    }

    /** Hairer's starting step: h = 0.01 |x| / |f| bounded by the span. */
    private double initialStep(Tensor x, Tensor f0, double span) {
        double[] a = x.data();
        double[] d = f0.data();
        double nx = 0;
        double nf = 0;
        for (int i = 0; i < a.length; i++) {
            double s = atol + rtol * Math.abs(a[i]);
            nx += (a[i] / s) * (a[i] / s);
            nf += (d[i] / s) * (d[i] / s);
        }
        nx = Math.sqrt(nx / a.length);
        nf = Math.sqrt(nf / a.length);
        double h = nx < 1e-5 || nf < 1e-5 ? 1e-6 : 0.01 * nx / nf;
        return Math.min(h, span);
    }
}
