package org.sciml4j.tensor;

import java.util.IdentityHashMap;

/**
 * Taylor rules one direction at a time: the generic rule of a primitive that has a forward-mode rule but no
 * Taylor rule of its own (linear algebra, custom primitives), and the bridge to the single-direction rules that
 * {@link CustomPrimitive} and {@link FusedOp} may declare.
 * <p>
 * The generic rule solves the differential equation y'(t) = F(x(t), y(t), x'(t)), F the primitive's jvp rule:
 * coefficient k of y is 1/k times coefficient k-1 of F, which the Taylor transformation of F's recorded graph gives
 * from the coefficients of x, x' and y up to order k-1 (Griewank and Walther 2008, ch. 13). It is exact (no finite
 * differences) and costs K graph walks per direction: fine off the hot path.
 */
final class TaylorByDirection {
    private TaylorByDirection() {
    }

    /** A Taylor rule for one direction: the output's coefficients 1..order from the inputs' (null: constant). */
    interface Rule {
        /**
         * @param xs    per input its coefficients {@code xs[i][1..order]} (index 0 unused), or null
         * @param order K for this direction
         * @return the output's coefficients {@code y[1..order]} (index 0 unused), entries null where zero
         */
        Tensor[] apply(Tensor[][] xs, int order);
    }

    /** Applies a single-direction rule to every direction of a plan and stacks the results. */
    static Tensor stacked(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in, Rule rule) {
        int directions = plan.rows[1];
        Tensor[][] ys = new Tensor[directions][];
        for (int d = 0; d < directions; d++) {
            int kd = 1;
            while (kd < plan.order && plan.rows[kd + 1] > d) {
                kd++;
            }
            Tensor[][] xs = new Tensor[in.length][];
            for (int i = 0; i < in.length; i++) {
                if (c[i] != null) {
                    xs[i] = new Tensor[kd + 1];
                    for (int j = 1; j <= kd; j++) {
                        int row = plan.start[j] + d;
                        xs[i][j] = c[i].slice(0, row, row + 1).reshape(in[i].shape);
                    }
                }
            }
            ys[d] = rule.apply(xs, kd);
        }
        Tensor[] blocks = new Tensor[plan.order + 1];
        for (int k = 1; k <= plan.order; k++) {
            Tensor[] rows = new Tensor[plan.rows[k]];
            for (int d = 0; d < rows.length; d++) {
                Tensor y = ys[d].length > k ? ys[d][k] : null;
                rows[d] = (y != null ? y : Tensor.zeros(out.shape)).unsqueeze(0);
            }
            blocks[k] = rows.length == 1 ? rows[0] : Tensor.concat(0, rows);
        }
        return plan.assemble(blocks);
    }

    /** The generic rule of {@code op} from its jvp rule (see the class comment). */
    static Tensor byForwardMode(Primitive op, TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
        return stacked(plan, c, out, in, (xs, order) -> oneDirection(op, xs, order, out, in));
    }

    /** The generic rule for one direction: {@code y[0..order]} with y[0] the output. */
    static Tensor[] oneDirection(Primitive op, Tensor[][] xs, int order, Tensor out, Tensor[] in) {
        Tensor[] ys = new Tensor[order + 1];
        ys[0] = out;
        Tensor[] t1 = new Tensor[in.length];
        for (int i = 0; i < in.length; i++) {
            t1[i] = xs[i] == null ? null : xs[i][1];
        }
        ys[1] = orZeros(op.jvp(t1, out, in), out);
        if (order == 1) {
            return ys;
        }
        Tensor[] hx = new Tensor[in.length];
        Tensor[] hv = new Tensor[in.length];
        Tensor hy;
        Tensor f;
        try (Autodiff.Scope s = Autodiff.enableGrad()) {
            for (int i = 0; i < in.length; i++) {
                hx[i] = xs[i] == null ? in[i] : Autodiff.asInput(in[i]);
                hv[i] = xs[i] == null ? null : Autodiff.asInput(xs[i][1]);
            }
            hy = Autodiff.asInput(out);
            f = op.jvp(hv, hy, hx);
        }
        for (int k = 2; k <= order && f != null; k++) {
            TaylorPlan p = TaylorPlan.single(k - 1);
            IdentityHashMap<Tensor, Tensor> seeds = new IdentityHashMap<>();
            for (int i = 0; i < in.length; i++) {
                if (xs[i] != null) {
                    Tensor[] x = new Tensor[k];
                    Tensor[] v = new Tensor[k];
                    for (int j = 1; j < k; j++) {
                        x[j] = xs[i][j];
                        v[j] = xs[i][j + 1].mul((double) (j + 1));
                    }
                    seeds.put(hx[i], column(p, x));
                    seeds.put(hv[i], column(p, v));
                }
            }
            seeds.put(hy, column(p, ys));
            Tensor fk = Taylor.propagate(f, p, seeds).get(f);
            ys[k] = fk == null ? Tensor.zeros(out.shape) : fk.slice(0, k - 2, k - 1).reshape(out.shape).div((double) k);
        }
        for (int k = 2; k <= order; k++) {
            ys[k] = orZeros(ys[k], out);
        }
        return ys;
    }

    /** The stack of a single-direction plan from coefficients {@code x[1..K]}. */
    private static Tensor column(TaylorPlan p, Tensor[] x) {
        Tensor[] rows = new Tensor[p.order + 1];
        for (int j = 1; j <= p.order; j++) {
            rows[j] = x[j].unsqueeze(0);
        }
        return p.assemble(rows);
    }

    private static Tensor orZeros(Tensor t, Tensor like) {
        return t != null ? t : Tensor.zeros(like.shape);
    }
}
