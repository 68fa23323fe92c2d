package org.sciml4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every primitive, first and second order, reverse and forward mode, against finite differences, on random inputs
 * of several shapes with broadcasting.
 */
class PrimitiveDerivativeTest {
    private static final double TOLERANCE = 1e-6;

    /** A primitive under test: how to build inputs (from an Rng) and the function applying the primitive. */
    record Case(String primitive, String label, Function<Rng, Tensor[]> inputs, Function<Tensor[], Tensor> f) {
        @Override
        public String toString() {
            return primitive + " " + label;
        }
    }

    static Function<Rng, Tensor[]> normal(int[]... shapes) {
        return rng -> {
            Tensor[] t = new Tensor[shapes.length];
            for (int i = 0; i < shapes.length; i++) {
                t[i] = Tensor.randn(rng, shapes[i]);
            }
            return t;
        };
    }

    /** Inputs bounded away from zero, positive (for log, pow, div). */
    static Function<Rng, Tensor[]> positive(int[]... shapes) {
        return rng -> {
            Tensor[] t = new Tensor[shapes.length];
            for (int i = 0; i < shapes.length; i++) {
                t[i] = Tensor.uniform(rng, 0.5, 2.0, shapes[i]);
            }
            return t;
        };
    }

    static int[] s(int... d) {
        return d;
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        int[][][] pairs = {{s(3, 4), s(3, 4)}, {s(3, 4), s(4)}, {s(2, 1, 4), s(3, 1)}, {s(), s(2, 3)}};
        for (int[][] p : pairs) {
            String l = Shape.str(p[0]) + "," + Shape.str(p[1]);
            c.add(new Case("add", l, normal(p), x -> x[0].add(x[1])));
            c.add(new Case("sub", l, normal(p), x -> x[0].sub(x[1])));
            c.add(new Case("mul", l, normal(p), x -> x[0].mul(x[1])));
            c.add(new Case("div", l, rng -> new Tensor[] {Tensor.randn(rng, p[0]),
                Tensor.uniform(rng, 0.5, 2, p[1])}, x -> x[0].div(x[1])));
            c.add(new Case("where", l, normal(p), x -> Tensor.where(x[0].add(x[1]).gt(0.0).detach(), x[0].mul(x[1]),
                    x[1].sin())));
        }
        int[][] shapes = {s(5), s(3, 4), s(2, 3, 2)};
        for (int[] sh : shapes) {
            String l = Shape.str(sh);
            c.add(new Case("neg", l, normal(sh), x -> x[0].neg()));
            c.add(new Case("exp", l, normal(sh), x -> x[0].exp()));
            c.add(new Case("log", l, positive(sh), x -> x[0].log()));
            c.add(new Case("log1p", l, positive(sh), x -> x[0].sub(0.4).log1p()));
            c.add(new Case("sin", l, normal(sh), x -> x[0].sin()));
            c.add(new Case("cos", l, normal(sh), x -> x[0].cos()));
            c.add(new Case("tanh", l, normal(sh), x -> x[0].tanh()));
            c.add(new Case("abs", l, rng -> new Tensor[] {Tensor.uniform(rng, 0.3, 2, sh).mul(
                    Tensor.rand(rng, sh).gt(0.5).mul(2.0).sub(1.0))}, x -> x[0].abs().mul(x[0])));
            c.add(new Case("pow", l + " p=3", normal(sh), x -> x[0].pow(3)));
            c.add(new Case("pow", l + " p=-1.5", positive(sh), x -> x[0].pow(-1.5)));
            c.add(new Case("pow", l + " sqrt", positive(sh), x -> x[0].sqrt()));
            c.add(new Case("sum", l + " all", normal(sh), x -> x[0].sum().mul(x[0].sum())));
            c.add(new Case("sum", l + " axis0", normal(sh), x -> x[0].sum(0).square()));
            c.add(new Case("sum", l + " last keep", normal(sh), x -> x[0].sum(new int[] {-1}, true).mul(x[0])));
            c.add(new Case("max", l, normal(sh), x -> x[0].max(new int[] {0}, false).square()));
            c.add(new Case("min", l, normal(sh), x -> x[0].min(new int[] {-1}, true).mul(x[0])));
            c.add(new Case("identity", l, normal(sh), x -> x[0].identity().square()));
        }
        // composites built from the primitives
        c.add(new Case("composite", "sigmoid softplus silu gelu relu", normal(s(4, 3)),
                x -> x[0].sigmoid().add(x[0].softplus()).add(x[0].silu()).add(x[0].gelu()).add(x[0].relu().square())));
        c.add(new Case("composite", "mean norm", normal(s(4, 3)), x -> x[0].mean(0).mul(x[0].norm())));
        int[][][] mm = {{s(3, 4), s(4, 2)}, {s(2, 3, 4), s(4, 5)}, {s(2, 1, 3, 4), s(3, 4, 2)}, {s(1, 1), s(1, 3)}};
        for (int[][] p : mm) {
            c.add(new Case("matmul", Shape.str(p[0]) + "@" + Shape.str(p[1]), normal(p),
                    x -> x[0].matmul(x[1]).tanh()));
        }
        c.add(new Case("matmul", "large (BLAS path)", normal(s(64, 50), s(50, 60)), x -> x[0].matmul(x[1]).sin()));
        c.add(new Case("reshape", "(3,4)->(2,6)", normal(s(3, 4)), x -> x[0].reshape(2, 6).square()));
        c.add(new Case("permute", "(2,3,4)->(2,0,1)", normal(s(2, 3, 4)), x -> x[0].permute(2, 0, 1).sin()));
        c.add(new Case("permute", "transpose", normal(s(3, 5)), x -> x[0].transpose().matmul(x[0])));
        c.add(new Case("broadcast_to", "(3,1)->(2,3,4)", normal(s(3, 1)), x -> x[0].broadcastTo(2, 3, 4).exp()));
        c.add(new Case("slice", "axis1 step2", normal(s(3, 7)), x -> x[0].slice(1, 1, 6, 2).square()));
        c.add(new Case("slice", "axis0 negative", normal(s(5, 2)), x -> x[0].slice(0, -3, -1).exp()));
        c.add(new Case("unslice", "adjoint of slice", normal(s(3, 2)),
                x -> ShapePrimitives.unslice(x[0], new int[] {3, 6}, new ShapePrimitives.Slice(1, 1, 2, 2)).square()));
        c.add(new Case("index_select", "repeats", normal(s(4, 3)), x -> x[0].indexSelect(0, 3, 1, 1).sin()));
        c.add(new Case("index_add", "adjoint of index_select", normal(s(3, 2)),
                x -> ShapePrimitives.indexAdd(x[0], new int[] {4, 2},
                        new ShapePrimitives.IndexSelect(0, new int[] {2, 0, 2})).square()));
        c.add(new Case("concat", "axis1", normal(s(2, 3), s(2, 1)), x -> Tensor.concat(1, x[0], x[1]).square()));
        c.add(new Case("concat", "stack axis0", normal(s(2, 3), s(2, 3)), x -> Tensor.stack(0, x[0], x[1]).sin()));
        c.addAll(linearAlgebraCases());
        return c;
    }

    /** A well-conditioned square matrix: 2 I plus a random one of norm about 1. */
    static Tensor wellConditioned(Rng rng, int n) {
        return Tensor.randn(rng, n, n).mul(0.4).add(Tensor.eye(n).mul(2.0));
    }

    /** A symmetric matrix with eigenvalues near 1, 2.5, 4, ...: gaps of about 1.5. */
    static Tensor separatedSymmetric(Rng rng, int n) {
        Tensor m = Tensor.randn(rng, n, n).mul(0.15);
        return Tensor.eye(n).mul(Tensor.arange(1, 1 + 1.5 * n - 0.75, 1.5)).add(m.add(m.mT()));
    }

    /** The factors of a decomposition as one vector, so a check weighs them all. */
    static Tensor flat(Tensor... factors) {
        Tensor[] f = new Tensor[factors.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = factors[i].reshape(-1);
        }
        return Tensor.concat(0, f);
    }

    static List<Case> linearAlgebraCases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("solve", "(3,3) (3,2)", rng -> new Tensor[] {wellConditioned(rng, 3), Tensor.randn(rng, 3, 2)},
                x -> Linalg.solve(x[0], x[1])));
        c.add(new Case("solve", "(4,4) (4,)", rng -> new Tensor[] {wellConditioned(rng, 4), Tensor.randn(rng, 4)},
                x -> Linalg.solve(x[0], x[1])));
        c.add(new Case("solve", "inverse", rng -> new Tensor[] {wellConditioned(rng, 3)}, x -> Linalg.inverse(x[0])));
        c.add(new Case("logdet", "(3,3)", rng -> new Tensor[] {wellConditioned(rng, 3)}, x -> Linalg.logdet(x[0])));
        c.add(new Case("logdet", "negative determinant", rng -> new Tensor[] {wellConditioned(rng, 3).neg()},
                x -> Linalg.logdet(x[0])));
        c.add(new Case("cholesky", "(4,4) spd", rng -> new Tensor[] {separatedSymmetric(rng, 4)},
                x -> Linalg.cholesky(x[0])));
        c.add(new Case("qr", "(3,3)", rng -> new Tensor[] {wellConditioned(rng, 3)},
                x -> flat(Linalg.qr(x[0]).q(), Linalg.qr(x[0]).r())));
        c.add(new Case("qr", "(5,3)", normal(s(5, 3)), x -> {
            Linalg.QR f = Linalg.qr(x[0]);
            return flat(f.q(), f.r());
        }));
        int[][] svdShapes = {s(3, 3), s(5, 3), s(2, 4)};
        for (int[] sh : svdShapes) {
            c.add(new Case("svd", Shape.str(sh), normal(sh), x -> {
                Linalg.SVD f = Linalg.svd(x[0]);
                return flat(f.u(), f.s(), f.vt());
            }));
        }
        c.add(new Case("eigh", "(4,4)", rng -> new Tensor[] {separatedSymmetric(rng, 4)}, x -> {
            Linalg.Eigh f = Linalg.eigh(x[0]);
            return flat(f.values(), f.vectors());
        }));
        c.addAll(batchedLinearAlgebraCases());
        return c;
    }

    /** Two matrices made by {@code make}, stacked: a batch of shape (2, ...). */
    static Tensor pair(Rng rng, Function<Rng, Tensor> make) {
        return Tensor.stack(0, make.apply(rng), make.apply(rng));
    }

    static List<Case> batchedLinearAlgebraCases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("solve", "batch (2,3,3) (2,3,2)", rng -> new Tensor[] {pair(rng, r -> wellConditioned(r, 3)),
            Tensor.randn(rng, 2, 3, 2)}, x -> Linalg.solve(x[0], x[1])));
        c.add(new Case("logdet", "batch (2,3,3)", rng -> new Tensor[] {pair(rng, r -> wellConditioned(r, 3))},
                x -> Linalg.logdet(x[0])));
        c.add(new Case("cholesky", "batch (2,3,3)", rng -> new Tensor[] {pair(rng, r -> separatedSymmetric(r, 3))},
                x -> Linalg.cholesky(x[0])));
        c.add(new Case("qr", "batch (2,4,3)", normal(s(2, 4, 3)), x -> {
            Linalg.QR f = Linalg.qr(x[0]);
            return flat(f.q(), f.r());
        }));
        for (int[] sh : new int[][] {s(2, 4, 3), s(2, 2, 3)}) {
            c.add(new Case("svd", "batch " + Shape.str(sh), normal(sh), x -> {
                Linalg.SVD f = Linalg.svd(x[0]);
                return flat(f.u(), f.s(), f.vt());
            }));
        }
        c.add(new Case("eigh", "batch (2,3,3)", rng -> new Tensor[] {pair(rng, r -> separatedSymmetric(r, 3))}, x -> {
            Linalg.Eigh f = Linalg.eigh(x[0]);
            return flat(f.values(), f.vectors());
        }));
        return c;
    }

    static Stream<Arguments> checks() {
        List<Arguments> a = new ArrayList<>();
        for (Case c : cases()) {
            for (GradCheck.Mode mode : GradCheck.Mode.values()) {
                a.add(Arguments.of(c, mode));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("checks")
    void firstAndSecondOrderMatchFiniteDifferences(Case c, GradCheck.Mode mode) {
        Rng rng = new Rng(c.toString().hashCode());
        Tensor[] x = c.inputs().apply(rng);
        double err = new GradCheck().maxError(c.f(), x, 2, mode, rng, 2);
        assertThat(err).as("%s %s max relative error", c, mode).isLessThan(TOLERANCE);
    }

    @Test
    void everyPrimitiveIsChecked() {
        Set<String> covered = new TreeSet<>();
        for (Case c : cases()) {
            covered.add(c.primitive());
        }
        // comparisons and sign are checked by the non-differentiability test below
        covered.addAll(List.of("gt", "ge", "lt", "le", "eq", "sign"));
        assertThat(covered).containsAll(Primitives.NAMES);
    }

    @Test
    void nonDifferentiableOperationsSaySo() {
        Tensor x = Tensor.vector(1, -2, 3).requireGrad();
        Map<String, Tensor> outs = new LinkedHashMap<>();
        outs.put("gt", x.gt(0.0));
        outs.put("ge", x.ge(Tensor.scalar(0)));
        outs.put("lt", x.lt(0.0));
        outs.put("le", x.le(Tensor.scalar(0)));
        outs.put("eq", x.eq(Tensor.scalar(1)));
        outs.put("sign", x.sign());
        for (Map.Entry<String, Tensor> e : outs.entrySet()) {
            Tensor y = e.getValue().mul(x).sum();
            assertThatThrownBy(() -> Autodiff.grad(y, x)).isInstanceOf(NotDifferentiableException.class)
                    .hasMessageContaining("'" + e.getKey() + "' is not differentiable");
            assertThatThrownBy(() -> Autodiff.jvp(y, x, Tensor.ones(3)))
                    .isInstanceOf(NotDifferentiableException.class);
        }
        // detach() makes the intent explicit and then works: d/dx sum((x>0) * x) = (x>0)
        Tensor ok = x.gt(0.0).detach().mul(x).sum();
        assertThat(Autodiff.grad(ok, x)[0].toArray()).containsExactly(1, 0, 1);
    }
}
