package org.sciml4j.pinn.phasefield;

import org.sciml4j.solvers.fracture.FilmGrid;

/**
 * A square film [0, size]^2 on a substrate, with the material of the phase-field energy
 * {@code (1 - phi)^2 psi(eps(u) - eps0 I) + G(x) / (2 s) (phi^2 + s^2 |grad phi|^2) + eta / 2 |u|^2}, psi the linear
 * isotropic density {@code lambda / 2 tr^2 + mu e:e}. The toughness has a weak spot that breaks the square's
 * symmetry: {@code G(x) = G (1 - depth exp(-|x - centre|^2 / radius^2))}; the network and the grid solver use the same.
 *
 * @param size      the film's side
 * @param lambda    Lame's first constant
 * @param mu        shear modulus
 * @param eta       substrate stiffness
 * @param s         phase-field length
 * @param toughness G away from the weak spot
 * @param spot      the weak spot's centre (x, y), radius and depth in [0, 1)
 */
public record Film(double size, double lambda, double mu, double eta, double s, double toughness, double[] spot) {

    /** @throws IllegalArgumentException naming the value out of range */
    public Film {
        if (!(size > 0) || !(lambda >= 0) || !(mu > 0) || !(eta > 0) || !(s > 0) || !(toughness > 0)) {
            throw new IllegalArgumentException("film: need size, mu, eta, s, toughness > 0 and lambda >= 0");
        }
        if (spot.length != 4 || !(spot[2] > 0) || !(spot[3] >= 0 && spot[3] < 1)) {
            throw new IllegalArgumentException("film: the weak spot needs a centre, a radius > 0 and a depth in"
                    + " [0, 1)");
        }
        spot = spot.clone();
    }

    /** G at (x, y). */
    public double toughnessAt(double x, double y) {
        double dx = x - spot[0];
        double dy = y - spot[1];
        return toughness * (1 - spot[3] * Math.exp(-(dx * dx + dy * dy) / (spot[2] * spot[2])));
    }

    /** The discrete energy on a grid of {@code cells x cells} cells (the reference's, and the comparison's). */
    public FilmGrid grid(int cells) {
        return new FilmGrid(cells, size, lambda, mu, eta, s, this::toughnessAt);
    }

    /**
     * The energy density of a film without cracks held fully by the substrate (u = 0): {@code 2 (lambda + mu) eps0^2}.
     */
    public double clampedDensity(double eps0) {
        return 2 * (lambda + mu) * eps0 * eps0;
    }
}
