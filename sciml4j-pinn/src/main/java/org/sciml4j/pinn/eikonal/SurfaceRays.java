package org.sciml4j.pinn.eikonal;

import java.util.List;
import java.util.OptionalDouble;

import org.sciml4j.io.SummaryJson;

/**
 * The run's rays: from receivers spread over the surface (the top of the box, depth axis at its lower bound) back
 * to one source, traced through the surrogate ({@link RayTracer}, {@value #STEPS_PER_DIAGONAL} steps per box
 * diagonal). In 2-D, {@value #RECEIVERS_2D} receivers evenly along x; in 3-D a 4 x 4 grid over (x, y). Where the
 * velocity is a {@link LinearGradientVelocity}, every ray point's distance from the exact circular ray is measured.
 *
 * @param source       the source, length d
 * @param receivers    flat (k * d)
 * @param rays         k rays, in the receivers' order
 * @param maxDeviation the largest distance of a ray point from the exact ray (box units), or empty without a
 *                     closed form
 */
record SurfaceRays(double[] source, double[] receivers, List<RayTracer.Ray> rays, OptionalDouble maxDeviation) {
    static final int STEPS_PER_DIAGONAL = 400;
    static final int RECEIVERS_2D = 12;
    private static final int RECEIVERS_3D_PER_AXIS = 4;

    /** Traces the rays to {@code source} through the surrogate. */
    static SurfaceRays trace(EikonalSurrogate surrogate, double[] source) {
        Box box = surrogate.box();
        double[] receivers = receivers(box);
        List<RayTracer.Ray> rays = RayTracer.of(surrogate, STEPS_PER_DIAGONAL).trace(source, receivers);
        OptionalDouble deviation = OptionalDouble.empty();
        if (surrogate.velocity() instanceof LinearGradientVelocity v) {
            deviation = OptionalDouble.of(maxDeviation(v, source, receivers, rays));
        }
        return new SurfaceRays(source.clone(), receivers, rays, deviation);
    }

    /** Receivers at the surface, at the centres of equal cells along each horizontal axis; flat (k * d). */
    static double[] receivers(Box box) {
        int d = box.dimension();
        int per = d == 2 ? RECEIVERS_2D : RECEIVERS_3D_PER_AXIS;
        int k = d == 2 ? per : per * per;
        double[] r = new double[k * d];
        for (int i = 0; i < k; i++) {
            int[] index = d == 2 ? new int[] {i} : new int[] {i / per, i % per};
            for (int a = 0; a < d - 1; a++) {
                r[i * d + a] = box.lo()[a] + (index[a] + 0.5) / per * (box.hi()[a] - box.lo()[a]);
            }
            r[i * d + d - 1] = box.lo()[d - 1];
        }
        return r;
    }

    /** The largest distance of any point of any ray from the exact ray between its receiver and the source. */
    static double maxDeviation(LinearGradientVelocity v, double[] source, double[] receivers,
            List<RayTracer.Ray> rays) {
        int d = source.length;
        double worst = 0;
        for (int r = 0; r < rays.size(); r++) {
            double[] receiver = java.util.Arrays.copyOfRange(receivers, r * d, r * d + d);
            double[] p = rays.get(r).points();
            for (int i = 0; i < p.length / d; i++) {
                worst = Math.max(worst, v.rayDistance(java.util.Arrays.copyOfRange(p, i * d, i * d + d), source,
                        receiver));
            }
        }
        return worst;
    }

    /** How many rays reached the source. */
    int reached() {
        int n = 0;
        for (RayTracer.Ray r : rays) {
            n += r.reached() ? 1 : 0;
        }
        return n;
    }

    /** {@code rays}, {@code rays_reached} and, with a closed form, {@code ray_max_deviation}. */
    void put(SummaryJson summary) {
        summary.put("rays", rays.size()).put("rays_reached", reached());
        maxDeviation.ifPresent(e -> summary.put("ray_max_deviation", e));
    }
}
