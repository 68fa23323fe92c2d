package org.sciml4j.domain.geometry;

/**
 * A simple polygon: vertices in order, either orientation, convex or not (an L-shaped domain, a domain with a notch).
 * The last vertex connects back to the first; do not repeat the first vertex at the end.
 *
 * <p>Membership is by the crossing number (even-odd rule), plus anything within {@link #tolerance()} of an edge.
 * Each edge's outward normal is its direction turned by 90 degrees away from the interior (the orientation is taken
 * from the sign of the area); at a vertex the normal is the normalised sum of its two edges' normals. Boundary points
 * are placed by arc length along the perimeter, so each edge gets points in proportion to its length. Interior points
 * come by rejection from the bounding box.
 *
 * <p>Refused: fewer than 3 vertices, a vertex that is null, not of 2 coordinates or not finite, two equal vertices,
 * zero area (all vertices collinear), and self-intersection (any two non-adjacent edges that meet, touching
 * included), each with a message naming the vertices or edges.
 */
public final class Polygon extends AbstractPolygon {

    /**
     * The polygon with the given vertices.
     *
     * @param vertices m >= 3 rows of (x, y), in order along the boundary, either orientation
     * @throws IllegalArgumentException naming the vertex or edges if the polygon is degenerate (see the class
     *                                  description)
     */
    public Polygon(double[]... vertices) {
        super("polygon", vertices, null, "zero area (all vertices are collinear)");
    }
}
