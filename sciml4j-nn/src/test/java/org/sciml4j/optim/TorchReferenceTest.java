package org.sciml4j.optim;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trajectories bit-identical to PyTorch's. The reference bits were produced on x86-64 (AVX2 kernels) with
 * PyTorch's own {@code torch.optim.SGD}, and for Adam and AdamW with PyTorch 2.x's {@code _single_tensor_adam}
 * transcribed line by line onto PyTorch's tensor kernels ({@code add(alpha)}, {@code lerp_}, {@code addcmul_},
 * {@code addcdiv_}), in float64, as below:
 * <pre>
 *   A0 = [1, 10, 0.3, 2.5, 7, 0.01, 4];  B0 = [0.1, -0.2, 0.3, 0, 1.5, -3, 0.7]
 *   A1 = [3, 0.5, 12];                   B1 = [-1, 0.25, 2]
 *   params = [tensor([1, 1, -2, 0.5, 3, -1, 0.25]), tensor([0.75, -1.5, 2])]
 *   30 times: grads = [A0 * p0 + B0, A1 * p1 + B1]; optimizer step
 * </pre>
 * and the raw bits of the 10 final parameters are compared. The same check on 1000 steps with tensors of 7, 67 and
 * 1000 elements (PyTorch's vectorised kernel path) was bit-identical as well.
 */
class TorchReferenceTest {
    private static final double[] A0 = {1.0, 10.0, 0.3, 2.5, 7.0, 0.01, 4.0};
    private static final double[] B0 = {0.1, -0.2, 0.3, 0.0, 1.5, -3.0, 0.7};
    private static final double[] A1 = {3.0, 0.5, 12.0};
    private static final double[] B1 = {-1.0, 0.25, 2.0};

    private static long[] run(Optimizer opt) {
        Tensor p0 = Tensor.vector(1.0, 1.0, -2.0, 0.5, 3.0, -1.0, 0.25).requireGrad();
        Tensor p1 = Tensor.vector(0.75, -1.5, 2.0).requireGrad();
        for (int k = 0; k < 30; k++) {
            double[] g0 = new double[7];
            double[] g1 = new double[3];
            for (int i = 0; i < 7; i++) {
                g0[i] = A0[i] * p0.data()[i] + B0[i];
            }
            for (int i = 0; i < 3; i++) {
                g1[i] = A1[i] * p1.data()[i] + B1[i];
            }
            opt.step(List.of(p0, p1), List.of(Tensor.vector(g0), Tensor.vector(g1)));
        }
        long[] out = new long[10];
        for (int i = 0; i < 7; i++) {
            out[i] = Double.doubleToRawLongBits(p0.data()[i]);
        }
        for (int i = 0; i < 3; i++) {
            out[7 + i] = Double.doubleToRawLongBits(p1.data()[i]);
        }
        return out;
    }

    @Test
    void sgdWithMomentum() {
        // torch.optim.SGD(params, lr=0.05, momentum=0.9)
        assertThat(run(Sgd.builder().learningRate(0.05).momentum(0.9).build())).containsExactly(
                4593078384424784402L, -4628386196305883248L, -4618174318392854029L, -4644805093324143048L,
                4601836893300996046L, 4629190622759642021L, -4628573370967124871L, 4600957929467586785L,
                -4622021635590611738L, 4598817080917674685L);
    }

    @Test
    void sgdNesterovWithWeightDecay() {
        // torch.optim.SGD(params, lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01)
        assertThat(run(Sgd.builder().learningRate(0.05).momentum(0.9).nesterov(true).weightDecay(0.01).build()))
                .containsExactly(
                        -4667451135561896940L, 4581417593453280697L, -4618072362340516868L, -4668623775117639577L,
                        -4626528874663189103L, 4629218565556742033L, -4627907247283765565L, 4599782157672845248L,
                        -4621746493269771328L, -4628204200453499322L);
    }

    @Test
    void sgdWithDampening() {
        // torch.optim.SGD(params, lr=0.05, momentum=0.5, dampening=0.3, weight_decay=0.1)
        assertThat(run(Sgd.builder().learningRate(0.05).momentum(0.5).dampening(0.3).weightDecay(0.1).build()))
                .containsExactly(
                        -4647330373547999312L, 4581373483605056397L, -4614931506025240769L, 4531662512076774193L,
                        -4626591129029231850L, 4617078067233691133L, -4628052642860337356L, 4599482644918323106L,
                        -4618834306099818781L, -4628246678161216838L);
    }

    @Test
    void adamWithL2WeightDecay() {
        // Adam(lr=0.05, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)
        assertThat(run(Adam.builder().learningRate(0.05).weightDecay(0.01).build())).containsExactly(
                -4628501868157165760L, -4632240903773052579L, -4617291112116494917L, -4642819579214238662L,
                4609766149951813350L, 4602656445604576813L, -4629001454847956540L, 4600262896919079908L,
                -4622653415982100199L, 4603790189077585151L);
    }

    @Test
    void adamW() {
        // AdamW(lr=0.05, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)
        assertThat(run(AdamW.builder().learningRate(0.05).weightDecay(0.01).build())).containsExactly(
                -4628411969822354321L, -4632137723945891699L, -4617197104961655541L, -4643081160346008384L,
                4609622979922910494L, 4602709852221405874L, -4628994063596530045L, 4600293451371302498L,
                -4622639763354950732L, 4603639080965955454L);
    }

    @Test
    void integerPowersAreCorrectlyRounded() {
        // Adam's bias corrections need beta^t as Python computes it; StrictMath.pow is off by an ulp for 0.9^4
        assertThat(Powers.powInt(0.9, 4)).isEqualTo(0.6561);
        assertThat(StrictMath.pow(0.9, 4)).isNotEqualTo(0.6561);
        for (double beta : new double[] {0.9, 0.999, 0.99, 0.95, 0.5, 0.98, 0.9999}) {
            for (int t : new int[] {0, 1, 2, 3, 4, 5, 7, 10, 17, 100, 333, 1000, 4097, 10_000}) {
                double exact = new BigDecimal(beta).pow(t, new MathContext(40)).doubleValue();
                assertThat(Powers.powInt(beta, t)).as("%s^%d", beta, t).isEqualTo(exact);
            }
        }
        assertThat(Powers.powInt(0.5, 1100)).isEqualTo(0.0);
        assertThat(Powers.powInt(0.5, 1074)).isEqualTo(Double.MIN_VALUE);
        assertThat(Powers.powInt(2.0, 2000)).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
