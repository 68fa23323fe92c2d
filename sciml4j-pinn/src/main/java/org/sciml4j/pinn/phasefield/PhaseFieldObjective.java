package org.sciml4j.pinn.phasefield;

import java.util.List;

import org.sciml4j.domain.quadrature.Quadrature;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Objective;

/**
 * The phase-field energy of one load step as a {@link org.sciml4j.train.Trainer} objective (a variational-energy
 * PINN, Deep Ritz): three loss terms, each a quadrature {@code sum_i w_i f(x_i)} over fixed nodes of the film,
 * <ul>
 *   <li>{@code elastic}: (1 - phi)^2 psi(eps(u) - eps0 I), psi = lambda / 2 tr^2 + mu e:e;</li>
 *   <li>{@code surface}: G(x) / (2 s) (phi^2 + s^2 |grad phi|^2);</li>
 *   <li>{@code substrate}: eta / 2 |u|^2;</li>
 * </ul>
 * their sum is the energy the network minimises (the terms are not squares and are positive here). The previous
 * step's phase field and its gradient at the nodes are frozen data ({@link PhaseFieldNetwork}).
 * <p>
 * With several node sets (rules whose nodes do not coincide), the objective moves to the next set every
 * {@code rotateEvery} first-order epochs and before every round of a quasi-Newton phase run in rounds: a network
 * that fits one fixed set of nodes (a crack narrower than their spacing, hidden between them) is caught by the others.
 */
public final class PhaseFieldObjective implements Objective {
    private final PhaseFieldNetwork fields;
    private final Film film;
    private final double eps0;
    private final Tensor[] inputsOf;
    private final Tensor[] weightsOf;
    private final Tensor[] toughnessOf;
    private final Tensor[][] previousOf;
    private final int rotateEvery;
    private final List<Tensor> parameters;
    private int current;

    /**
     * @param fields     the network and its transforms
     * @param film       the material
     * @param eps0       the step's shrinkage strain
     * @param quadrature nodes (N, 2) in the film and weights
     * @param previous   phi_prev, its x and y derivatives at the nodes, each length N
     */
    public PhaseFieldObjective(PhaseFieldNetwork fields, Film film, double eps0, Quadrature quadrature,
            double[][] previous) {
        this(fields, film, eps0, List.of(quadrature), List.<double[][]>of(previous), 0);
    }

    /**
     * @param fields      the network and its transforms
     * @param film        the material
     * @param eps0        the step's shrinkage strain
     * @param quadratures node sets (N_k, 2) in the film and their weights, at least one
     * @param previous    per set: phi_prev, its x and y derivatives at its nodes, each length N_k
     * @param rotateEvery first-order epochs between moves to the next set (0: only between quasi-Newton rounds)
     */
    public PhaseFieldObjective(PhaseFieldNetwork fields, Film film, double eps0, List<Quadrature> quadratures,
            List<double[][]> previous, int rotateEvery) {
        int sets = quadratures.size();
        if (sets < 1 || previous.size() != sets || rotateEvery < 0) {
            throw new IllegalArgumentException("phase-field objective: need at least one node set, the previous"
                    + " phase field on each and rotateEvery >= 0");
        }
        this.fields = fields;
        this.film = film;
        this.eps0 = eps0;
        this.rotateEvery = rotateEvery;
        this.inputsOf = new Tensor[sets];
        this.weightsOf = new Tensor[sets];
        this.toughnessOf = new Tensor[sets];
        this.previousOf = new Tensor[sets][3];
        for (int k = 0; k < sets; k++) {
            Quadrature q = quadratures.get(k);
            double[][] prev = previous.get(k);
            int n = q.size();
            if (prev.length != 3 || prev[0].length != n || prev[1].length != n || prev[2].length != n) {
                throw new IllegalArgumentException("phase-field objective: the previous phase field needs values"
                        + " and two derivatives at the " + n + " nodes of set " + k);
            }
            double[] xy = q.points().toArray();
            inputsOf[k] = fields.inputs(xy);
            weightsOf[k] = q.weightColumn();
            double[] wg = new double[n];
            for (int i = 0; i < n; i++) {
                wg[i] = q.weights()[i] * film.toughnessAt(xy[2 * i], xy[2 * i + 1]) / (2 * film.s());
            }
            toughnessOf[k] = Tensor.of(wg, n, 1);
            for (int m = 0; m < 3; m++) {
                previousOf[k][m] = Tensor.of(prev[m], n, 1);
            }
        }
        this.parameters = fields.network().parameters().trainable();
    }

    /** Evaluates on node set k from now on. */
    public void use(int k) {
        current = k;
    }

    @Override
    public void beforeEpoch(int epoch) {
        if (rotateEvery > 0 && epoch > 1 && (epoch - 1) % rotateEvery == 0) {
            current = (current + 1) % inputsOf.length;
        }
    }

    @Override
    public void beforeRound(int round, int epoch) {
        current = (current + 1) % inputsOf.length;
    }

    @Override
    public List<String> termNames() {
        return List.of("elastic", "surface", "substrate");
    }

    @Override
    public List<Tensor> parameters() {
        return parameters;
    }

    @Override
    public List<Tensor> loss() {
        Tensor[] f = fields.fields(inputsOf[current], eps0, previousOf[current]);
        Tensor weights = weightsOf[current];
        Tensor exx = f[3].sub(eps0);
        Tensor eyy = f[6].sub(eps0);
        Tensor exy = f[4].add(f[5]).mul(0.5);
        Tensor tr = exx.add(eyy);
        Tensor psi = tr.square().mul(0.5 * film.lambda())
                .add(exx.square().add(eyy.square()).add(exy.square().mul(2)).mul(film.mu()));
        Tensor elastic = f[2].rsub(1).square().mul(psi).mul(weights).sum();
        double s2 = film.s() * film.s();
        Tensor crack = f[2].square().add(f[7].square().add(f[8].square()).mul(s2));
        Tensor surface = crack.mul(toughnessOf[current]).sum();
        Tensor substrate = f[0].square().add(f[1].square()).mul(weights).sum().mul(0.5 * film.eta());
        return List.of(elastic, surface, substrate);
    }

    /**
     * phi and its derivatives at the nodes of set k, for the next step's frozen data (nothing recorded).
     *
     * @return {phi, phi_x, phi_y}, each length N_k
     */
    public double[][] phaseAtNodes(int k) {
        try (var s = org.sciml4j.tensor.Autodiff.noGrad()) {
            Tensor[] f = fields.fields(inputsOf[k], eps0, previousOf[k]);
            return new double[][] {f[2].toArray(), f[7].toArray(), f[8].toArray()};
        }
    }

    /** {@link #phaseAtNodes(int)} of the first set. */
    public double[][] phaseAtNodes() {
        return phaseAtNodes(0);
    }
}
