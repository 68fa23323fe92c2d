package org.sciml4j.pinn.eikonal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rays from receivers back to a source through a travel-time field: a ray is the curve along which T decreases
 * fastest, dx/ds = -grad T / |grad T| (s the arc length), integrated from each receiver with classical fourth-order
 * Runge-Kutta steps of fixed length until it comes within {@value #CLOSE_STEPS} steps of the source, where a straight
 * segment to the source closes it: every ray meets every other there, so the direction field turns on the scale of
 * the distance to the source, and Runge-Kutta stages evaluated within a step or two of it lose their order (the
 * error, measured against exact circular rays, jumped with where the last step happened to land). All rays advance
 * together, one batched gradient evaluation per stage (for the surrogate, one jet pass over the live rays). Only the
 * direction of grad T is used, so the field's scale (and, for the surrogate, the factor tau) does not matter; near
 * the source the factorised surrogate's gradient tends to tau n, a well-defined direction.
 */
public final class RayTracer {
    /** How many box diagonals a ray may run before it is given up. */
    private static final double MAX_LENGTH_DIAGONALS = 4;
    /** A ray ends with a straight segment once it is within this many steps of the source. */
    private static final double CLOSE_STEPS = 3;

    /** grad_x T at n receiver-source pairs. */
    @FunctionalInterface
    public interface Gradient {
        /**
         * @param points  flat (n * d)
         * @param sources flat (n * d)
         * @return grad_x T, flat (n * d)
         */
        double[] at(double[] points, double[] sources);
    }

    /**
     * One traced ray.
     *
     * @param points  the path from the receiver (first) to the source (last, when reached), flat (m * d)
     * @param reached whether it came within {@value #CLOSE_STEPS} steps of the source (otherwise it ran out of
     *                length, or the gradient vanished or was not finite)
     */
    public record Ray(double[] points, boolean reached) {
        /** m, the number of points on the path. */
        public int size(int d) {
            return points.length / d;
        }
    }

    private final Gradient gradient;
    private final int d;
    private final double step;
    private final int maxSteps;

    /**
     * @param gradient the field's gradient
     * @param box      the region (its diagonal bounds a ray's length: {@value #MAX_LENGTH_DIAGONALS} diagonals)
     * @param step     the arc length of one step, > 0
     */
    public RayTracer(Gradient gradient, Box box, double step) {
        if (!(step > 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("the ray step must be finite and > 0, got " + step);
        }
        this.gradient = gradient;
        this.d = box.dimension();
        this.step = step;
        this.maxSteps = (int) Math.ceil(MAX_LENGTH_DIAGONALS * box.diagonal() / step);
    }

    /** Through the surrogate's jet, with {@code stepsPerDiagonal} steps per diagonal of its box. */
    public static RayTracer of(EikonalSurrogate surrogate, int stepsPerDiagonal) {
        Box box = surrogate.box();
        return new RayTracer(surrogate::gradients, box, box.diagonal() / stepsPerDiagonal);
    }

    /**
     * Traces a ray from every receiver back to the source.
     *
     * @param source    length d
     * @param receivers flat (k * d)
     * @return k rays, in the receivers' order
     */
    // numerical kernel: batched RK4 over the rays still alive
    public List<Ray> trace(double[] source, double[] receivers) {
        int k = receivers.length / d;
        List<List<double[]>> paths = new ArrayList<>();
        boolean[] reached = new boolean[k];
        boolean[] alive = new boolean[k];
        double[][] at = new double[k][];
        for (int r = 0; r < k; r++) {
            at[r] = Arrays.copyOfRange(receivers, r * d, r * d + d);
            paths.add(new ArrayList<>(List.of(at[r].clone())));
            alive[r] = true;
            if (distance(at[r], source) <= CLOSE_STEPS * step) {
                close(paths.get(r), source, reached, alive, r);
            }
        }
        for (int n = 0; n < maxSteps; n++) {
            int[] live = live(alive);
            if (live.length == 0) {
                break;
            }
            double[] x = gather(at, live);
            double[] k1 = direction(x, source);
            double[] k2 = direction(axpy(x, step / 2, k1), source);
            double[] k3 = direction(axpy(x, step / 2, k2), source);
            double[] k4 = direction(axpy(x, step, k3), source);
            for (int i = 0; i < live.length; i++) {
                int r = live[i];
                boolean finite = true;
                for (int a = 0; a < d; a++) {
                    int j = i * d + a;
                    at[r][a] += step / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
                    finite &= Double.isFinite(at[r][a]);
                }
                if (!finite) {
                    alive[r] = false;
                    continue;
                }
                paths.get(r).add(at[r].clone());
                if (distance(at[r], source) <= CLOSE_STEPS * step) {
                    close(paths.get(r), source, reached, alive, r);
                }
            }
        }
        List<Ray> rays = new ArrayList<>();
        for (int r = 0; r < k; r++) {
            List<double[]> p = paths.get(r);
            double[] flat = new double[p.size() * d];
            for (int i = 0; i < p.size(); i++) {
                System.arraycopy(p.get(i), 0, flat, i * d, d);
            }
            rays.add(new Ray(flat, reached[r]));
        }
        return rays;
    }

    /** -grad T / |grad T| at the points; NaN where the gradient vanishes (the ray stops there). */
    private double[] direction(double[] x, double[] source) {
        int n = x.length / d;
        double[] sources = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(source, 0, sources, i * d, d);
        }
        double[] g = gradient.at(x, sources);
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int a = 0; a < d; a++) {
                norm += g[i * d + a] * g[i * d + a];
            }
            norm = Math.sqrt(norm);
            for (int a = 0; a < d; a++) {
                g[i * d + a] = norm > 0 ? -g[i * d + a] / norm : Double.NaN;
            }
        }
        return g;
    }

    private static void close(List<double[]> path, double[] source, boolean[] reached, boolean[] alive, int r) {
        path.add(source.clone());
        reached[r] = true;
        alive[r] = false;
    }

    private static int[] live(boolean[] alive) {
        int count = 0;
        for (boolean b : alive) {
            count += b ? 1 : 0;
        }
        int[] live = new int[count];
        for (int r = 0, i = 0; r < alive.length; r++) {
            if (alive[r]) {
                live[i++] = r;
            }
        }
        return live;
    }

    private double[] gather(double[][] at, int[] live) {
        double[] x = new double[live.length * d];
        for (int i = 0; i < live.length; i++) {
            System.arraycopy(at[live[i]], 0, x, i * d, d);
        }
        return x;
    }

    private static double[] axpy(double[] x, double h, double[] y) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[i] + h * y[i];
        }
        return r;
    }

    private static double distance(double[] x, double[] y) {
        double s = 0;
        for (int a = 0; a < x.length; a++) {
            s += (x[a] - y[a]) * (x[a] - y[a]);
        }
        return Math.sqrt(s);
    }
}
