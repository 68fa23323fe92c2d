package org.sciml4j.plot;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.sciml4j.io.AtomicFiles;

/**
 * Writes images as PNG files: 8-bit RGB (RGBA when the image has an alpha channel), every row filtered by its left
 * neighbour ("Sub"), compressed by the JDK's zlib.
 * <p>
 * Why not {@code ImageIO}: its PNG writer tries every filter on every row in Java and, through an
 * {@code OutputStream}, caches the stream in a temporary file; at the end of a short run, when that code has not been
 * compiled yet, one 800 x 500 chart took 0.1-0.3 s (the tutorial's forward program spent 0.4 s of its 3.5 s writing
 * its two charts). Here the Java part is one pass over the pixels and the compression is native: the same chart takes
 * a few milliseconds. The files are somewhat larger (about 20 % for our charts: one filter for every row instead of
 * the best per row) and decode to exactly the same pixels.
 */
public final class Png {
    private Png() {
    }

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** PNG's filter type 1: each byte minus the same byte of the pixel to its left. */
    private static final byte FILTER_SUB = 1;

    /**
     * Writes {@code image} to {@code file} as a PNG, atomically (a temporary file, then a rename).
     *
     * @param file  the PNG file to write
     * @param image the image, any {@link BufferedImage} type (read as sRGB, with alpha when it has one)
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, BufferedImage image) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes = encode(image);
        AtomicFiles.write(file, bytes);
    }

    /**
     * Draws {@code chart} at its size and writes it to {@code file} as a PNG, atomically.
     *
     * @param file  the PNG file to write
     * @param chart the XChart chart
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, Chart<?, ?> chart) throws IOException {
        Objects.requireNonNull(chart, "chart");
        write(file, BitmapEncoder.getBufferedImage(chart));
    }

    /**
     * Encodes {@code image} as a PNG file's bytes.
     *
     * @param image the image, any {@link BufferedImage} type (read as sRGB, with alpha when it has one)
     * @return the PNG file's bytes
     */
    public static byte[] encode(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        int w = image.getWidth();
        int h = image.getHeight();
        boolean alpha = image.getColorModel().hasAlpha();
        ByteArrayOutputStream out = new ByteArrayOutputStream(w * h / 4 + 1024);
        out.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, w);
        putInt(header, 4, h);
        header[8] = 8;                      // bits per channel
        header[9] = (byte) (alpha ? 6 : 2); // colour type: RGBA or RGB
        // header[10..12] = 0: deflate, adaptive filtering (per-row filter bytes), no interlacing
        chunk(out, "IHDR", header);
        byte[] idat = compressedRows(image, alpha);
        chunk(out, "IDAT", idat);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** The zlib stream of all rows, each a filter byte and the row filtered by {@link #FILTER_SUB}. */
    private static byte[] compressedRows(BufferedImage image, boolean alpha) {
        int w = image.getWidth();
        int h = image.getHeight();
        int channels = alpha ? 4 : 3;
        int[] direct = directPixels(image);
        int[] argb = direct != null ? direct : new int[w];
        byte[] row = new byte[1 + channels * w];
        row[0] = FILTER_SUB;
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        ByteArrayOutputStream z = new ByteArrayOutputStream(w * h / 8 + 1024);
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(z, deflater, 1 << 16)) {
            for (int y = 0; y < h; y++) {
                int off = 0;
                if (direct == null) {
                    image.getRGB(0, y, w, 1, argb, 0, w);
                } else {
                    off = y * w;
                }
                subFilteredRow(argb, off, w, alpha, row);
                zlib.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        } finally {
            deflater.end(); // a Deflater passed in is not ended by the stream
        }
        return z.toByteArray();
    }

    /**
     * The image's own pixel array when it is packed RGB without alpha ({@code TYPE_INT_RGB}, what XChart and our
     * heat maps draw into), else {@code null} (then rows are read with {@link BufferedImage#getRGB}).
     */
    private static int[] directPixels(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB && image.getRaster().getDataBuffer() instanceof DataBufferInt
                && image.getRaster().getMinX() == 0 && image.getRaster().getMinY() == 0
                && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0) {
            int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            return data.length == image.getWidth() * image.getHeight() ? data : null;
        }
        return null;
    }

    /** Row bytes (R, G, B[, A] per pixel) after the filter byte, each minus the byte one pixel to its left. */
    private static void subFilteredRow(int[] argb, int off, int w, boolean alpha, byte[] row) {
        int pr = 0;
        int pg = 0;
        int pb = 0;
        int pa = 0;
        int o = 1;
        for (int x = 0; x < w; x++) {
            int p = argb[off + x];
            int r = (p >>> 16) & 0xff;
            int g = (p >>> 8) & 0xff;
            int b = p & 0xff;
            row[o++] = (byte) (r - pr);
            row[o++] = (byte) (g - pg);
            row[o++] = (byte) (b - pb);
            pr = r;
            pg = g;
            pb = b;
            if (alpha) {
                int a = p >>> 24;
                row[o++] = (byte) (a - pa);
                pa = a;
            }
        }
    }

    /** Length, type, data and the CRC-32 of type and data. */
    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] word = new byte[4];
        putInt(word, 0, data.length);
        out.writeBytes(word);
        byte[] t = {(byte) type.charAt(0), (byte) type.charAt(1), (byte) type.charAt(2), (byte) type.charAt(3)};
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        putInt(word, 0, (int) crc.getValue());
        out.writeBytes(word);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
