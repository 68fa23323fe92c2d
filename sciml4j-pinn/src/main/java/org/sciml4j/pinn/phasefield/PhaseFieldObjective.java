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
 */
public final class PhaseFieldObjective implements Objective {
    private final PhaseFieldNetwork fields;
    private final Film film;
    private final double eps0;
    private final Tensor inputs;
    private final Tensor weights;
    private final Tensor toughnessWeights;
    private final Tensor[] previous;
    private final List<Tensor> parameters;

    /**
     * @param fields     the network and its transforms
     * @param film       the material
     * @param eps0       the step's shrinkage strain
     * @param quadrature nodes (N, 2) in the film and weights
     * @param previous   phi_prev, its x and y derivatives at the nodes, each length N
     */
    public PhaseFieldObjective(PhaseFieldNetwork fields, Film film, double eps0, Quadrature quadrature,
            double[][] previous) {
        int n = quadrature.size();
        if (previous.length != 3 || previous[0].length != n || previous[1].length != n || previous[2].length != n) {
            throw new IllegalArgumentException("phase-field objective: the previous phase field needs values and"
                    + " two derivatives at the " + n + " nodes");
        }
        this.fields = fields;
        this.film = film;
        this.eps0 = eps0;
        double[] xy = quadrature.points().toArray();
        this.inputs = fields.inputs(xy);
        this.weights = quadrature.weightColumn();
        double[] wg = new double[n];
        for (int i = 0; i < n; i++) {
            wg[i] = quadrature.weights()[i] * film.toughnessAt(xy[2 * i], xy[2 * i + 1]) / (2 * film.s());
        }
        this.toughnessWeights = Tensor.of(wg, n, 1);
        this.previous = new Tensor[3];
        for (int k = 0; k < 3; k++) {
            this.previous[k] = Tensor.of(previous[k], n, 1);
        }
        this.parameters = fields.network().parameters().trainable();
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
        Tensor[] f = fields.fields(inputs, eps0, previous);
        Tensor exx = f[3].sub(eps0);
        Tensor eyy = f[6].sub(eps0);
        Tensor exy = f[4].add(f[5]).mul(0.5);
        Tensor tr = exx.add(eyy);
        Tensor psi = tr.square().mul(0.5 * film.lambda())
                .add(exx.square().add(eyy.square()).add(exy.square().mul(2)).mul(film.mu()));
        Tensor elastic = f[2].rsub(1).square().mul(psi).mul(weights).sum();
        double s2 = film.s() * film.s();
        Tensor crack = f[2].square().add(f[7].square().add(f[8].square()).mul(s2));
        Tensor surface = crack.mul(toughnessWeights).sum();
        Tensor substrate = f[0].square().add(f[1].square()).mul(weights).sum().mul(0.5 * film.eta());
        return List.of(elastic, surface, substrate);
    }

    /**
     * phi and its derivatives at the nodes for the next step's frozen data (nothing recorded).
     *
     * @return {phi, phi_x, phi_y}, each length N
     */
    public double[][] phaseAtNodes() {
        try (var s = org.sciml4j.tensor.Autodiff.noGrad()) {
            Tensor[] f = fields.fields(inputs, eps0, previous);
            return new double[][] {f[2].toArray(), f[7].toArray(), f[8].toArray()};
        }
    }
}
