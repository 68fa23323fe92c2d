package org.sciml4j.spark;

import java.io.Serializable;

import org.sciml4j.inference.sbi.Simulations;

/**
 * One shard of a simulation farm, as shipped to an executor: its number (the file {@code shard-00003.npz}) and the
 * index range [from, to) of the whole generation it makes; for simulator farms also its rows of the driver's
 * {@link Simulations.Plan}, carried flat (one array of thetas, one of seeds) (Java serialises one array per
 * row several times slower).
 *
 * @param index the shard's number, 0-based; shards are merged in this order
 * @param from  the first sample or simulation of the shard
 * @param to    one past its last
 * @param theta for simulator farms, the plan's thetas of rows [from, to), flattened (to - from, dim); null for
 *              solver (operator data) farms, whose samples draw their own inputs
 * @param dim   D, the length of one theta (0 without a plan)
 * @param seeds the plan's seeds of rows [from, to), or null
 */
public record FarmShard(int index, int from, int to, double[] theta, int dim, long[] seeds) implements Serializable {
    /** Checks the range and the plan's lengths. */
    public FarmShard {
        if (index < 0 || from < 0 || to <= from) {
            throw new IllegalArgumentException("shard " + index + ": need 0 <= from < to, got [" + from + ", " + to
                    + ")");
        }
        if ((theta == null) != (seeds == null) || theta != null && (seeds.length != to - from
                || theta.length != (long) (to - from) * dim)) {
            throw new IllegalArgumentException("shard " + index + ": its plan does not hold the rows [" + from + ", "
                    + to + ") of dimension " + dim);
        }
    }

    /** A shard of a solver farm (no plan). */
    public static FarmShard range(int index, int from, int to) {
        return new FarmShard(index, from, to, null, 0, null);
    }

    /** A shard of a simulator farm: the rows [from, to) of the whole plan. */
    public static FarmShard of(int index, int from, int to, Simulations.Plan whole) {
        Simulations.Plan slice = whole.slice(from, to);
        int dim = slice.size() == 0 ? 0 : slice.theta()[0].length;
        double[] flat = new double[slice.size() * dim];
        for (int i = 0; i < slice.size(); i++) {
            System.arraycopy(slice.theta()[i], 0, flat, i * dim, dim);
        }
        return new FarmShard(index, slice.from(), slice.from() + slice.size(), flat, dim, slice.seeds());
    }

    /** The plan rows this shard simulates (null for a solver farm's shard). */
    public Simulations.Plan plan() {
        if (theta == null) {
            return null;
        }
        double[][] rows = new double[to - from][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = java.util.Arrays.copyOfRange(theta, i * dim, (i + 1) * dim);
        }
        return new Simulations.Plan(from, rows, seeds.clone());
    }

    /** The number of samples or simulations. */
    public int size() {
        return to - from;
    }

    /** What a shard task reports: the shard file, whether an earlier attempt's file was reused, the task's time. */
    public record Done(int index, String path, boolean reused, double seconds) implements Serializable {
    }
}
