package org.sciml4j.inference.diagnostics;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sciml4j.plot.Png;
import org.sciml4j.tensor.Tensor;

/**
 * PNG figures for posterior samples, drawn directly with Java 2D (the grid of panels a pair plot needs is not a
 * chart type of the plot module) and written atomically: the pair plot (1-D histograms on the diagonal, 2-D
 * histograms below it, optionally a reference sample set in red over the estimate in blue, and a true parameter as
 * a black line or cross) and bar charts for SBC rank histograms.
 */
public final class SamplePlots {
    private static final int CELL = 160;
    private static final int BINS = 40;
    private static final Color ESTIMATE = new Color(40, 90, 200);
    private static final Color REFERENCE = new Color(210, 50, 40);

    private SamplePlots() {
    }

    /**
     * Writes a pair plot.
     *
     * @param samples   (N, D) estimated posterior samples
     * @param reference (M, D) reference samples drawn over them, or null
     * @param truth     length D, or null
     * @param names     D parameter names
     */
    public static void pairPlot(Path png, Tensor samples, Tensor reference, double[] truth, List<String> names)
            throws IOException {
        int d = samples.size(1);
        int margin = 30;
        BufferedImage img = new BufferedImage(d * CELL + margin, d * CELL + margin, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        double[][] range = ranges(samples, reference, truth);
        for (int i = 0; i < d; i++) {
            g.setColor(Color.BLACK);
            g.drawString(names.get(i), margin + i * CELL + CELL / 2 - 10, d * CELL + margin - 8);
            for (int j = 0; j <= i; j++) {
                int x0 = margin + j * CELL;
                int y0 = i * CELL;
                g.setColor(Color.GRAY);
                g.drawRect(x0 + 2, y0 + 2, CELL - 4, CELL - 4);
                if (i == j) {
                    histogram(g, samples.col(i).toArray(), range[i], x0, y0, ESTIMATE);
                    if (reference != null) {
                        histogram(g, reference.col(i).toArray(), range[i], x0, y0, REFERENCE);
                    }
                    if (truth != null) {
                        int px = x0 + 2 + (int) ((truth[i] - range[i][0]) / (range[i][1] - range[i][0]) * (CELL - 4));
                        g.setColor(Color.BLACK);
                        g.drawLine(px, y0 + 2, px, y0 + CELL - 2);
                    }
                } else {
                    density(g, samples.col(j).toArray(), samples.col(i).toArray(), range[j], range[i], x0, y0);
                    if (truth != null) {
                        int px = x0 + 2 + (int) ((truth[j] - range[j][0]) / (range[j][1] - range[j][0]) * (CELL - 4));
                        int py = y0 + CELL - 2 - (int) ((truth[i] - range[i][0]) / (range[i][1] - range[i][0])
                                * (CELL - 4));
                        g.setColor(REFERENCE);
                        g.drawLine(px - 5, py, px + 5, py);
                        g.drawLine(px, py - 5, px, py + 5);
                    }
                }
            }
        }
        g.dispose();
        write(png, img);
    }

    /**
     * Writes bar charts of counts side by side, one panel per array (e.g. SBC ranks per dimension), with the
     * expected count as a horizontal line.
     */
    public static void bars(Path png, String title, List<String> names, List<int[]> counts) throws IOException {
        int k = counts.size();
        BufferedImage img = new BufferedImage(Math.max(300, k * CELL), CELL + 50, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        g.setColor(Color.BLACK);
        g.drawString(title, 10, 15);
        for (int p = 0; p < k; p++) {
            int[] c = counts.get(p);
            int max = 1;
            long total = 0;
            for (int v : c) {
                max = Math.max(max, v);
                total += v;
            }
            double expected = (double) total / c.length;
            double top = Math.max(max, expected) * 1.1;
            int x0 = p * CELL;
            int y0 = 25;
            double w = (CELL - 10.0) / c.length;
            g.setColor(ESTIMATE);
            for (int b = 0; b < c.length; b++) {
                int h = (int) (c[b] / top * (CELL - 10));
                g.fillRect(x0 + 5 + (int) (b * w), y0 + CELL - 5 - h, Math.max(1, (int) w - 1), h);
            }
            int ey = y0 + CELL - 5 - (int) (expected / top * (CELL - 10));
            g.setColor(Color.BLACK);
            g.drawLine(x0 + 5, ey, x0 + CELL - 5, ey);
            g.drawString(names.get(p), x0 + CELL / 2 - 10, y0 + CELL + 18);
        }
        g.dispose();
        write(png, img);
    }

    private static Graphics2D canvas(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setStroke(new BasicStroke(1f));
        return g;
    }

    /** Per column [lo, hi] over every set, widened by 5 %. */
    private static double[][] ranges(Tensor samples, Tensor reference, double[] truth) {
        int d = samples.size(1);
        double[][] r = new double[d][];
        for (int j = 0; j < d; j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Tensor t : reference == null ? List.of(samples) : List.of(samples, reference)) {
                for (double v : t.col(j).toArray()) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (truth != null) {
                lo = Math.min(lo, truth[j]);
                hi = Math.max(hi, truth[j]);
            }
            double pad = Math.max(1e-12, (hi - lo) * 0.05);
            r[j] = new double[] {lo - pad, hi + pad};
        }
        return r;
    }

    private static void histogram(Graphics2D g, double[] v, double[] range, int x0, int y0, Color color) {
        int[] h = new int[BINS];
        for (double x : v) {
            int b = (int) ((x - range[0]) / (range[1] - range[0]) * BINS);
            if (b >= 0 && b < BINS) {
                h[b]++;
            }
        }
        int max = 1;
        for (int c : h) {
            max = Math.max(max, c);
        }
        double w = (CELL - 4.0) / BINS;
        g.setColor(color);
        int prevY = -1;
        for (int b = 0; b < BINS; b++) {
            int y = y0 + CELL - 3 - (int) ((double) h[b] / max * (CELL - 12));
            int xa = x0 + 2 + (int) (b * w);
            int xb = x0 + 2 + (int) ((b + 1) * w);
            if (prevY >= 0) {
                g.drawLine(xa, prevY, xa, y);
            }
            g.drawLine(xa, y, xb, y);
            prevY = y;
        }
    }

    private static void density(Graphics2D g, double[] xs, double[] ys, double[] rx, double[] ry, int x0, int y0) {
        int[][] h = new int[BINS][BINS];
        int max = 1;
        for (int i = 0; i < xs.length; i++) {
            int bx = (int) ((xs[i] - rx[0]) / (rx[1] - rx[0]) * BINS);
            int by = (int) ((ys[i] - ry[0]) / (ry[1] - ry[0]) * BINS);
            if (bx >= 0 && bx < BINS && by >= 0 && by < BINS) {
                max = Math.max(max, ++h[bx][by]);
            }
        }
        double w = (CELL - 4.0) / BINS;
        for (int bx = 0; bx < BINS; bx++) {
            for (int by = 0; by < BINS; by++) {
                if (h[bx][by] == 0) {
                    continue;
                }
                float s = (float) Math.sqrt((double) h[bx][by] / max);
                g.setColor(new Color(1 - 0.85f * s, 1 - 0.65f * s, 1 - 0.2f * s));
                int px = x0 + 2 + (int) (bx * w);
                int py = y0 + CELL - 2 - (int) ((by + 1) * w);
                g.fillRect(px, py, (int) Math.ceil(w), (int) Math.ceil(w));
            }
        }
    }

    private static void write(Path png, BufferedImage img) throws IOException {
        Png.write(png, img);
    }
}
