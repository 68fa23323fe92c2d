package org.sciml4j.dynamics.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.data.TrajectoryGenerator;
import org.sciml4j.dynamics.hamiltonian.DerivativeObjective;
import org.sciml4j.dynamics.hamiltonian.HamiltonianNetwork;
import org.sciml4j.dynamics.hamiltonian.NetworkField;
import org.sciml4j.dynamics.hamiltonian.TrajectoryObjective;
import org.sciml4j.dynamics.ode.FixedStepSolver;
import org.sciml4j.dynamics.ode.OdeSolver;
import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.io.InputFiles;
import org.sciml4j.io.SafeTensors;
import org.sciml4j.nn.Module;
import org.sciml4j.nn.Networks;
import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Objective;
import org.sciml4j.train.Trainer;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.DocumentProblem;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A read {@code hamiltonian} or {@code neural_ode} file and its run: make or read the trajectories, build the field,
 * train it through {@link Trainer}, roll out test trajectories and write {@code summary.json},
 * {@code model.safetensors}, {@code data.npz}, {@code rollouts.npz} and the plots ({@link DynamicsOutputs}).
 */
final class DynamicsProblem extends DocumentProblem {
    /** The models whose field is a {@link HamiltonianNetwork}: their states are (q, p) pairs. */
    private static final Set<String> HAMILTONIAN_MODELS = Set.of("hnn", "dissipative_hnn");

    private final DynamicsSpec spec;

    /** The data file's trajectories, read (and checked) with the problem file; null for generated data. */
    private final TrajectoryData fileData;

    DynamicsProblem(YamlDocument doc, DynamicsSpec spec) {
        super(doc, spec.kind(), doc.runName());
        this.spec = spec;
        this.fileData = spec.data().file() == null ? null : readFile(spec.data().file());
    }

    /** The checked specification. */
    DynamicsSpec spec() {
        return spec;
    }

    @Override
    public int run(RunContext c) throws IOException {
        long seed = c.seedOr(spec.seed());
        TrajectoryData all = data(seed);
        int k = all.trajectories();
        int nTrain = k == 1 ? 1 : Math.max(1, Math.min(k - 1, (int) Math.round(k * (1 - spec.data().testSplit()))));
        TrajectoryData train = all.subset(0, nTrain);
        TrajectoryData test = nTrain < k ? all.subset(nTrain, k) : null;
        VectorField field = field(all.dimension(), seed);
        Objective objective = objective(field, train, seed);
        c.say(spec.kind() + " " + spec.model() + ": " + train.trajectories() + " training trajectories of "
                + train.times() + " points, d = " + all.dimension() + ", " + field.parameters().stream()
                .mapToInt(Tensor::numel).sum() + " parameters, target " + spec.training().target()
                + integration(train));
        Trainer trainer = Trainer.builder().adam(spec.training().learningRate(),
                c.epochsOr(spec.training().epochs())).listener(c.listener(spec.training().printEvery())).build();
        Trainer.Result result;
        try {
            result = trainer.train(objective);
        } catch (TrainingDivergedException e) {
            c.out().println("training stopped: " + e.getMessage());
            return 1;
        }
        new DynamicsOutputs(spec, c, seed).write(field, train, test, result);
        return 0;
    }

    private TrajectoryData data(long seed) throws IOException {
        DynamicsSpec.Data d = spec.data();
        if (fileData != null) {
            return fileData;
        }
        return new TrajectoryGenerator(spec.system()).trajectories(d.trajectories()).timeSpan(d.timeSpan()[0],
                d.timeSpan()[1]).rate(d.rate()).noise(d.noise()).radius(d.radius()[0], d.radius()[1]).seed(seed)
                .generate();
    }

    /**
     * The data file's trajectories, read when the problem is: a file that cannot be read as trajectories, or whose
     * state width is not the system's or (for an HNN) not (q, p) pairs, is a mistake placed at {@code file:}; a
     * segment of as many intervals as the file has points one placed at {@code segment:}, as the reader places it
     * for generated data.
     */
    private TrajectoryData readFile(Path file) {
        Node at = DynamicsReader.nodeOr(doc(), "data", "file");
        TrajectoryData read;
        try {
            read = TrajectoryData.read(file);
        } catch (IOException e) {
            throw doc().error(at, InputFiles.cannotRead(file, e));
        }
        int found = read.dimension();
        String states = file.getFileName() + " has states of width " + found + " (x of shape (" + read.trajectories()
                + ", " + read.times() + ", " + found + "))";
        if (spec.system() != null && found != spec.system().dimension()) {
            throw doc().error(at, states + ", but system " + spec.system().name() + " has states of width "
                    + spec.system().dimension());
        }
        if (HAMILTONIAN_MODELS.contains(spec.model()) && found % 2 != 0) {
            throw doc().error(at, states + ", but " + spec.model() + " takes (q, p) pairs: an even width (q the"
                    + " first half of the columns, p the second)");
        }
        int times = read.times();
        DynamicsSpec.Training t = spec.training();
        if (t.target().equals("trajectories")) {
            doc().at(DynamicsReader.nodeOr(doc(), "training", "segment"),
                    () -> TrajectoryObjective.checkSegment(t.segment(), times));
        } else if (read.dxdt() == null) {
            throw doc().error(at, file.getFileName() + " has no array 'dxdt' (the time derivatives that 'target:"
                    + " derivatives' fits): train through the integrator with 'target: trajectories'");
        }
        return read;
    }

    private VectorField field(int d, long seed) {
        switch (spec.model()) {
            case "hnn":
                return HamiltonianNetwork.conservative(Networks.build(spec.network(), d, 1, seed), d);
            case "dissipative_hnn":
                return HamiltonianNetwork.dissipative(Networks.build(spec.network(), d, 1, seed), d, seed + 1);
            default:
                Module net = Networks.build(spec.network(), d, d, seed);
                return new NetworkField(net);
        }
    }

    private Objective objective(VectorField field, TrajectoryData train, long seed) {
        DynamicsSpec.Training t = spec.training();
        if (t.target().equals("derivatives")) {
            return new DerivativeObjective(field, train.states(), train.derivatives(), t.weightDecay());
        }
        OdeSolver solver = OdeSolver.named(t.integrator(), t.step());
        return new TrajectoryObjective(field, solver, t.gradient(), train, t.segment(), t.batchSize(), seed);
    }

    /**
     * How training through the integrator steps, e.g. {@code , rk4: 2 steps of 0.0125 per observation interval
     * 0.025}: a fixed-step solver cuts each interval into the fewest equal steps no longer than {@code step}, so a
     * step at or above the interval is one step per interval.
     */
    private String integration(TrajectoryData train) {
        DynamicsSpec.Training t = spec.training();
        if (t.target().equals("derivatives")) {
            return "";
        }
        double dt = train.t().data()[1] - train.t().data()[0];
        if (OdeSolver.named(t.integrator(), t.step()) instanceof FixedStepSolver f) {
            int n = f.stepsFor(dt);
            return String.format(Locale.ROOT, ", %s: %d step%s of %.4g per observation interval %.4g",
                    t.integrator(), n, n == 1 ? "" : "s", dt / n, dt);
        }
        return ", " + t.integrator() + ": adaptive steps";
    }

    /** The model's tensors by name, as saved to {@code model.safetensors}. */
    static Map<String, Tensor> modelTensors(VectorField field) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        if (field instanceof HamiltonianNetwork h) {
            h.energyNetwork().parameters().snapshot().forEach((n, v) -> m.put("energy." + n, v));
            if (h.dissipationFactor() != null) {
                m.put("dissipation_factor", h.dissipationFactor().detach());
            }
        } else if (field instanceof NetworkField f) {
            f.network().parameters().snapshot().forEach((n, v) -> m.put("field." + n, v));
        }
        return m;
    }

    static void writeModel(Path file, VectorField field, String model) throws IOException {
        SafeTensors.write(file, modelTensors(field), Map.of("sciml4j.model", model));
    }
}
