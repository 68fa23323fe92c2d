package org.sciml4j.spark;

import java.io.Serializable;

import org.sciml4j.inference.sbi.Simulations;

/**
 * One shard of a simulation farm, as shipped to an executor: its number (the file {@code shard-00003.npz}) and the
 * index range [from, to) of the whole generation it makes.
 *
 * @param index the shard's number, 0-based; shards are merged in this order
 * @param from  the first sample or simulation of the shard
 * @param to    one past its last
 * @param plan  for simulator farms, the rows [from, to) of the driver's {@link Simulations.Plan} (thetas and
 *              per-simulation seeds); null for solver (operator data) farms, whose samples draw their own inputs
 */
public record FarmShard(int index, int from, int to, Simulations.Plan plan) implements Serializable {
    /** Checks the range. */
    public FarmShard {
        if (index < 0 || from < 0 || to <= from) {
            throw new IllegalArgumentException("shard " + index + ": need 0 <= from < to, got [" + from + ", " + to
                    + ")");
        }
        if (plan != null && (plan.from() != from || plan.size() != to - from)) {
            throw new IllegalArgumentException("shard " + index + ": its plan holds rows from " + plan.from()
                    + " (" + plan.size() + "), not [" + from + ", " + to + ")");
        }
    }

    /** The number of samples or simulations. */
    public int size() {
        return to - from;
    }

    /** What a shard task reports: the shard file, whether an earlier attempt's file was reused, the task's time. */
    public record Done(int index, String path, boolean reused, double seconds) implements Serializable {
    }
}
