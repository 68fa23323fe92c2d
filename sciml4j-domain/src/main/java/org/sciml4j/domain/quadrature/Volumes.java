package org.sciml4j.domain.quadrature;

import org.sciml4j.domain.geometry.Ball;
import org.sciml4j.domain.geometry.Box;
import org.sciml4j.domain.geometry.Disk;
import org.sciml4j.domain.geometry.Ellipse;
import org.sciml4j.domain.geometry.Geometry;
import org.sciml4j.domain.geometry.Interval;
import org.sciml4j.domain.geometry.Polygon;
import org.sciml4j.domain.geometry.Rectangle;
import org.sciml4j.domain.geometry.SpaceTime;
import org.sciml4j.domain.geometry.Triangle;
import org.sciml4j.domain.sampling.Sampler;

/**
 * The volume (length, area, ...) of a geometry: exact for boxes, balls, ellipses, polygons and space-time products of
 * them; for set operations ({@code union}, {@code difference}, {@code intersection}) an estimate, the fraction of
 * {@value #ESTIMATE_POINTS} Sobol points of the bounding box that lie inside times the box's volume (relative error
 * about 1e-3 for a smooth boundary).
 */
public final class Volumes {
    /** Sobol points of the bounding box used to estimate a volume that has no formula. */
    public static final int ESTIMATE_POINTS = 1 << 16;

    private Volumes() {
    }

    /**
     * The volume and whether it is exact.
     *
     * @param value the d-dimensional measure
     * @param exact false when estimated from points
     */
    public record Volume(double value, boolean exact) {
    }

    /** The volume of {@code g}, exact or estimated (see the class comment). */
    public static Volume of(Geometry g) {
        double exact = exactVolume(g);
        if (!Double.isNaN(exact)) {
            return new Volume(exact, true);
        }
        double[] lo = g.lower();
        double[] hi = g.upper();
        boolean[] in = g.inside(Sampler.sobol().box(ESTIMATE_POINTS, lo, hi, 0));
        int count = 0;
        for (boolean b : in) {
            count += b ? 1 : 0;
        }
        return new Volume(boxVolume(lo, hi) * count / ESTIMATE_POINTS, false);
    }

    /** The exact volume, or NaN where there is no formula. */
    private static double exactVolume(Geometry g) {
        if (g instanceof Interval || g instanceof Rectangle || g instanceof Box) {
            return boxVolume(g.lower(), g.upper());
        }
        if (g instanceof Disk disk) {
            return disk.area();
        }
        if (g instanceof Ball ball) {
            return ball.volume();
        }
        if (g instanceof Ellipse e) {
            return e.area();
        }
        if (g instanceof Polygon p) {
            return p.area();
        }
        if (g instanceof Triangle t) {
            return t.area();
        }
        if (g instanceof SpaceTime st) {
            return exactVolume(st.space()) * (st.t1() - st.t0());
        }
        return Double.NaN;
    }

    static double boxVolume(double[] lo, double[] hi) {
        double v = 1;
        for (int j = 0; j < lo.length; j++) {
            v *= hi[j] - lo[j];
        }
        return v;
    }
}
