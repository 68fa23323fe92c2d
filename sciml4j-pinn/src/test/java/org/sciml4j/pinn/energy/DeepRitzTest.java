package org.sciml4j.pinn.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.domain.geometry.Disk;
import org.sciml4j.domain.geometry.Rectangle;
import org.sciml4j.domain.quadrature.QuadratureRule;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.Module;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.PinnObjective;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.Solution;
import org.sciml4j.pinn.Trainer;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.ProblemFileException;

class DeepRitzTest {
    private static final Disk UNIT_DISK = new Disk(new double[] {0, 0}, 1);

    private static Module net(int... sizes) {
        return Mlp.builder().sizes(sizes).activation("tanh").seed(0).build();
    }

    @Test
    void theEnergyTermIsTheQuadratureOfTheIntegrandOfTheTransformedField() {
        // u = x^2 whatever the network: 0.5 |grad u|^2 = 2 x^2, whose integral over the unit disk is pi / 2;
        // the boundary integral of u_n * u = 2 x^2 * x^2 (normal derivative 2 x * x) over the circle is 3 pi / 2
        Problem p = Problem.builder().domain(UNIT_DISK, "x", "y").fields("u").transform("u", "x^2")
                .energy(EnergyForm.of("0.5*(u_x^2 + u_y^2)", QuadratureRule.gaussLegendre(6))
                        .boundary("u_n*u", 64))
                .build();
        assertThat(p.termNames()).containsExactly("energy", "energy_boundary");
        List<Tensor> terms = new PinnObjective(p, net(2, 5, 1), 0, 0, 0, null).loss();
        assertThat(terms.get(0).item()).isCloseTo(Math.PI / 2, within(1e-12));
        assertThat(terms.get(1).item()).isCloseTo(3 * Math.PI / 2, within(1e-12));
    }

    @Test
    void onABoxWithoutADomainTheEnergyUsesTheVariablesRanges() {
        // u = x*y on [0, 2] x [0, 1]: integral of u = 1 (x: 2, y: 1/2); minus a constant 3: -3 * area 2
        Problem p = Problem.builder().variable("x", 0, 2).variable("y", 0, 1).fields("u").transform("u", "x*y")
                .energy(EnergyForm.of("u - 3", QuadratureRule.gaussLegendre(2))).build();
        double e = new PinnObjective(p, net(2, 4, 1), 0, 0, 0, null).loss().get(0).item();
        assertThat(e).isCloseTo(1 - 6, within(1e-13));
    }

    @Test
    void randomRulesDrawNewNodesEveryEpochAndFixedOnesDoNot() {
        Problem qmc = Problem.builder().domain(UNIT_DISK, "x", "y").fields("u").transform("u", "x^2")
                .energy(EnergyForm.of("u", QuadratureRule.quasiMonteCarlo(512))).build();
        PinnObjective o = new PinnObjective(qmc, net(2, 4, 1), 0, 0, 0, null);
        double first = o.loss().get(0).item();
        o.beforeEpoch(2);
        double second = o.loss().get(0).item();
        assertThat(second).isNotEqualTo(first);
        // both estimate pi / 4 closely (shifted Sobol points)
        assertThat(first).isCloseTo(Math.PI / 4, within(0.01));
        assertThat(second).isCloseTo(Math.PI / 4, within(0.01));
        Problem gl = Problem.builder().domain(UNIT_DISK, "x", "y").fields("u").transform("u", "x^2")
                .energy(EnergyForm.of("u", QuadratureRule.gaussLegendre(3))).build();
        PinnObjective fixed = new PinnObjective(gl, net(2, 4, 1), 0, 0, 0, null);
        double a = fixed.loss().get(0).item();
        fixed.beforeEpoch(2);
        assertThat(fixed.loss().get(0).item()).isEqualTo(a);
    }

    @Test
    void deepRitzSolvesPoissonOnTheDiskOnACoarseRule() {
        // -lap u = f, u = (1 - r^2) exp(x): f = exp(x) (3 + 4x + x^2 + y^2); hard boundary by the transform
        Problem p = Problem.builder().domain(UNIT_DISK, "x", "y").fields("u").transform("u", "(1 - x^2 - y^2)*u")
                .energy(EnergyForm.of("0.5*(u_x^2 + u_y^2) - exp(x)*(3 + 4*x + x^2 + y^2)*u",
                        QuadratureRule.gaussLegendre(8)))
                .build();
        Solution s = Trainer.builder().adam(1e-2, 300).lbfgs(300).seed(0).build().train(p, net(2, 10, 10, 1));
        Tensor x = UNIT_DISK.interior(1000, Sampler.hammersley(), 0);
        double[] truth = new double[1000];
        for (int i = 0; i < truth.length; i++) {
            double a = x.data()[2 * i];
            double b = x.data()[2 * i + 1];
            truth[i] = (1 - a * a - b * b) * Math.exp(a);
        }
        double rel = s.errors(x, Tensor.wrap(truth, 1000, 1)).relative();
        assertThat(rel).isLessThan(1e-2);
        // the energy at the minimiser is -0.5 * integral of f u* < 0, so the loss went negative
        assertThat(s.history().column("energy")[s.history().column("energy").length - 1]).isLessThan(-4.9);
    }

    @Test
    void aPenaltyConditionWorksBesideTheEnergy() {
        // -u'' = pi^2 sin(pi x) on [0, 1], u(0) = u(1) = 0 by penalty: u = sin(pi x)
        Problem p = Problem.builder().variable("x", 0, 1).fields("u")
                .energy(EnergyForm.of("0.5*u_x^2 - pi^2*sin(pi*x)*u", QuadratureRule.gaussLegendre(8, 4)))
                .condition(Condition.at("x", new double[] {0, 1}, "u = 0").named("boundary"))
                .weight("boundary", 100)
                .build();
        assertThat(p.termNames()).containsExactly("boundary", "energy");
        Solution s = Trainer.builder().adam(1e-2, 300).lbfgs(300).seed(0).build().train(p, net(1, 10, 1));
        Tensor x = Tensor.linspace(0, 1, 51).reshape(51, 1);
        double[] truth = new double[51];
        for (int i = 0; i < 51; i++) {
            truth[i] = Math.sin(Math.PI * i / 50.0);
        }
        // a penalty leaves an O(1 / weight) boundary error: looser than a transform
        assertThat(s.errors(x, Tensor.wrap(truth, 51, 1)).relative()).isLessThan(5e-2);
    }

    @Test
    void problemFileReadsTheEnergyAndPlacesItsMistakes() {
        ProblemFile f = ProblemFile.parse("""
                variables: {x: [0, 1]}
                fields: [u]
                transform: {u: x*(1 - x)*u}
                energy:
                  integrand: 0.5*u_x^2 - u
                  quadrature: {rule: qmc, points: 256, sampling: halton}
                  resample_every: 10
                training: {optimizer: [adam: 10, lbfgs: 10]}
                """, Path.of("ritz.yaml"));
        EnergyForm e = f.problem().energy().orElseThrow();
        assertThat(e.resampleEvery()).isEqualTo(10);
        assertThat(e.rule().random()).isTrue();
        assertThat(fails("""
                variables: {x: [0, 1]}
                fields: [u]
                energy: {integrand: 0.5*u_x^2 - u, quadrature: {rule: gauss_legendr, points: 8}}
                """)).hasMessageContaining("ritz.yaml, line 3,").hasMessageContaining("gauss_legendre");
        assertThat(fails("""
                variables: {x: [0, 1]}
                fields: [u]
                energy: {integrand: 0.5*v_x^2, quadrature: {rule: gauss_legendre, points: 8}}
                """)).hasMessageContaining("ritz.yaml, line 3,").hasMessageContaining("v_x");
        assertThat(fails("""
                domain:
                  variables: [x, y]
                  polygon: [[0, 0], [1, 0], [0, 1]]
                fields: [u]
                energy: {integrand: u, quadrature: {rule: gauss_legendre, points: 8}}
                """)).hasMessageContaining("ritz.yaml, line 5,").hasMessageContaining("box");
        assertThat(fails("""
                variables: {x: [0, 1]}
                fields: [u]
                energy: {integrand: u, quadrature: {rule: gauss_legendre, points: 8}, resample: 3}
                """)).hasMessageContaining("resample_every");
        assertThat(fails("""
                variables: {x: [0, 1]}
                fields: [u]
                energy: {integrand: u, quadrature: {rule: gauss_legendre, points: 8}}
                training: {optimizer: [adam: 10, lm: 10]}
                """)).hasMessageContaining("ritz.yaml, line 4,").hasMessageContaining("not a sum of squares");
    }

    private static ProblemFileException fails(String text) {
        try {
            ProblemFile.parse(text, Path.of("ritz.yaml"));
        } catch (ProblemFileException e) {
            return e;
        }
        throw new AssertionError("no error for\n" + text);
    }

    @Test
    void leastSquaresPhasesAreRefusedForAnEnergy() {
        Problem p = Problem.builder().domain(new Rectangle(new double[] {0, 0}, new double[] {1, 1}), "x", "y")
                .fields("u").energy(EnergyForm.of("u^2", QuadratureRule.gaussLegendre(2))).build();
        PinnObjective o = new PinnObjective(p, net(2, 3, 1), 0, 0, 0, null);
        assertThatThrownBy(() -> o.residuals(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a sum of squares");
    }
}
