package org.sciml4j.solvers.antiplane;

/**
 * A vertical strike-slip fault in a homogeneous elastic half-space {@code y <= 0} (traction-free surface y = 0) in
 * antiplane strain: the fault is the segment {@code x = x0, bottom <= y <= top} ({@code top <= 0}, 0 for a fault
 * that breaks the surface) with uniform slip s. The displacement is a pair of screw dislocations at the two tips,
 * each with its image across the surface:
 * <pre>
 * w = s/(2 pi) [phi(bottom) - phi(-bottom) - phi(top) + phi(-top)],   phi(c) = atan2(x - x0, -(y - c))
 * </pre>
 * where {@code phi(c)} is the polar angle about (x0, c) with its branch cut running up from it ({@code +pi} on the
 * side x >= x0, {@code -pi} on the other). The cuts of a tip and of the next one above cancel, so w jumps by s
 * across the fault only ({@code w(x0+, y) - w(x0-, y) = s}), is harmonic elsewhere and even in y (so
 * {@code w_y = 0} at the surface). For {@code top = 0} the last two terms cancel and
 * {@code w = s/(2 pi) [atan((y + D)/x) - atan((y - D)/x)]} with D = -bottom; at the surface {@code s/pi atan(D/x)}.
 *
 * @param x0     the fault's horizontal position
 * @param top    its upper end, {@code <= 0}
 * @param bottom its lower end (the tip), {@code < top}
 * @param slip   the jump of w across it, positive side minus negative side
 */
public record ScrewDislocation(double x0, double top, double bottom, double slip) {

    /** Checks the geometry. */
    public ScrewDislocation {
        if (!(top <= 0 && bottom < top) || !Double.isFinite(bottom) || !Double.isFinite(x0)
                || !Double.isFinite(slip)) {
            throw new IllegalArgumentException("a fault needs bottom < top <= 0 and finite values, got x0 = " + x0
                    + ", top = " + top + ", bottom = " + bottom + ", slip = " + slip);
        }
    }

    /** The displacement at (x, y); a point with {@code x == x0} on the fault takes the side x >= x0. */
    public double displacement(double x, double y) {
        double w = angle(x, y, bottom) - angle(x, y, -bottom);
        if (top < 0) {
            w += angle(x, y, -top) - angle(x, y, top);
        }
        return slip / (2 * Math.PI) * w;
    }

    /**
     * The part of w that carries the jump, {@code s/(2 pi) [phi(bottom) - phi(top)]} (the second term only for a
     * buried fault): the full-space dislocation pair without images. w minus this is continuous across the fault.
     */
    public double singularPart(double x, double y) {
        double w = angle(x, y, bottom);
        if (top < 0) {
            w -= angle(x, y, top);
        }
        return slip / (2 * Math.PI) * w;
    }

    /** The angle about (x0, c), its branch cut running up from it. */
    private double angle(double x, double y, double c) {
        return StrictMath.atan2(x - x0, -(y - c)); // the same bits in every run (Math.atan2 may be intrinsic)
    }
}
