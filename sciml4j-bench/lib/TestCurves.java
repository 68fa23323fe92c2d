import org.sciml4j.io.TextTable;
import org.sciml4j.plot.Axes;
import org.sciml4j.plot.Plots;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Two or more test-error curves against epochs side by side: a Markdown table on stdout (every EVERY-th epoch and
 * the last common one) and a PNG. Each curve is a tab-separated table with columns {@code epoch} and
 * {@code test_relative_l2} (sciml4j's {@code test-curve.tsv}, fno2d_torch.py's {@code --out}). The first curve is
 * compared with each other one: "no worse" when its error is at most the other's at that epoch.
 * <p>
 * Usage (single-file program on the CLI jar):
 * {@code java -cp sciml4j-cli/target/sciml4j.jar sciml4j-bench/lib/TestCurves.java OUT.png EVERY TITLE
 * LABEL=FILE.tsv LABEL=FILE.tsv ...}
 */
public final class TestCurves {
    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: TestCurves OUT.png EVERY TITLE LABEL=FILE.tsv LABEL=FILE.tsv ...");
            System.exit(2);
        }
        Path png = Path.of(args[0]);
        int every = Integer.parseInt(args[1]);
        List<String> labels = new ArrayList<>();
        List<double[]> errors = new ArrayList<>();
        int common = Integer.MAX_VALUE;
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            TextTable.Table t = TextTable.read(Path.of(args[i].substring(eq + 1)));
            double[] epoch = t.column("epoch").data();
            double[] err = t.column("test_relative_l2").data();
            for (int k = 0; k < epoch.length; k++) {
                if (epoch[k] != k + 1) {
                    throw new IllegalArgumentException(args[i] + ": row " + (k + 1) + " is epoch " + epoch[k]
                            + "; a curve needs every epoch from 1");
                }
            }
            labels.add(args[i].substring(0, eq));
            errors.add(err);
            common = Math.min(common, err.length);
        }
        double[] x = new double[common];
        List<double[]> ys = new ArrayList<>();
        for (int k = 0; k < common; k++) {
            x[k] = k + 1;
        }
        for (double[] e : errors) {
            ys.add(java.util.Arrays.copyOf(e, common));
        }
        Plots.curves(png, args[2], Axes.of("epoch", "test relative L2 (mean over the test pairs)"), x, labels, ys);
        StringBuilder head = new StringBuilder("| epoch |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String l : labels) {
            head.append(' ').append(l).append(" |");
            rule.append("---|");
        }
        for (int j = 1; j < labels.size(); j++) {
            head.append(' ').append(labels.get(0)).append(" / ").append(labels.get(j)).append(" |");
            rule.append("---|");
        }
        System.out.println(head);
        System.out.println(rule);
        int worse = 0;
        for (int k = 0; k < common; k++) {
            boolean row = (k + 1) % every == 0 || k == 0 || k == common - 1;
            StringBuilder b = new StringBuilder("| " + (k + 1) + " |");
            for (double[] y : ys) {
                b.append(String.format(Locale.ROOT, " %.4f |", y[k]));
            }
            for (int j = 1; j < ys.size(); j++) {
                b.append(String.format(Locale.ROOT, " %.3f |", ys.get(0)[k] / ys.get(j)[k]));
                if (ys.get(0)[k] > ys.get(j)[k]) {
                    worse++;
                }
            }
            if (row) {
                System.out.println(b);
            }
        }
        System.out.printf(Locale.ROOT, "%n%s worse than another curve at %d of %d epochs (all epochs counted)%n",
                labels.get(0), worse, common);
    }
}
