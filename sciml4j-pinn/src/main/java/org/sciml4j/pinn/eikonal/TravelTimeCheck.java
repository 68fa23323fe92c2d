package org.sciml4j.pinn.eikonal;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import org.sciml4j.solvers.eikonal.FactoredFastMarching;
import org.sciml4j.solvers.eikonal.Grid;
import org.sciml4j.solvers.eikonal.TravelTimes;
import org.sciml4j.tensor.Rng;

/**
 * The surrogate against second-order factored fast marching on a grid: for S sources drawn in the box, the travel
 * times at every grid node (the receivers) from both. The relative mean absolute error is
 * sum |T_net - T_fm| / sum T_fm over all source-receiver pairs (a mean absolute error relative to the mean travel
 * time: it does not blow up at the receivers next to a source, where T itself goes to 0). Where the velocity has a
 * closed-form travel time, fast marching's own error against it is measured the same way, on this grid and on the
 * one with twice the resolution (2n - 1 nodes per axis), and its order follows.
 *
 * @param grid    the evaluation grid (2-D or 3-D)
 * @param sources S sources, each length d
 */
public record TravelTimeCheck(Grid grid, List<double[]> sources) {
    /** How many times its depth the grid of the check against a closed form spans. */
    static final int DEPTH_EXTENSION = 3;

    /** The result of {@link #run}. */
    public record Result(double relativeError, double maxAbsoluteError, double meanTime, List<TravelTimes> marches,
            List<double[]> network, OptionalDouble marchingError, OptionalDouble marchingErrorFine,
            OptionalDouble networkExactError) {

        /** Fast marching's measured order from this grid to the finer one, or empty without a closed form. */
        public OptionalDouble marchingOrder() {
            if (marchingError.isEmpty() || marchingErrorFine.isEmpty()) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(Math.log(marchingError.getAsDouble() / marchingErrorFine.getAsDouble())
                    / Math.log(2));
        }
    }

    /** S sources drawn uniformly in the box with {@code seed}, on a grid of {@code shape} nodes spanning it. */
    public static TravelTimeCheck random(Box box, int[] shape, int count, long seed) {
        Grid grid = Grid.spanning(box.lo(), box.hi(), shape);
        Rng rng = new Rng(seed);
        List<double[]> sources = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            sources.add(box.sample(rng, 1));
        }
        return new TravelTimeCheck(grid, List.copyOf(sources));
    }

    /** The grid's nodes, flat (size * d, node-major in the grid's order). */
    public static double[] nodes(Grid grid) {
        int d = grid.dimension();
        double[] p = new double[grid.size() * d];
        for (int i = 0; i < grid.size(); i++) {
            for (int a = 0; a < d; a++) {
                p[i * d + a] = grid.coordinate(i, a);
            }
        }
        return p;
    }

    /** Marches from every source and compares the surrogate at every node. */
    public Result run(EikonalSurrogate surrogate) {
        Velocity v = surrogate.velocity();
        double[] receivers = nodes(grid);
        double[] slowness = slowness(v, receivers, grid.dimension());
        FactoredFastMarching fm = FactoredFastMarching.secondOrder();
        List<TravelTimes> marches = new ArrayList<>();
        List<double[]> network = new ArrayList<>();
        double sumError = 0;
        double sumTime = 0;
        double worst = 0;
        long count = 0;
        for (double[] s : sources) {
            TravelTimes t = fm.solve(grid, slowness, s);
            double[] ref = t.times();
            double[] net = surrogate.timesFrom(s, receivers);
            for (int i = 0; i < ref.length; i++) {
                double e = Math.abs(net[i] - ref[i]);
                sumError += e;
                sumTime += ref[i];
                worst = Math.max(worst, e);
            }
            count += ref.length;
            marches.add(t);
            network.add(net);
        }
        boolean closedForm = v.exactTime(sources.get(0), sources.get(0)).isPresent();
        OptionalDouble exact = closedForm ? OptionalDouble.of(marchingExactError(v, grid)) : OptionalDouble.empty();
        OptionalDouble fine = closedForm ? OptionalDouble.of(marchingExactError(v, finer(grid)))
                : OptionalDouble.empty();
        OptionalDouble networkExact = closedForm ? networkExactError(v, receivers, network)
                : OptionalDouble.empty();
        return new Result(sumError / sumTime, worst, sumTime / count, marches, network, exact, fine, networkExact);
    }

    private static double[] slowness(Velocity v, double[] points, int d) {
        double[] s = v.at(points, d);
        for (int i = 0; i < s.length; i++) {
            s[i] = 1 / s[i];
        }
        return s;
    }

    /** The grid with 2n - 1 nodes along each axis over the same box: the spacing halved. */
    private static Grid finer(Grid g) {
        int[] shape = new int[g.dimension()];
        for (int a = 0; a < shape.length; a++) {
            shape[a] = 2 * g.shape()[a] - 1;
        }
        return Grid.spanning(g.origin(), g.upper(), shape);
    }

    /**
     * Fast marching's error against the closed form on {@code g}'s nodes: sum |T_fm - T_exact| / sum T_exact over
     * the sources. The march runs on the grid extended to {@link #DEPTH_EXTENSION} times its depth (same spacing),
     * because the closed form is that of an unbounded medium, whose rays between deep points dip below the box;
     * fast marching in the box alone measures the box's truncation, not its discretisation.
     */
    private double marchingExactError(Velocity v, Grid g) {
        int d = g.dimension();
        int[] shape = g.shape().clone();
        int nz = shape[d - 1];
        shape[d - 1] = DEPTH_EXTENSION * (nz - 1) + 1;
        double[] upper = g.upper();
        upper[d - 1] = g.origin()[d - 1] + (shape[d - 1] - 1) * g.spacing()[d - 1];
        Grid deep = Grid.spanning(g.origin(), upper, shape);
        double[] nodes = nodes(deep);
        double[] slowness = slowness(v, nodes, d);
        double sumError = 0;
        double sumTime = 0;
        for (double[] s : sources) {
            double[] t = FactoredFastMarching.secondOrder().solve(deep, slowness, s).times();
            for (int i = 0; i < t.length; i++) {
                if (i % shape[d - 1] >= nz) {
                    continue; // below the box
                }
                double e = v.exactTime(java.util.Arrays.copyOfRange(nodes, i * d, i * d + d), s).getAsDouble();
                sumError += Math.abs(t[i] - e);
                sumTime += e;
            }
        }
        return sumError / sumTime;
    }

    private OptionalDouble networkExactError(Velocity v, double[] receivers, List<double[]> network) {
        int d = grid.dimension();
        double sumError = 0;
        double sumTime = 0;
        for (int k = 0; k < network.size(); k++) {
            double[] t = network.get(k);
            for (int i = 0; i < t.length; i++) {
                double e = v.exactTime(java.util.Arrays.copyOfRange(receivers, i * d, i * d + d), sources.get(k))
                        .getAsDouble();
                sumError += Math.abs(t[i] - e);
                sumTime += e;
            }
        }
        return OptionalDouble.of(sumError / sumTime);
    }
}
