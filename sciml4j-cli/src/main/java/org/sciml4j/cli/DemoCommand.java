package org.sciml4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.sciml4j.cli.plot.Plots;
import org.sciml4j.io.TextTable;
import org.sciml4j.nn.Mlp;
import org.sciml4j.optim.Adam;
import org.sciml4j.optim.Optimizer;
import org.sciml4j.pinn.MlpJet;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The forward PINN of the damped-oscillator tutorial: u'' + c u' + k u = 0 (m = 1, k = 1, c = 0.1), u(0) = 1,
 * u'(0) = 0 on [0, 10]; network 1-20-20-1 tanh; Adam 1e-3; residual at 101 uniform points plus the initial value and
 * slope; no data. Compared at the end with the exact solution exp(-gamma t) cos(omega t).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train the forward PINN of the damped oscillator u'' + 0.1 u' + u = 0 and report its error.")
final class DemoCommand implements Callable<Integer> {
    static final double C = 0.1;
    static final double K = 1.0;

    @Option(names = "--out", defaultValue = "runs/demo", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--epochs", defaultValue = "10000", description = "Adam epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--seed", defaultValue = "0", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--every", defaultValue = "1000", description = "print the losses every N epochs")
    int every;

    /** The exact solution (k = 1). */
    static double exact(double t) {
        return DataCommand.exact(C, t);
    }

    @Override
    public Integer call() throws Exception {
        if (epochs < 1 || every < 1) {
            throw new IllegalArgumentException("--epochs and --every must be at least 1");
        }
        Files.createDirectories(out);
        System.out.printf(Locale.ROOT, "damped oscillator, forward PINN: u'' + %.1f u' + %.1f u = 0, u(0) = 1, u'(0) = 0,"
                + " t in [0, 10]%n", C, K);
        System.out.printf(Locale.ROOT, "network 1-20-20-1 tanh, Adam lr 1e-3, %d epochs, 101 collocation points,"
                + " seed %d%n", epochs, seed);
        Mlp net = Mlp.builder().sizes(1, 20, 20, 1).activation("tanh").initializer("glorot_normal").seed(seed).build();
        List<Tensor> params = net.parameters().trainable();
        Optimizer adam = Adam.of(1e-3);
        // the 101 collocation points and, last, the initial time: one fused Taylor pass gives u, u_t, u_tt at all
        Tensor t = Tensor.concat(0, Tensor.linspace(0, 10, 101), Tensor.zeros(1)).reshape(102, 1);
        Tensor ones = Tensor.ones(102, 1);
        List<double[]> history = new ArrayList<>();
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Tensor[] jet = MlpJet.of(net, t, ones);
            Tensor u = jet[0].slice(0, 0, 101);
            Tensor ut = jet[1].slice(0, 0, 101);
            Tensor utt = jet[2].slice(0, 0, 101);
            Tensor equation = utt.add(ut.mul(C)).add(u.mul(K)).square().mean();
            Tensor initial = jet[0].slice(0, 101, 102).sub(1.0).square().mean()
                    .add(jet[1].slice(0, 101, 102).square().mean());
            Tensor loss = equation.add(initial);
            adam.step(params, Autodiff.grad(loss, params, null, false));
            history.add(new double[] {epoch, loss.item(), equation.item(), initial.item()});
            if (epoch % every == 0 || epoch == epochs) {
                System.out.printf(Locale.ROOT, "epoch %6d  loss %.3e  equation %.3e  initial %.3e%n", epoch,
                        loss.item(), equation.item(), initial.item());
                writeLoss(history); // on disk as we go: an interrupted run keeps what it learned
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Tensor te = Tensor.linspace(0, 10, 101).reshape(101, 1);
        Tensor pred;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            pred = net.forward(te);
        }
        double sq = 0;
        double sqTrue = 0;
        double[] rows = new double[101 * 3];
        for (int i = 0; i < 101; i++) {
            double ti = te.data()[i];
            double ue = exact(ti);
            double up = pred.data()[i];
            sq += (up - ue) * (up - ue);
            sqTrue += ue * ue;
            rows[3 * i] = ti;
            rows[3 * i + 1] = up;
            rows[3 * i + 2] = ue;
        }
        double abs = Math.sqrt(sq / 101);
        double rel = abs / Math.sqrt(sqTrue / 101);
        TextTable.write(out.resolve("prediction.tsv"), List.of("t", "u_pred", "u_exact"), Tensor.wrap(rows, 101, 3));
        double[] tt = new double[101];
        double[] up = new double[101];
        double[] ue = new double[101];
        for (int i = 0; i < 101; i++) {
            tt[i] = rows[3 * i];
            up[i] = rows[3 * i + 1];
            ue[i] = rows[3 * i + 2];
        }
        Plots.predictionVsTruth(out.resolve("prediction.png"), "Damped oscillator, forward PINN", tt, up, ue, null,
                null);
        double[][] cols = new double[4][history.size()];
        for (int i = 0; i < history.size(); i++) {
            for (int c = 0; c < 4; c++) {
                cols[c][i] = history.get(i)[c];
            }
        }
        Plots.lossCurves(out.resolve("loss.png"), "Training loss", cols[0], List.of("total", "equation", "initial"),
                List.of(cols[1], cols[2], cols[3]));
        System.out.printf(Locale.ROOT, "trained in %.1f s; absolute error %.4g, relative error %.4g%n", seconds, abs, rel);
        System.out.println("outputs in " + out + ": loss.tsv, prediction.tsv, loss.png, prediction.png");
        return 0;
    }

    private void writeLoss(List<double[]> history) throws java.io.IOException {
        double[] d = new double[history.size() * 4];
        for (int i = 0; i < history.size(); i++) {
            System.arraycopy(history.get(i), 0, d, 4 * i, 4);
        }
        TextTable.write(out.resolve("loss.tsv"), List.of("epoch", "total", "equation", "initial"),
                Tensor.wrap(d, history.size(), 4));
    }
}
