package org.sciml4j.pinn.eikonal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.sciml4j.plot.Png;

/**
 * Travel-time contours of two fields on one 2-D grid drawn over each other (the reference in black, the surrogate in
 * dashed red), depth downwards, with the source marked and, optionally, rays (blue) from receivers (triangles): a
 * PNG written atomically. Contours by marching squares, the crossings on each cell edge linearly interpolated.
 */
public final class ContourPlot {
    private static final int WIDTH = 900;
    private static final int MARGIN = 60;

    private ContourPlot() {
    }

    /**
     * Draws the contours, and the rays over them.
     *
     * @param png       the file
     * @param title     the title line
     * @param x         the first axis's node coordinates (nx, increasing)
     * @param z         the second (depth) axis's node coordinates (nz, increasing)
     * @param reference the reference times, flat (nx * nz), z fastest
     * @param network   the surrogate's times, same layout
     * @param source    the source (x, z)
     * @param levels    how many contour levels between 0 and the largest reference time
     * @param rays      the rays' paths, each flat (m * 2) from its receiver (marked) to the source; may be empty
     */
    public static void write(Path png, String title, double[] x, double[] z, double[] reference, double[] network,
            double[] source, int levels, List<double[]> rays) throws IOException {
        double spanX = x[x.length - 1] - x[0];
        double spanZ = z[z.length - 1] - z[0];
        int plotW = WIDTH - 2 * MARGIN;
        int plotH = (int) Math.max(150, Math.min(900, plotW * spanZ / spanX));
        BufferedImage img = new BufferedImage(WIDTH, plotH + 2 * MARGIN, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(title, MARGIN, MARGIN / 2);
        g.drawRect(MARGIN, MARGIN, plotW, plotH);
        double max = 0;
        for (double t : reference) {
            max = Math.max(max, t);
        }
        Frame f = new Frame(x[0], z[0], plotW / spanX, plotH / spanZ);
        for (int l = 1; l <= levels; l++) {
            double level = max * l / (levels + 1);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1.6f));
            contour(g, f, x, z, reference, level);
            g.setColor(Color.RED);
            g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4},
                    0));
            contour(g, f, x, z, network, level);
        }
        rays(g, f, rays);
        g.setColor(Color.BLUE);
        g.fillOval((int) f.px(source[0]) - 5, (int) f.pz(source[1]) - 5, 10, 10);
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "black: fast marching, red dashed: network%s; %d levels to %.4g; "
                + "x %.3g..%.3g, depth %.3g..%.3g (down)", rays.isEmpty() ? "" : ", blue: its rays", levels, max,
                x[0], x[x.length - 1], z[0], z[z.length - 1]), MARGIN, plotH + MARGIN + 25);
        g.dispose();
        Png.write(png, img);
    }

    private static void rays(Graphics2D g, Frame f, List<double[]> rays) {
        g.setColor(new Color(30, 90, 220));
        g.setStroke(new BasicStroke(1.3f));
        for (double[] p : rays) {
            for (int i = 0; i + 3 < p.length; i += 2) {
                g.draw(new Line2D.Double(f.px(p[i]), f.pz(p[i + 1]), f.px(p[i + 2]), f.pz(p[i + 3])));
            }
            int rx = (int) f.px(p[0]);
            int rz = (int) f.pz(p[1]);
            g.fillPolygon(new int[] {rx - 6, rx + 6, rx}, new int[] {rz - 10, rz - 10, rz}, 3);
        }
    }

    /** Maps coordinates to pixels. */
    private record Frame(double x0, double z0, double sx, double sz) {
        double px(double x) {
            return MARGIN + (x - x0) * sx;
        }

        double pz(double z) {
            return MARGIN + (z - z0) * sz;
        }
    }

    // numerical kernel: marching squares over every cell
    private static void contour(Graphics2D g, Frame f, double[] x, double[] z, double[] t, double level) {
        int nz = z.length;
        double[] px = new double[4];
        double[] pz = new double[4];
        for (int i = 0; i + 1 < x.length; i++) {
            for (int j = 0; j + 1 < nz; j++) {
                // corners counter-clockwise: (i, j), (i+1, j), (i+1, j+1), (i, j+1)
                double[] v = {t[i * nz + j], t[(i + 1) * nz + j], t[(i + 1) * nz + j + 1], t[i * nz + j + 1]};
                double[] cx = {x[i], x[i + 1], x[i + 1], x[i]};
                double[] cz = {z[j], z[j], z[j + 1], z[j + 1]};
                int found = 0;
                for (int e = 0; e < 4; e++) {
                    int e2 = (e + 1) % 4;
                    if ((v[e] < level) != (v[e2] < level)) {
                        double w = (level - v[e]) / (v[e2] - v[e]);
                        px[found] = f.px(cx[e] + w * (cx[e2] - cx[e]));
                        pz[found] = f.pz(cz[e] + w * (cz[e2] - cz[e]));
                        found++;
                    }
                }
                for (int k = 0; k + 1 < found; k += 2) {
                    g.draw(new Line2D.Double(px[k], pz[k], px[k + 1], pz[k + 1]));
                }
            }
        }
    }
}
