package org.sciml4j.pinn.marching;

/**
 * Time-marching settings: the range of {@code variable} cut into {@code windows} equal windows, trained one after
 * the other ({@link TimeMarching}).
 *
 * @param variable the time variable's name
 * @param windows  how many windows (>= 1; 1 is plain training)
 */
public record TimeWindows(String variable, int windows) {
    /** Checks the count. */
    public TimeWindows {
        if (windows < 1) {
            throw new IllegalArgumentException("time_windows: windows must be >= 1, got " + windows);
        }
    }

    /**
     * The windows' ends: {@code lo + k (hi - lo) / windows}, k = 0 .. windows, the last exactly {@code hi}.
     *
     * @return shape (windows + 1,)
     */
    public double[] bounds(double lo, double hi) {
        double[] b = new double[windows + 1];
        for (int k = 0; k <= windows; k++) {
            b[k] = k == windows ? hi : lo + k * (hi - lo) / windows;
        }
        return b;
    }
}
