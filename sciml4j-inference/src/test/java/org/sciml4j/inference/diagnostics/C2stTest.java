package org.sciml4j.inference.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

public class C2stTest {

    public static void main(String[] a) {
        new C2stTest().samplesOfOneDistributionCannotBeToldApart();
        new C2stTest().shiftedSamplesAreToldApart();
    }

    @Test
    void samplesOfOneDistributionCannotBeToldApart() {
        Rng rng = new Rng(1);
        double c = new C2st(5, 20, 3).score(Tensor.randn(rng, 1000, 2), Tensor.randn(rng, 1000, 2));
        System.out.println("same: " + c);
        // 2000 held-out predictions in all: the sd of an accuracy of 0.5 is 0.011
        assertThat(c).isCloseTo(0.5, within(0.04));
    }

    @Test
    void shiftedSamplesAreToldApart() {
        Rng rng = new Rng(2);
        Tensor a = Tensor.randn(rng, 1000, 2);
        Tensor b = Tensor.randn(rng, 1000, 2).add(Tensor.vector(3, 0));
        double c = new C2st(5, 20, 3).score(a, b);
        System.out.println("shifted by 3 sd: " + c);
        // the Bayes classifier's accuracy for means 3 sd apart is Phi(1.5) = 0.933
        assertThat(c).isGreaterThan(0.9).isLessThanOrEqualTo(0.96);
    }
}
