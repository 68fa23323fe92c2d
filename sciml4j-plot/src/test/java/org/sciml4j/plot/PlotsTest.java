package org.sciml4j.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    private static final Axes UT = Axes.of("t", "u");

    @TempDir
    Path dir;

    // ------------------------------------------------------------------------------------------------ example data

    static double[] grid(double lo, double hi, int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = lo + (hi - lo) * i / (n - 1);
        }
        return g;
    }

    static double exact(double c, double t) {
        double gamma = c / 2;
        return Math.exp(-gamma * t) * Math.cos(Math.sqrt(1 - gamma * gamma) * t);
    }

    static void writeExamples(Path out) throws IOException {
        double[] t = grid(0, 10, 201);
        double[] truth = new double[t.length];
        double[] pred = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            truth[i] = exact(0.3, t[i]);
            pred[i] = truth[i] + 0.04 * Math.sin(3 * t[i]) * t[i] / 10;
        }
        double[] dataT = grid(0, 6, 13);
        double[] dataU = new double[dataT.length];
        for (int i = 0; i < dataT.length; i++) {
            dataU[i] = exact(0.3, dataT[i]) + 0.05 * Math.cos(7 * i);
        }
        Plots.predictionVsTruth(out.resolve("prediction.png"), "Damped oscillator, c = 0.3", UT, t, pred, truth, dataT,
                dataU);

        double[] epochs = grid(0, 5000, 501);
        double[] total = new double[epochs.length];
        double[] physics = new double[epochs.length];
        double[] data = new double[epochs.length];
        double[] initial = new double[epochs.length];
        for (int i = 0; i < epochs.length; i++) {
            physics[i] = 0.5 * Math.exp(-epochs[i] / 700) + 1e-5;
            data[i] = 0.3 * Math.exp(-epochs[i] / 400) * (1 + 0.3 * Math.sin(i / 3.0)) + 2e-5;
            initial[i] = i % 50 == 49 ? 0 : 0.1 * Math.exp(-epochs[i] / 300) + 1e-7; // zeros: gaps on a log axis
            total[i] = physics[i] + data[i] + initial[i];
        }
        Plots.lossCurves(out.resolve("loss.png"), "Training loss", epochs, List.of("total", "physics", "data", "initial"),
                List.of(total, physics, data, initial));

        double[] cs = grid(0, 1, 41);
        double[][] z = new double[cs.length][t.length];
        for (int r = 0; r < cs.length; r++) {
            for (int k = 0; k < t.length; k++) {
                z[r][k] = exact(cs[r], t[k]);
            }
        }
        Plots.heatMap(out.resolve("heatmap.png"), "u(t, c)", t, cs, z, "t", "c");

        List<String> labels = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (int j = 0; j <= 10; j++) {
            double c = j / 10.0;
            labels.add(String.format(java.util.Locale.ROOT, "c = %.1f", c));
            double[] u = new double[t.length];
            for (int k = 0; k < t.length; k++) {
                u[k] = exact(c, t[k]);
            }
            ys.add(u);
        }
        Plots.curves(out.resolve("curves.png"), "u(t) for c = 0, 0.1, ..., 1", UT, t, labels, ys);
    }

    // ------------------------------------------------------------------------------------------------ image checks

    static BufferedImage read(Path png) throws IOException {
        assertThat(png).isRegularFile();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("ImageIO reads %s", png).isNotNull();
        assertThat(img.getWidth()).isEqualTo(Plots.WIDTH);
        assertThat(img.getHeight()).isEqualTo(Plots.HEIGHT);
        return img;
    }

    static int distinctColours(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                colours.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    /** Pixels within a small distance of {@code c} (anti-aliasing blends the edges of lines). */
    static int pixelsNear(BufferedImage img, Color c, int tolerance) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int dr = Math.abs(((rgb >> 16) & 0xff) - c.getRed());
                int dg = Math.abs(((rgb >> 8) & 0xff) - c.getGreen());
                int db = Math.abs((rgb & 0xff) - c.getBlue());
                if (dr <= tolerance && dg <= tolerance && db <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }

    void assertOnlyPngs(String... names) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary files left")
                    .containsExactlyInAnyOrder(names);
        }
    }

    // ------------------------------------------------------------------------------------------------------- tests

    @Test
    void writesAllFourPlotsReadableAndNotBlank() throws IOException {
        writeExamples(dir);

        BufferedImage prediction = read(dir.resolve("prediction.png"));
        assertThat(distinctColours(prediction)).isGreaterThan(50);
        assertThat(pixelsNear(prediction, Plots.PREDICTION, 12)).isGreaterThan(200);
        assertThat(pixelsNear(prediction, Plots.DATA, 12)).isGreaterThan(50);
        assertThat(pixelsNear(prediction, Plots.TRUTH, 12)).isGreaterThan(100);

        BufferedImage loss = read(dir.resolve("loss.png"));
        assertThat(distinctColours(loss)).isGreaterThan(50);
        assertThat(pixelsNear(loss, Plots.PALETTE[1], 30)).as("data line").isGreaterThan(100);
        assertThat(pixelsNear(loss, Plots.PALETTE[2], 30)).as("initial line").isGreaterThan(100);

        BufferedImage heat = read(dir.resolve("heatmap.png"));
        assertThat(distinctColours(heat)).isGreaterThan(100);
        assertThat(pixelsNear(heat, HeatMap.viridis(0), 6)).as("dark end of viridis").isGreaterThan(100);
        assertThat(pixelsNear(heat, HeatMap.viridis(1), 6)).as("bright end of viridis").isGreaterThan(100);

        BufferedImage curves = read(dir.resolve("curves.png"));
        assertThat(distinctColours(curves)).isGreaterThan(50);
        assertThat(pixelsNear(curves, HeatMap.viridis(0), 12)).as("first curve").isGreaterThan(100);
        assertThat(pixelsNear(curves, HeatMap.viridis(0.9), 12)).as("last curve").isGreaterThan(100);

        assertOnlyPngs("prediction.png", "loss.png", "heatmap.png", "curves.png");
    }

    @Test
    void writesExamplesWhereAsked() throws IOException {
        // mvn ... -Dsciml4j.plots.examples=/tmp/plots renders the examples for a human to look at
        String where = System.getProperty("sciml4j.plots.examples");
        if (where != null && !where.isBlank()) {
            writeExamples(Path.of(where));
        }
    }

    @Test
    void predictionWithoutTruthOrDataAndNoTitle() throws IOException {
        double[] t = grid(0, 1, 11);
        double[] u = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            u[i] = t[i] * t[i];
        }
        Path png = dir.resolve("p.png");
        Plots.predictionVsTruth(png, null, UT, t, u, null, null, null);
        BufferedImage img = read(png);
        assertThat(pixelsNear(img, Plots.PREDICTION, 12)).isGreaterThan(100);
        assertOnlyPngs("p.png");
    }

    @Test
    void aBandIsShadedBetweenItsEdgesUnderTheLines() throws IOException {
        double[] t = grid(0, 10, 101);
        double[] u = new double[t.length];
        double[] lo = new double[t.length];
        double[] hi = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            u[i] = Math.cos(t[i]);
            lo[i] = u[i] - 0.3;
            hi[i] = u[i] + 0.3;
        }
        Path png = dir.resolve("band.png");
        Plots.predictionBand(png, "band", UT, "mean \u00b1 2 sd", t, u, lo, hi, u, new double[] {1, 2},
                new double[] {0.5, -0.4});
        BufferedImage img = read(png);
        // the band's translucent blue over white is a light blue, distinct from the line's and the data's colours
        assertThat(pixelsNear(img, new java.awt.Color(0xbc, 0xd5, 0xe8), 25)).isGreaterThan(2000);
        assertThat(pixelsNear(img, Plots.PREDICTION, 12)).isGreaterThan(100);
        assertThat(pixelsNear(img, Plots.DATA, 12)).isGreaterThan(20);
        assertThatThrownBy(() -> Plots.predictionBand(png, null, UT, null, t, u, lo, new double[3], null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upper has length 3");
        lo[4] = Double.NaN;
        assertThatThrownBy(() -> Plots.predictionBand(png, null, UT, null, t, u, lo, hi, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower");
    }

    @Test
    void replacesAnExistingFileAndCreatesMissingFolders() throws IOException {
        Path png = dir.resolve("a/b/p.png");
        double[] t = {0, 1, 2};
        Plots.curves(png, "first", Axes.of("t", "y"), t, List.of("y"), List.of(new double[] {0, 1, 0}));
        long first = Files.size(png);
        Plots.curves(png, "second, with a longer title", UT, t, List.of("y"), List.of(new double[] {1, 0, 1}));
        read(png);
        assertThat(Files.size(png)).isNotEqualTo(first);
        try (Stream<Path> files = Files.list(png.getParent())) {
            assertThat(files).containsExactly(png);
        }
    }

    @Test
    void lossCurvesWithZerosNegativesAndNonFiniteValuesDoNotThrow() throws IOException {
        double[] epochs = {0, 1, 2, 3, 4, 5};
        double[] total = {1, 0.5, 0, -1, 0.1, Double.NaN};
        double[] term = {0, 0, 0, 0, 0, 0};
        double[] neg = {-1, -2, Double.POSITIVE_INFINITY, -3, -4, -5};
        Path png = dir.resolve("loss.png");
        assertThatCode(() -> Plots.lossCurves(png, "loss", epochs, List.of("total", "zero", "negative"),
                List.of(total, term, neg))).doesNotThrowAnyException();
        BufferedImage img = read(png);
        assertThat(pixelsNear(img, Color.BLACK, 12)).isGreaterThan(50);

        Path none = dir.resolve("none.png");
        assertThatCode(() -> Plots.lossCurves(none, "nothing positive", epochs, List.of("total"), List.of(term)))
                .doesNotThrowAnyException();
        read(none);

        Path constant = dir.resolve("constant.png");
        assertThatCode(() -> Plots.lossCurves(constant, "constant", epochs, List.of("total", "total"),
                List.of(new double[] {1, 1, 1, 1, 1, 1}, new double[] {1, 1, 1, 1, 1, 1})))
                .doesNotThrowAnyException();
        read(constant);
        assertOnlyPngs("loss.png", "none.png", "constant.png");
    }

    @Test
    void nonFiniteAndAllNaNValuesInLineChartsDoNotThrow() throws IOException {
        double[] t = {0, 1, 2, 3};
        double[] nan = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        assertThatCode(() -> Plots.predictionVsTruth(dir.resolve("a.png"), "diverged", UT, t, nan, null, null, null))
                .doesNotThrowAnyException();
        assertThatCode(() -> Plots.curves(dir.resolve("b.png"), "gap", UT, t, List.of("u"),
                List.of(new double[] {0, Double.POSITIVE_INFINITY, 2, 3}))).doesNotThrowAnyException();
        read(dir.resolve("a.png"));
        read(dir.resolve("b.png"));
    }

    @Test
    void heatMapEdgeCases() throws IOException {
        Path one = dir.resolve("one.png");
        Plots.heatMap(one, "one cell", new double[] {2}, new double[] {5}, new double[][] {{3}}, "x", "y");
        read(one);

        Path constantWithNaN = dir.resolve("const.png");
        double[][] z = {{1, 1, Double.NaN}, {1, 1, 1}};
        Plots.heatMap(constantWithNaN, null, new double[] {0, 1, 3}, new double[] {-1, 1}, z, null, null);
        BufferedImage img = read(constantWithNaN);
        assertThat(pixelsNear(img, HeatMap.NOT_FINITE, 2)).as("the NaN cell").isGreaterThan(1000);
        assertOnlyPngs("one.png", "const.png");
    }

    @Test
    void mismatchedLengthsNameTheArrays() {
        double[] t = {0, 1, 2};
        Path png = dir.resolve("x.png");
        assertThatThrownBy(() -> Plots.predictionVsTruth(png, "", UT, t, new double[2], null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("predicted has length 2").hasMessageContaining("t has length 3");
        assertThatThrownBy(() -> Plots.predictionVsTruth(png, "", UT, t, new double[3], new double[4], null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truth has length 4").hasMessageContaining("t has length 3");
        assertThatThrownBy(() -> Plots.predictionVsTruth(png, "", UT, t, new double[3], null, new double[5],
                new double[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataU has length 4").hasMessageContaining("dataT has length 5");
        assertThatThrownBy(() -> Plots.predictionVsTruth(png, "", UT, t, new double[3], null, new double[5], null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dataU");
        assertThatThrownBy(() -> Plots.lossCurves(png, "", t, List.of("total", "pde"),
                List.of(new double[3], new double[7])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("values[1] (pde) has length 7").hasMessageContaining("epochs has length 3");
        assertThatThrownBy(() -> Plots.lossCurves(png, "", t, List.of("total"), List.of(new double[3], new double[3])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names has size 1").hasMessageContaining("values has size 2");
        assertThatThrownBy(() -> Plots.curves(png, "", UT, t, List.of("a", "b"), List.of(new double[3], new double[2])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ys[1] (b) has length 2").hasMessageContaining("t has length 3");
        assertThatThrownBy(() -> Plots.heatMap(png, "", t, new double[] {0, 1}, new double[3][3], "t", "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("z has 3 rows").hasMessageContaining("y has length 2");
        assertThatThrownBy(() -> Plots.heatMap(png, "", t, new double[] {0, 1}, new double[][] {new double[3],
                new double[4]}, "t", "c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("z[1] has length 4").hasMessageContaining("x has length 3");
        assertThatThrownBy(() -> Plots.heatMap(png, "", new double[] {0, 2, 1}, new double[] {0, 1},
                new double[2][3], "t", "c"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x must be strictly increasing");
        assertThatThrownBy(() -> Plots.curves(png, "", UT, new double[0], List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t is empty");
        assertThat(png).doesNotExist();
    }

    @Test
    void ticksAndFormatting() {
        assertThat(Plots.niceTicks(0, 10, 8)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(Plots.niceTicks(-0.0125, 1.0125, 6)).containsExactly(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1}, org.assertj.core.data.Offset.offset(1e-12));
        double[] ticks = Plots.niceTicks(-1, 1, 6);
        assertThat(Plots.format(ticks[0], ticks)).isEqualTo("-1.0");
        assertThat(Plots.format(0.5, null)).isEqualTo("0.5");
        assertThat(Plots.format(1.5e-6, null)).isEqualTo("1.5e-6");
        assertThat(Plots.format(1e-4, null)).isEqualTo("1e-4");
        assertThat(Plots.format(1e-10, null)).isEqualTo("1e-10");
        assertThat(Plots.format(1e5, null)).isEqualTo("1e5");
        assertThat(Plots.format(1020, null)).isEqualTo("1020");
    }
}
