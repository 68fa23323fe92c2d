/**
 * Domains of partial differential equations for physics-informed networks, in DeepXDE's {@code dde.geometry}
 * vocabulary: membership, boundary, outward normals, and collocation points in the interior and on the boundary.
 *
 * <h2>Shapes</h2>
 * <ul>
 *   <li>{@link org.sciml4j.domain.geometry.Interval}: [lo, hi], a 1-D domain or a time interval.</li>
 *   <li>{@link org.sciml4j.domain.geometry.Rectangle}, {@link org.sciml4j.domain.geometry.Box}: axis-aligned boxes in
 *       2-D and in any dimension; the usual domain of a benchmark PDE and the outer shape of plates with holes.</li>
 *   <li>{@link org.sciml4j.domain.geometry.Disk}, {@link org.sciml4j.domain.geometry.Ball}: round domains, holes and
 *       inclusions; {@link org.sciml4j.domain.geometry.Ellipse}: the same, elongated and rotated.</li>
 *   <li>{@link org.sciml4j.domain.geometry.Polygon}: any simple polygon, convex or not, either orientation; the
 *       L-shaped domain of the classic Poisson example is
 *       {@code new Polygon(new double[][] {{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}})};
 *       {@link org.sciml4j.domain.geometry.Triangle}.</li>
 *   <li>Set operations {@link org.sciml4j.domain.geometry.Geometry#union union},
 *       {@link org.sciml4j.domain.geometry.Geometry#difference difference} and
 *       {@link org.sciml4j.domain.geometry.Geometry#intersection intersection}
 *       ({@link org.sciml4j.domain.geometry.Csg}): a rectangle with a hole is {@code rectangle.difference(disk)}.</li>
 *   <li>{@link org.sciml4j.domain.geometry.SpaceTime}: Ω x [t0, t1] for time-dependent problems, with interior,
 *       lateral boundary and initial points sampled separately, and the time column first or last as the problem's
 *       variables are ordered.</li>
 * </ul>
 * Degenerate shapes are refused when built, with a message naming the argument: a zero or negative width, a
 * non-positive radius or semi-axis, a non-finite coordinate, a polygon with fewer than 3 vertices, repeated vertices,
 * zero area or crossing edges, collinear triangle vertices, operands of different dimensions.
 *
 * <h2>Sampling</h2>
 * Every shape samples with the collocation samplers of {@link org.sciml4j.domain.sampling.Sampler}, deterministically:
 * the same n, sampler and seed give the same points, of shape (n, d).
 * <ul>
 *   <li><b>Interior</b>: a box maps the sampler's points onto itself; every other shape keeps the sampler's points of
 *       its bounding box that lie inside (rejection), drawing more until at least n are in, and keeps n of them (the
 *       first n for Sobol and Halton, evenly spaced ones otherwise). With the uniform sampler a non-box shape takes
 *       the smallest m x ... x m grid of its bounding box with n points inside, thinned evenly to exactly n.</li>
 *   <li><b>Boundary</b>: in proportion to the boundary's measure. Curves (rectangle, polygon, disk, ellipse) are
 *       walked by arc length, the sampler's one-dimensional points t in [0, 1) giving the fraction of the perimeter
 *       (the uniform sampler gives t = i / n, equally spaced around the curve); box faces get shares of n by area;
 *       spheres use area-preserving maps. A set operation samples both operands' boundaries at one density and keeps
 *       the points on the result's boundary.</li>
 *   <li><b>Normals</b>: outward and of unit length; where boundary pieces meet (corners, edges, vertices, crossing
 *       operand boundaries) the normalised sum of the pieces' normals, as in DeepXDE.</li>
 * </ul>
 *
 * <h2>Tolerance</h2>
 * Domains are closed sets. {@link org.sciml4j.domain.geometry.Geometry#contains contains} and
 * {@link org.sciml4j.domain.geometry.Geometry#onBoundary onBoundary} accept points within
 * {@link org.sciml4j.domain.geometry.Geometry#tolerance() tolerance()} = 1e-9 times the bounding box's diagonal of the
 * domain or of its boundary, so that sampled boundary points, which carry rounding errors, test as boundary.
 */
package org.sciml4j.domain.geometry;
