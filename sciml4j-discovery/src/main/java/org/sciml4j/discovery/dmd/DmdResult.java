package org.sciml4j.discovery.dmd;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * A fitted DMD model x(t) = Re sum_j phi_j b_j exp(omega_j t), t counted from the first snapshot: r modes phi_j
 * (unit 2-norm, columns of {@code modes}, (features, r)), amplitudes b_j and continuous-time eigenvalues omega_j =
 * log(lambda_j) / dt; lambda_j are the discrete-time eigenvalues (one step of dt). Modes are ordered by |b_j|,
 * largest first. Frequencies are Im(omega) / (2 pi) (cycles per time unit), growth rates Re(omega).
 *
 * @param method         the method that fitted it, e.g. {@code exact}
 * @param dt             the time step the discrete eigenvalues refer to
 * @param lambdaRe       real parts of the discrete eigenvalues (r)
 * @param lambdaIm       imaginary parts of the discrete eigenvalues (r)
 * @param omegaRe        real parts of the continuous-time eigenvalues (r): the growth rates
 * @param omegaIm        imaginary parts of the continuous-time eigenvalues (r): 2 pi times the frequencies
 * @param modes          the modes (features, r), unit columns
 * @param ampRe          real parts of the amplitudes (r)
 * @param ampIm          imaginary parts of the amplitudes (r)
 * @param singularValues the singular values of the data matrix the rank was chosen from (all of them)
 * @param rank           the rank r kept
 * @param omegaSdRe      standard deviations of Re omega over bagging trials (r), or null
 * @param omegaSdIm      standard deviations of Im omega over bagging trials (r), or null
 */
public record DmdResult(String method, double dt, double[] lambdaRe, double[] lambdaIm, double[] omegaRe,
                        double[] omegaIm, ComplexMatrix modes, double[] ampRe, double[] ampIm,
                        double[] singularValues, int rank, double[] omegaSdRe, double[] omegaSdIm) {

    /**
     * A result from discrete eigenvalues and unnormalised modes with amplitude folded in: column j of
     * {@code scaledModes} is phi_j times a scalar c_j, and {@code coefficients[j]} the coefficient of that column;
     * the modes are normalised, the amplitudes become c_j coefficients_j, and everything is sorted by |b|.
     */
    static DmdResult fromDiscrete(String method, double dt, double[] lre, double[] lim, ComplexMatrix scaledModes,
                                  double[] cre, double[] cim, double[] s, int rank) {
        int r = lre.length;
        double[] ore = new double[r];
        double[] oim = new double[r];
        for (int j = 0; j < r; j++) {
            double mod = Math.hypot(lre[j], lim[j]);
            ore[j] = mod == 0 ? Double.NEGATIVE_INFINITY : Math.log(mod) / dt;
            oim[j] = Math.atan2(lim[j], lre[j]) / dt;
        }
        return normalised(method, dt, lre, lim, ore, oim, scaledModes, cre, cim, s, rank, null, null);
    }

    /** As {@link #fromDiscrete} from continuous-time eigenvalues; lambda = exp(omega dt). */
    static DmdResult fromContinuous(String method, double dt, double[] ore, double[] oim, ComplexMatrix scaledModes,
                                    double[] cre, double[] cim, double[] s, int rank, double[] sdRe,
                                    double[] sdIm) {
        int r = ore.length;
        double[] lre = new double[r];
        double[] lim = new double[r];
        for (int j = 0; j < r; j++) {
            double g = Math.exp(ore[j] * dt);
            lre[j] = g * Math.cos(oim[j] * dt);
            lim[j] = g * Math.sin(oim[j] * dt);
        }
        return normalised(method, dt, lre, lim, ore, oim, scaledModes, cre, cim, s, rank, sdRe, sdIm);
    }

    private static DmdResult normalised(String method, double dt, double[] lre, double[] lim, double[] ore,
                                        double[] oim, ComplexMatrix scaled, double[] cre, double[] cim, double[] s,
                                        int rank, double[] sdRe, double[] sdIm) {
        int r = lre.length;
        int m = scaled.rows();
        double[] are = new double[r];
        double[] aim = new double[r];
        ComplexMatrix unit = new ComplexMatrix(m, r);
        for (int j = 0; j < r; j++) {
            double norm = scaled.columnNorm(j);
            double inv = norm == 0 ? 0 : 1 / norm;
            for (int i = 0; i < m; i++) {
                unit.re()[i + j * m] = scaled.re()[i + j * m] * inv;
                unit.im()[i + j * m] = scaled.im()[i + j * m] * inv;
            }
            are[j] = cre[j] * norm;
            aim[j] = cim[j] * norm;
        }
        Integer[] order = IntStream.range(0, r).boxed().toArray(Integer[]::new);
        double top = 0;
        for (int j = 0; j < r; j++) {
            top = Math.max(top, Math.hypot(are[j], aim[j]));
        }
        double tie = top > 0 && Double.isFinite(top) ? top * 1e-9 : 1;
        // amplitudes equal to 1e-9 (a conjugate pair) tie, and then the positive frequency comes first
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -Math.rint(Math.hypot(are[j], aim[j]) / tie))
                .thenComparingDouble(j -> -oim[j]));
        int[] o = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
        return new DmdResult(method, dt, pick(lre, o), pick(lim, o), pick(ore, o), pick(oim, o),
                unit.reorderColumns(o), pick(are, o), pick(aim, o), s, rank, pick(sdRe, o), pick(sdIm, o));
    }

    private static double[] pick(double[] a, int[] order) {
        if (a == null) {
            return null;
        }
        double[] out = new double[order.length];
        for (int j = 0; j < order.length; j++) {
            out[j] = a[order[j]];
        }
        return out;
    }

    /** The number of modes. */
    public int modeCount() {
        return lambdaRe.length;
    }

    /** The frequency of mode j in cycles per time unit: Im(omega_j) / (2 pi). */
    public double frequency(int j) {
        return omegaIm[j] / (2 * Math.PI);
    }

    /** The growth rate of mode j: Re(omega_j) (negative for decay). */
    public double growthRate(int j) {
        return omegaRe[j];
    }

    /** |b_j|. */
    public double amplitude(int j) {
        return Math.hypot(ampRe[j], ampIm[j]);
    }

    /**
     * The model at the given times (counted from the first snapshot): (features, times.length), column-major, real
     * part. Times beyond the data forecast.
     */
    public double[] reconstruct(double[] times) {
        int m = modes.rows();
        int r = modeCount();
        double[] out = new double[m * times.length];
        for (int k = 0; k < times.length; k++) {
            double t = times[k];
            for (int j = 0; j < r; j++) {
                double er;
                double ei;
                if (t == 0) {
                    er = ampRe[j];
                    ei = ampIm[j];
                } else if (omegaRe[j] == Double.NEGATIVE_INFINITY) {
                    continue;
                } else {
                    double g = Math.exp(omegaRe[j] * t);
                    double c = g * Math.cos(omegaIm[j] * t);
                    double sn = g * Math.sin(omegaIm[j] * t);
                    er = ampRe[j] * c - ampIm[j] * sn;
                    ei = ampRe[j] * sn + ampIm[j] * c;
                }
                int base = j * m;
                for (int i = 0; i < m; i++) {
                    out[i + k * m] += modes.re()[base + i] * er - modes.im()[base + i] * ei;
                }
            }
        }
        return out;
    }
}
