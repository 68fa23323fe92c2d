package org.sciml4j.solvers.generate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.sciml4j.solvers.grf.NeumannGrf2d;
import org.sciml4j.solvers.grf.PeriodicGrf;
import org.sciml4j.solvers.grf.RbfGrf1d;

/**
 * The input-function sections of spec files: {@code input: {grf: {sigma, tau, alpha, modes}}} for the spectral
 * fields of covariance {@code sigma^2 (-Laplacian + tau^2 I)^(-alpha)}, and
 * {@code input: {rbf: {sigma, length_scale, points, jitter}}} for DeepONet's RBF field.
 */
final class Fields {
    private static final Set<String> GRF_KEYS = Set.of("sigma", "tau", "alpha", "modes");
    private static final Set<String> RBF_KEYS = Set.of("sigma", "length_scale", "points", "jitter");

    private Fields() {
    }

    /** Knobs of a spectral field. */
    record Grf(double sigma, double tau, double alpha, int modes) {
        PeriodicGrf periodic() {
            return new PeriodicGrf(sigma, tau, alpha, modes);
        }

        NeumannGrf2d neumann() {
            return new NeumannGrf2d(sigma, tau, alpha, modes);
        }

        Map<String, Object> settings() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "grf");
            m.put("sigma", sigma);
            m.put("tau", tau);
            m.put("alpha", alpha);
            m.put("modes", modes);
            return m;
        }
    }

    /** Knobs of an RBF field. */
    record Rbf(double sigma, double lengthScale, int points, double jitter) {
        RbfGrf1d field() {
            return new RbfGrf1d(sigma, lengthScale, points, jitter);
        }

        Map<String, Object> settings() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "rbf");
            m.put("sigma", sigma);
            m.put("length_scale", lengthScale);
            m.put("points", points);
            m.put("jitter", jitter);
            return m;
        }
    }

    /** {@code key: {grf: {...}}} read with defaults from {@code fallback}; absent key gives the fallback. */
    static Grf grf(SpecReader spec, String key, Grf fallback) {
        if (!spec.has(key)) {
            return fallback;
        }
        SpecReader kind = spec.section(key, "'" + key + "'", Set.of("grf"));
        if (!kind.has("grf")) {
            throw spec.error(key, "'" + key + "' needs a 'grf' section, e.g. '" + key + ": {grf: {sigma: "
                    + fallback.sigma() + ", tau: " + fallback.tau() + ", alpha: " + fallback.alpha() + "}}'");
        }
        SpecReader g = kind.section("grf", "'grf'", GRF_KEYS);
        double sigma = g.positive("sigma", fallback.sigma());
        double tau = g.number("tau", fallback.tau(), x -> x >= 0, "must be >= 0");
        double alpha = g.positive("alpha", fallback.alpha());
        int modes = g.has("modes") ? g.document().nonNegativeInt(g.value("modes")) : fallback.modes();
        return new Grf(sigma, tau, alpha, modes);
    }

    /** {@code key: {rbf: {...}}} read with defaults from {@code fallback}. */
    static Rbf rbf(SpecReader spec, String key, Rbf fallback) {
        if (!spec.has(key)) {
            return fallback;
        }
        SpecReader kind = spec.section(key, "'" + key + "'", Set.of("rbf"));
        if (!kind.has("rbf")) {
            throw spec.error(key, "'" + key + "' needs an 'rbf' section, e.g. '" + key
                    + ": {rbf: {length_scale: 0.2}}'");
        }
        SpecReader r = kind.section("rbf", "'rbf'", RBF_KEYS);
        double sigma = r.positive("sigma", fallback.sigma());
        double length = r.positive("length_scale", fallback.lengthScale());
        int points = r.positiveInt("points", fallback.points());
        if (points < 2) {
            throw r.error("points", "'points' must be >= 2, got " + points);
        }
        double jitter = r.number("jitter", fallback.jitter(), x -> x >= 0, "must be >= 0");
        return new Rbf(sigma, length, points, jitter);
    }

    /** {@code n} equispaced points {@code i / (n - 1)} on [0, 1]. */
    static double[] closedGrid(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (double) i / (n - 1);
        }
        return x;
    }

    /** {@code n} points {@code length * i / n} of a periodic interval [0, length). */
    static double[] periodicGrid(int n, double length) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = length * i / n;
        }
        return x;
    }
}
