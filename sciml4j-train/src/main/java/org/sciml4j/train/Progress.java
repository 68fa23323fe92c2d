package org.sciml4j.train;

import java.util.List;
import java.util.Locale;

/**
 * The state of training after one epoch (Adam) or iteration (L-BFGS).
 *
 * @param phase      {@code "adam"} or {@code "lbfgs"} (or the first-order optimiser's phase name)
 * @param epoch      epochs and iterations so far, counted across phases from 1
 * @param total      the weighted total loss
 * @param termNames  the loss terms' names
 * @param terms      each term's value (unweighted), in {@code termNames} order
 * @param paramNames the unknown parameters' names
 * @param params     their current values
 */
public record Progress(String phase, int epoch, double total, List<String> termNames, double[] terms,
        List<String> paramNames, double[] params) {

    /** {@code adam   epoch   1000  loss 1.234e-03  equation 1.0e-03  initial 2.3e-04  c 0.1023}. */
    @Override
    public String toString() {
        return line("epoch");
    }

    /**
     * The loss line with the count named {@code unit}: {@code adam  epoch   1000  loss 1.234e-03  pde 1.2e-03}
     * ({@code step} where a family's epochs are passes over data and the count is the optimiser's steps).
     */
    public String line(String unit) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-5s %s %6d  loss %.3e", phase, unit, epoch,
                total));
        for (int i = 0; i < terms.length; i++) {
            b.append(String.format(Locale.ROOT, "  %s %.3e", termNames.get(i), terms[i]));
        }
        for (int i = 0; i < params.length; i++) {
            b.append(String.format(Locale.ROOT, "  %s %.6g", paramNames.get(i), params[i]));
        }
        return b.toString();
    }
}
