package org.sciml4j.dynamics.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.data.TrajectoryGenerator;
import org.sciml4j.dynamics.hamiltonian.DerivativeObjective;
import org.sciml4j.dynamics.hamiltonian.HamiltonianNetwork;
import org.sciml4j.dynamics.hamiltonian.NetworkField;
import org.sciml4j.dynamics.hamiltonian.TrajectoryObjective;
import org.sciml4j.dynamics.ode.FixedStepSolver;
import org.sciml4j.dynamics.ode.OdeSolver;
import org.sciml4j.dynamics.ode.VectorField;
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

/**
 * A read {@code hamiltonian} or {@code neural_ode} file and its run: make or read the trajectories, build the field,
 * train it through {@link Trainer}, roll out test trajectories and write {@code summary.json},
 * {@code model.safetensors}, {@code data.npz}, {@code rollouts.npz} and the plots ({@link DynamicsOutputs}).
 */
final class DynamicsProblem extends DocumentProblem {
    private final DynamicsSpec spec;

    DynamicsProblem(YamlDocument doc, DynamicsSpec spec) {
        super(doc, spec.kind(), doc.runName());
        this.spec = spec;
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
        if (d.file() != null) {
            TrajectoryData read = TrajectoryData.read(d.file());
            if (spec.system() != null && read.dimension() != spec.system().dimension()) {
                throw new IOException(d.file() + ": x has states of width " + read.dimension() + " but system "
                        + spec.system().name() + " has " + spec.system().dimension());
            }
            return read;
        }
        return new TrajectoryGenerator(spec.system()).trajectories(d.trajectories()).timeSpan(d.timeSpan()[0],
                d.timeSpan()[1]).rate(d.rate()).noise(d.noise()).radius(d.radius()[0], d.radius()[1]).seed(seed)
                .generate();
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

    private Objective objective(VectorField field, TrajectoryData train, long seed) throws IOException {
        DynamicsSpec.Training t = spec.training();
        if (t.target().equals("derivatives")) {
            if (train.dxdt() == null) {
                throw new IOException(spec.data().file() + " has no array 'dxdt': train with 'target: trajectories'");
            }
            return new DerivativeObjective(field, train.states(), train.derivatives(), t.weightDecay());
        }
        // a data file's points are known only now: the segment rule placed at segment: as the reader does
        doc().at(DynamicsReader.segmentNode(doc()), () -> {
            TrajectoryObjective.checkSegment(t.segment(), train.times());
            return null;
        });
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
