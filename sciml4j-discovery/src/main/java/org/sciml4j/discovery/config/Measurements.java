package org.sciml4j.discovery.config;

import java.util.List;

/**
 * What a sindy problem file's data section yields: either trajectories of states (and controls), or one field on a
 * space-time grid (PDE-FIND).
 *
 * @param t        the times, shape (n)
 * @param x        the states, shape (n, names.size()) row-major; for a field, the field itself, shape (n, nx)
 * @param names    the state names; for a field, its one name
 * @param u        the controls, shape (n, controls.size()) row-major, or null
 * @param controls the control names
 * @param space    the space grid of a field, shape (nx), or null for trajectories
 * @param spaceName the space variable's name ("x")
 * @param periodic whether the field is periodic in space
 * @param source   where the data came from, for the summary
 */
record Measurements(double[] t, double[] x, List<String> names, double[] u, List<String> controls, double[] space,
        String spaceName, boolean periodic, String source) {

    boolean isField() {
        return space != null;
    }

    int vars() {
        return isField() ? space.length : names.size();
    }
}
