package org.sciml4j.pinn.eikonal;

import java.util.List;

import org.sciml4j.tensor.Rng;

/**
 * The region of an eikonal problem: a 2-D or 3-D box whose axes are named as in the file ({@code x, z} or
 * {@code x, y, z}); the last axis is depth. Receivers and sources both lie in it. The network sees each coordinate
 * scaled to [-1, 1] ({@link #scaled}), so the scale factor {@code 2 / (hi - lo)} multiplies its derivatives.
 *
 * @param names the axes' names, length d (2 or 3)
 * @param lo    the lower corner, length d
 * @param hi    the upper corner, length d, each above lo
 */
public record Box(List<String> names, double[] lo, double[] hi) {

    /** Checks the box and copies its arrays. */
    public Box {
        names = List.copyOf(names);
        int d = names.size();
        if (d < 2 || d > 3 || lo.length != d || hi.length != d) {
            throw new IllegalArgumentException("the domain needs 2 or 3 axes (x, z or x, y, z), got " + names);
        }
        for (int a = 0; a < d; a++) {
            if (!(lo[a] < hi[a]) || !Double.isFinite(lo[a]) || !Double.isFinite(hi[a])) {
                throw new IllegalArgumentException("the range of '" + names.get(a) + "' must be finite with lo < hi,"
                        + " got [" + lo[a] + ", " + hi[a] + "]");
            }
        }
        lo = lo.clone();
        hi = hi.clone();
    }

    /** d, 2 or 3. */
    public int dimension() {
        return names.size();
    }

    /** The length of the box's diagonal. */
    public double diagonal() {
        double s = 0;
        for (int a = 0; a < lo.length; a++) {
            s += (hi[a] - lo[a]) * (hi[a] - lo[a]);
        }
        return Math.sqrt(s);
    }

    /** The factor from a scaled coordinate's derivative to the physical one along {@code axis}: 2 / (hi - lo). */
    public double scale(int axis) {
        return 2 / (hi[axis] - lo[axis]);
    }

    /** Coordinate {@code c} along {@code axis} mapped to [-1, 1]. */
    public double scaled(int axis, double c) {
        return (c - lo[axis]) * scale(axis) - 1;
    }

    /** Whether x (length d) lies in the box (edges included). */
    public boolean contains(double[] x) {
        for (int a = 0; a < x.length; a++) {
            if (!(x[a] >= lo[a] && x[a] <= hi[a])) {
                return false;
            }
        }
        return true;
    }

    /** {@code n} points drawn uniformly in the box, flat (n * d, point-major). */
    public double[] sample(Rng rng, int n) {
        int d = dimension();
        double[] p = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                p[i * d + a] = rng.uniform(lo[a], hi[a]);
            }
        }
        return p;
    }

    /** The point x moved into the box (each coordinate clamped). */
    public double[] clamp(double[] x) {
        double[] c = x.clone();
        for (int a = 0; a < c.length; a++) {
            c[a] = Math.min(hi[a], Math.max(lo[a], c[a]));
        }
        return c;
    }
}
