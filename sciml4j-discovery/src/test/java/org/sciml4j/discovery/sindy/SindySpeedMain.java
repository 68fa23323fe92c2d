package org.sciml4j.discovery.sindy;

import java.util.List;
import org.sciml4j.discovery.data.Generators;
import org.sciml4j.discovery.derivative.FiniteDifference;

/**
 * The speed figure of issue 16 (not a test: timing is never asserted): SINDy on 100 000 Lorenz samples x 3 variables
 * with a degree-5 polynomial library (56 features), finite differences and STLSQ. Prints the median of 7 fits after
 * 3 warm-ups. Run from the module with its test classpath (see docs/SINDY.md).
 */
public final class SindySpeedMain {
    private SindySpeedMain() {
    }

    public static void main(String[] args) {
        Generators.Trajectory d = Generators.lorenz(10, 28, 8.0 / 3, new double[] {-8, 8, 27}, 0.001, 99.999);
        System.out.println("samples " + d.t().length + ", features " + new PolynomialLibrary(5).names(d.names())
                .size());
        Sindy sindy = new Sindy(new PolynomialLibrary(5), new Stlsq(0.1, 0, 20, true), new FiniteDifference(1, 4),
                null);
        double[] times = new double[10];
        SindyModel model = null;
        for (int r = 0; r < times.length; r++) {
            long t0 = System.nanoTime();
            model = sindy.fit(d.t(), d.x(), List.of("x", "y", "z"));
            times[r] = (System.nanoTime() - t0) / 1e6;
        }
        double[] timed = java.util.Arrays.copyOfRange(times, 3, times.length);
        java.util.Arrays.sort(timed);
        System.out.println("fit times ms " + java.util.Arrays.toString(times));
        System.out.println("median of 7 after 3 warm-ups: " + timed[3] + " ms");
        System.out.println(model.equations(3));
    }
}
