package org.sciml4j.dynamics.config;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sciml4j.plot.Plots;
import org.sciml4j.plot.Png;

/**
 * A phase portrait (curves in the (q, p) plane, each with its own x values), which {@link Plots} does not draw:
 * truth dashed black, each model in a colour. Written atomically as PNG.
 */
final class PhasePlot {
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    private PhasePlot() {
    }

    /**
     * @param xs     the q values of each curve
     * @param ys     the p values of each curve
     * @param labels each curve's legend label; the first is drawn as the truth
     */
    static void write(Path png, String title, List<String> labels, List<double[]> xs, List<double[]> ys)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(Plots.HEIGHT).height(Plots.HEIGHT).title(title).xAxisTitle("q")
                .yAxisTitle("p").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        for (int i = 0; i < labels.size(); i++) {
            XYSeries s = chart.addSeries(labels.get(i), xs.get(i), ys.get(i));
            s.setMarker(SeriesMarkers.NONE);
            if (i == 0) {
                s.setLineColor(Color.BLACK);
                s.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {9f, 5f}, 0f));
            } else {
                s.setLineColor(COLOURS[(i - 1) % COLOURS.length]);
                s.setLineStyle(new BasicStroke(1.5f));
            }
        }
        Png.write(png, chart);
    }
}
