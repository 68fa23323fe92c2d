package org.sciml4j.tensor;

import java.util.function.BinaryOperator;

/**
 * The arithmetic of truncated Taylor series that the primitives' Taylor rules share: Cauchy products (Leibniz rule),
 * quotients, and the recurrences of the elementwise functions, each written in recorded tensor operations so that
 * reverse mode runs through the coefficients. Coefficients are normalised (x_k = D^k x / k!); x_0 is the primal
 * value. A series is read through {@link Series}: coefficient k restricted to the directions that need order k.
 */
final class TaylorRules {
    private TaylorRules() {
    }

    /** One series: the primal value and the blocks 1..K of its stack, any of them sliced to fewer rows on demand. */
    static final class Series {
        final TaylorPlan plan;
        final Tensor[] blocks;

        /** The series of {@code value} with the stack {@code stack} (null: constant). */
        Series(TaylorPlan plan, Tensor value, Tensor stack) {
            this.plan = plan;
            blocks = new Tensor[plan.order + 1];
            blocks[0] = value;
            for (int k = 1; k <= plan.order && stack != null; k++) {
                blocks[k] = plan.block(value, stack, k);
            }
        }

        /** A series being built: block 0 only, the others set as they are computed. */
        Series(TaylorPlan plan, Tensor value) {
            this(plan, value, null);
        }

        boolean constant() {
            return blocks.length < 2 || blocks[1] == null;
        }

        /** Coefficient k restricted to its first {@code count} rows (k = 0: the value, which broadcasts). */
        Tensor get(int k, int count) {
            Tensor b = blocks[k];
            if (k == 0 || b.shape[0] == count) {
                return b;
            }
            return ShapePrimitives.slice(b, new ShapePrimitives.Slice(0, 0, 1, count));
        }

        Tensor stack() {
            return plan.assemble(blocks);
        }
    }

    /**
     * (1/k) sum_{j=1..k} j x_j g_{k-j}: coefficient k of y when y' = g x' (exp, sin, cos, tanh).
     */
    static Tensor derivativeProduct(Series x, Series g, int k) {
        int r = x.plan.rows[k];
        Tensor s = null;
        for (int j = 1; j <= k; j++) {
            Tensor term = x.get(j, r).mul(g.get(k - j, r));
            if (j != k) {
                term = term.mul((double) j / k); // the weights j/k folded in: no division of the sum
            }
            s = s == null ? term : s.add(term);
        }
        return s;
    }

    /** Coefficient k of the square of a series: 2 sum_{j < k/2} y_j y_{k-j} (+ y_{k/2}^2 for even k). */
    static Tensor square(Series y, int k) {
        int r = y.plan.rows[k];
        Tensor s = null;
        for (int j = 0; 2 * j < k; j++) {
            Tensor term = y.get(j, r).mul(y.get(k - j, r));
            s = s == null ? term : s.add(term);
        }
        s = s.mul(2.0);
        if (k % 2 == 0) {
            s = s.add(y.get(k / 2, r).square());
        }
        return s;
    }

    /** Cauchy product coefficient k: sum_{j=0..k} a_j b_{k-j}, with {@code product} (mul or matmul). */
    static Tensor cauchy(Series a, Series b, int k, BinaryOperator<Tensor> product) {
        int r = a.plan.rows[k];
        Tensor s = null;
        for (int j = 0; j <= k; j++) {
            Tensor term = product.apply(a.get(j, r), b.get(k - j, r));
            s = s == null ? term : s.add(term);
        }
        return s;
    }

    /**
     * The stack of a bilinear product of two inputs (mul, matmul): linear in the moving one when the other is
     * constant along every direction, else the Cauchy product order by order. Stacks are lifted to {@code rank}.
     */
    static Tensor bilinear(TaylorPlan plan, Tensor[] c, Tensor[] in, int rank, BinaryOperator<Tensor> product) {
        if (c[1] == null) {
            return product.apply(TaylorPlan.lift(c[0], rank), in[1]);
        }
        if (c[0] == null) {
            return product.apply(in[0], TaylorPlan.lift(c[1], rank));
        }
        Series a = new Series(plan, in[0], TaylorPlan.lift(c[0], rank));
        Series b = new Series(plan, in[1], TaylorPlan.lift(c[1], rank));
        Series out = new Series(plan, null);
        for (int k = 1; k <= plan.order; k++) {
            out.blocks[k] = cauchy(a, b, k, product);
        }
        return out.stack();
    }

    /** Matrix product of a stack block with a matrix: one gemm on (R N, k) rows where shapes allow. */
    static Tensor matmul(Tensor a, Tensor b) {
        if (a.shape.length == 3 && b.shape.length == 2) {
            int r = a.shape[0];
            int m = a.shape[1];
            return a.reshape(r * m, a.shape[2]).matmul(b).reshape(r, m, b.shape[1]);
        }
        return a.matmul(b);
    }

    /** q = a / b: q_k = (a_k - sum_{j=1..k} b_j q_{k-j}) / b_0. */
    static Tensor quotient(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
        int rank = out.shape.length;
        if (c[1] == null) {
            return TaylorPlan.lift(c[0], rank).div(in[1]);
        }
        Series a = c[0] == null ? null : new Series(plan, in[0], plan.fit(c[0], out.shape));
        Series b = new Series(plan, in[1], TaylorPlan.lift(c[1], rank));
        Series q = new Series(plan, out);
        for (int k = 1; k <= plan.order; k++) {
            int r = plan.rows[k];
            Tensor s = a == null ? null : a.get(k, r);
            for (int j = 1; j <= k; j++) {
                Tensor term = b.get(j, r).mul(q.get(k - j, r));
                s = s == null ? term.neg() : s.sub(term);
            }
            q.blocks[k] = s.div(in[1]);
        }
        return q.stack();
    }

    /** exp: y' = y x'. */
    static Tensor exp(TaylorPlan plan, Tensor c, Tensor out, Tensor x) {
        Series xs = new Series(plan, x, c);
        Series y = new Series(plan, out);
        for (int k = 1; k <= plan.order; k++) {
            y.blocks[k] = derivativeProduct(xs, y, k);
        }
        return y.stack();
    }

    /** log(x + shift): (x + shift) y' = x', so y_k = (x_k - (1/k) sum_{j=1..k-1} j y_j x_{k-j}) / x_0. */
    static Tensor log(TaylorPlan plan, Tensor c, Tensor out, Tensor x, double shift) {
        Series xs = new Series(plan, x, c);
        Series y = new Series(plan, out);
        Tensor x0 = shift == 0 ? x : x.add(shift);
        for (int k = 1; k <= plan.order; k++) {
            int r = plan.rows[k];
            Tensor s = xs.get(k, r);
            if (k > 1) {
                Tensor inner = null;
                for (int j = 1; j < k; j++) {
                    Tensor term = y.get(j, r).mul(xs.get(k - j, r)).mul((double) j);
                    inner = inner == null ? term : inner.add(term);
                }
                s = s.sub(inner.div((double) k));
            }
            y.blocks[k] = s.div(x0);
        }
        return y.stack();
    }

    /** sin and cos together: s' = c x', c' = -s x'; returns the stack of sin ({@code sine}) or of cos. */
    static Tensor sinCos(TaylorPlan plan, Tensor c, Tensor x, Tensor sin0, Tensor cos0, boolean sine) {
        Series xs = new Series(plan, x, c);
        Series s = new Series(plan, sin0);
        Series co = new Series(plan, cos0);
        for (int k = 1; k <= plan.order; k++) {
            s.blocks[k] = derivativeProduct(xs, co, k);
            co.blocks[k] = derivativeProduct(xs, s, k).neg();
        }
        return sine ? s.stack() : co.stack();
    }

    /** tanh by its differential equation y' = (1 - y^2) x', z = 1 - y^2 carried beside y. */
    static Tensor tanh(TaylorPlan plan, Tensor c, Tensor out, Tensor x) {
        Series xs = new Series(plan, x, c);
        Series y = new Series(plan, out);
        Series z = new Series(plan, out.square().neg().add(1.0));
        for (int k = 1; k <= plan.order; k++) {
            y.blocks[k] = derivativeProduct(xs, z, k);
            if (k < plan.order) {
                z.blocks[k] = square(y, k).neg();
            }
        }
        return y.stack();
    }

    /**
     * x^p: a whole power 2..8 by repeated Cauchy products (exact at x = 0); otherwise x y' = p y x', i.e.
     * y_k = (1 / (k x_0)) sum_{j=1..k} (p j - (k - j)) x_j y_{k-j}.
     */
    static Tensor pow(TaylorPlan plan, Tensor c, Tensor out, Tensor x, double p) {
        if (p == 0) {
            return null;
        }
        Series xs = new Series(plan, x, c);
        if (p == Math.rint(p) && p >= 2 && p <= 8) {
            Series y = xs;
            for (int e = 2; e <= (int) p; e++) {
                Series next = new Series(plan, x.pow(e));
                for (int k = 1; k <= plan.order; k++) {
                    next.blocks[k] = cauchy(y, xs, k, Tensor::mul);
                }
                y = next;
            }
            return y.stack();
        }
        Series y = new Series(plan, out);
        for (int k = 1; k <= plan.order; k++) {
            int r = plan.rows[k];
            Tensor s = null;
            for (int j = 1; j <= k; j++) {
                double w = p * j - (k - j);
                if (w != 0) {
                    Tensor term = xs.get(j, r).mul(y.get(k - j, r)).mul(w);
                    s = s == null ? term : s.add(term);
                }
            }
            y.blocks[k] = s == null ? Tensor.zeros(plan.stacked(out.shape)).slice(0, 0, r) : s.div(x.mul((double) k));
        }
        return y.stack();
    }
}
