package org.sciml4j.solvers.eikonal;

import java.util.Arrays;

/**
 * Travel times of the eikonal equation |grad T| = s(x) (s the slowness, 1 / velocity) from a point source, by fast
 * marching on a regular 2-D or 3-D grid, factored: T = T0 tau with T0 = s0 |x - xs| (s0 the slowness at the source),
 * so the source's singularity is carried by T0 and the smooth factor tau is what the upwind differences see (Fomel,
 * Luo &amp; Zhao 2009). Without the factorisation first-order fast marching converges like h log(1/h) and second
 * order no better; with it the orders are 1 and 2. In a constant medium tau = 1 and the result is exact.
 *
 * <p>The source may be anywhere in the grid's box. Marching runs from a node (the nodes within a few cells of it set
 * from the straight ray); for a source between nodes, tau is interpolated (bi- or trilinearly in the source position)
 * from the marches of its cell's corners, which keeps a constant medium exact and the order where tau is smooth
 * (an upwind scheme marching from an off-node source reaches the column between the source and the next grid line
 * along one axis only, an O(1) relative error near the source). Costs one march per corner with a non-zero weight.
 * Immutable; thread-safe.
 */
public final class FactoredFastMarching {
    private static final byte FAR = 0;
    private static final byte TRIAL = 1;
    private static final byte KNOWN = 2;

    /** How many cells around the source's cell are set from the straight ray. */
    static final int SOURCE_CELLS = 2;

    private final int order;

    private FactoredFastMarching(int order) {
        this.order = order;
    }

    /** First-order upwind differences of tau. */
    public static FactoredFastMarching firstOrder() {
        return new FactoredFastMarching(1);
    }

    /** Second-order upwind differences of tau where two known upwind nodes exist, first order elsewhere. */
    public static FactoredFastMarching secondOrder() {
        return new FactoredFastMarching(2);
    }

    /** 1 or 2. */
    public int order() {
        return order;
    }

    /**
     * Solves for the travel times from one source.
     *
     * @param grid      the grid
     * @param slowness  s at every node, flat (length {@code grid.size()}), each finite and > 0
     * @param source    the source's coordinates (length d), inside the grid's box
     * @return the travel-time field
     * @throws IllegalArgumentException naming the first bad slowness value, or a source outside the grid
     */
    public TravelTimes solve(Grid grid, double[] slowness, double[] source) {
        check(grid, slowness, source);
        int d = grid.dimension();
        double s0 = Multilinear.at(grid, slowness, source);
        double[] tau = new double[grid.size()];
        Multilinear.Corners corners = Multilinear.corners(grid, source);
        for (int k = 0; k < corners.nodes().length; k++) {
            double w = corners.weights()[k];
            if (w > 0) {
                double[] t = new March(grid, slowness, corners.nodes()[k]).run();
                for (int i = 0; i < tau.length; i++) {
                    tau[i] += w * t[i];
                }
            }
        }
        double[] times = new double[tau.length];
        for (int i = 0; i < tau.length; i++) {
            double r2 = 0;
            for (int a = 0; a < d; a++) {
                double dx = grid.coordinate(i, a) - source[a];
                r2 += dx * dx;
            }
            times[i] = s0 * Math.sqrt(r2) * tau[i];
        }
        return new TravelTimes(grid, source.clone(), s0, tau, times);
    }

    private static void check(Grid grid, double[] slowness, double[] source) {
        if (slowness.length != grid.size()) {
            throw new IllegalArgumentException("slowness has " + slowness.length + " values for a grid of "
                    + grid.size() + " nodes " + Arrays.toString(grid.shape()));
        }
        for (int i = 0; i < slowness.length; i++) {
            if (!(slowness[i] > 0) || !Double.isFinite(slowness[i])) {
                throw new IllegalArgumentException("slowness at node " + i + " must be finite and > 0, got "
                        + slowness[i]);
            }
        }
        if (source.length != grid.dimension() || !grid.contains(source)) {
            throw new IllegalArgumentException("source " + Arrays.toString(source) + " is not inside the grid "
                    + grid);
        }
    }

    /** One solve's working state. */
    private final class March {
        private final Grid grid;
        private final double[] s;
        private final double[] xs;
        private final int d;
        private final int[] stride;
        private final double[] h;
        private final double s0;
        /** T0 = s0 |x - xs| and its gradient per node, computed once. */
        private final double[] t0;
        private final double[][] g;
        private final double[] tau;
        private final byte[] state;
        private final NodeHeap front;
        // per-update scratch: for each axis, the coefficients of the upwind difference, grad T_k = A_k tau - B_k
        private final double[] coefA;
        private final double[] coefB;
        private final int[] dir;

        March(Grid grid, double[] s, int sourceNode) {
            this.grid = grid;
            this.s = s;
            this.xs = new double[grid.dimension()];
            for (int a = 0; a < xs.length; a++) {
                xs[a] = grid.coordinate(sourceNode, a);
            }
            this.d = grid.dimension();
            this.stride = new int[d];
            this.h = grid.spacing();
            for (int a = 0; a < d; a++) {
                stride[a] = grid.stride(a);
            }
            this.s0 = s[sourceNode];
            int n = grid.size();
            t0 = new double[n];
            g = new double[d][n];
            for (int node = 0; node < n; node++) {
                double r2 = 0;
                for (int a = 0; a < d; a++) {
                    double dx = grid.coordinate(node, a) - xs[a];
                    g[a][node] = dx;
                    r2 += dx * dx;
                }
                double r = Math.sqrt(r2);
                t0[node] = s0 * r;
                for (int a = 0; a < d; a++) {
                    g[a][node] = r > 0 ? s0 * g[a][node] / r : 0;
                }
            }
            tau = new double[n];
            Arrays.fill(tau, Double.POSITIVE_INFINITY);
            state = new byte[n];
            front = new NodeHeap(n);
            coefA = new double[d];
            coefB = new double[d];
            dir = new int[d];
        }

        /** tau at every node, relative to T0 = s0 |x - xs| from this march's source node (1 at the node). */
        double[] run() {
            for (int node : sourceBox()) {
                tau[node] = t0[node] > 0 ? 0.5 * (s[node] + s0) * (t0[node] / s0) / t0[node] : 1;
                state[node] = KNOWN;
            }
            for (int node : sourceBox()) {
                relaxNeighbours(node);
            }
            while (!front.isEmpty()) {
                int node = front.poll();
                state[node] = KNOWN;
                relaxNeighbours(node);
            }
            return tau;
        }

        /**
         * The nodes within {@link #SOURCE_CELLS} cells of the source node, set from the straight ray (T = r times the
         * mean slowness of both ends, exact to O(r^3)), so the marching starts where tau's differences are smooth.
         */
        private int[] sourceBox() {
            int[] lo = new int[d];
            int[] count = new int[d];
            int total = 1;
            for (int a = 0; a < d; a++) {
                int i = (int) Math.round((xs[a] - grid.origin()[a]) / h[a]);
                lo[a] = Math.max(0, i - SOURCE_CELLS);
                count[a] = Math.min(grid.shape()[a] - 1, i + SOURCE_CELLS) - lo[a] + 1;
                total *= count[a];
            }
            int[] out = new int[total];
            for (int c = 0; c < total; c++) {
                int node = 0;
                int rest = c;
                for (int a = 0; a < d; a++) {
                    node += (lo[a] + rest % count[a]) * stride[a];
                    rest /= count[a];
                }
                out[c] = node;
            }
            return out;
        }

        private void relaxNeighbours(int node) {
            for (int a = 0; a < d; a++) {
                int i = (node / stride[a]) % grid.shape()[a];
                if (i > 0) {
                    relax(node - stride[a]);
                }
                if (i < grid.shape()[a] - 1) {
                    relax(node + stride[a]);
                }
            }
        }

        private void relax(int node) {
            if (state[node] == KNOWN) {
                return;
            }
            double candidate = update(node);
            if (candidate < tau[node]) {
                tau[node] = candidate;
                state[node] = TRIAL;
                front.offer(node, t0[node] * candidate);
            }
        }

        /** The least tau at {@code node} over the subsets of upwind axes whose solution is causal. */
        private double update(int node) { // numerical kernel
            int axes = 0;
            for (int a = 0; a < d; a++) {
                dir[a] = 0;
                int i = (node / stride[a]) % grid.shape()[a];
                int lo = i > 0 && state[node - stride[a]] == KNOWN ? node - stride[a] : -1;
                int hi = i < grid.shape()[a] - 1 && state[node + stride[a]] == KNOWN ? node + stride[a] : -1;
                if (lo < 0 && hi < 0) {
                    continue;
                }
                int n1 = hi < 0 || (lo >= 0 && time(lo) <= time(hi)) ? lo : hi;
                int sign = n1 == lo ? 1 : -1; // +1: the wave comes from the lower side
                double alpha = 1;
                double beta = tau[n1];
                int i1 = i - sign;
                int i2 = i1 - sign;
                if (order == 2 && i2 >= 0 && i2 < grid.shape()[a]) {
                    int n2 = n1 - sign * stride[a];
                    if (state[n2] == KNOWN && time(n2) <= time(n1)) {
                        alpha = 1.5;
                        beta = 2 * tau[n1] - 0.5 * tau[n2];
                    }
                }
                dir[a] = sign;
                coefA[a] = t0[node] * sign * alpha / h[a] + g[a][node];
                coefB[a] = t0[node] * sign * beta / h[a];
                axes |= 1 << a;
            }
            // the solution over the most upwind axes that is causal (as in plain fast marching); fewer axes only when
            // none of the larger sets gives one: near the source a one-axis solution can undercut the true one
            double s2 = s[node] * s[node];
            for (int size = Integer.bitCount(axes); size > 0; size--) {
                double best = Double.POSITIVE_INFINITY;
                for (int subset = axes; subset > 0; subset = (subset - 1) & axes) {
                    if (Integer.bitCount(subset) == size) {
                        best = Math.min(best, solve(subset, s2));
                    }
                }
                if (best < Double.POSITIVE_INFINITY) {
                    return best;
                }
            }
            return Double.POSITIVE_INFINITY;
        }

        /** The causal root tau of sum over the subset's axes (A_k tau - B_k)^2 = s^2, or infinity. */
        private double solve(int subset, double s2) {
            double qa = 0;
            double qb = 0;
            double qc = -s2;
            for (int a = 0; a < d; a++) {
                if ((subset >> a & 1) == 1) {
                    qa += coefA[a] * coefA[a];
                    qb += coefA[a] * coefB[a];
                    qc += coefB[a] * coefB[a];
                }
            }
            double disc = qb * qb - qa * qc;
            if (qa <= 0 || disc < 0) {
                return Double.POSITIVE_INFINITY;
            }
            double t = (qb + Math.sqrt(disc)) / qa;
            return t > 0 && causal(subset, t) ? t : Double.POSITIVE_INFINITY;
        }

        /** Every axis of the subset sees T grow away from its upwind neighbour. */
        private boolean causal(int subset, double t) {
            for (int a = 0; a < d; a++) {
                if ((subset >> a & 1) == 1 && dir[a] * (coefA[a] * t - coefB[a]) < 0) {
                    return false;
                }
            }
            return true;
        }

        private double time(int node) {
            return t0[node] * tau[node];
        }
    }
}
