package org.sciml4j.discovery.dmd;

import java.util.Arrays;

/**
 * Snapshot data for DMD: x (features, snapshots), column-major (snapshot k is column k), their times, where each
 * trajectory starts (pairs never cross from one trajectory to the next), optional inputs (inputs, snapshots) for DMD
 * with control, and the true continuous-time eigenvalues when known (generated data), for scoring.
 *
 * @param x           the snapshots (features * snapshots)
 * @param features    m
 * @param snapshots   n
 * @param times       the time of each snapshot (n), increasing within a trajectory
 * @param starts      the index of the first snapshot of each trajectory, starting with 0
 * @param inputs      the control inputs (q, n), or null
 * @param inputCount  q (0 without inputs)
 * @param truthRe     real parts of the true continuous-time eigenvalues, or null
 * @param truthIm     imaginary parts of the true continuous-time eigenvalues, or null
 */
public record Snapshots(double[] x, int features, int snapshots, double[] times, int[] starts, double[] inputs,
                        int inputCount, double[] truthRe, double[] truthIm) {

    public Snapshots {
        if (x.length != features * snapshots || times.length != snapshots) {
            throw new IllegalArgumentException("snapshots (" + features + ", " + snapshots + ") need "
                    + features * snapshots + " values and " + snapshots + " times, got " + x.length + " and "
                    + times.length);
        }
    }

    /** One trajectory without inputs or truth. */
    public static Snapshots of(double[] x, int features, double[] times) {
        return new Snapshots(x, features, times.length, times, new int[] {0}, null, 0, null, null);
    }

    /** A copy with other values (same shape), e.g. with noise. */
    public Snapshots withValues(double[] values) {
        return new Snapshots(values, features, snapshots, times, starts, inputs, inputCount, truthRe, truthIm);
    }

    /** A copy with these true eigenvalues. */
    public Snapshots withTruth(double[] re, double[] im) {
        return new Snapshots(x, features, snapshots, times, starts, inputs, inputCount, re, im);
    }

    /** A copy with these inputs (q, n). */
    public Snapshots withInputs(double[] u, int q) {
        return new Snapshots(x, features, snapshots, times, starts, u, q, truthRe, truthIm);
    }

    /** The number of consecutive pairs within trajectories. */
    public int pairs() {
        return snapshots - starts.length;
    }

    /** X (m, pairs): every snapshot that has a successor in its trajectory. */
    public double[] pairFirsts() {
        return pairColumns(0);
    }

    /** Y (m, pairs): the successors. */
    public double[] pairSeconds() {
        return pairColumns(1);
    }

    /** The inputs applied between the pairs, (q, pairs). */
    public double[] pairInputs() {
        double[] out = new double[inputCount * pairs()];
        int c = 0;
        for (int k = 0; k < snapshots; k++) {
            if (!isLastOfTrajectory(k)) {
                System.arraycopy(inputs, k * inputCount, out, c * inputCount, inputCount);
                c++;
            }
        }
        return out;
    }

    private double[] pairColumns(int shift) {
        double[] out = new double[features * pairs()];
        int c = 0;
        for (int k = 0; k < snapshots; k++) {
            if (!isLastOfTrajectory(k)) {
                System.arraycopy(x, (k + shift) * features, out, c * features, features);
                c++;
            }
        }
        return out;
    }

    private boolean isLastOfTrajectory(int k) {
        if (k == snapshots - 1) {
            return true;
        }
        return Arrays.binarySearch(starts, k + 1) >= 0;
    }

    /** The number of snapshots in the first trajectory. */
    public int firstTrajectoryLength() {
        return starts.length > 1 ? starts[1] : snapshots;
    }

    /**
     * The time step when the first trajectory is equally spaced (relative deviations under 1e-9), else NaN.
     */
    public double uniformStep() {
        int n = firstTrajectoryLength();
        if (n < 2) {
            return Double.NaN;
        }
        double dt = (times[n - 1] - times[0]) / (n - 1);
        for (int k = 1; k < n; k++) {
            if (Math.abs(times[k] - times[k - 1] - dt) > 1e-9 * Math.abs(dt)) {
                return Double.NaN;
            }
        }
        return dt;
    }
}
