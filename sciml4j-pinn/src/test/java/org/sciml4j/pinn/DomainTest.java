package org.sciml4j.pinn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sciml4j.nn.Mlp;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.domain.expr.ExpressionException;
import org.sciml4j.domain.geometry.Disk;
import org.sciml4j.domain.geometry.Interval;
import org.sciml4j.domain.geometry.Polygon;
import org.sciml4j.domain.geometry.Rectangle;
import org.sciml4j.domain.geometry.SpaceTime;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/**
 * Problems on a {@link org.sciml4j.domain.geometry.Geometry}: collocation inside the shape, boundary conditions with
 * normals (Dirichlet, Neumann, Robin), interfaces, periodicity, output transforms, and the operators lap, div, u_n;
 * each trained against an exact solution where it is about training.
 */
class DomainTest {

    static Mlp net(long seed, int... sizes) {
        return Mlp.builder().sizes(sizes).activation("tanh").initializer("glorot_normal").seed(seed).build();
    }

    static double rms(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x * x;
        }
        return Math.sqrt(s / a.length);
    }

    // ================================================================== operators

    @Test
    void laplacianDivergenceAndNormalDerivativeExpandToTheirDerivatives() {
        Problem p = Problem.builder().variable("x", 0, 1).variable("y", 0, 1).variable("t", 0, 1).fields("u", "v")
                .equation("lap(u) + div(u, v) + lap(v_t)").collocation(Sampler.random(), 4).build();
        assertThat(p.equations().get(0).derivatives()).extracting(Object::toString)
                .containsExactlyInAnyOrder("u_x", "v_y", "u_xx", "u_yy", "v_xxt", "v_yyt");
        Map<String, Tensor> d = Map.of("u_x", Tensor.scalar(1), "v_y", Tensor.scalar(2), "u_xx", Tensor.scalar(4),
                "u_yy", Tensor.scalar(8), "v_xxt", Tensor.scalar(16), "v_yyt", Tensor.scalar(32));
        Evaluation at = Evaluation.of(List.of(), d, Map.of());
        assertThat(p.equations().get(0).atPoints(null).residual(0, at).item()).isEqualTo(63.0);
        // on a boundary, u_n is the gradient in space (not time) dotted with the normal
        var un = Requirement.parse("u_n = 0").bind(p.boundaryVocabulary())[0];
        assertThat(un.derivatives()).extracting(Object::toString).containsExactly("u_x", "u_y");
        Evaluation onBoundary = new Evaluation() {
            @Override
            public Tensor variable(int index) {
                throw new AssertionError();
            }

            @Override
            public Tensor derivative(org.sciml4j.domain.expr.Derivative dd) {
                return Tensor.scalar(dd.name().equals("u_x") ? 3 : 5);
            }

            @Override
            public Tensor parameter(String name) {
                throw new AssertionError();
            }

            @Override
            public Tensor auxiliary(String name) {
                return Tensor.scalar(name.equals("normal_x") ? 0.6 : 0.8);
            }
        };
        assertThat(un.evaluate(onBoundary).item()).isCloseTo(0.6 * 3 + 0.8 * 5, within(1e-15));
    }

    @Test
    void operatorMistakesAreNamed() {
        Problem.Builder b = Problem.builder().variable("x", 0, 1).variable("y", 0, 1).fields("u", "v")
                .collocation(Sampler.random(), 4);
        assertThatThrownBy(() -> b.equation("u_n").build()).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("normal derivative 'u_n' is defined on a boundary only");
        Problem.Builder c = Problem.builder().variable("x", 0, 1).variable("y", 0, 1).fields("u", "v")
                .collocation(Sampler.random(), 4);
        assertThatThrownBy(() -> c.equation("div(u)").build()).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("'div' takes one field per space variable (x, y), got 1");
        Problem.Builder e = Problem.builder().variable("x", 0, 1).variable("y", 0, 1).fields("u", "v")
                .collocation(Sampler.random(), 4);
        assertThatThrownBy(() -> e.equation("lap(2*u)").build()).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("must be a field or a field's derivative");
        Problem.Builder f = Problem.builder().variable("t", 0, 1).fields("u").collocation(Sampler.random(), 4);
        assertThatThrownBy(() -> f.equation("lap(u)").build()).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("'lap' needs space variables");
    }

    // ================================================================== points

    @Test
    void collocationAndFixedValuePointsLieInTheDomain() {
        Polygon lShape = new Polygon(new double[][] {{0, 0}, {1, 0}, {1, 0.5}, {0.5, 0.5}, {0.5, 1}, {0, 1}});
        Problem p = Problem.builder().domain(SpaceTime.timeLast(lShape, 0, 2), "x", "y", "t").fields("u")
                .equation("u_t = lap(u)").condition(Condition.at("t", 0, "u = 0").named("initial"))
                .condition(Condition.at("y", 0.75, "u = 1").named("line"))
                .collocation(Sampler.halton(), 500).build();
        assertThat(p.variableNames()).containsExactly("x", "y", "t");
        assertThat(p.vocabulary().space()).containsExactly("x", "y");
        assertThat(p.upper()).containsExactly(1, 1, 2);
        Tensor c = p.collocationPoints(0);
        assertThat(c.shape()).containsExactly(500, 3);
        assertThat(p.inside(c)).doesNotContain(false);
        double[] in = p.conditions().get(0).resolve(p, 0).points().data();
        assertThat(in.length / 3).isEqualTo(PointCondition.DEFAULT_FREE_POINTS);
        for (int i = 0; i < in.length / 3; i++) {
            assertThat(in[3 * i + 2]).isZero();
            assertThat(lShape.contains(new double[] {in[3 * i], in[3 * i + 1]})).isTrue();
        }
        // the line y = 0.75 crosses the L only where x <= 0.5: the other rows are dropped
        double[] line = p.conditions().get(1).resolve(p, 0).points().data();
        assertThat(line.length / 3).isBetween(10, PointCondition.DEFAULT_FREE_POINTS - 10);
        for (int i = 0; i < line.length / 3; i++) {
            assertThat(line[3 * i]).isLessThanOrEqualTo(0.5 + 1e-12);
            assertThat(line[3 * i + 1]).isEqualTo(0.75);
        }
    }

    @Test
    void boundaryConditionPointsAndNormals() {
        Problem p = Problem.builder().domain(new Rectangle(new double[] {0, 0}, new double[] {2, 1}), "x", "y")
                .fields("u").equation("lap(u)").collocation(Sampler.random(), 10)
                .condition(Condition.boundary("u_n = 1").where("x = 2").points(Sampler.uniform(), 25).named("right"))
                .condition(Condition.boundary("u = 0").where("y >= 0.5", "x < 1").named("part"))
                .build();
        Condition.Resolved right = p.conditions().get(0).resolve(p, 0);
        assertThat(right.points().shape()).containsExactly(25, 2);
        double[] r = right.points().data();
        for (int i = 0; i < 25; i++) {
            assertThat(r[2 * i]).isEqualTo(2.0);
        }
        // inner points of the wall have normal (1, 0); the corners the diagonal
        double[] nx = right.auxiliary().get("normal_x").toArray();
        double[] ny = right.auxiliary().get("normal_y").toArray();
        for (int i = 0; i < 25; i++) {
            boolean corner = r[2 * i + 1] == 0 || r[2 * i + 1] == 1;
            assertThat(nx[i]).isCloseTo(corner ? Math.sqrt(0.5) : 1, within(1e-12));
            assertThat(Math.abs(ny[i])).isCloseTo(corner ? Math.sqrt(0.5) : 0, within(1e-12));
        }
        double[] part = p.conditions().get(1).resolve(p, 0).points().data();
        assertThat(part.length / 2).isEqualTo(BoundaryCondition.DEFAULT_POINTS);
        for (int i = 0; i < part.length / 2; i++) {
            assertThat(part[2 * i]).isLessThan(1);
            assertThat(part[2 * i + 1]).isGreaterThanOrEqualTo(0.5);
            assertThat(part[2 * i] == 0 || part[2 * i + 1] == 1).isTrue();
        }
        assertThat(p.conditions().get(1).toString()).isEqualTo("part: u = 0 on the boundary where y >= 0.5 and x < 1");
    }

    @Test
    void withoutADomainTheBoundaryIsTheSpaceBoxAtAllTimes() {
        Problem p = Problem.builder().variable("x", -1, 1).variable("t", 0, 1).fields("u")
                .equation("u_t = u_xx").collocation(Sampler.random(), 10)
                .condition(Condition.boundary("u = 0").points(Sampler.random(), 40)).build();
        double[] b = p.conditions().get(0).resolve(p, 3).points().data();
        int left = 0;
        for (int i = 0; i < 40; i++) {
            assertThat(Math.abs(b[2 * i])).isEqualTo(1.0);
            assertThat(b[2 * i + 1]).isBetween(0.0, 1.0);
            left += b[2 * i] < 0 ? 1 : 0;
        }
        assertThat(left).isBetween(10, 30);
    }

    @Test
    void interfacePointsLieOnTheInnerShapeWithItsNormals() {
        Disk inner = new Disk(new double[] {0, 0}, 0.5);
        Problem p = Problem.builder().domain(new Rectangle(new double[] {-1, -1}, new double[] {1, 1}), "x", "y")
                .fields("a", "b").equation("lap(a)").equation("lap(b)").collocation(Sampler.random(), 10)
                .condition(Condition.on(inner, "a = b", "2*a_n = b_n").points(Sampler.uniform(), 64)).build();
        Condition.Resolved r = p.conditions().get(0).resolve(p, 0);
        assertThat(r.name()).isEqualTo("interface");
        double[] x = r.points().data();
        double[] nx = r.auxiliary().get("normal_x").toArray();
        double[] ny = r.auxiliary().get("normal_y").toArray();
        for (int i = 0; i < 64; i++) {
            assertThat(Math.hypot(x[2 * i], x[2 * i + 1])).isCloseTo(0.5, within(1e-12));
            assertThat(nx[i]).isCloseTo(x[2 * i] / 0.5, within(1e-12));
            assertThat(ny[i]).isCloseTo(x[2 * i + 1] / 0.5, within(1e-12));
        }
    }

    @Test
    void aBoundaryPartWithNoPointsIsRefused() {
        Problem.Builder b = Problem.builder().domain(new Interval(0, 1), "x").fields("u")
                .condition(Condition.boundary("u = 0").where("x = 3").named("nowhere"));
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("condition 'nowhere': no point of the boundary of").hasMessageContaining("x = 3");
        assertThatThrownBy(() -> Condition.boundary("u = 0").where("x 3")).hasMessageContaining("is not a comparison");
        Problem.Builder c = Problem.builder().domain(new Interval(0, 1), "x").fields("u").variable("c", 0, 1)
                .condition(Condition.boundary("u = 0"));
        assertThatThrownBy(c::build).hasMessageContaining("takes its variables from it");
    }

    // ================================================================== training against exact solutions

    /** -lap(u) = 4 on the unit disk, u = 0 on the circle: u = 1 - x^2 - y^2. */
    @Test
    void poissonOnADiskWithDirichletBoundary() {
        Problem p = Problem.builder().domain(new Disk(new double[] {0, 0}, 1), "x", "y").fields("u")
                .equation("-lap(u) = 4").condition(Condition.boundary("u = 0").points(Sampler.uniform(), 64))
                .collocation(Sampler.hammersley(), 200).build();
        Solution s = Trainer.builder().adam(2e-3, 500).lbfgs(400).build().train(p, net(0, 2, 16, 16, 1));
        Tensor pts = p.domainPoints(Sampler.halton(), 400, 1);
        double[] truth = new double[400];
        for (int i = 0; i < 400; i++) {
            double x = pts.data()[2 * i];
            double y = pts.data()[2 * i + 1];
            truth[i] = 1 - x * x - y * y;
        }
        Errors e = s.errors(pts, Tensor.wrap(truth, 400, 1));
        assertThat(e.relative()).isLessThan(5e-3);
    }

    /**
     * u_xx = 2 on [0, 1] with u(0) = 0 (Dirichlet where x = 0) and a Neumann or Robin condition at x = 1 through
     * the outward normal: u = x^2, so u_n = 2 and u_n + u = 3 there; at x = 0 the normal points the other way.
     */
    @Test
    void neumannAndRobinConditionsUseTheOutwardNormal() {
        for (String right : new String[] {"u_n = 2", "u_n + u = 3"}) {
            Problem p = Problem.builder().domain(new Interval(0, 1), "x").fields("u").equation("u_xx = 2")
                    .condition(Condition.boundary("u = 0").where("x = 0").named("left"))
                    .condition(Condition.boundary(right).where("x = 1").named("right"))
                    .condition(Condition.boundary("u_n = 0").where("x = 0").named("slope"))
                    .collocation(Sampler.uniform(), 33).build();
            Solution s = Trainer.builder().adam(1e-2, 300).lbfgs(300).build().train(p, net(1, 1, 12, 12, 1));
            Tensor x = Tensor.linspace(0, 1, 21).reshape(21, 1);
            Tensor truth = x.mul(x);
            assertThat(s.errors(x, truth).absolute()).as(right).isLessThan(1e-3);
        }
    }

    /** u_xx = -sin(x) on [0, 2 pi], periodic in u and u_x, u(pi/2) = 1: u = sin(x). */
    @Test
    void periodicConditionPairsBothEnds() {
        Problem p = Problem.builder().variable("x", 0, 2 * Math.PI).fields("u").equation("u_xx = -sin(x)")
                .condition(Condition.periodic("x", "u", "u_x"))
                .condition(Condition.at("x", Math.PI / 2, "u = 1").named("peak"))
                .collocation(Sampler.uniform(), 64).build();
        Condition.Resolved r = p.conditions().get(0).resolve(p, 0);
        assertThat(r.paired()).isEqualTo(1);
        assertThat(r.points().toArray()).containsExactly(0, 2 * Math.PI);
        assertThat(p.conditions().get(0).toString()).isEqualTo("periodic: u, u_x periodic in x");
        Solution s = Trainer.builder().adam(1e-2, 300).lbfgs(400).build().train(p, net(2, 1, 16, 16, 1));
        Tensor x = Tensor.linspace(0, 2 * Math.PI, 41).reshape(41, 1);
        assertThat(s.errors(x, x.sin()).absolute()).isLessThan(2e-3);
        // two variables: pairs at both ends share their t
        Problem q = Problem.builder().variable("x", -1, 1).variable("t", 0, 1).fields("u").equation("u_t = u_xx")
                .condition(Condition.periodic("x", "u").points(Sampler.random(), 8)).collocation(Sampler.random(), 8)
                .build();
        double[] pts = q.conditions().get(0).resolve(q, 0).points().data();
        for (int i = 0; i < 8; i++) {
            assertThat(pts[2 * i]).isEqualTo(-1.0);
            assertThat(pts[2 * (8 + i)]).isEqualTo(1.0);
            assertThat(pts[2 * i + 1]).isEqualTo(pts[2 * (8 + i) + 1]);
        }
        // a uniform grid counts only the other variables: 10 x 10 over (y, t) in three variables
        Problem three = Problem.builder().variable("x", 0, 1).variable("y", 0, 1).variable("t", 0, 1).fields("u")
                .condition(Condition.periodic("x", "u")).build();
        double[] grid = three.conditions().get(0).resolve(three, 0).points().data();
        assertThat(grid.length / 3).isEqualTo(2 * BoundaryCondition.DEFAULT_POINTS);
        assertThat(grid[3 * 11 + 1]).isCloseTo(1.0 / 9, within(1e-12));
    }

    /** A hard constraint: u = x(1 - x) N(x) is 0 at both ends whatever N; u_xx = -pi^2 sin(pi x) needs no condition. */
    @Test
    void outputTransformImposesDirichletExactly() {
        Problem p = Problem.builder().variable("x", 0, 1).fields("u").transform("u", "x*(1 - x)*u")
                .equation("u_xx = -pi^2*sin(pi*x)").collocation(Sampler.uniform(), 33).build();
        Mlp network = net(3, 1, 16, 16, 1);
        Solution untrained = new Solution(p, network, Map.of(), null, 0, 0, "");
        assertThat(untrained.predict(Tensor.matrix(new double[] {0}, new double[] {1})).toArray())
                .containsExactly(0.0, 0.0);
        Solution s = Trainer.builder().adam(1e-2, 300).lbfgs(300).build().train(p, network);
        Tensor x = Tensor.linspace(0, 1, 21).reshape(21, 1);
        assertThat(s.errors(x, x.mul(Math.PI).sin()).relative()).isLessThan(1e-3);
        assertThatThrownBy(() -> Problem.builder().variable("x", 0, 1).fields("u").transform("u", "x*u_x")
                .equation("u_xx").collocation(Sampler.uniform(), 3).build())
                .hasMessageContaining("may use the network's outputs but not their derivatives; 'u_x'");
    }
}
