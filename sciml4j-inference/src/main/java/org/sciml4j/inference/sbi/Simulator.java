package org.sciml4j.inference.sbi;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * A simulator x ~ p(x | theta): given a batch of parameters and one seed per simulation, returns one data row per
 * parameter row. A simulation must depend only on its theta and its seed, so that a batch split differently, or run
 * on another thread, gives the same data.
 */
public interface Simulator {

    /** The length of one data row x. */
    int outputDim();

    /**
     * @param theta rows of parameters, shape (B, D)
     * @param seeds one seed per row, length B
     * @return data rows, shape (B, outputDim()); a row with a NaN marks a failed simulation
     * @throws IOException when an external simulator fails
     */
    double[][] simulate(double[][] theta, long[] seeds) throws IOException;

    /** A simulation written in Java, one theta at a time. */
    @FunctionalInterface
    interface PerSample {
        /** One data row for theta (length D), drawing all its randomness from {@code random}. */
        double[] simulate(double[] theta, SplittableRandom random);
    }

    /** A simulator from a Java function; each simulation gets {@code new SplittableRandom(seed)}. */
    static Simulator of(int outputDim, PerSample function) {
        return new Simulator() {
            @Override
            public int outputDim() {
                return outputDim;
            }

            @Override
            public double[][] simulate(double[][] theta, long[] seeds) {
                double[][] x = new double[theta.length][];
                for (int i = 0; i < theta.length; i++) {
                    x[i] = function.simulate(theta[i], new SplittableRandom(seeds[i]));
                    if (x[i].length != outputDim) {
                        throw new IllegalStateException("the simulator returned " + x[i].length
                                + " values, expected " + outputDim);
                    }
                }
                return x;
            }
        };
    }

    /** A standard normal from a SplittableRandom (Marsaglia polar), for simulators written against it. */
    static double normal(SplittableRandom r) {
        double u;
        double v;
        double s;
        do {
            u = 2 * r.nextDouble() - 1;
            v = 2 * r.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }
}
