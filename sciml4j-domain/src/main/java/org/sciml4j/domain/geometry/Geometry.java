package org.sciml4j.domain.geometry;

import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/**
 * A closed domain Ω in R^d on which a PDE is posed: membership, boundary, outward normals, and collocation points in
 * the interior and on the boundary. DeepXDE's {@code dde.geometry} vocabulary; see the
 * {@linkplain org.sciml4j.domain.geometry package description} for the shapes and how sampling works.
 *
 * <p><b>Points.</b> A point is a {@code double[]} of length {@link #dimension()}; a batch of points is a tensor of
 * shape (n, d), one point per row.
 *
 * <p><b>Tolerance.</b> Membership and boundary tests are done up to {@link #tolerance()}, which is
 * {@value #RELATIVE_TOLERANCE} times the diagonal of the bounding box: {@link #contains} is true for points within that
 * distance of Ω (Ω is treated as a closed set) and {@link #onBoundary} for points within that distance of ∂Ω. The
 * distance is exact for boxes, balls and polygons, and first-order accurate (|f| / |∇f| for the implicit equation f =
 * 0) for ellipses.
 *
 * <p>Implementations are immutable and thread-safe; sampling is deterministic: the same arguments give the same
 * points.
 */
public interface Geometry {

    /** The tolerance of the membership and boundary tests, relative to the bounding box's diagonal. */
    double RELATIVE_TOLERANCE = 1e-9;

    /** The number of coordinates d of a point. */
    int dimension();

    /** The lower corner of the bounding box, d values (a copy). */
    double[] lower();

    /** The upper corner of the bounding box, d values (a copy); each entry is greater than {@link #lower()}'s. */
    double[] upper();

    /** {@value #RELATIVE_TOLERANCE} times the length of the bounding box's diagonal: see the class description. */
    double tolerance();

    /**
     * Whether {@code x} lies in the closed domain, up to {@link #tolerance()}.
     *
     * @param x a point, d values
     * @throws IllegalArgumentException if {@code x} does not have d values
     */
    boolean contains(double[] x);

    /**
     * {@link #contains} for every row of {@code points}.
     *
     * @param points shape (n, d)
     * @return n flags, {@code true} where the row lies in the domain
     * @throws IllegalArgumentException if {@code points} is not of shape (n, d)
     */
    default boolean[] inside(Tensor points) {
        int d = dimension();
        int n = Shapes.rows("inside", points, d);
        double[] p = points.data();
        boolean[] out = new boolean[n];
        double[] x = new double[d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(p, i * d, x, 0, d);
            out[i] = contains(x);
        }
        return out;
    }

    /**
     * Whether {@code x} lies on the boundary ∂Ω, up to {@link #tolerance()}.
     *
     * @param x a point, d values
     * @throws IllegalArgumentException if {@code x} does not have d values
     */
    boolean onBoundary(double[] x);

    /**
     * The outward unit normal at a boundary point. Where several smooth pieces of the boundary meet (a corner or an
     * edge of a box, a polygon's vertex), it is the normalised sum of the normals of the pieces the point lies on, as
     * in DeepXDE: at a square's corner the diagonal direction.
     *
     * @param x a point on the boundary, d values
     * @return a new array of d values with Euclidean norm 1
     * @throws IllegalArgumentException if {@code x} does not have d values or is not {@linkplain #onBoundary on the
     *                                  boundary}
     */
    double[] normal(double[] x);

    /**
     * The measure of the boundary: length of a curve in 2-D, area of a surface in 3-D, and so on; in 1-D the number of
     * end points, 2. Exact for the shapes; for {@link Csg set operations} a quasi-Monte Carlo estimate (relative error
     * about 1e-3), computed once on first use.
     */
    double boundaryMeasure();

    /**
     * {@code n} collocation points in the domain, every one of them {@linkplain #contains inside} it. Boxes map the
     * sampler's points onto themselves ({@link Sampler#box}); every other shape keeps the sampler's points of its
     * bounding box that lie inside it (rejection), drawing more until at least {@code n} are in and then keeping
     * {@code n} of them: the first {@code n} for the extensible sequences (Sobol, Halton), evenly spaced ones by
     * index otherwise (so a grid or a Hammersley set stays spread over the whole shape). With
     * {@link Sampler#uniform()}, a non-box shape takes the smallest m x ... x m grid of its bounding box with at least
     * {@code n} points inside, thinned evenly to {@code n}; a {@link Sampler#grid(int...) grid} sampler gives its own
     * points inside the shape, thinned to {@code n}, and is refused if fewer than {@code n} lie inside.
     *
     * @param n    number of points, at least 1
     * @param s    the sampler
     * @param seed seed of the random samplers
     * @return a new tensor of shape (n, d)
     * @throws IllegalArgumentException if {@code n < 1}, {@code s} is null, or the sampler refuses the count
     * @throws IllegalStateException    if the domain fills so little of its bounding box that rejection would need more
     *                                  than about 2^26 values
     */
    default Tensor interior(int n, Sampler s, long seed) {
        return Shapes.rejection(this, n, s, seed); // boxes override this with the sampler's own box
    }

    /**
     * {@code n} points on the boundary, distributed in proportion to the boundary's measure: a curve is sampled by
     * arc length from the sampler's points in [0, 1) (with {@link Sampler#uniform()}: {@code i / n}, equally spaced
     * around a closed curve), a box's faces by area, a sphere by area. See each shape for the details.
     *
     * @param n    number of points, at least 1
     * @param s    the sampler
     * @param seed seed of the random samplers
     * @return a new tensor of shape (n, d), every row {@linkplain #onBoundary on the boundary}
     * @throws IllegalArgumentException if {@code n < 1} or {@code s} is null
     */
    Tensor boundary(int n, Sampler s, long seed);

    /**
     * {@link #normal} of every row.
     *
     * @param boundaryPoints shape (n, d), each row on the boundary
     * @return a new tensor of shape (n, d) of unit vectors
     * @throws IllegalArgumentException if the shape is wrong or a row is not on the boundary
     */
    default Tensor normals(Tensor boundaryPoints) {
        int d = dimension();
        int n = Shapes.rows("normals", boundaryPoints, d);
        double[] p = boundaryPoints.data();
        double[] out = new double[n * d];
        double[] x = new double[d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(p, i * d, x, 0, d);
            System.arraycopy(normal(x), 0, out, i * d, d);
        }
        return Tensor.wrap(out, n, d);
    }

    /**
     * The union Ω ∪ other.
     *
     * @throws IllegalArgumentException if {@code other} is null or of another dimension
     */
    default Geometry union(Geometry other) {
        return new Csg(Csg.Operation.UNION, this, other);
    }

    /**
     * The difference Ω \ other (the closure of Ω minus other's interior): a rectangle with a hole is
     * {@code rectangle.difference(disk)}. On the part of the boundary that comes from {@code other}, the normal is
     * {@code other}'s, negated.
     *
     * @throws IllegalArgumentException if {@code other} is null or of another dimension
     */
    default Geometry difference(Geometry other) {
        return new Csg(Csg.Operation.DIFFERENCE, this, other);
    }

    /**
     * The intersection Ω ∩ other.
     *
     * @throws IllegalArgumentException if {@code other} is null, of another dimension, or the two bounding boxes do
     *                                  not overlap
     */
    default Geometry intersection(Geometry other) {
        return new Csg(Csg.Operation.INTERSECTION, this, other);
    }
}
