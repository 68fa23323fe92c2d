package org.sciml4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.sciml4j.io.TextTable;
import org.sciml4j.tensor.Tensor;

/**
 * The loss per epoch: columns {@code epoch, total}, each term, each unknown parameter's value. Appended to by the
 * trainer; {@link #write} saves it atomically as a tab-separated table, so a file written during a run is never
 * half a table.
 */
public final class LossHistory {
    private final List<String> columns;
    private double[] rows = new double[1024];
    private int count;

    LossHistory(List<String> termNames, List<String> paramNames) {
        List<String> c = new ArrayList<>(List.of("epoch", "total"));
        c.addAll(termNames);
        c.addAll(paramNames);
        columns = List.copyOf(c);
    }

    void add(Progress p) {
        int w = columns.size();
        if ((count + 1) * w > rows.length) {
            rows = Arrays.copyOf(rows, rows.length * 2);
        }
        int o = count * w;
        rows[o] = p.epoch();
        rows[o + 1] = p.total();
        System.arraycopy(p.terms(), 0, rows, o + 2, p.terms().length);
        System.arraycopy(p.params(), 0, rows, o + 2 + p.terms().length, p.params().length);
        count++;
    }

    /**
     * Replaces the rows with those of a history saved in a checkpoint.
     *
     * @param saved shape (epochs, columns), columns named {@code savedColumns}
     * @throws IllegalArgumentException if the saved columns are not this history's
     */
    void restore(List<String> savedColumns, Tensor saved) {
        if (!savedColumns.equals(columns) || saved.numel() > 0 && (saved.rank() != 2
                || saved.size(1) != columns.size())) {
            throw new IllegalArgumentException("the checkpoint's loss history has the columns " + savedColumns
                    + " but this training logs " + columns);
        }
        double[] d = saved.data();
        rows = Arrays.copyOf(d, Math.max(1024, 2 * d.length));
        count = d.length / columns.size();
    }

    /** Column names: epoch, total, terms, parameters. */
    public List<String> columns() {
        return columns;
    }

    /** Number of recorded epochs. */
    public int size() {
        return count;
    }

    /** Column {@code name} over the epochs, shape (epochs,). */
    public double[] column(String name) {
        int j = columns.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("no column '" + name + "'; the columns are " + columns);
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = rows[i * columns.size() + j];
        }
        return out;
    }

    /** The table, shape (epochs, columns). */
    public Tensor values() {
        return Tensor.wrap(Arrays.copyOf(rows, count * columns.size()), count, columns.size());
    }

    /** Writes the table (tab-separated, with a header) atomically. */
    public void write(Path file) throws IOException {
        write(file, "epoch");
    }

    /** {@link #write(Path)} with the first column named {@code count}, e.g. "step". */
    public void write(Path file, String count) throws IOException {
        List<String> header = new ArrayList<>(columns);
        header.set(0, count);
        TextTable.write(file, header, values());
    }
}
