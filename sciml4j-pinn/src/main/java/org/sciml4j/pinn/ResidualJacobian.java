package org.sciml4j.pinn;

import java.util.List;

import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/** A least-squares Jacobian's rows for {@link PinnObjective#residuals}: a term's residuals by the parameters. */
final class ResidualJacobian {
    private ResidualJacobian() {
    }

    /**
     * Writes {@code scale} times the (n, p) Jacobian of the n residuals {@code r} with respect to {@code parameters}
     * (p elements in all) into {@code out} from {@code offset}: one pass for all points from {@code points}, or one
     * backward pass per row when null or when {@code r} is one value.
     */
    static void into(List<Tensor> parameters, Tensor r, int n, Tensor points, int p, double scale, double[] out,
                     int offset) {
        if (!r.isTracked()) {
            return; // depends on no parameter
        }
        if (points != null && r.rank() > 0) {
            double[] j = Autodiff.jacobianRows(r.reshape(n), points, parameters).data();
            for (int k = 0; k < n * p; k++) {
                out[offset + k] = j[k] * scale;
            }
            return;
        }
        Tensor flat = r.reshape(n);
        for (int i = 0; i < n; i++) {
            int col = offset + i * p;
            for (Tensor g : Autodiff.grad(flat.slice(0, i, i + 1).sum(), parameters, null, false)) {
                double[] d = g.data();
                for (int k = 0; k < d.length; k++) {
                    out[col + k] = d[k] * scale;
                }
                col += d.length;
            }
        }
    }
}
