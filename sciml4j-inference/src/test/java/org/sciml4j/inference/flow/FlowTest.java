package org.sciml4j.inference.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

class FlowTest {

    /** A MAF step whose weights are 0 is the affine map z = x * s + t; its density is a normal with known moments. */
    @Test
    void affineMafMatchesTheNormalDensityItDefines() {
        MaskedAffineLayer layer = new MaskedAffineLayer(2, 0, 8, 1, new Rng(1));
        List<Tensor> p = layer.parameters();
        for (Tensor t : p) {
            java.util.Arrays.fill(t.data(), 0);
        }
        // heads: [scale weight, scale bias, shift weight, shift bias] are the last four parameters
        double[] u = {0.3, -1.2};
        double[] shift = {0.5, -2.0};
        System.arraycopy(u, 0, p.get(p.size() - 3).data(), 0, 2);
        System.arraycopy(shift, 0, p.get(p.size() - 1).data(), 0, 2);
        Flow flow = new Flow(2, 0, List.of(layer));
        flow.standardize(new Standardization(new double[] {1, -1}, new double[] {2, 0.5}), Standardization.identity(0));
        Tensor v = Tensor.of(new double[] {0.1, 0.2, -3, 4, 2.5, -1.5}, 3, 2);
        double[] got = flow.logProbValues(v, null);
        for (int r = 0; r < 3; r++) {
            double expected = 0;
            for (int j = 0; j < 2; j++) {
                double s = Math.log1p(Math.exp(u[j] + Math.log(Math.exp(0.999) - 1))) + 1e-3;
                double m = j == 0 ? 1 : -1;
                double sd = j == 0 ? 2 : 0.5;
                double z = (v.get(r, j) - m) / sd * s + shift[j];
                expected += -0.5 * z * z - 0.5 * Math.log(2 * Math.PI) + Math.log(s) - Math.log(sd);
            }
            assertThat(got[r]).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void samplingInvertsTheDensityDirectionExactly() {
        for (String type : FlowSpec.TYPES) {
            Flow flow = new FlowSpec(type, 3, 16, 1).build(3, 2, new Rng(7));
            flow.standardize(new Standardization(new double[] {1, 2, 3}, new double[] {0.5, 2, 1}),
                    new Standardization(new double[] {-1, 1}, new double[] {3, 0.2}));
            Rng rng = new Rng(3);
            Tensor z = Tensor.randn(rng, 50, 3);
            Tensor c = Tensor.randn(rng, 50, 2);
            Tensor v = flow.invert(z, c);
            Tensor back = flow.toBase(v, c);
            for (int i = 0; i < z.numel(); i++) {
                assertThat(back.data()[i]).as(type).isCloseTo(z.data()[i], within(1e-10));
            }
        }
    }

    @Test
    void densitiesIntegrateToOneOnAGrid() {
        for (String type : FlowSpec.TYPES) {
            Flow flow = new FlowSpec(type, 4, 16, 1).build(2, 0, new Rng(11));
            // sharper densities for the affine flows; the spline's bins already make it far from Gaussian, and a
            // sharper spline needs a finer grid than a test can afford (240 points: 1.0014, 480: 0.9998 at factor 1)
            double factor = type.equals("nsf") ? 1 : 1.5;
            for (Tensor t : flow.parameters()) {
                double[] d = t.data();
                for (int i = 0; i < d.length; i++) {
                    d[i] *= factor;
                }
            }
            int n = 240;
            double lo = -12;
            double h = 24.0 / n;
            double[] pts = new double[n * n * 2];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    pts[2 * (i * n + j)] = lo + (i + 0.5) * h;
                    pts[2 * (i * n + j) + 1] = lo + (j + 0.5) * h;
                }
            }
            double[] lp = flow.logProbValues(Tensor.of(pts, n * n, 2), null);
            double mass = 0;
            for (double l : lp) {
                mass += Math.exp(l) * h * h;
            }
            assertThat(mass).as(type).isCloseTo(1, within(2e-3));
        }
    }
}
