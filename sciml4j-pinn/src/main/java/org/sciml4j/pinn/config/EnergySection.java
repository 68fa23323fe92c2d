package org.sciml4j.pinn.config;

import java.util.Map;
import java.util.Set;

import org.sciml4j.domain.expr.Expression;
import org.sciml4j.domain.quadrature.QuadratureRule;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.energy.EnergyForm;
import org.sciml4j.pinn.energy.IntegralTerm;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * {@code energy}: an energy functional to minimise (Deep Ritz), every key:
 * <pre>
 * energy:
 *   integrand: 0.5*(u_x^2 + u_y^2) - f*u      # the energy density, any expression of fields and derivatives
 *   quadrature: {rule: gauss_legendre, points: 32, intervals: 1}
 *                                              # or {rule: qmc, points: 4096, sampling: sobol}, {rule: monte_carlo,
 *                                              # points: 4096}
 *   boundary: {integrand: -g*u, points: 256}   # optional: plus the boundary integral (may use normal_x, u_n)
 *   resample_every: 1                          # epochs between new points of qmc / monte_carlo (0: never)
 * </pre>
 */
final class EnergySection {
    private static final Set<String> KEYS = Set.of("integrand", "quadrature", "boundary", "resample_every");
    private static final Set<String> RULES = new java.util.LinkedHashSet<>(java.util.List.of("gauss_legendre", "qmc",
            "monte_carlo"));

    private final PinnScope scope;
    private final YamlDocument doc;

    EnergySection(PinnScope scope) {
        this.scope = scope;
        this.doc = scope.doc;
    }

    /** Sets {@code b}'s energy after binding the integrands and trying the rule on the domain. */
    void read(Problem.Builder b, Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "energy", KEYS);
        Node integrandNode = doc.required(m, "integrand", node, "integrand: 0.5*(u_x^2 + u_y^2) - f*u");
        Expression integrand = scope.expression(integrandNode);
        scope.bind(integrand);
        Node ruleNode = doc.required(m, "quadrature", node, "quadrature: {rule: gauss_legendre, points: 32}");
        QuadratureRule rule = rule(ruleNode);
        EnergyForm form = EnergyForm.of(integrand, rule);
        if (m.containsKey("boundary")) {
            Node bn = m.get("boundary").getValueNode();
            Map<String, NodeTuple> bm = doc.mapping(bn, "energy.boundary", Set.of("integrand", "points"));
            Expression g = scope.expression(doc.required(bm, "integrand", bn, "integrand: -g*u"));
            scope.bind(g, scope.boundaryVocabulary());
            int points = doc.positiveInt(doc.required(bm, "points", bn, "points: 256"));
            form = form.boundary(g, points);
        }
        if (m.containsKey("resample_every")) {
            form = form.resampleEvery(doc.nonNegativeInt(m.get("resample_every").getValueNode()));
        }
        tryRule(rule, ruleNode);
        b.energy(form);
    }

    /** {@code {rule: gauss_legendre, points: n, intervals: k}} or {@code {rule: qmc, points: n, sampling: s}}. */
    private QuadratureRule rule(Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "energy.quadrature", Set.of("rule", "points", "intervals",
                "sampling"));
        Node ruleName = doc.required(m, "rule", node, "rule: gauss_legendre");
        String name = doc.string(ruleName);
        if (!RULES.contains(name)) {
            throw doc.error(ruleName, "unknown quadrature rule '" + name + "'; the rules are " + RULES
                    + YamlDocument.suggestion(name, RULES));
        }
        Node pointsNode = doc.required(m, "points", node, "points: 32");
        int points = doc.positiveInt(pointsNode);
        if (!name.equals("gauss_legendre") && m.containsKey("intervals")) {
            throw doc.error(m.get("intervals").getKeyNode(), "'intervals' is for rule: gauss_legendre");
        }
        if (!name.equals("qmc") && m.containsKey("sampling")) {
            throw doc.error(m.get("sampling").getKeyNode(), "'sampling' is for rule: qmc (sobol, halton or"
                    + " hammersley)");
        }
        return switch (name) {
            case "gauss_legendre" -> {
                int intervals = m.containsKey("intervals") ? doc.positiveInt(m.get("intervals").getValueNode()) : 1;
                yield doc.at(pointsNode, () -> QuadratureRule.gaussLegendre(points, intervals));
            }
            case "qmc" -> {
                Sampler s = m.containsKey("sampling") ? scope.sampler(m.get("sampling").getValueNode())
                        : Sampler.sobol();
                yield doc.at(pointsNode, () -> QuadratureRule.quasiMonteCarlo(points, s));
            }
            default -> doc.at(pointsNode, () -> QuadratureRule.monteCarlo(points));
        };
    }

    /** Makes the nodes once on the domain, so that a rule that does not fit it is placed at the rule. */
    private void tryRule(QuadratureRule rule, Node node) {
        int d = scope.ranges.size();
        double[] lo = new double[d];
        double[] hi = new double[d];
        int j = 0;
        for (double[] r : scope.ranges.values()) {
            lo[j] = r[0];
            hi[j++] = r[1];
        }
        doc.at(node, () -> rule.on(scope.domainShape != null ? scope.domainShape : IntegralTerm.box(lo, hi), 0));
    }
}
