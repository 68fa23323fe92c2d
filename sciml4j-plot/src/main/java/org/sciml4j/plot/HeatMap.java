package org.sciml4j.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Draws one heat map with Java2D (see {@link Plots#heatMap}): the cells in the viridis colour map, the axes with
 * their ticks and labels, the title, and the colour bar with the smallest and largest finite values. The image is
 * {@value Plots#WIDTH} x {@value Plots#HEIGHT} pixels; the plot area is the same for every map.
 */
final class HeatMap {
    /** Colour of heat-map cells whose value is not finite. */
    static final Color NOT_FINITE = new Color(0xbbbbbb);
    /** Viridis sampled at 0, 0.1, ..., 1 (linearly interpolated in between). */
    private static final int[] VIRIDIS = {
        0x440154, 0x482576, 0x414487, 0x35608d, 0x2a788e, 0x21908c, 0x22a884, 0x43bf71, 0x7ad151, 0xbbdf27, 0xfde725,
    };
    private static final int WIDTH = Plots.WIDTH;
    private static final int HEIGHT = Plots.HEIGHT;
    private static final int LEFT = 80;
    private static final int RIGHT = WIDTH - 150;
    private static final int BOTTOM = HEIGHT - 60;

    // made per map, after Plots has set java.awt.headless
    private final Font titleFont = new Font(Plots.FONT, Font.BOLD, 16);
    private final Font labelFont = new Font(Plots.FONT, Font.PLAIN, 14);
    private final Font tickFont = new Font(Plots.FONT, Font.PLAIN, 12);
    private final String title;
    private final double[][] z;
    private final String xLabel;
    private final String yLabel;
    /** Cell edges along x and y. */
    private final double[] xe;
    private final double[] ye;
    /** Smallest and largest finite value (min > max when there is none). */
    private double zMin = Double.POSITIVE_INFINITY;
    private double zMax = Double.NEGATIVE_INFINITY;
    /** The colour bar's range: the finite values', widened when they are all one value. */
    private double cLo;
    private double cHi;
    private final int top;
    private final int w;
    private final int h;

    /** The map of {@code z[row][col]}, rows centred on {@code y}, columns on {@code x} (checked by the caller). */
    HeatMap(String title, double[] x, double[] y, double[][] z, String xLabel, String yLabel) {
        this.title = title;
        this.z = z;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xe = edges(x);
        this.ye = edges(y);
        this.top = hasTitle() ? 45 : 20;
        this.w = RIGHT - LEFT;
        this.h = BOTTOM - top;
        colourRange();
    }

    private boolean hasTitle() {
        return title != null && !title.isEmpty();
    }

    private boolean anyFinite() {
        return zMin <= zMax;
    }

    private void colourRange() {
        for (double[] row : z) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    zMin = Math.min(zMin, v);
                    zMax = Math.max(zMax, v);
                }
            }
        }
        cLo = anyFinite() ? zMin : 0;
        cHi = anyFinite() ? zMax : 1;
        if (!(cHi > cLo)) { // constant field: widen so that the colour bar has a range
            double pad = cLo == 0 ? 0.5 : Math.abs(cLo) * 0.5;
            cLo -= pad;
            cHi += pad;
        }
    }

    /** The image. */
    BufferedImage render() {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            cells(img);
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(LEFT - 1, top - 1, w + 1, h + 1);
            g.setFont(tickFont);
            FontMetrics tm = g.getFontMetrics();
            int yTickWidth = axes(g, tm);
            labels(g, tm, yTickWidth);
            colourBar(img, g, tm);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The cells, pixel by pixel: each pixel centre looks up its cell (handles uneven grids). */
    private void cells(BufferedImage img) {
        int[] col = new int[w];
        for (int px = 0; px < w; px++) {
            col[px] = cell(xe, xe[0] + (px + 0.5) / w * (xe[xe.length - 1] - xe[0]));
        }
        for (int py = 0; py < h; py++) {
            int row = cell(ye, ye[ye.length - 1] - (py + 0.5) / h * (ye[ye.length - 1] - ye[0]));
            for (int px = 0; px < w; px++) {
                double v = z[row][col[px]];
                int rgb = Double.isFinite(v) ? viridisRgb((v - cLo) / (cHi - cLo)) : NOT_FINITE.getRGB();
                img.setRGB(LEFT + px, top + py, rgb);
            }
        }
    }

    /** Ticks and their values on both axes; returns the widest y tick label's width. */
    private int axes(Graphics2D g, FontMetrics tm) {
        double[] xt = Plots.niceTicks(xe[0], xe[xe.length - 1], 8);
        for (double v : xt) {
            int px = LEFT + (int) Math.round((v - xe[0]) / (xe[xe.length - 1] - xe[0]) * w);
            g.drawLine(px, BOTTOM, px, BOTTOM + 5);
            String s = Plots.format(v, xt);
            g.drawString(s, px - tm.stringWidth(s) / 2, BOTTOM + 7 + tm.getAscent());
        }
        double[] yt = Plots.niceTicks(ye[0], ye[ye.length - 1], 6);
        int yTickWidth = 0;
        for (double v : yt) {
            int py = BOTTOM - (int) Math.round((v - ye[0]) / (ye[ye.length - 1] - ye[0]) * h);
            g.drawLine(LEFT - 6, py, LEFT - 1, py);
            String s = Plots.format(v, yt);
            yTickWidth = Math.max(yTickWidth, tm.stringWidth(s));
            g.drawString(s, LEFT - 9 - tm.stringWidth(s), py + tm.getAscent() / 2 - 1);
        }
        return yTickWidth;
    }

    /** The axis labels (y rotated, clear of the tick labels) and the title. */
    private void labels(Graphics2D g, FontMetrics tm, int yTickWidth) {
        g.setColor(Color.BLACK);
        g.setFont(labelFont);
        FontMetrics lm = g.getFontMetrics();
        if (xLabel != null && !xLabel.isEmpty()) {
            g.drawString(xLabel, LEFT + (w - lm.stringWidth(xLabel)) / 2, BOTTOM + 12 + tm.getHeight() + lm.getAscent());
        }
        if (yLabel != null && !yLabel.isEmpty()) {
            AffineTransform saved = g.getTransform();
            int lx = Math.max(lm.getAscent(), LEFT - 14 - yTickWidth);
            g.translate(lx, top + (h + lm.stringWidth(yLabel)) / 2.0);
            g.rotate(-Math.PI / 2);
            g.drawString(yLabel, 0, 0);
            g.setTransform(saved);
        }
        if (hasTitle()) {
            g.setFont(titleFont);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(title, Math.max(5, (WIDTH - fm.stringWidth(title)) / 2), 15 + fm.getAscent());
        }
    }

    /** The colour bar right of the map, its ticks, and the smallest and largest finite values at its ends. */
    private void colourBar(BufferedImage img, Graphics2D g, FontMetrics tm) {
        int bx = RIGHT + 25;
        int bw = 22;
        for (int py = 0; py < h; py++) {
            int rgb = viridisRgb(1 - (py + 0.5) / h);
            for (int px = 0; px < bw; px++) {
                img.setRGB(bx + px, top + py, rgb);
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(bx - 1, top - 1, bw + 1, h + 1);
        g.setFont(tickFont);
        double[] ct = Plots.niceTicks(cLo, cHi, 6);
        for (double v : ct) {
            int py = BOTTOM - (int) Math.round((v - cLo) / (cHi - cLo) * h);
            g.drawLine(bx + bw, py, bx + bw + 5, py);
            g.drawString(Plots.format(v, ct), bx + bw + 8, py + tm.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        String maxText = anyFinite() ? "max " + Plots.format(zMax, null) : "no finite values";
        String minText = anyFinite() ? "min " + Plots.format(zMin, null) : "";
        g.drawString(maxText, Math.min(bx - 10, WIDTH - 3 - tm.stringWidth(maxText)), top - 6);
        g.drawString(minText, Math.min(bx - 10, WIDTH - 3 - tm.stringWidth(minText)), BOTTOM + 7 + tm.getAscent());
    }

    /** Cell boundaries halfway between the centres, the outer ones half a cell out (one cell: width 1). */
    private static double[] edges(double[] c) {
        int n = c.length;
        double[] e = new double[n + 1];
        if (n == 1) {
            double half = c[0] == 0 ? 0.5 : Math.abs(c[0]) * 0.5;
            e[0] = c[0] - half;
            e[1] = c[0] + half;
            return e;
        }
        for (int i = 1; i < n; i++) {
            e[i] = 0.5 * (c[i - 1] + c[i]);
        }
        e[0] = c[0] - (e[1] - c[0]);
        e[n] = c[n - 1] + (c[n - 1] - e[n - 1]);
        return e;
    }

    /** The cell {@code i} with {@code e[i] <= v < e[i + 1]}, clamped to the grid. */
    private static int cell(double[] e, double v) {
        int i = Arrays.binarySearch(e, v);
        if (i < 0) {
            i = -i - 2; // insertion point - 1: the edge below v
        }
        return Math.max(0, Math.min(e.length - 2, i));
    }

    /** Viridis at {@code f} in [0, 1] (clamped). */
    static Color viridis(double f) {
        return new Color(viridisRgb(f));
    }

    private static int viridisRgb(double f) {
        double s = Math.max(0, Math.min(1, f)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) s);
        double a = s - i;
        int c0 = VIRIDIS[i];
        int c1 = VIRIDIS[i + 1];
        int r = (int) Math.round(((c0 >> 16) & 0xff) * (1 - a) + ((c1 >> 16) & 0xff) * a);
        int gr = (int) Math.round(((c0 >> 8) & 0xff) * (1 - a) + ((c1 >> 8) & 0xff) * a);
        int b = (int) Math.round((c0 & 0xff) * (1 - a) + (c1 & 0xff) * a);
        return 0xff000000 | (r << 16) | (gr << 8) | b;
    }
}
