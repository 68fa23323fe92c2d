package org.sciml4j.tensor;

import static org.sciml4j.tensor.Primitives.fit;
import static org.sciml4j.tensor.Primitives.one;
import static org.sciml4j.tensor.Primitives.plus;
import static org.sciml4j.tensor.Primitives.sumTo;
import static org.sciml4j.tensor.Primitives.sumToRows;

import org.sciml4j.tensor.kernel.Elementwise;
import org.sciml4j.tensor.kernel.Elementwise.Binary;
import org.sciml4j.tensor.kernel.Elementwise.Unary;
import org.sciml4j.tensor.kernel.Layout;

import java.util.Arrays;

/**
 * The element-wise primitives: arithmetic with broadcasting, comparisons, unary functions, powers, selection
 * ({@code where}) and the identity.
 */
final class ElementwisePrimitives {
    private ElementwisePrimitives() {
    }

    /** An arithmetic primitive applied to a and b, broadcasting. */
    static Tensor binary(Broadcasting p, Tensor a, Tensor b) {
        return binary(p, p.op, a, b);
    }

    /** {@code op(a, b)}, broadcasting, recorded as {@code p} (a comparison's node, or an arithmetic primitive's). */
    static Tensor binary(Primitive p, Binary op, Tensor a, Tensor b) {
        Form f = form(a, b);
        int[] shape = switch (f) {
            case SAME, SCALAR_RIGHT -> a.shape;
            case SCALAR_LEFT -> b.shape;
            case BROADCAST -> Shape.broadcast(p.name(), a.shape, b.shape);
        };
        return Tensor.record(p, into(f, op, a, b, shape, new double[Shape.numel(shape)]), shape, a, b);
    }

    /** How a binary operation's operands meet: the kernel it takes, and the result's shape. */
    private enum Form { SAME, SCALAR_RIGHT, SCALAR_LEFT, BROADCAST }

    private static Form form(Tensor a, Tensor b) {
        if (Arrays.equals(a.shape, b.shape)) {
            return Form.SAME;
        } else if (b.data.length == 1 && b.shape.length <= a.shape.length) {
            return Form.SCALAR_RIGHT;
        } else if (a.data.length == 1 && a.shape.length <= b.shape.length) {
            return Form.SCALAR_LEFT;
        }
        return Form.BROADCAST;
    }

    /**
     * {@code op(a, b)} broadcast to {@code shape} (the result's, from {@link #binary}) into {@code out}: the one
     * computation of a binary primitive's values, for its first evaluation and for a replay ({@link Tape}).
     */
    static double[] binaryInto(Binary op, Tensor a, Tensor b, int[] shape, double[] out) {
        return into(form(a, b), op, a, b, shape, out);
    }

    private static double[] into(Form f, Binary op, Tensor a, Tensor b, int[] shape, double[] out) {
        return switch (f) {
            case SAME -> Elementwise.binary(op, a.data, b.data, out);
            case SCALAR_RIGHT -> Elementwise.binaryScalar(op, a.data, b.data[0], out);
            case SCALAR_LEFT -> Elementwise.scalarBinary(op, a.data[0], b.data, out);
            case BROADCAST -> Elementwise.binary(op, a.data, a.shape, b.data, b.shape, shape, out);
        };
    }

    /**
     * An element-wise binary primitive whose input cotangents are {@code sumTo(term(k), input shape)}: the same terms
     * give the per-point rules by {@link #sumToRows}.
     */
    abstract static class Broadcasting extends Primitive {
        /** The kernel of the values, or null where the primitive is not replayed ({@link Where}). */
        final Binary op;

        Broadcasting(Binary op) {
            this.op = op;
        }

        abstract Tensor term(int k, Tensor g, Tensor out, Tensor[] in);

        @Override
        boolean replays() {
            return op != null;
        }

        @Override
        void recompute(Tensor out, Tensor[] in) {
            binaryInto(op, in[0], in[1], out.shape, out.data);
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            Tensor[] r = new Tensor[in.length];
            for (int k = 0; k < in.length; k++) {
                if (need[k]) {
                    r[k] = sumTo(term(k, g, out, in), in[k].shape);
                }
            }
            return r;
        }

        @Override
        Tensor[] vjpRows(Tensor g, Tensor out, Tensor[] in, boolean[] need, boolean outBatched) {
            Tensor[] r = new Tensor[in.length];
            for (int k = 0; k < in.length; k++) {
                if (need[k]) {
                    r[k] = sumToRows(term(k, g, out, in), in[k].shape);
                }
            }
            return r;
        }
    }

    static final Broadcasting ADD = new Broadcasting(Binary.ADD) {
        String name() {
            return "add";
        }

        Tensor term(int k, Tensor g, Tensor out, Tensor[] in) {
            return g;
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return plus(fit(t[0], out.shape), fit(t[1], out.shape));
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return plus(plan.fit(c[0], out.shape), plan.fit(c[1], out.shape));
        }
    };

    static final Broadcasting SUB = new Broadcasting(Binary.SUB) {
        String name() {
            return "sub";
        }

        Tensor term(int k, Tensor g, Tensor out, Tensor[] in) {
            return k == 0 ? g : g.neg();
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            Tensor tb = fit(t[1], out.shape);
            return plus(fit(t[0], out.shape), tb == null ? null : tb.neg());
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            Tensor cb = plan.fit(c[1], out.shape);
            return plus(plan.fit(c[0], out.shape), cb == null ? null : cb.neg());
        }
    };

    static final Broadcasting MUL = new Broadcasting(Binary.MUL) {
        String name() {
            return "mul";
        }

        Tensor term(int k, Tensor g, Tensor out, Tensor[] in) {
            return g.mul(in[1 - k]);
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return plus(t[0] == null ? null : fit(t[0].mul(in[1]), out.shape),
                    t[1] == null ? null : fit(in[0].mul(t[1]), out.shape));
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return TaylorRules.bilinear(plan, c, in, out.shape.length, Tensor::mul);
        }
    };

    static final Broadcasting DIV = new Broadcasting(Binary.DIV) {
        String name() {
            return "div";
        }

        Tensor term(int k, Tensor g, Tensor out, Tensor[] in) {
            Tensor gb = g.div(in[1]);
            return k == 0 ? gb : gb.mul(out).neg();
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            Tensor num = plus(fit(t[0], out.shape), t[1] == null ? null : out.mul(t[1]).neg());
            return num == null ? null : num.div(in[1]);
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return TaylorRules.quotient(plan, c, out, in);
        }
    };

    /** Comparisons: their outputs are piecewise constant and carry a node only to refuse differentiation. */
    static Primitive comparison(String name) {
        return new Primitive() {
            String name() {
                return name;
            }

            Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
                throw notDifferentiable(name);
            }

            Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
                throw notDifferentiable(name);
            }

            @Override
            Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
                throw notDifferentiable(name);
            }
        };
    }

    static NotDifferentiableException notDifferentiable(String name) {
        return new NotDifferentiableException("operation '" + name + "' is not differentiable (its value is piecewise"
                + " constant); use detach() to treat its result as a constant, or where(...) to select values");
    }

    static final Primitive GT = comparison("gt");
    static final Primitive GE = comparison("ge");
    static final Primitive LT = comparison("lt");
    static final Primitive LE = comparison("le");
    static final Primitive EQ = comparison("eq");
    static final Primitive SIGN = comparison("sign");

    // ------------------------------------------------------------------ element-wise unary

    /** A unary primitive applied to x. */
    static Tensor unary(LiftableUnary p, Tensor x) {
        return unary(p, p.op, x);
    }

    /** {@code op(x)} recorded as {@code p} (the sign's node, or a unary primitive's). */
    static Tensor unary(Primitive p, Unary op, Tensor x) {
        return Tensor.record(p, Elementwise.unary(op, x.data, new double[x.data.length]), x.shape, x);
    }

    /**
     * A unary primitive whose vjp rule broadcasts over an extra leading axis of the cotangent, so the same rule gives
     * the per-point cotangent of a parameter-only input.
     */
    abstract static class LiftableUnary extends Primitive {
        /** The kernel of the values; null where they come otherwise (a power, the identity). */
        final Unary op;

        LiftableUnary(Unary op) {
            this.op = op;
        }

        @Override
        boolean replays() {
            return op != null;
        }

        @Override
        void recompute(Tensor out, Tensor[] in) {
            Elementwise.unary(op, in[0].data, out.data);
        }

        @Override
        Tensor[] vjpRows(Tensor g, Tensor out, Tensor[] in, boolean[] need, boolean outBatched) {
            return vjp(g, out, in, need);
        }
    }

    /** A unary primitive whose derivative is {@code out' = factor(x, out) * x'}. */
    abstract static class Pointwise extends LiftableUnary {
        Pointwise(Unary op) {
            super(op);
        }

        abstract Tensor factor(Tensor x, Tensor out);

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(g.mul(factor(in[0], out)));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].mul(factor(in[0], out));
        }
    }

    static final LiftableUnary NEG = new LiftableUnary(Unary.NEG) {
        String name() {
            return "neg";
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(g.neg());
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].neg();
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return c[0].neg();
        }
    };

    static final LiftableUnary EXP = new Pointwise(Unary.EXP) {
        String name() {
            return "exp";
        }

        Tensor factor(Tensor x, Tensor out) {
            return out;
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return TaylorRules.exp(plan, c[0], out, in[0]);
        }
    };

    static final LiftableUnary LOG = new LiftableUnary(Unary.LOG) {
        String name() {
            return "log";
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(g.div(in[0]));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].div(in[0]);
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return TaylorRules.log(plan, c[0], out, in[0], 0);
        }
    };

    static final LiftableUnary LOG1P = new LiftableUnary(Unary.LOG1P) {
        String name() {
            return "log1p";
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(g.div(in[0].add(1.0)));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].div(in[0].add(1.0));
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return TaylorRules.log(plan, c[0], out, in[0], 1);
        }
    };

    static final LiftableUnary SIN = new Pointwise(Unary.SIN) {
        String name() {
            return "sin";
        }

        Tensor factor(Tensor x, Tensor out) {
            return x.cos();
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return FusedActivationJet.apply(FusedActivationJet.Kind.SIN, plan, in[0], out, c[0]);
        }
    };

    static final LiftableUnary COS = new Pointwise(Unary.COS) {
        String name() {
            return "cos";
        }

        Tensor factor(Tensor x, Tensor out) {
            return x.sin().neg();
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return FusedActivationJet.apply(FusedActivationJet.Kind.COS, plan, in[0], out, c[0]);
        }
    };

    static final LiftableUnary TANH = new Pointwise(Unary.TANH) {
        String name() {
            return "tanh";
        }

        Tensor factor(Tensor x, Tensor out) {
            return out.square().neg().add(1.0);
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return FusedActivationJet.apply(FusedActivationJet.Kind.TANH, plan, in[0], out, c[0]);
        }
    };

    static final LiftableUnary ABS = new Pointwise(Unary.ABS) {
        String name() {
            return "abs";
        }

        Tensor factor(Tensor x, Tensor out) {
            return x.sign().detach();
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return c[0].mul(in[0].sign().detach()); // piecewise linear: exact away from 0
        }
    };

    static final class PowScalar extends Pointwise {
        final double p;

        PowScalar(double p) {
            super(null);
            this.p = p;
        }

        String name() {
            return "pow";
        }

        @Override
        boolean replays() {
            return true;
        }

        @Override
        void recompute(Tensor out, Tensor[] in) {
            Elementwise.pow(in[0].data, p, out.data);
        }

        Tensor factor(Tensor x, Tensor out) {
            return p == 2 ? x.mul(2.0) : x.pow(p - 1).mul(p);
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return TaylorRules.pow(plan, c[0], out, in[0], p);
        }
    }

    static Tensor pow(Tensor x, double p) {
        if (p == 1) {
            return x;
        }
        return Tensor.record(new PowScalar(p), Elementwise.pow(x.data, p, new double[x.data.length]), x.shape, x);
    }

    // ------------------------------------------------------------------ selection

    /** where(cond, a, b): cond is a constant (never differentiated). */
    static final class Where extends Broadcasting {
        final Tensor cond;

        Where(Tensor cond) {
            super(null); // cond is a constant taken from values: a replay would keep a stale one
            this.cond = cond;
        }

        String name() {
            return "where";
        }

        Tensor term(int k, Tensor g, Tensor out, Tensor[] in) {
            Tensor zero = Tensor.scalar(0);
            return k == 0 ? Tensor.where(cond, g, zero) : Tensor.where(cond, zero, g);
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            Tensor zero = Tensor.scalar(0);
            return Tensor.where(cond, t[0] == null ? zero : t[0], t[1] == null ? zero : t[1]);
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            Tensor zero = Tensor.scalar(0);
            int rank = out.shape.length;
            return Tensor.where(cond, c[0] == null ? zero : TaylorPlan.lift(c[0], rank),
                    c[1] == null ? zero : TaylorPlan.lift(c[1], rank));
        }
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        int[] shape = Shape.broadcast("where", Shape.broadcast("where", cond.shape, a.shape), b.shape);
        double[] c = Layout.expand(cond.data, cond.shape, shape);
        double[] ea = Layout.expand(a.data, a.shape, shape);
        double[] eb = Layout.expand(b.data, b.shape, shape);
        return Tensor.record(new Where(cond.detach()), Elementwise.where(c, ea, eb, new double[c.length]), shape,
                a, b);
    }

    /** Identity: gives a function its own copy of an input so nested derivatives do not confuse perturbations. */
    static final LiftableUnary IDENTITY = new LiftableUnary(null) {
        String name() {
            return "identity";
        }

        /** Its output shares its input's array ({@code Tensor.identity}): nothing to compute. */
        @Override
        boolean replays() {
            return true;
        }

        @Override
        void recompute(Tensor out, Tensor[] in) {
            store(out, in[0].data);
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(g);
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0];
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return c[0];
        }
    };
}
