package org.sciml4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Taylor mode ({@link Taylor}) on every primitive: its derivatives of orders 1 to 4 equal nested forward-mode ones
 * to 1e-12 relative (on the cases of {@link PrimitiveDerivativeTest}), several directions and mixed partials in one
 * pass equal their nested counterparts, and reverse mode through a jet equals finite differences.
 */
class TaylorModeTest {
    private static final double TOLERANCE = 1e-12;

    /** Error of {@code a} against {@code b} relative to the larger of 1 and b's largest magnitude. */
    static double relativeError(Tensor a, Tensor b) {
        assertThat(a.shape()).isEqualTo(b.shape());
        double scale = 1;
        double err = 0;
        double[] x = a.toArray();
        double[] y = b.toArray();
        for (int i = 0; i < x.length; i++) {
            scale = Math.max(scale, Math.abs(y[i]));
            err = Math.max(err, Math.abs(x[i] - y[i]));
        }
        return err / scale;
    }

    /** D_v^k f for k = 0..order by nesting forward mode (each tangent recorded, then differentiated again). */
    static Tensor[] nested(Function<Tensor[], Tensor> f, Tensor[] x, Tensor[] v, int order) {
        List<Tensor> xs = new ArrayList<>();
        for (Tensor t : x) {
            xs.add(t.requireGrad());
        }
        Tensor[] d = new Tensor[order + 1];
        d[0] = f.apply(xs.toArray(new Tensor[0]));
        for (int k = 1; k <= order; k++) {
            d[k] = Autodiff.jvp(d[k - 1], xs, Arrays.asList(v));
        }
        return d;
    }

    /** D_v^k f for k = 0..order by the Taylor transformation, every input moving along its v. */
    static Tensor[] taylor(Function<Tensor[], Tensor> f, Tensor[] x, Tensor[] v, int order) {
        TaylorPlan plan = TaylorPlan.single(order);
        Tensor[] xs = new Tensor[x.length];
        IdentityHashMap<Tensor, Tensor> seeds = new IdentityHashMap<>();
        for (int i = 0; i < x.length; i++) {
            xs[i] = x[i].requireGrad();
            Tensor[] blocks = new Tensor[order + 1];
            blocks[1] = v[i].unsqueeze(0);
            for (int k = 2; k <= order; k++) {
                blocks[k] = Tensor.zeros(plan.stacked(x[i].shape())).slice(0, 0, 1);
            }
            seeds.put(xs[i], plan.assemble(blocks));
        }
        Tensor y = f.apply(xs);
        Tensor stack = Taylor.propagate(y, plan, seeds).get(y);
        Tensor[] d = new Tensor[order + 1];
        d[0] = y;
        double factorial = 1;
        for (int k = 1; k <= order; k++) {
            factorial *= k;
            d[k] = stack == null ? Tensor.zeros(y.shape()) : stack.slice(0, k - 1, k).reshape(y.shape()).mul(factorial);
        }
        return d;
    }

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (PrimitiveDerivativeTest.Case c : PrimitiveDerivativeTest.cases()) {
            // the linear algebra rules are the generic ones, dearer: orders 1 to 3 (4 is covered by one case below)
            boolean generic = Set.of("solve", "logdet", "cholesky", "qr", "svd", "eigh").contains(c.primitive());
            a.add(Arguments.of(c, generic ? 3 : 4));
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} to order {1}")
    @MethodSource("cases")
    void taylorCoefficientsEqualNestedForwardMode(PrimitiveDerivativeTest.Case c, int order) {
        Rng rng = new Rng(c.toString().hashCode() + 7);
        Tensor[] x = c.inputs().apply(rng);
        Tensor[] v = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = Tensor.randn(rng, x[i].shape()).mul(0.5);
        }
        Tensor[] expected = nested(c.f(), x, v, order);
        Tensor[] got = taylor(c.f(), x, v, order);
        for (int k = 0; k <= order; k++) {
            assertThat(relativeError(got[k], expected[k])).as("%s order %d", c, k).isLessThan(TOLERANCE);
        }
    }

    @Test
    void linearAlgebraToFourthOrder() {
        Rng rng = new Rng(3);
        Tensor a = PrimitiveDerivativeTest.wellConditioned(rng, 3);
        Tensor v = Tensor.randn(rng, 3, 3).mul(0.3);
        Function<Tensor[], Tensor> f = x -> Linalg.logdet(x[0]).add(Linalg.solve(x[0], Tensor.ones(3, 1)).sum());
        Tensor[] expected = nested(f, new Tensor[] {a}, new Tensor[] {v}, 4);
        Tensor[] got = taylor(f, new Tensor[] {a}, new Tensor[] {v}, 4);
        for (int k = 0; k <= 4; k++) {
            assertThat(relativeError(got[k], expected[k])).as("order %d", k).isLessThan(TOLERANCE);
        }
    }

    @Test
    void everyRegisteredPrimitiveHasATaylorRuleUnderTest() {
        Set<String> covered = new TreeSet<>();
        for (PrimitiveDerivativeTest.Case c : PrimitiveDerivativeTest.cases()) {
            covered.add(c.primitive());
        }
        covered.addAll(List.of("gt", "ge", "lt", "le", "eq", "sign")); // refuse, below
        assertThat(covered).containsAll(Primitives.NAMES);
    }

    @Test
    void comparisonsRefuseLikeForwardMode() {
        Tensor x = Tensor.vector(1, -2, 3);
        assertThatThrownBy(() -> Taylor.jet(t -> t.sign().mul(t), x, Tensor.ones(3), 2))
                .isInstanceOf(NotDifferentiableException.class).hasMessageContaining("'sign' is not differentiable");
    }

    /** A small network with Fourier features, a modified-MLP gate and an output transform, two outputs. */
    static Tensor network(Tensor x, Tensor[] p) {
        Tensor feats = Tensor.concat(1, x.matmul(p[0]).sin(), x.matmul(p[0]).cos());
        Tensor h = feats.matmul(p[1]).add(p[2]).tanh();
        Tensor gate = x.matmul(p[3]).tanh();
        h = h.mul(gate).add(gate.rsub(1.0).mul(h.square()));
        Tensor out = h.matmul(p[4]);
        return out.mul(x.col(0).unsqueeze(1).mul(x.col(1).unsqueeze(1)).exp());
    }

    static Tensor[] parameters(Rng rng) {
        return new Tensor[] {Tensor.randn(rng, 2, 3), Tensor.randn(rng, 6, 5).mul(0.5), Tensor.randn(rng, 5),
            Tensor.randn(rng, 2, 5), Tensor.randn(rng, 5, 2).mul(0.5)};
    }

    @Test
    void severalDirectionsOfDifferentOrdersInOnePass() {
        Rng rng = new Rng(11);
        Tensor x = Tensor.uniform(rng, -1, 1, 7, 2);
        Tensor[] p = parameters(rng);
        Function<Tensor, Tensor> f = t -> network(t, p);
        Tensor ex = Tensor.of(new double[] {1, 0}, 2).broadcastTo(7, 2).copy();
        Tensor et = Tensor.of(new double[] {0, 1}, 2).broadcastTo(7, 2).copy();
        Tensor mixed = Tensor.randn(rng, 7, 2);
        Tensor[][] jets = Taylor.jets(f, x, new Tensor[] {et, ex, mixed}, new int[] {1, 4, 3});
        Tensor[] dirs = {et, ex, mixed};
        int[] orders = {1, 4, 3};
        for (int d = 0; d < 3; d++) {
            Tensor[] expected = nested(in -> network(in[0], p), new Tensor[] {x}, new Tensor[] {dirs[d]}, orders[d]);
            for (int k = 0; k <= orders[d]; k++) {
                assertThat(relativeError(jets[d][k], expected[k])).as("direction %d order %d", d, k)
                        .isLessThan(TOLERANCE);
            }
        }
    }

    @Test
    void mixedPartialsByInterpolationEqualNestedForwardMode() {
        Rng rng = new Rng(5);
        Tensor x = Tensor.uniform(rng, -1, 1, 6, 2);
        Tensor[] p = parameters(rng);
        Function<Tensor[], Tensor> f = in -> network(in[0], p);
        Tensor ex = Tensor.of(new double[] {1, 0}, 2).broadcastTo(6, 2).copy();
        Tensor ey = Tensor.of(new double[] {0, 1}, 2).broadcastTo(6, 2).copy();
        int[][] indices = {{0, 0}, {1, 0}, {0, 2}, {1, 1}, {2, 1}, {1, 2}, {2, 2}, {3, 1}, {0, 4}};
        Tensor[] got = Taylor.partials(t -> network(t, p), x, indices);
        for (int i = 0; i < indices.length; i++) {
            Tensor expected = mixedNested(f, x, ex, ey, indices[i]);
            assertThat(relativeError(got[i], expected)).as("partial %s", Arrays.toString(indices[i]))
                    .isLessThan(1e-11);
        }
    }

    /** d^a f by nesting forward mode along the unit directions, a[0] times along x then a[1] times along y. */
    static Tensor mixedNested(Function<Tensor[], Tensor> f, Tensor x, Tensor ex, Tensor ey, int[] a) {
        Tensor xs = x.requireGrad();
        Tensor d = f.apply(new Tensor[] {xs});
        for (int i = 0; i < a[0]; i++) {
            d = Autodiff.jvp(d, xs, ex);
        }
        for (int i = 0; i < a[1]; i++) {
            d = Autodiff.jvp(d, xs, ey);
        }
        return d;
    }

    @Test
    void reverseModeThroughTheJetMatchesFiniteDifferences() {
        Rng rng = new Rng(9);
        Tensor x = Tensor.uniform(rng, -1, 1, 4, 2);
        Tensor[] p = parameters(rng);
        Function<Tensor[], Tensor> loss = q -> {
            Tensor[] d = Taylor.partials(t -> network(t, q), x, new int[][] {{2, 0}, {1, 1}, {0, 3}});
            return d[0].add(d[1]).mul(d[2]).square().sum();
        };
        double err = new GradCheck().maxError(loss, p, 1, GradCheck.Mode.REVERSE, rng, 2);
        assertThat(err).isLessThan(1e-6);
    }

    /**
     * The loops of tanh, sin and cos run in blocks of elements: over several blocks and a short last one they agree
     * with the same rules written in tensor operations, forward and reverse (the loops' cotangents against reverse
     * mode through the tensor rule), with the general-order loops and with those of orders 1 and 2.
     */
    @Test
    void theFusedRulesAgreeWithTheTensorRulesAcrossElementBlocks() {
        theFusedRulesAgreeWithTheTensorRules(new TaylorPlan(new int[] {4, 3, 1}));
        theFusedRulesAgreeWithTheTensorRules(new TaylorPlan(new int[] {2, 2, 1}));
    }

    private static void theFusedRulesAgreeWithTheTensorRules(TaylorPlan plan) {
        Rng rng = new Rng(21);
        int m = 601;
        Tensor x = Tensor.uniform(rng, -2, 2, 1, m);
        Tensor stack = Tensor.randn(rng, plan.total, 1, m).mul(0.5);
        Tensor g = Tensor.randn(rng, plan.total, 1, m);
        for (FusedActivationJet.Kind kind : FusedActivationJet.Kind.values()) {
            Tensor xs = x.requireGrad();
            Tensor ss = stack.requireGrad();
            Tensor[] fused;
            Tensor[] rule;
            try (Autodiff.Scope s = Autodiff.enableGrad()) {
                Tensor out = switch (kind) {
                    case TANH -> xs.tanh();
                    case SIN -> xs.sin();
                    case COS -> xs.cos();
                };
                Tensor y = FusedActivationJet.apply(kind, plan, xs, out, ss);
                fused = new Tensor[] {y.detach(), null, null};
                Tensor[] grads = Autodiff.grad(y.mul(g).sum(), xs, ss);
                fused[1] = grads[0];
                fused[2] = grads[1];
                Tensor r = switch (kind) {
                    case TANH -> TaylorRules.tanh(plan, ss, out, xs);
                    case SIN -> TaylorRules.sinCos(plan, ss, xs, out, xs.cos(), true);
                    case COS -> TaylorRules.sinCos(plan, ss, xs, xs.sin(), out, false);
                };
                Tensor[] ruleGrads = Autodiff.grad(r.mul(g).sum(), xs, ss);
                rule = new Tensor[] {r.detach(), ruleGrads[0], ruleGrads[1]};
            }
            String[] what = {"stack", "x_0 cotangent", "stack cotangent"};
            for (int i = 0; i < 3; i++) {
                assertThat(relativeError(fused[i], rule[i])).as("order %d: %s %s", plan.order, kind, what[i])
                        .isLessThan(1e-13);
            }
        }
    }

    @Test
    void theFusedSecondOrderActivationRulesDifferentiateInBothModesToSecondOrder() {
        // orders <= 2 take FusedActivationJet's loops; differentiated again they take the tensor-operation rule
        Rng rng = new Rng(13);
        Tensor x = Tensor.uniform(rng, -1, 1, 5, 2);
        Tensor[] p = parameters(rng);
        Function<Tensor[], Tensor> loss = q -> {
            Tensor[] d = Taylor.partials(t -> network(t, q), x, new int[][] {{2, 0}, {0, 1}, {1, 0}});
            return d[0].add(d[1]).mul(d[2]).square().sum();
        };
        for (GradCheck.Mode mode : GradCheck.Mode.values()) {
            double err = new GradCheck().maxError(loss, p, 2, mode, rng, 2);
            assertThat(err).as("%s", mode).isLessThan(1e-6);
        }
    }

    @Test
    void customPrimitivesUseTheirJvpRuleAndFusedOpsWithoutARuleSaySo() {
        CustomPrimitive softsign = new CustomPrimitive() {
            protected String name() {
                return "softsign";
            }

            protected Tensor forward(Tensor[] in) {
                return in[0].div(in[0].abs().add(1.0));
            }

            protected Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
                return new Tensor[] {g.mul(in[0].abs().add(1).pow(-2))};
            }

            protected Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
                return t[0].mul(in[0].abs().add(1).pow(-2));
            }
        };
        Rng rng = new Rng(2);
        Tensor[] x = {Tensor.uniform(rng, 0.2, 2, 5)};
        Tensor[] v = {Tensor.randn(rng, 5)};
        Function<Tensor[], Tensor> f = in -> softsign.apply(in[0].mul(in[0]));
        Tensor[] expected = nested(f, x, v, 4);
        Tensor[] got = taylor(f, x, v, 4);
        for (int k = 0; k <= 4; k++) {
            assertThat(relativeError(got[k], expected[k])).as("order %d", k).isLessThan(TOLERANCE);
        }
        FusedOp twice = new FusedOp() {
            protected String name() {
                return "twice";
            }

            protected Tensor forward(Tensor[] in) {
                return in[0].mul(2.0);
            }

            protected Tensor[] backward(Tensor g, Tensor output, Tensor[] inputs, boolean[] need) {
                return new Tensor[] {g.mul(2.0)};
            }
        };
        assertThatThrownBy(() -> Taylor.jet(t -> twice.apply(t), x[0], v[0], 2))
                .isInstanceOf(NotDifferentiableException.class).hasMessageContaining("'twice' has no Taylor-mode rule");
    }

    @Test
    void jetOfAKnownFunction() {
        // u = sin(x) exp(2x) along v = 1 at x = 0.3: u'' = (3 sin + 4 cos) exp(2x), u''' = (2 sin + 11 cos) exp(2x)
        double x0 = 0.3;
        Tensor[] d = Taylor.jet(t -> t.sin().mul(t.mul(2.0).exp()), Tensor.vector(x0), Tensor.vector(1), 3);
        double e = Math.exp(2 * x0);
        assertThat(d[1].item()).isCloseTo((Math.cos(x0) + 2 * Math.sin(x0)) * e, org.assertj.core.data.Offset.offset(1e-14));
        assertThat(d[2].item()).isCloseTo((3 * Math.sin(x0) + 4 * Math.cos(x0)) * e,
                org.assertj.core.data.Offset.offset(1e-13));
        assertThat(d[3].item()).isCloseTo((2 * Math.sin(x0) + 11 * Math.cos(x0)) * e,
                org.assertj.core.data.Offset.offset(1e-13));
    }
}
