package org.sciml4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A replayed graph ({@link Tape}) against the same graph built again, over every primitive's cases of
 * {@link PrimitiveDerivativeTest}: after the leaves move in place, the output and the gradients of a replay are the
 * same bits as those of a new build; a graph with a primitive that has no replay rule is refused.
 */
class TapeTest {
    /**
     * The primitives without a replay rule: the factorisations (not yet needed by a training step's graph) and
     * where (its condition is a constant taken from values when the graph was built, stale in a replay).
     */
    private static final Set<String> NOT_REPLAYED = Set.of("where", "solve", "logdet", "cholesky", "qr", "svd",
            "eigh");

    static Stream<PrimitiveDerivativeTest.Case> cases() {
        return PrimitiveDerivativeTest.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aReplayGivesTheBitsOfANewBuild(PrimitiveDerivativeTest.Case c) {
        Rng rng = new Rng(c.toString().hashCode());
        Tensor[] x = c.inputs().apply(rng);
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i].requireGrad();
        }
        Tensor weights = Tensor.randn(rng, c.f().apply(x).shape());
        Function<Tensor[], Tensor> loss = xs -> c.f().apply(xs).mul(weights).sum();
        Tensor built = loss.apply(x);
        Optional<Tape> tape = Tape.of(built, List.of(x));
        if (!replayable(built)) {
            assertThat(tape).as("%s: a graph with a primitive that has no replay rule", c).isEmpty();
            return;
        }
        assertThat(tape).as("%s", c).isPresent();
        for (Tensor t : x) { // the parameters' step: in place, small enough to keep log's and div's inputs positive
            for (int i = 0; i < t.data.length; i++) {
                t.data[i] += 0.01 * ((i % 3) - 1);
            }
        }
        tape.get().run();
        Tensor fresh = loss.apply(x);
        assertThat(tape.get().output()).isSameAs(built);
        assertThat(built.data).as("%s output", c).containsExactly(fresh.data);
        List<Tensor> replayed = tape.get().gradients();
        List<Tensor> expected = Autodiff.grad(fresh, List.of(x), null, false);
        for (int i = 0; i < x.length; i++) {
            assertThat(replayed.get(i).data).as("%s gradient %d", c, i).containsExactly(expected.get(i).data);
        }
    }

    /** Whether every primitive of y's graph has a replay rule (by the list above). */
    private static boolean replayable(Tensor y) {
        for (Tensor t : Autodiff.topologicalOrder(y)) {
            if (t.node != null && NOT_REPLAYED.contains(t.node.op.name())) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyPrimitiveHasAReplayRuleOrIsListed() {
        Set<String> replayed = new TreeSet<>();
        for (PrimitiveDerivativeTest.Case c : PrimitiveDerivativeTest.cases()) {
            if (!NOT_REPLAYED.contains(c.primitive())) {
                replayed.add(c.primitive());
            }
        }
        List<String> missing = new ArrayList<>(Primitives.NAMES);
        missing.removeAll(replayed);
        missing.removeAll(NOT_REPLAYED);
        // the comparisons and sign carry nodes only to refuse differentiation: a loss cannot hold them
        assertThat(missing).containsExactlyInAnyOrder("gt", "ge", "lt", "le", "eq", "sign");
    }

    @Test
    void fusedAndCustomOperationsReplayOnlyWhenTheySaySo() {
        Tensor x = Tensor.vector(0.5, -1, 2).requireGrad();
        Tensor y = Tensor.vector(1, 2, -0.5).requireGrad();
        assertThat(Tape.of(Atan2.of(x, y).sum(), List.of(x, y))).isPresent(); // declares itself replayable
        CustomPrimitive twice = new CustomPrimitive() {
            @Override
            protected String name() {
                return "twice";
            }

            @Override
            protected Tensor forward(Tensor[] in) {
                return in[0].mul(2.0);
            }

            @Override
            protected Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
                return new Tensor[] {g.mul(2.0)};
            }

            @Override
            protected Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
                return t[0].mul(2.0);
            }
        };
        assertThat(Tape.of(twice.apply(x).sum(), List.of(x))).isEmpty(); // the default: not replayed
    }

    @Test
    void aTaylorPassThroughActivationsReplays() {
        // tanh, sin and cos take the fused Taylor rule (FusedActivationJet), which reads the primal output's values
        for (Function<Tensor, Tensor> f : List.<Function<Tensor, Tensor>>of(Tensor::tanh, Tensor::sin, Tensor::cos)) {
            Tensor w = Tensor.of(new double[] {0.3, -0.7, 1.1, 0.4, -0.2, 0.9}, 3, 2).requireGrad();
            Tensor points = Tensor.of(new double[] {0.1, 0.2, -0.3, 0.4, 0.5, -0.6, 0.7, 0.8}, 4, 2);
            Function<Tensor, Tensor> net = p -> f.apply(p.matmul(w.mT())).sum(new int[] {1}, false);
            Tensor along = Tensor.of(new double[] {1, 0, 1, 0, 1, 0, 1, 0}, 4, 2);
            Function<Tensor[], Tensor> loss = unused -> Taylor.jet(net, points, along, 2)[2].square().sum();
            Tensor built = loss.apply(null);
            Tape tape = Tape.of(built, List.of(w)).orElseThrow();
            w.data[2] += 0.05;
            tape.run();
            Tensor fresh = loss.apply(null);
            assertThat(built.data).containsExactly(fresh.data);
            assertThat(tape.gradients().get(0).data).containsExactly(Autodiff.grad(fresh, w)[0].data);
        }
    }
}
