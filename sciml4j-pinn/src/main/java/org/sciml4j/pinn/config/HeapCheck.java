package org.sciml4j.pinn.config;

import org.sciml4j.nn.NetworkSpec;

/**
 * Rough memory estimates of a PINN problem file, checked against the Java heap ({@link
 * org.sciml4j.train.config.HeapLimit}) before anything large is allocated, so that 200 million
 * points or a 20000 x 20000 layer is refused at its line with the numbers and the setting to raise the heap, instead
 * of an out-of-memory error after seconds of work. The estimates are lower bounds of what training holds (float64
 * values, 8 bytes each), so a refusal is certain to be needed; a run that passes may still need more.
 */
final class HeapCheck {
    /** Copies a network's parameters live in while training: the weights, their gradient, Adam's two moments. */
    static final int PARAMETER_COPIES = 4;
    /**
     * Values training keeps per point and unit of width: the value, at least the first derivatives the equations
     * need through the jet, and the graph's saved inputs for the backward pass.
     */
    static final int VALUES_PER_POINT_AND_UNIT = 4;

    private HeapCheck() {
    }

    /** The parameters of the network a spec builds, for {@code inputs} variables and {@code outputs} fields. */
    static double parameters(NetworkSpec spec, int inputs, int outputs) {
        int mainOutputs = outputs - spec.fieldNetworks().size();
        double n = mlpParameters(spec.fourierFeatures() > 0 ? 2 * spec.fourierFeatures() : inputs, spec.hidden(),
                mainOutputs) * subdomains(spec, inputs);
        for (NetworkSpec f : spec.fieldNetworks().values()) {
            n += parameters(f, inputs, 1);
        }
        return n;
    }

    /** The sum of the network's layer widths (inputs, hidden, outputs): the values one point passes through. */
    static double width(NetworkSpec spec, int inputs, int outputs) {
        double w = inputs + outputs;
        for (int h : spec.hidden()) {
            w += h;
        }
        for (NetworkSpec f : spec.fieldNetworks().values()) {
            w += width(f, inputs, 1);
        }
        return w;
    }

    /** A finite-basis network's number of subnetworks (1 for other types). */
    private static double subdomains(NetworkSpec spec, int inputs) {
        double[] w = spec.option("windows");
        if (!"fbpinn".equals(spec.type())) {
            return 1;
        }
        return w == null ? Math.pow(4, inputs) : w.length == 1 ? Math.pow(w[0], inputs)
                : java.util.Arrays.stream(w).reduce(1, (a, b) -> a * b);
    }

    private static double mlpParameters(int inputs, int[] hidden, int outputs) {
        double n = 0;
        int in = inputs;
        for (int h : hidden) {
            n += (double) in * h + h;
            in = h;
        }
        return n + (double) in * outputs + outputs;
    }
}
