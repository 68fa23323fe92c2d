package org.sciml4j.operators.fno;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.ShapeException;
import org.sciml4j.tensor.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** An FNO with several input fields (a state (u, u_t)): inputs (B, f, s...), f more values per point to lift. */
class FnoInputFieldsTest {

    @Test
    void theLiftingReadsEachFieldAndTheShapesFollow() {
        Fno one = new Fno(1, 4, 6, 2, 0, 2, new Rng(2));
        Fno two = new Fno(1, 2, 4, 6, 2, 0, 2, new Rng(2));
        // one more row of the lifting per extra field: width parameters
        assertThat(two.parameters().count() - one.parameters().count()).isEqualTo(6);
        assertThat(two.apply(Tensor.randn(new Rng(3), 3, 2, 16)).shape()).containsExactly(3, 2, 16);
        assertThat(two.describe()).contains("2 input fields");
        Fno twoD = new Fno(2, 3, 2, 4, 1, 0.25, 1, new Rng(2));
        assertThat(twoD.apply(Tensor.randn(new Rng(3), 2, 3, 6, 8)).shape()).containsExactly(2, 6, 8);
        assertThatThrownBy(() -> two.apply(Tensor.zeros(3, 16))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("(B, 2, s)").hasMessageContaining("[3, 16]");
        assertThatThrownBy(() -> two.apply(Tensor.zeros(3, 3, 16))).hasMessageContaining("(B, 2, s)");
    }

    @Test
    void eachFieldReachesTheOutput() {
        // a change in the second field alone changes the prediction; with f = 1 the model never saw it
        Fno two = new Fno(1, 2, 4, 6, 2, 0, 1, new Rng(5));
        Tensor x = Tensor.randn(new Rng(6), 1, 2, 16);
        Tensor y = x.copy();
        y.data()[16 + 3] += 1;
        double[] a = two.apply(x).data();
        double[] b = two.apply(y).data();
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        assertThat(diff).isGreaterThan(1e-6);
        assertThat(two.apply(x).data()[0]).isCloseTo(a[0], within(0.0)); // deterministic
    }
}
