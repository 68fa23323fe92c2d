package org.sciml4j.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sciml4j.io.AtomicFiles;

/**
 * PNG plots of plain {@code double[]} data: prediction against truth, loss curves, heat maps and families of curves.
 * <p>
 * Every method renders headless (the class sets {@code java.awt.headless=true} before any AWT class is used), draws an
 * image of {@value #WIDTH} x {@value #HEIGHT} pixels and writes it atomically with {@link AtomicFiles}: a reader sees
 * the old file or the complete new one, and no temporary file is left behind, also when rendering fails. Missing
 * parent folders are created. Non-finite y values (NaN, infinities) are left out of the lines (they leave a gap)
 * rather than breaking the axis range. Arrays whose lengths do not match are rejected with an
 * {@link IllegalArgumentException} that names the arrays and their lengths.
 * <p>
 * Line charts use XChart; the heat map is drawn directly with Java2D and the viridis colour map ({@link HeatMap}).
 */
public final class Plots {
    static {
        // before any AWT class is loaded: no display is needed (or wanted) to render PNGs
        System.setProperty("java.awt.headless", "true");
    }

    /** Width of every image, in pixels. */
    public static final int WIDTH = 800;
    /** Height of every image, in pixels. */
    public static final int HEIGHT = 500;

    /** Colour of the prediction line. */
    static final Color PREDICTION = new Color(0x1f77b4);
    /** Colour of the (dashed) truth line. */
    static final Color TRUTH = new Color(0x222222);
    /** Colour of the data markers. */
    static final Color DATA = new Color(0xd62728);
    /** Categorical colours (matplotlib's tab10) for up to ten lines. */
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };

    static final String FONT = Font.SANS_SERIF;
    /** A dash pattern that reads as dashes (XChart's DASH_DASH looks dotted at 2 px). */
    private static final BasicStroke DASHED = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {9f, 5f}, 0f);

    private Plots() {
    }

    /**
     * Starts a daemon thread that draws a loss chart of made-up values in memory and throws it away, so that the first
     * real chart does not pay for loading and initialising Java2D's fonts, XChart and the PNG encoder, nor for running
     * the antialiasing rasteriser's loops before the JIT has compiled them (at the end of the tutorial's forward run
     * the set-up took 0.7 s of one core; after a warm-up with a two-point line, drawing the loss chart of its 10000
     * epochs still took 0.25 s, most of it in the rasteriser). For a program that will plot the results of a long
     * computation, once that computation has left a core free.
     *
     * @return the started thread (a daemon: it never keeps the JVM alive)
     */
    public static Thread warmUpInBackground() {
        Thread t = new Thread(() -> {
            try {
                Png.encode(render(warmUpChart()));
            } catch (RuntimeException e) {
                // only a head start: the same failure shows again, and is reported, when a real chart is drawn
            }
        }, "sciml4j-plot-warm-up");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A loss chart like a training's: three decaying, noisy curves over 10000 epochs, a few thousand points drawn. */
    private static XYChart warmUpChart() {
        int n = 10000;
        double[] epochs = new double[n];
        double[][] terms = new double[3][n];
        for (int e = 0; e < n; e++) {
            epochs[e] = e + 1;
            for (int i = 0; i < 3; i++) {
                terms[i][e] = Math.exp(-e / (1000.0 * (i + 1))) * (1.5 + Math.sin(e * (0.37 + i)));
            }
        }
        return lossChart("warm-up", "epoch", epochs, List.of("loss", "a", "b"), List.of(terms));
    }

    // ------------------------------------------------------------------------------------------------ line charts

    /**
     * Plots a prediction u(t) as a solid line, optionally the true solution as a dashed line over the same t, and
     * optionally data points as markers without a line; axes are labelled t and u, with a legend.
     *
     * @param png       the PNG file to write (replaced atomically)
     * @param title     the chart title ({@code null} for none)
     * @param axes      the axis titles, e.g. {@code Axes.of("t", "u")}
     * @param t         the times of {@code predicted} (and {@code truth}); finite and not empty
     * @param predicted the predicted u, one per t
     * @param truth     the true u, one per t, or {@code null} for no truth line
     * @param dataT     the times of the data points, or {@code null} for no data (then {@code dataU} must be
     *                  {@code null} too)
     * @param dataU     the measured u, one per {@code dataT}, or {@code null}
     * @throws IllegalArgumentException if an array length does not match, {@code t} is empty, a time is not finite,
     *                                  or only one of {@code dataT}, {@code dataU} is given
     * @throws IOException              if the file cannot be written
     */
    public static void predictionVsTruth(Path png, String title, Axes axes, double[] t, double[] predicted,
            double[] truth, double[] dataT, double[] dataU) throws IOException {
        Objects.requireNonNull(png, "png");
        requireX("t", t);
        XYChart chart = lineChart(title, axes);
        addPredictionSeries(chart, t, predicted, truth, dataT, dataU);
        writeChart(png, chart);
    }

    /**
     * Plots a prediction u(t) with an uncertainty band: the band [lower, upper] shaded, the mean as a solid line, and
     * optionally the true solution (dashed) and data points (markers), as {@link #predictionVsTruth}.
     *
     * @param png       the PNG file to write (replaced atomically)
     * @param title     the chart title ({@code null} for none)
     * @param axes      the axis titles
     * @param bandLabel the band's legend label, e.g. "mean +- 2 sd"
     * @param t         the times; finite and not empty
     * @param mean      the mean prediction, one per t
     * @param lower     the band's lower edge, one per t
     * @param upper     the band's upper edge, one per t
     * @param truth     the true u, one per t, or {@code null}
     * @param dataT     the data's times, or {@code null}
     * @param dataU     the data's values, one per {@code dataT}, or {@code null}
     * @throws IllegalArgumentException if an array length does not match or a value of t or of the band is not
     *                                  finite
     * @throws IOException              if the file cannot be written
     */
    public static void predictionBand(Path png, String title, Axes axes, String bandLabel, double[] t,
            double[] mean, double[] lower, double[] upper, double[] truth, double[] dataT, double[] dataU)
            throws IOException {
        Objects.requireNonNull(png, "png");
        requireX("t", t);
        sameLength("t", t, "lower", lower);
        sameLength("t", t, "upper", upper);
        requireFinite("lower", lower);
        requireFinite("upper", upper);
        // the band is one closed polygon: along the upper edge, back along the lower one
        int n = t.length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = t[i];
            py[i] = upper[i];
            px[2 * n - 1 - i] = t[i];
            py[2 * n - 1 - i] = lower[i];
        }
        // the band goes in first, so that the lines are drawn on top of it
        XYChart chart = lineChart(title, axes);
        XYSeries band = chart.addSeries(bandLabel == null || bandLabel.isBlank() ? "band" : bandLabel, px, py);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setMarker(SeriesMarkers.NONE);
        band.setFillColor(new Color(0x1f, 0x77, 0xb4, 70));
        band.setLineColor(new Color(0x1f, 0x77, 0xb4, 70));
        addPredictionSeries(chart, t, mean, truth, dataT, dataU);
        writeChart(png, chart);
    }

    /**
     * Plots loss terms against the epoch on a logarithmic y axis, one line per term in the order given; the first
     * term is taken to be the total and is drawn thicker and in black. Values that a log axis cannot show (zero,
     * negative, not finite) are left out, leaving a gap in the line; a term without any positive value stays in
     * the legend, marked "(no positive values)".
     *
     * @param png    the PNG file to write (replaced atomically)
     * @param title  the chart title ({@code null} for none)
     * @param epochs the x values (epochs or steps); finite and not empty
     * @param names  the names of the terms, total first (distinct; a repeated name gets a suffix)
     * @param values one array per name, each as long as {@code epochs}
     * @throws IllegalArgumentException if {@code names} and {@code values} differ in size, there is no term, an array
     *                                  is not as long as {@code epochs}, or an epoch is not finite
     * @throws IOException              if the file cannot be written
     */
    public static void lossCurves(Path png, String title, double[] epochs, List<String> names, List<double[]> values)
            throws IOException {
        lossCurves(png, title, "epoch", epochs, names, values);
    }

    /** {@link #lossCurves(Path, String, double[], List, List)} with the x axis named {@code xLabel}, e.g. "step". */
    public static void lossCurves(Path png, String title, String xLabel, double[] x, List<String> names,
            List<double[]> values) throws IOException {
        Objects.requireNonNull(png, "png");
        writeChart(png, lossChart(title, xLabel, x, names, values));
    }

    /** The chart {@link #lossCurves} draws. */
    private static XYChart lossChart(String title, String xLabel, double[] epochs, List<String> names,
            List<double[]> values) {
        requireX("epochs", epochs);
        checkSeries("epochs", epochs, "names", names, "values", values);
        XYChart chart = lineChart(title, Axes.of(xLabel, "loss (log scale)"));
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern("0E0"); // 1E0, 1E-1, ... rather than a mix of 0.001 and 1E-4
        chart.getStyler().setXAxisDecimalPattern("0"); // epochs
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<String> unique = uniqueNames(names, "term");
        for (int i = 0; i < values.size(); i++) {
            double[] v = values.get(i).clone();
            boolean any = false;
            for (int k = 0; k < v.length; k++) {
                if (v[k] > 0 && v[k] < Double.POSITIVE_INFINITY) {
                    any = true;
                    lo = Math.min(lo, v[k]);
                    hi = Math.max(hi, v[k]);
                } else {
                    v[k] = Double.NaN;
                }
            }
            String name = any ? unique.get(i) : unique.get(i) + " (no positive values)";
            int[] drawn = Decimation.m4(epochs, v, Decimation.BUCKETS); // the same pixels from fewer points
            XYSeries s = chart.addSeries(name, Decimation.pick(epochs, drawn), Decimation.pick(v, drawn));
            style(s, i == 0 ? Color.BLACK : PALETTE[(i - 1) % PALETTE.length], SeriesLines.SOLID,
                    i == 0 ? 2.8f : 2f);
        }
        if (lo > hi) { // nothing to show: a plain decade range keeps the axis valid
            lo = 0.1;
            hi = 10;
        }
        // whole decades around the data, so that the log axis always has labelled ticks
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lo))));
        chart.getStyler().setYAxisMax(Math.pow(10, Math.max(Math.ceil(Math.log10(hi)), Math.floor(Math.log10(lo)) + 1)));
        return chart;
    }

    /**
     * Plots several lines over the same x values on one chart, e.g. u(t) for c = 0, 0.1, ..., 1, with a legend.
     * Up to ten lines get distinct categorical colours; more lines are coloured along the viridis map, in order.
     *
     * @param png    the PNG file to write (replaced atomically)
     * @param title  the chart title ({@code null} for none)
     * @param axes   the axis titles, e.g. {@code Axes.of("feature index", "amplitude")}
     * @param t      the x values; finite and not empty
     * @param labels the legend label of each line (distinct; a repeated label gets a suffix)
     * @param ys     one array per label, each as long as {@code t}
     * @throws IllegalArgumentException if {@code labels} and {@code ys} differ in size, there is no line, an array is
     *                                  not as long as {@code t}, or a t is not finite
     * @throws IOException              if the file cannot be written
     */
    public static void curves(Path png, String title, Axes axes, double[] t, List<String> labels,
            List<double[]> ys) throws IOException {
        Objects.requireNonNull(png, "png");
        requireX("t", t);
        checkSeries("t", t, "labels", labels, "ys", ys);

        XYChart chart = lineChart(title, axes);
        List<String> unique = uniqueNames(labels, "curve");
        int n = ys.size();
        boolean anyY = false;
        for (int i = 0; i < n; i++) {
            Color c = n <= PALETTE.length ? PALETTE[i] : HeatMap.viridis(0.9 * i / (n - 1));
            XYSeries s = chart.addSeries(unique.get(i), t, finiteOrNaN(ys.get(i)));
            style(s, c, SeriesLines.SOLID, 2f);
            anyY |= anyFinite(ys.get(i));
        }
        if (!anyY) {
            chart.getStyler().setYAxisMin(-1.0).setYAxisMax(1.0);
        }
        writeChart(png, chart);
    }

    /** The prediction line, the truth (dashed) and the data markers of {@link #predictionVsTruth}, checked. */
    private static void addPredictionSeries(XYChart chart, double[] t, double[] predicted, double[] truth,
            double[] dataT, double[] dataU) {
        sameLength("t", t, "predicted", predicted);
        if (truth != null) {
            sameLength("t", t, "truth", truth);
        }
        if ((dataT == null) != (dataU == null)) {
            throw new IllegalArgumentException("dataT and dataU must both be given or both be null, but "
                    + (dataT == null ? "dataT" : "dataU") + " is null");
        }
        if (dataT != null) {
            sameLength("dataT", dataT, "dataU", dataU);
            requireFinite("dataT", dataT);
        }
        XYSeries p = chart.addSeries("prediction", t, finiteOrNaN(predicted));
        style(p, PREDICTION, SeriesLines.SOLID, 2.5f);
        boolean anyY = anyFinite(predicted);
        if (truth != null) {
            XYSeries s = chart.addSeries("truth", t, finiteOrNaN(truth));
            style(s, TRUTH, DASHED, 2f);
            anyY |= anyFinite(truth);
        }
        if (dataT != null && dataT.length > 0) {
            XYSeries d = chart.addSeries("data", dataT, finiteOrNaN(dataU));
            d.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            d.setMarker(SeriesMarkers.CIRCLE);
            d.setMarkerColor(DATA);
            d.setLineColor(DATA);
            anyY |= anyFinite(dataU);
        }
        if (!anyY) {
            chart.getStyler().setYAxisMin(-1.0).setYAxisMax(1.0);
        }
    }

    private static XYChart lineChart(String title, Axes axes) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title == null ? "" : title)
                .xAxisTitle(axes.x()).yAxisTitle(axes.y()).build();
        var st = chart.getStyler();
        st.setChartTitleVisible(title != null && !title.isEmpty());
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(Color.DARK_GRAY);
        st.setPlotGridLinesColor(new Color(0xdddddd));
        // solid, not XChart's dashes: a log axis has eight grid lines a decade, and each dash is a shape of its own
        // for the antialiasing rasteriser (a run's first chart, drawn by interpreted code: 0.35 -> 0.30 s)
        st.setPlotGridLinesStroke(new BasicStroke(0.5f));
        st.setChartFontColor(Color.BLACK);
        st.setAxisTickLabelsColor(Color.BLACK);
        st.setChartTitleBoxVisible(false);
        st.setChartTitleFont(new Font(FONT, Font.BOLD, 16));
        st.setAxisTitleFont(new Font(FONT, Font.PLAIN, 14));
        st.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
        st.setLegendFont(new Font(FONT, Font.PLAIN, 12));
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setLegendBorderColor(Color.GRAY);
        st.setLegendSeriesLineLength(30);
        st.setMarkerSize(7);
        st.setLocale(Locale.ROOT);
        st.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        st.setXAxisTickMarkSpacingHint(80);
        st.setYAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
        // plain numbers (no grouping commas); XChart's formatting callbacks would bypass its tick spacing
        st.setXAxisDecimalPattern("0.###");
        return chart;
    }

    /**
     * XChart puts x ticks on the data's own x values when these are equally spaced, packed as tightly as the labels
     * allow (0, 0.4, 0.8, ... for a grid of step 0.05), which is unreadable. One invisible point off that grid makes it
     * choose round ticks (1, 2, 5 times a power of ten) at its usual spacing instead.
     */
    private static void spaceOutXTicks(XYChart chart) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yAny = Double.NaN;
        boolean log = chart.getStyler().isYAxisLogarithmic();
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double v : s.getXData()) {
                xMin = Math.min(xMin, v);
                xMax = Math.max(xMax, v);
            }
            for (double v : s.getYData()) {
                if (Double.isNaN(yAny) && Double.isFinite(v) && (!log || v > 0)) {
                    yAny = v;
                }
            }
        }
        if (!(xMax > xMin) || Double.isNaN(yAny)) {
            return;
        }
        // inside the data's range, so that neither axis changes; 1/sqrt(2) is on no regular grid
        double x = xMin + (xMax - xMin) * 0.7071067811865476;
        XYSeries hidden = chart.addSeries("\u0000ticks", new double[] {x}, new double[] {yAny});
        hidden.setShowInLegend(false);
        hidden.setMarker(SeriesMarkers.NONE);
        hidden.setLineStyle(SeriesLines.NONE);
        hidden.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    }

    private static void style(XYSeries s, Color color, BasicStroke pattern, float width) {
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                pattern.getDashArray(), 0f));
    }

    private static void writeChart(Path png, XYChart chart) throws IOException {
        BufferedImage img = render(chart);
        createParent(png);
        Png.write(png, img);
    }

    /** The pixels of a line chart, as {@link #writeChart} writes them (and the warm-up draws them). */
    private static BufferedImage render(XYChart chart) {
        spaceOutXTicks(chart);
        return BitmapEncoder.getBufferedImage(chart);
    }

    // --------------------------------------------------------------------------------------------------- heat map

    /**
     * Draws {@code z} as a heat map in the viridis colour map (dark purple for the smallest value, yellow for the
     * largest) with a labelled colour bar. Column {@code j} of {@code z} is centred on {@code x[j]} (horizontal axis)
     * and row {@code i} on {@code y[i]} (vertical axis, increasing upwards); each cell reaches halfway to its
     * neighbours, so uneven grids are drawn to scale. Non-finite values are drawn grey. The smallest and largest
     * finite values are printed at the ends of the colour bar.
     *
     * @param png    the PNG file to write (replaced atomically)
     * @param title  the chart title ({@code null} for none)
     * @param x      the column centres, strictly increasing and finite (e.g. t)
     * @param y      the row centres, strictly increasing and finite (e.g. c)
     * @param z      the values, {@code z[row][col]}: {@code y.length} rows of {@code x.length} values each
     * @param xLabel the label of the horizontal axis ({@code null} for none)
     * @param yLabel the label of the vertical axis ({@code null} for none)
     * @throws IllegalArgumentException if {@code x} or {@code y} is empty, not strictly increasing or not finite, or
     *                                  the shape of {@code z} does not match them
     * @throws IOException              if the file cannot be written
     */
    public static void heatMap(Path png, String title, double[] x, double[] y, double[][] z, String xLabel,
            String yLabel) throws IOException {
        Objects.requireNonNull(png, "png");
        requireIncreasing("x", x);
        requireIncreasing("y", y);
        Objects.requireNonNull(z, "z");
        if (z.length != y.length) {
            throw new IllegalArgumentException(
                    "z has " + z.length + " rows but y has length " + y.length + " (z is z[row][col], rows follow y)");
        }
        for (int i = 0; i < z.length; i++) {
            if (z[i] == null || z[i].length != x.length) {
                throw new IllegalArgumentException("z[" + i + "] has length " + (z[i] == null ? "null" : z[i].length)
                        + " but x has length " + x.length + " (z is z[row][col], columns follow x)");
            }
        }
        BufferedImage img = new HeatMap(title, x, y, z, xLabel, yLabel).render();
        createParent(png);
        Png.write(png, img);
    }

    /** About {@code target} ticks at 1, 2 or 5 times a power of ten, inside [lo, hi]. */
    static double[] niceTicks(double lo, double hi, int target) {
        double range = hi - lo;
        if (!(range > 0) || !Double.isFinite(range)) {
            return new double[] {lo};
        }
        double raw = range / target;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / mag;
        double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        double[] t = new double[(int) Math.max(0, last - first + 1)];
        for (int i = 0; i < t.length; i++) {
            t[i] = (first + i) * step;
            if (Math.abs(t[i]) < step * 1e-9) {
                t[i] = 0; // no "-0"
            }
        }
        return t;
    }

    /** Formats a tick (with the decimals its spacing needs) or, with {@code ticks == null}, a single value. */
    static String format(double v, double[] ticks) {
        if (v == 0 && (ticks == null || ticks.length < 2)) {
            return "0";
        }
        double step = ticks != null && ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 0;
        double big = Math.abs(v);
        if (ticks != null) {
            for (double t : ticks) {
                big = Math.max(big, Math.abs(t));
            }
        }
        if (big >= 1e5 || big < 1e-3 || (step > 0 && step < 1e-4)) {
            String e = String.format(Locale.ROOT, "%.3e", v).replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
            return e.replaceAll("\\.?0+e", "e"); // 1.000e-4 -> 1e-4, 1.500e-6 -> 1.5e-6
        }
        if (step > 0) {
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    // ------------------------------------------------------------------------------------------------- checks etc.

    private static void requireX(String name, double[] x) {
        Objects.requireNonNull(x, name);
        if (x.length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
        requireFinite(name, x);
    }

    private static void requireFinite(String name, double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is not finite: " + x[i]);
            }
        }
    }

    private static void requireIncreasing(String name, double[] x) {
        requireX(name, x);
        for (int i = 1; i < x.length; i++) {
            if (!(x[i] > x[i - 1])) {
                throw new IllegalArgumentException(name + " must be strictly increasing, but " + name + "[" + (i - 1)
                        + "] = " + x[i - 1] + " and " + name + "[" + i + "] = " + x[i]);
            }
        }
    }

    private static void sameLength(String xName, double[] x, String yName, double[] y) {
        Objects.requireNonNull(y, yName);
        if (y.length != x.length) {
            throw new IllegalArgumentException(
                    yName + " has length " + y.length + " but " + xName + " has length " + x.length);
        }
    }

    private static void checkSeries(String xName, double[] x, String namesName, List<String> names, String valuesName,
            List<double[]> values) {
        Objects.requireNonNull(names, namesName);
        Objects.requireNonNull(values, valuesName);
        if (names.size() != values.size()) {
            throw new IllegalArgumentException(
                    namesName + " has size " + names.size() + " but " + valuesName + " has size " + values.size());
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(valuesName + " is empty: nothing to plot");
        }
        for (int i = 0; i < values.size(); i++) {
            String name = valuesName + "[" + i + "] (" + names.get(i) + ")";
            sameLength(xName, x, name, values.get(i));
        }
    }

    /** The names, with null or blank ones replaced and repeated ones made distinct (XChart needs unique names). */
    private static List<String> uniqueNames(List<String> names, String fallback) {
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            String base = n == null || n.isBlank() ? fallback + " " + (i + 1) : n;
            String candidate = base;
            for (int k = 2; !seen.add(candidate); k++) {
                candidate = base + " (" + k + ")";
            }
            out.add(candidate);
        }
        return out;
    }

    private static double[] finiteOrNaN(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    private static boolean anyFinite(double[] v) {
        for (double d : v) {
            if (Double.isFinite(d)) {
                return true;
            }
        }
        return false;
    }

    private static void createParent(Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
    }
}
