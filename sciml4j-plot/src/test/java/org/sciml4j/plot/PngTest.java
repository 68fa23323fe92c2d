package org.sciml4j.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** Our PNG files decode, with the JDK's own PNG reader, to exactly the pixels that were drawn. */
class PngTest {
    @TempDir
    Path dir;

    /** Random pixels: every byte value in every channel, so a filter or sign error shows. */
    private static BufferedImage noise(int w, int h, int type, long seed) {
        BufferedImage img = new BufferedImage(w, h, type);
        SplittableRandom r = new SplittableRandom(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt());
            }
        }
        return img;
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img).as("decodes as a PNG").isNotNull();
        return img;
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                if (actual.getRGB(x, y) != expected.getRGB(x, y)) {
                    throw new AssertionError(String.format("pixel (%d, %d): %08x, expected %08x", x, y,
                            actual.getRGB(x, y), expected.getRGB(x, y)));
                }
            }
        }
    }

    @Test
    void rgbNoiseDecodesToTheSamePixels() throws IOException {
        BufferedImage img = noise(37, 23, BufferedImage.TYPE_INT_RGB, 1);
        byte[] png = Png.encode(img);
        BufferedImage back = decode(png);
        assertThat(back.getColorModel().hasAlpha()).isFalse();
        assertSamePixels(img, back);
    }

    @Test
    void alphaIsKeptForImagesWithAlpha() throws IOException {
        BufferedImage img = noise(19, 11, BufferedImage.TYPE_INT_ARGB, 2);
        BufferedImage back = decode(Png.encode(img));
        assertThat(back.getColorModel().hasAlpha()).isTrue();
        assertSamePixels(img, back);
    }

    @Test
    void otherImageTypesAreReadThroughTheirColourModel() throws IOException {
        BufferedImage img = noise(17, 9, BufferedImage.TYPE_3BYTE_BGR, 3);
        assertSamePixels(img, decode(Png.encode(img)));
        BufferedImage one = noise(1, 1, BufferedImage.TYPE_INT_RGB, 4);
        assertSamePixels(one, decode(Png.encode(one)));
    }

    @Test
    void aSubImageIsWrittenAsItsOwnPixels() throws IOException {
        BufferedImage img = noise(40, 30, BufferedImage.TYPE_INT_RGB, 5);
        BufferedImage sub = img.getSubimage(7, 5, 20, 10); // shares the parent's array: must not be read directly
        assertSamePixels(sub, decode(Png.encode(sub)));
    }

    @Test
    void aChartIsWrittenAtomicallyWithTheSamePixelsAsDrawn() throws IOException {
        XYChart chart = new XYChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT).title("chart").build();
        chart.addSeries("u", new double[] {0, 1, 2, 3}, new double[] {0, 1, 4, 9});
        BufferedImage drawn = BitmapEncoder.getBufferedImage(chart);
        Path file = dir.resolve("chart.png");
        Png.write(file, drawn);
        assertThat(file.getParent()).isDirectoryNotContaining(p -> !p.equals(file)); // no temporary file left
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        assertSamePixels(drawn, decode(bytes));
        // a chart of flat colours compresses well: under a twentieth of its 1.2 MB of raw pixels
        assertThat(bytes.length).isLessThan(Plots.WIDTH * Plots.HEIGHT * 3 / 20);
    }
}
