package org.sciml4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Values of tensor operations against hand-computed results, and the errors bad shapes and axes give. */
class TensorOpsTest {

    @Test
    void creation() {
        assertThat(Tensor.arange(0, 1, 0.25).toArray()).containsExactly(0, 0.25, 0.5, 0.75);
        assertThat(Tensor.linspace(0, 10, 101).get(100)).isEqualTo(10.0);
        assertThat(Tensor.linspace(0, 10, 101).get(37)).isCloseTo(3.7, within(1e-15));
        assertThat(Tensor.eye(3).toArray()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(Tensor.full(2.5, 2, 2).sum().item()).isEqualTo(10.0);
        assertThat(Tensor.randn(new Rng(7), 5).toArray()).containsExactly(Tensor.randn(new Rng(7), 5).toArray());
        assertThat(Tensor.randn(new Rng(7), 5).toArray()).isNotEqualTo(Tensor.randn(new Rng(8), 5).toArray());
        Tensor big = Tensor.randn(new Rng(1), 200_000);
        assertThat(big.mean().item()).isCloseTo(0, within(0.01));
        assertThat(big.square().mean().item()).isCloseTo(1, within(0.01));
        Tensor u = Tensor.uniform(new Rng(1), -2, 3, 100_000);
        assertThat(u.min().item()).isGreaterThanOrEqualTo(-2);
        assertThat(u.max().item()).isLessThan(3);
    }

    @Test
    void hasShapeComparesWithTheShape() {
        Tensor a = Tensor.zeros(2, 3);
        int[] s = a.shape();
        s[0] = 7; // shape() is a copy: changing it leaves the tensor as it was
        assertThat(a.hasShape(2, 3)).isTrue();
        assertThat(a.hasShape(3, 2)).isFalse();
        assertThat(a.hasShape(6)).isFalse();
        assertThat(a.hasShape(Tensor.ones(2, 3).shape())).isTrue();
        assertThat(a.hasShape(1, 2, 3)).isFalse();
        assertThat(Tensor.scalar(1).hasShape()).isTrue();
    }

    @Test
    void broadcastingArithmetic() {
        Tensor a = Tensor.matrix(new double[] {1, 2, 3}, new double[] {4, 5, 6});
        assertThat(a.add(Tensor.vector(10, 20, 30)).toArray()).containsExactly(11, 22, 33, 14, 25, 36);
        assertThat(a.mul(Tensor.of(new double[] {2, 3}, 2, 1)).toArray()).containsExactly(2, 4, 6, 12, 15, 18);
        assertThat(Tensor.of(new double[] {1, 2}, 2, 1, 1).sub(Tensor.of(new double[] {1, 2, 3}, 1, 3)).shape())
                .containsExactly(2, 1, 3);
        assertThat(Tensor.of(new double[] {1, 2}, 2, 1, 1).sub(Tensor.zeros(2, 3)).shape()).containsExactly(2, 2, 3);
        assertThat(a.div(2).toArray()).containsExactly(0.5, 1, 1.5, 2, 2.5, 3);
        assertThat(a.rsub(1).toArray()).containsExactly(0, -1, -2, -3, -4, -5);
        // a large tensor takes the parallel path and gives the same values
        Tensor x = Tensor.randn(new Rng(3), 300, 400);
        Tensor y = x.mul(x).add(1.0).log();
        for (int i = 0; i < x.numel(); i += 997) {
            assertThat(y.data[i]).isEqualTo(Math.log(x.data[i] * x.data[i] + 1));
        }
    }

    @Test
    void unaryMath() {
        Tensor x = Tensor.vector(-2, -0.5, 0, 0.7, 3);
        for (int i = 0; i < 5; i++) {
            double v = x.data[i];
            assertThat(x.tanh().data[i]).isCloseTo(Math.tanh(v), within(1e-16));
            assertThat(x.sigmoid().data[i]).isCloseTo(1 / (1 + Math.exp(-v)), within(1e-15));
            assertThat(x.softplus().data[i]).isCloseTo(Math.log1p(Math.exp(v)), within(1e-15));
            assertThat(x.relu().data[i]).isEqualTo(Math.max(v, 0));
            assertThat(x.silu().data[i]).isCloseTo(v / (1 + Math.exp(-v)), within(1e-15));
            assertThat(x.abs().data[i]).isEqualTo(Math.abs(v));
            double g = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
            assertThat(x.gelu().data[i]).isCloseTo(g, within(1e-15));
        }
        assertThat(Tensor.scalar(1000).softplus().item()).isEqualTo(1000.0);
        assertThat(Tensor.scalar(-1000).sigmoid().item()).isEqualTo(0.0);
        // tails keep relative precision; no overflow or NaN anywhere
        assertThat(Tensor.scalar(-40).softplus().item() / Math.exp(-40) - 1).isCloseTo(0, within(1e-15));
        assertThat(Tensor.scalar(-13.8155).softplus().item() / Math.log1p(Math.exp(-13.8155)) - 1)
                .isCloseTo(0, within(1e-15));
        assertThat(Tensor.scalar(-60).sigmoid().item() / Math.exp(-60) - 1).isCloseTo(0, within(1e-14));
        // derivatives at the seams: softplus'(0) = sigmoid(0) = 1/2, and finite for huge arguments
        for (double v : new double[] {0, 800, -800}) {
            Tensor p = Tensor.scalar(v).requireGrad();
            double d = Autodiff.grad(p.softplus(), p)[0].item();
            assertThat(d).as("softplus'(%s)", v).isCloseTo(1 / (1 + Math.exp(-v)), within(1e-16));
            assertThat(Autodiff.grad(p.sigmoid(), p)[0].item()).isFinite();
        }
        // the fast tanh is accurate everywhere, tiny arguments included
        Rng rng = new Rng(11);
        for (int i = 0; i < 20000; i++) {
            double v = Math.pow(10, rng.uniform(-12, 1.5)) * (rng.uniform() < 0.5 ? -1 : 1);
            assertThat(Math.abs(Tensor.scalar(v).tanh().item() / Math.tanh(v) - 1)).as("tanh(%s)", v)
                    .isLessThan(5e-16);
        }
        // the vectorised path (whole arrays) too, across both of its branches and the saturated range
        double[] many = new double[100_003];
        for (int i = 0; i < many.length; i++) {
            many[i] = Math.pow(10, rng.uniform(-12, 1.5)) * (rng.uniform() < 0.5 ? -1 : 1);
        }
        double[] th = Tensor.of(many, many.length).tanh().toArray();
        for (int i = 0; i < many.length; i++) {
            assertThat(Math.abs(th[i] / Math.tanh(many[i]) - 1)).as("tanh(%s)", many[i]).isLessThan(1e-15);
        }
        double[] seams = {0.29999, 0.3, 0.30001, -0.3, 0.5499, 0.55, 19.99, -0.0};
        double[] atSeams = Tensor.of(seams, seams.length).tanh().toArray();
        for (int i = 0; i < seams.length; i++) {
            assertThat(atSeams[i]).as("tanh(%s)", seams[i])
                    .isCloseTo(Math.tanh(seams[i]), within(1e-15 * Math.abs(Math.tanh(seams[i]))));
        }
        assertThat(Tensor.vector(20, 25, -700, Double.NaN, 1, 2, 3, 4).tanh().toArray())
                .startsWith(1.0, 1.0, -1.0, Double.NaN);
        assertThat(Tensor.scalar(1e-300).tanh().item()).isEqualTo(1e-300);
        assertThat(Tensor.scalar(400).tanh().item()).isEqualTo(1.0);
    }

    @Test
    void reductions() {
        Tensor a = Tensor.of(new double[] {1, 5, 3, 4, 2, 6}, 2, 3);
        assertThat(a.sum(0).toArray()).containsExactly(5, 7, 9);
        assertThat(a.sum(1).toArray()).containsExactly(9, 12);
        assertThat(a.sum(new int[] {1}, true).shape()).containsExactly(2, 1);
        assertThat(a.mean(0).toArray()).containsExactly(2.5, 3.5, 4.5);
        assertThat(a.max(new int[] {1}, false).toArray()).containsExactly(5, 6);
        assertThat(a.min(new int[] {0}, false).toArray()).containsExactly(1, 2, 3);
        assertThat(a.norm().item()).isCloseTo(Math.sqrt(91), within(1e-14));
        Tensor b = Tensor.arange(0, 24, 1).reshape(2, 3, 4);
        assertThat(b.sum(0, 2).toArray()).containsExactly(60, 92, 124); // non-adjacent axes
        assertThat(b.sum(-1).get(1, 2)).isEqualTo(20 + 21 + 22 + 23);
    }

    @Test
    void matmulSmallLargeAndBatched() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new double[] {7, 8, 9, 10, 11, 12}, 3, 2);
        assertThat(a.matmul(b).toArray()).containsExactly(58, 64, 139, 154);
        Rng rng = new Rng(5);
        for (int[] mkn : new int[][] {{3, 4, 5}, {70, 80, 90}}) {
            Tensor x = Tensor.randn(rng, mkn[0], mkn[1]);
            Tensor y = Tensor.randn(rng, mkn[1], mkn[2]);
            Tensor z = x.matmul(y);
            for (int i = 0; i < mkn[0]; i += 7) {
                for (int j = 0; j < mkn[2]; j += 5) {
                    double s = 0;
                    for (int p = 0; p < mkn[1]; p++) {
                        s += x.get(i, p) * y.get(p, j);
                    }
                    assertThat(z.get(i, j)).isCloseTo(s, within(1e-12));
                }
            }
        }
        Tensor batch = Tensor.randn(rng, 4, 2, 3);
        Tensor w = Tensor.randn(rng, 3, 5);
        Tensor c = batch.matmul(w);
        assertThat(c.shape()).containsExactly(4, 2, 5);
        Tensor third = batch.slice(0, 2, 3).squeeze(0).matmul(w);
        assertThat(c.slice(0, 2, 3).squeeze(0).toArray()).containsExactly(third.toArray());
    }

    @Test
    void shapeOperations() {
        Tensor a = Tensor.arange(0, 6, 1).reshape(2, 3);
        assertThat(a.transpose().toArray()).containsExactly(0, 3, 1, 4, 2, 5);
        assertThat(a.reshape(-1, 2).shape()).containsExactly(3, 2);
        Tensor b = Tensor.arange(0, 24, 1).reshape(2, 3, 4);
        Tensor p = b.permute(2, 0, 1);
        assertThat(p.shape()).containsExactly(4, 2, 3);
        assertThat(p.get(3, 1, 2)).isEqualTo(b.get(1, 2, 3));
        assertThat(a.slice(1, 0, 3, 2).toArray()).containsExactly(0, 2, 3, 5);
        assertThat(a.slice(1, -1, 3).toArray()).containsExactly(2, 5);
        assertThat(a.indexSelect(1, 2, 0, 2).toArray()).containsExactly(2, 0, 2, 5, 3, 5);
        assertThat(Tensor.concat(0, a, a.mul(10)).shape()).containsExactly(4, 3);
        assertThat(Tensor.concat(1, a, a.col(0)).toArray()).containsExactly(0, 1, 2, 0, 3, 4, 5, 3);
        assertThat(Tensor.stack(1, a, a).shape()).containsExactly(2, 2, 3);
        assertThat(Tensor.vector(1, 2).broadcastTo(3, 2).toArray()).containsExactly(1, 2, 1, 2, 1, 2);
        assertThat(a.unsqueeze(0).shape()).containsExactly(1, 2, 3);
        Tensor w = Tensor.where(a.gt(2.0), a, Tensor.scalar(-1));
        assertThat(w.toArray()).containsExactly(-1, -1, -1, 3, 4, 5);
        assertThat(a.lt(Tensor.scalar(1)).toArray()).containsExactly(1, 0, 0, 0, 0, 0);
        // a scalar on the left: s op a[i]
        Tensor two = Tensor.scalar(2);
        assertThat(two.gt(a).toArray()).containsExactly(1, 1, 0, 0, 0, 0);
        assertThat(two.ge(a).toArray()).containsExactly(1, 1, 1, 0, 0, 0);
        assertThat(two.lt(a).toArray()).containsExactly(0, 0, 0, 1, 1, 1);
        assertThat(two.le(a).toArray()).containsExactly(0, 0, 1, 1, 1, 1);
        assertThat(two.eq(a).toArray()).containsExactly(0, 0, 1, 0, 0, 0);
        assertThat(two.sub(a).toArray()).containsExactly(2, 1, 0, -1, -2, -3);
    }

    @Test
    void noGradBuildsNoGraph() {
        Tensor w = Tensor.vector(1, 2).requireGrad();
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            assertThat(w.mul(w).isTracked()).isFalse();
            try (Autodiff.Scope e = Autodiff.enableGrad()) {
                assertThat(w.mul(w).isTracked()).isTrue();
            }
        }
        assertThat(w.mul(w).isTracked()).isTrue();
        assertThatThrownBy(() -> Autodiff.grad(Tensor.scalar(1).mul(2), w))
                .hasMessageContaining("does not depend on any tensor that requires gradients");
    }

    @Test
    void shapeErrorsNameTheShapes() {
        Tensor a = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> a.add(Tensor.zeros(4))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("add").hasMessageContaining("(2, 3)").hasMessageContaining("(4,)");
        assertThatThrownBy(() -> a.matmul(Tensor.zeros(2, 3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("matmul: inner dimensions differ: (2, 3) @ (2, 3)");
        assertThatThrownBy(() -> a.matmul(Tensor.zeros(3))).hasMessageContaining("rank >= 2");
        assertThatThrownBy(() -> a.reshape(4, 2)).hasMessageContaining("cannot reshape a tensor of shape (2, 3)");
        assertThatThrownBy(() -> a.sum(2)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("sum: axis 2 is out of range for a tensor of rank 2");
        assertThatThrownBy(() -> a.sum(0, 0)).hasMessageContaining("repeated");
        assertThatThrownBy(() -> a.permute(0, 0)).hasMessageContaining("permute: axis 0 is repeated");
        assertThatThrownBy(() -> Tensor.concat(0, a, Tensor.zeros(2, 4)))
                .hasMessageContaining("concat along axis 0: tensor 1 has shape (2, 4)");
        assertThatThrownBy(() -> a.indexSelect(0, 5)).hasMessageContaining("index 5 out of range for axis 0");
        assertThatThrownBy(() -> a.broadcastTo(3, 3)).hasMessageContaining("(2, 3) cannot be broadcast to (3, 3)");
        assertThatThrownBy(() -> Tensor.of(new double[5], 2, 3)).hasMessageContaining("needs 6 values, got 5");
        assertThatThrownBy(() -> a.item()).hasMessageContaining("has 6 elements, not 1");
        Tensor x = Tensor.zeros(2, 3).requireGrad();
        assertThatThrownBy(() -> Autodiff.grad(x.mul(2), java.util.List.of(x), Tensor.zeros(3), false))
                .hasMessageContaining("cotangent of shape (3,) does not match the output shape (2, 3)");
        assertThatThrownBy(() -> Autodiff.jvp(x.mul(2), x, Tensor.zeros(3, 2)))
                .hasMessageContaining("tangent 0 has shape (3, 2) but its input has shape (2, 3)");
    }

    @Test
    void aGraphKeepsItsOwnCopyOfTheInputsArray() {
        // callers may reuse the array they pass to a varargs operation; the recorded graph must not see the change
        Tensor a = Tensor.of(new double[] {1, 2}, 2).requireGrad();
        Tensor b = Tensor.of(new double[] {3}, 1).requireGrad();
        Tensor[] parts = {a, b};
        Tensor c = Tensor.concat(0, parts);
        parts[0] = b;
        parts[1] = a;
        Tensor loss = c.mul(Tensor.of(new double[] {1, 10, 100}, 3)).sum();
        Tensor[] g = Autodiff.grad(loss, a, b);
        assertThat(g[0].data()).containsExactly(1, 10);
        assertThat(g[1].data()).containsExactly(100);
    }

    /**
     * The reverse pass adds slices' cotangents into one array in place (no input's worth of zeros per slice): the
     * gradient through overlapping row slices, strided column slices and the whole tensor, against the exact one; the
     * caller's seed and the gradients of a first pass are not changed by a second.
     */
    @Test
    void slicesOfOneTensorAddTheirCotangentsInPlace() {
        Tensor x = Tensor.of(new double[] {1, -2, 3, 0.5, 4, -1, 2, 2, -3, 1.5, 0, 5}, 4, 3).requireGrad();
        Tensor rows = x.slice(0, 0, 2).mul(2.0).sum();          // d/dx: 2 on rows 0, 1
        Tensor overlap = x.slice(0, 1, 4).square().sum();       // 2 x on rows 1..3
        Tensor strided = x.slice(1, 0, 3, 2).mul(-1.0).sum();   // -1 on columns 0, 2
        Tensor column = x.col(1).mul(x.col(1)).sum();           // 2 x on column 1
        Tensor loss = rows.add(overlap).add(strided).add(column).add(x.sum());
        double[] expected = new double[12];
        double[] v = x.toArray();
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 3; c++) {
                int e = r * 3 + c;
                expected[e] = (r < 2 ? 2 : 0) + (r >= 1 ? 2 * v[e] : 0) + (c != 1 ? -1 : 0) + (c == 1 ? 2 * v[e] : 0)
                        + 1;
            }
        }
        Tensor seed = Tensor.of(new double[] {1}, loss.shape());
        Tensor g = Autodiff.grad(loss, java.util.List.of(x), seed, false).get(0);
        assertThat(g.toArray()).containsExactly(expected);
        assertThat(seed.toArray()).containsExactly(1.0);
        Tensor again = Autodiff.grad(loss, java.util.List.of(x), null, false).get(0);
        assertThat(again.toArray()).containsExactly(expected);
        assertThat(g.toArray()).containsExactly(expected);
        // recorded (second derivatives): the same values through the tensor path
        Tensor recorded = Autodiff.grad(loss, java.util.List.of(x), null, true).get(0);
        assertThat(recorded.toArray()).containsExactly(expected);
    }
}
