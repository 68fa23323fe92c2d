package org.sciml4j.discovery.dmd.config;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sciml4j.discovery.dmd.DmdResult;
import org.sciml4j.plot.Png;

/**
 * The two DMD plots that {@code org.sciml4j.plot.Plots} has no shape for, drawn with XChart directly and written
 * atomically: the discrete eigenvalues in the complex plane with the unit circle (and the true ones when known), and
 * the singular value spectrum on a log scale with the kept rank marked.
 */
final class DmdPlots {
    static {
        System.setProperty("java.awt.headless", "true"); // before any AWT class: no display needed
    }

    private DmdPlots() {
    }

    /** Eigenvalues lambda (discrete time) as points, the unit circle, and the true eigenvalues (may be null). */
    static void eigenvalues(Path png, String title, DmdResult r, double[] truthRe, double[] truthIm)
            throws IOException {
        XYChart chart = chart(title, "Re lambda", "Im lambda");
        double[] cx = new double[361];
        double[] cy = new double[361];
        for (int k = 0; k <= 360; k++) {
            cx[k] = Math.cos(Math.toRadians(k));
            cy[k] = Math.sin(Math.toRadians(k));
        }
        XYSeries circle = chart.addSeries("unit circle", cx, cy);
        circle.setMarker(SeriesMarkers.NONE);
        circle.setLineColor(Color.GRAY);
        circle.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        if (truthRe != null) {
            double[] tr = new double[truthRe.length];
            double[] ti = new double[truthRe.length];
            for (int j = 0; j < tr.length; j++) {
                double g = Math.exp(truthRe[j] * r.dt());
                tr[j] = g * Math.cos(truthIm[j] * r.dt());
                ti[j] = g * Math.sin(truthIm[j] * r.dt());
            }
            points(chart, "truth", tr, ti, new Color(0x222222), SeriesMarkers.CROSS);
        }
        points(chart, r.method() + " DMD", finite(r.lambdaRe()), finite(r.lambdaIm()), new Color(0xd62728),
                SeriesMarkers.CIRCLE);
        write(png, chart);
    }

    /** s_i / s_1 against i on a log scale; the first {@code rank} drawn as kept. */
    static void singularValues(Path png, String title, double[] s, int rank) throws IOException {
        XYChart chart = chart(title, "index", "s_i / s_1");
        chart.getStyler().setYAxisLogarithmic(true);
        List<Double> kx = new ArrayList<>();
        List<Double> ky = new ArrayList<>();
        List<Double> dx = new ArrayList<>();
        List<Double> dy = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            double v = s[i] / s[0];
            if (v > 1e-300 && Double.isFinite(v)) {
                (i < rank ? kx : dx).add((double) (i + 1));
                (i < rank ? ky : dy).add(v);
            }
        }
        if (!kx.isEmpty()) {
            points(chart, "kept (rank " + rank + ")", unbox(kx), unbox(ky), new Color(0x1f77b4),
                    SeriesMarkers.CIRCLE);
        }
        if (!dx.isEmpty()) {
            points(chart, "dropped", unbox(dx), unbox(dy), Color.GRAY, SeriesMarkers.CIRCLE);
        }
        write(png, chart);
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(800).height(600).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setLocale(java.util.Locale.ROOT);
        return chart;
    }

    private static void points(XYChart chart, String name, double[] x, double[] y, Color c,
                               org.knowm.xchart.style.markers.Marker marker) {
        if (x.length == 0) {
            return;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(c);
        s.setLineStyle(SeriesLines.NONE);
    }

    private static double[] finite(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = 0;
            }
        }
        return out;
    }

    private static double[] unbox(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void write(Path png, XYChart chart) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Png.write(png, chart);
    }
}
