package org.sciml4j.plot;

/**
 * The axis titles of a line chart: what its x values are ("t", "epoch", "feature index") and what its lines show
 * ("u", "energy", "coverage").
 *
 * @param x the horizontal axis' title
 * @param y the vertical axis' title
 */
public record Axes(String x, String y) {
    /** Titles as given; a null title is an empty one. */
    public Axes {
        x = x == null ? "" : x;
        y = y == null ? "" : y;
    }

    /** The axes titled {@code x} and {@code y}. */
    public static Axes of(String x, String y) {
        return new Axes(x, y);
    }
}
