package org.sciml4j.discovery.dmd;

/**
 * DMD with control (Proctor, Brunton and Kutz 2016): x_{k+1} = A x_k + B u_k. With B known, exact DMD of the pairs
 * (X, Y - B U). With B unknown, the SVD of the stacked [X; U] = U~ S~ V~^T (rank p) gives [A, B] ~ Y V~ S~^-1 U~^T;
 * projected on the r leading left singular vectors U^ of Y: A~ = U^T Y V~ S~^-1 U~_1^T U^, B~ = U^T Y V~ S~^-1
 * U~_2^T, and the modes Phi = Y V~ S~^-1 U~_1^T U^ W for A~ W = W Lambda.
 */
public final class Dmdc {
    private Dmdc() {
    }

    /** A fitted DMDc model: its modal part, and the reduced system for simulation with inputs. */
    public record Model(DmdResult modal, double[] basis, int r, double[] atilde, double[] btilde, int inputs) {

        /**
         * Simulates x_{k+1} = A x_k + B u_k from x0 through the reduced system x~ = U^T x: states (m, steps + 1),
         * column-major, for inputs (q, steps).
         */
        public double[] simulate(double[] x0, double[] u, int steps) {
            int m = x0.length;
            double[] z = Dense.multiply(true, false, r, 1, m, basis, x0);
            double[] out = new double[m * (steps + 1)];
            System.arraycopy(Dense.multiply(false, false, m, 1, r, basis, z), 0, out, 0, m);
            for (int k = 0; k < steps; k++) {
                double[] next = Dense.multiply(false, false, r, 1, r, atilde, z);
                double[] uk = new double[inputs];
                System.arraycopy(u, k * inputs, uk, 0, inputs);
                double[] bu = Dense.multiply(false, false, r, 1, inputs, btilde, uk);
                for (int i = 0; i < r; i++) {
                    next[i] += bu[i];
                }
                z = next;
                System.arraycopy(Dense.multiply(false, false, m, 1, r, basis, z), 0, out, (k + 1) * m, m);
            }
            return out;
        }
    }

    /**
     * DMDc with a known input matrix B (m, q).
     *
     * @param x the snapshots X (m, p); y the next snapshots Y (m, p); u the inputs U (q, p) applied between them
     */
    public static Model fitKnownB(double[] x, double[] y, double[] u, double[] b, int m, int p, int q, double dt,
                                  RankRule rule) {
        double[] bu = Dense.multiply(false, false, m, p, q, b, u);
        double[] yMinus = y.clone();
        for (int i = 0; i < yMinus.length; i++) {
            yMinus[i] -= bu[i];
        }
        ExactDmd.Reduced red = ExactDmd.reduce(x, yMinus, m, p, rule);
        ComplexEigen eig = Dense.eig(red.atilde(), red.r());
        ComplexMatrix phi = eig.vectors().leftMultiplyReal(red.yvs(), m);
        double[] x0 = java.util.Arrays.copyOf(x, m);
        ComplexMatrix amp = phi.leastSquares(ComplexMatrix.real(m, 1, x0));
        DmdResult modal = DmdResult.fromDiscrete("dmdc", dt, eig.re(), eig.im(), phi, amp.re(), amp.im(),
                red.svd().s(), red.r());
        double[] btilde = Dense.multiply(true, false, red.r(), q, m, red.ur(), b);
        return new Model(modal, red.ur(), red.r(), red.atilde(), btilde, q);
    }

    /** DMDc with B unknown: ranks p~ of [X; U] and r of Y both by {@code rule}. */
    public static Model fitUnknownB(double[] x, double[] y, double[] u, int m, int p, int q, double dt,
                                    RankRule rule) {
        int rows = m + q;
        double[] omega = new double[rows * p];
        for (int k = 0; k < p; k++) {
            System.arraycopy(x, k * m, omega, k * rows, m);
            System.arraycopy(u, k * q, omega, k * rows + m, q);
        }
        Dense.Svd so = ExactDmd.svd(omega, rows, p, rule);
        int pt = so.k() == 0 ? 0 : rule.rank(so.s(), rows, p);
        Dense.Svd sy = ExactDmd.svd(y, m, p, rule);
        int r = Math.min(rule.rank(sy.s(), m, p), pt);
        double[] uhat = java.util.Arrays.copyOf(sy.u(), m * r);
        int k = so.k();
        double[] vs = new double[p * pt]; // V~ S~^-1 (p, pt)
        for (int j = 0; j < pt; j++) {
            for (int i = 0; i < p; i++) {
                vs[i + j * p] = so.vt()[j + i * k] / so.s()[j];
            }
        }
        double[] u1 = new double[m * pt];
        double[] u2 = new double[q * pt];
        for (int j = 0; j < pt; j++) {
            System.arraycopy(so.u(), j * rows, u1, j * m, m);
            System.arraycopy(so.u(), j * rows + m, u2, j * q, q);
        }
        double[] yvs = Dense.multiply(false, false, m, pt, p, y, vs); // (m, pt)
        double[] u1TUhat = Dense.multiply(true, false, pt, r, m, u1, uhat); // (pt, r)
        double[] ahatLeft = Dense.multiply(false, false, m, r, pt, yvs, u1TUhat); // Y V S^-1 U1^T U^ (m, r)
        double[] atilde = Dense.multiply(true, false, r, r, m, uhat, ahatLeft);
        double[] yvsU2t = Dense.multiply(false, true, m, q, pt, yvs, u2); // (m, q)
        double[] btilde = Dense.multiply(true, false, r, q, m, uhat, yvsU2t);
        ComplexEigen eig = Dense.eig(atilde, r);
        ComplexMatrix phi = eig.vectors().leftMultiplyReal(ahatLeft, m);
        double[] x0 = java.util.Arrays.copyOf(x, m);
        ComplexMatrix amp = phi.leastSquares(ComplexMatrix.real(m, 1, x0));
        DmdResult modal = DmdResult.fromDiscrete("dmdc", dt, eig.re(), eig.im(), phi, amp.re(), amp.im(),
                so.s(), r);
        return new Model(modal, uhat, r, atilde, btilde, q);
    }
}
