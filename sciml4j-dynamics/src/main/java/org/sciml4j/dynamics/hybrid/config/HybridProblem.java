package org.sciml4j.dynamics.hybrid.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.sciml4j.dynamics.hybrid.SharpnessAware;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.optim.Adam;
import org.sciml4j.optim.Optimizer;
import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.plot.Plots;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.LossHistory;
import org.sciml4j.train.Objective;
import org.sciml4j.train.Trainer;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.DocumentProblem;
import org.sciml4j.train.config.YamlDocument;

/**
 * A read {@code kind: hybrid} file and its run (the physics-specific parts in {@link PendulumRun}, {@link SeirRun}).
 */
final class HybridProblem extends DocumentProblem {
    private final HybridSpec spec;

    HybridProblem(YamlDocument doc, HybridSpec spec) {
        super(doc, "hybrid", doc.runName());
        this.spec = spec;
    }

    HybridSpec spec() {
        return spec;
    }


    @Override
    public int run(RunContext c) throws IOException {
        long seed = c.seedOr(spec.seed());
        try {
            return spec.physics().equals("seir") ? new SeirRun(spec, c, seed).run() : new PendulumRun(spec, c, seed)
                    .run();
        } catch (TrainingDivergedException e) {
            c.out().println("training stopped: " + e.getMessage());
            return 1;
        }
    }

    /** Trains with Adam, wrapped in SAM over {@code network} when the file asks for it. */
    static Trainer.Result train(HybridSpec spec, RunContext c, Objective o, List<Tensor> network) {
        double lr = spec.training().learningRate();
        Supplier<Optimizer> adam = () -> Adam.of(lr);
        Supplier<Optimizer> opt = spec.samRho() > 0 ? () -> new SharpnessAware(Adam.of(lr), spec.samRho(), o,
                network) : adam;
        return Trainer.builder().firstOrder(spec.samRho() > 0 ? "sam-adam" : "adam", opt,
                c.epochsOr(spec.training().epochs())).listener(c.listener(spec.training().printEvery())).build()
                .train(o);
    }

    /** The fields every hybrid summary has. */
    static SummaryJson summary(HybridSpec spec, long seed, Trainer.Result r) {
        return new SummaryJson().put("kind", "hybrid").put("physics", spec.physics()).put("seed", seed)
                .put("sam_rho", spec.samRho()).put("epochs", r.epochs()).put("train_seconds", r.seconds())
                .put("stop_reason", r.stopReason()).put("final_loss", last(r.history(), "total"));
    }

    static double last(LossHistory h, String column) {
        double[] v = h.column(column);
        return v.length == 0 ? Double.NaN : v[v.length - 1];
    }

    /** loss.png and loss.tsv: every term of the history. */
    static void writeLoss(RunContext c, LossHistory h) throws IOException {
        int n = h.size();
        if (n == 0) {
            return;
        }
        double[] epochs = new double[n];
        for (int i = 0; i < n; i++) {
            epochs[i] = i + 1;
        }
        List<String> names = new ArrayList<>(List.of("total"));
        List<double[]> values = new ArrayList<>(List.of(h.column("total")));
        Plots.lossCurves(c.dir().resolve("loss.png"), "training loss", epochs, names, values);
        h.write(c.dir().resolve("loss.tsv"));
    }
}
