package org.sciml4j.pinn.phasefield;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.sciml4j.domain.geometry.Rectangle;
import org.sciml4j.domain.quadrature.Quadrature;
import org.sciml4j.domain.quadrature.QuadratureRule;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.nn.Checkpoint;
import org.sciml4j.nn.Networks;
import org.sciml4j.pinn.config.ProblemFile.TrainingSpec;
import org.sciml4j.solvers.fracture.FilmGrid;
import org.sciml4j.solvers.fracture.ShrinkageFilmSolver;
import org.sciml4j.train.Trainer;
import org.sciml4j.train.TrainingListener;
import org.sciml4j.train.config.DocumentProblem;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.YamlDocument;

/**
 * Runs a {@code kind: phase_field} file: shrinkage cracks in a film on a substrate, load step by load step. At each
 * strain eps0 the network (warm-started from the last step) minimises the phase-field energy through {@link Trainer}
 * on its {@link PhaseFieldObjective}; the step's phase field then becomes the next step's frozen lower bound. The
 * grid solver ({@link ShrinkageFilmSolver}) solves the same steps; the network's fields are evaluated at its nodes
 * too, and their energy taken with its discrete energy ({@link FilmGrid}).
 * The network's energy is also measured by a finer check quadrature (its own energy, on nodes it was not trained on).
 * Writes {@code summary.json} ({@code relative_error}: the largest over the steps of |E_network - E_grid| / E_grid,
 * E_network by the check quadrature; {@code relative_error_nodal}: the same with the grid's energy of the network's
 * nodal values),
 * {@code phase.png} (phi of both at the last step), {@code energy.png}, {@code fields.npz}, {@code loss-N.tsv} and
 * {@code network.safetensors}.
 */
public final class PhaseFieldRun extends DocumentProblem {
    /** The kind's name. */
    public static final String KIND = "phase_field";

    private final PhaseFieldSpec spec;

    /**
     * @param doc  the file it was read from
     * @param spec its settings
     */
    public PhaseFieldRun(YamlDocument doc, PhaseFieldSpec spec) {
        super(doc, KIND, doc.runName());
        this.spec = spec;
    }

    /** The file's settings. */
    public PhaseFieldSpec spec() {
        return spec;
    }

    /** A fresh network with its transforms, parameters drawn from the seed. */
    public PhaseFieldNetwork newNetwork(long seed) {
        return new PhaseFieldNetwork(Networks.build(spec.network(), 2, 3, seed), spec.film().size(), spec.offset());
    }

    /** The training quadrature: composite Gauss-Legendre on the film (the first node set). */
    public Quadrature quadrature() {
        return gaussLegendre(spec.quadrature()[0], spec.quadrature()[1]);
    }

    /** The training node sets: composite Gauss-Legendre with n, n + 1, n - 1, n + 2, ... intervals per axis. */
    public List<Quadrature> quadratures() {
        List<Quadrature> sets = new ArrayList<>();
        int n = spec.quadrature()[1];
        for (int k = 0; k < spec.quadrature()[2]; k++) {
            int shift = (k + 1) / 2 * (k % 2 == 1 ? 1 : -1);
            sets.add(gaussLegendre(spec.quadrature()[0], Math.max(1, n + shift)));
        }
        return sets;
    }

    /**
     * The check quadrature: 3 Gauss-Legendre nodes in each of twice the training's intervals per axis (nodes apart
     * from the training's), to measure the network's own energy where it was not trained.
     */
    public Quadrature checkQuadrature() {
        return gaussLegendre(3, 2 * spec.quadrature()[1]);
    }

    private Quadrature gaussLegendre(int points, int intervals) {
        double l = spec.film().size();
        return QuadratureRule.gaussLegendre(points, intervals)
                .on(new Rectangle(new double[] {0, 0}, new double[] {l, l}), 0);
    }

    /**
     * The network's load steps.
     *
     * @param fields   the network, trained in place from step to step
     * @param epochs   Adam's epochs per step
     * @param grid     the grid whose nodes the fields are evaluated at
     * @param listener the training log, or null
     * @return per step: {u1, u2, phi} at the grid's nodes, and the training's energy terms
     */
    public List<NetworkStep> trainSteps(PhaseFieldNetwork fields, int epochs, FilmGrid grid,
            TrainingListener listener) {
        List<Quadrature> sets = quadratures();
        Quadrature check = checkQuadrature();
        List<double[][]> atNodes = new ArrayList<>();
        for (Quadrature q : sets) {
            atNodes.add(new double[3][q.size()]);
        }
        double[][] atCheck = new double[3][check.size()];
        double[] nodes = grid.nodeCoordinates();
        double[] phiGrid = new double[grid.nodes()];
        List<NetworkStep> steps = new ArrayList<>();
        for (int step = 0; step < spec.load().length; step++) {
            double eps0 = spec.load()[step];
            PhaseFieldObjective objective = new PhaseFieldObjective(fields, spec.film(), eps0, sets, atNodes,
                    spec.quadrature()[3]);
            Trainer.Result result = trainer(epochs, spec.lbfgsIterations(step), listener).train(objective);
            PhaseFieldObjective checkEnergy = new PhaseFieldObjective(fields, spec.film(), eps0, check, atCheck);
            double[] terms = new double[6];
            objective.use(0);
            try (var s = org.sciml4j.tensor.Autodiff.noGrad()) {
                var l = objective.loss();
                var lc = checkEnergy.loss();
                for (int k = 0; k < 3; k++) {
                    terms[k] = l.get(k).item();
                    terms[3 + k] = lc.get(k).item();
                }
            }
            for (int k = 0; k < sets.size(); k++) {
                atNodes.set(k, objective.phaseAtNodes(k));
            }
            atCheck = checkEnergy.phaseAtNodes();
            double[][] f = fields.values(nodes, eps0, phiGrid);
            phiGrid = f[2];
            steps.add(new NetworkStep(eps0, f, terms, result));
        }
        return steps;
    }

    /**
     * One load step of the network.
     *
     * @param eps0   the strain
     * @param fields {u1, u2, phi} at the grid's nodes
     * @param terms  {elastic, surface, substrate} at the end by the first training set, then by the check
     *               quadrature
     * @param result the training's result
     */
    public record NetworkStep(double eps0, double[][] fields, double[] terms, Trainer.Result result) {
    }

    private Trainer trainer(int epochs, int lbfgsIterations, TrainingListener listener) {
        TrainingSpec t = spec.training();
        Trainer general = org.sciml4j.pinn.Trainer.builder().adam(t.learningRate(), epochs)
                .lbfgs(lbfgsIterations).schedule(t.schedule()).build().general();
        int round = spec.quadrature()[4];
        Trainer.Builder b = Trainer.builder();
        for (org.sciml4j.train.Phase p : general.phases()) {
            b.phase(round > 0 && p instanceof org.sciml4j.train.Phase.QuasiNewton q
                    ? new org.sciml4j.train.Phase.QuasiNewton(q.name(), q.minimizer(), q.iterations(), round) : p);
        }
        if (listener != null) {
            b.listener(listener);
        }
        return b.build();
    }

    @Override
    public int run(RunContext c) throws IOException {
        long seed = c.seedOr(spec.training().seed());
        int epochs = c.epochsOr(spec.training().epochs());
        PhaseFieldSpec.Reference r = spec.reference();
        FilmGrid grid = spec.film().grid(r.cells());
        c.say("phase field: grid solver, " + r.cells() + " x " + r.cells() + " cells, strains "
                + java.util.Arrays.toString(spec.load()));
        List<ShrinkageFilmSolver.Step> reference = new ShrinkageFilmSolver(grid, r.tolerance(), r.maxIterations())
                .solve(spec.load());
        PhaseFieldNetwork fields = newNetwork(seed);
        c.say("phase field: network " + spec.network() + ", " + quadrature().size() + " quadrature nodes");
        List<NetworkStep> steps = trainSteps(fields, epochs, grid, c.listener(spec.training().logEvery()));
        PhaseFieldReport report = new PhaseFieldReport(grid, reference, steps);
        SummaryJson summary = report.summary(name(), seed);
        for (String line : report.lines()) {
            c.say(line);
        }
        c.say(String.format(Locale.ROOT, "largest relative energy difference against the grid solver: %.3g %%",
                100 * report.relativeError()));
        report.write(c.dir(), name());
        Checkpoint.save(c.dir().resolve("network.safetensors"), fields.network().parameters());
        summary.write(c.dir());
        return 0;
    }
}
