package org.sciml4j.operators;

import org.sciml4j.tensor.ColumnMoments;
import org.sciml4j.tensor.Tensor;

import java.util.Arrays;

/**
 * neuraloperator's {@code UnitGaussianNormalizer}: a mean and a standard deviation per grid point (per field and
 * point when the data have a field axis), taken over the training functions, so that {@code encode(x) = (x - mean) /
 * (sd + eps)} has every point centred with unit spread, and {@code decode} undoes it. The standard deviation is the
 * unbiased one ({@code torch.std}'s), eps 1e-5 as theirs: at a point where every function has the same value (a
 * Dirichlet boundary) the scale is eps, so a decoded output is pinned near the training mean there. The statistics
 * belong to the training grid: data on another grid cannot be encoded with them.
 */
public final class UnitGaussianNormalizer {
    /** neuraloperator's eps, added to the standard deviation. */
    public static final double EPS = 1e-5;
    private final Tensor mean;
    private final Tensor scale;

    private UnitGaussianNormalizer(Tensor mean, Tensor scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * The statistics of training functions.
     *
     * @param data {@code (N, ...)} with N >= 2: N functions on one grid
     * @throws IllegalArgumentException for fewer than 2 functions or a non-finite value
     */
    public static UnitGaussianNormalizer fit(Tensor data) {
        int n = data.size(0);
        if (n < 2) {
            throw new IllegalArgumentException("unit-Gaussian normalisation needs at least 2 training functions, got "
                    + n);
        }
        ColumnMoments m = ColumnMoments.of(data);
        double[] mean = m.mean();
        double[] scale = m.sd();
        for (int j = 0; j < scale.length; j++) {
            scale[j] += EPS;
            if (!Double.isFinite(scale[j] + mean[j])) {
                throw new IllegalArgumentException("unit-Gaussian normalisation: non-finite statistics at point " + j
                        + " of the training functions " + Arrays.toString(data.shape()));
            }
        }
        int[] point = Arrays.copyOfRange(data.shape(), 1, data.rank());
        return new UnitGaussianNormalizer(Tensor.wrap(mean, point), Tensor.wrap(scale, point));
    }

    /**
     * Statistics saved by {@link #mean()} and {@link #scale()}.
     *
     * @throws IllegalArgumentException when the shapes differ or a scale is not positive
     */
    public static UnitGaussianNormalizer of(Tensor mean, Tensor scale) {
        if (!Arrays.equals(mean.shape(), scale.shape())) {
            throw new IllegalArgumentException("normaliser mean " + Arrays.toString(mean.shape()) + " and scale "
                    + Arrays.toString(scale.shape()) + " differ in shape");
        }
        for (double s : scale.data()) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("normaliser scale holds " + s + "; scales are sd + eps > 0");
            }
        }
        return new UnitGaussianNormalizer(mean, scale);
    }

    /** {@code (x - mean) / scale} for {@code x (B, ...)} on the statistics' grid. */
    public Tensor encode(Tensor x) {
        return x.sub(mean).div(scale);
    }

    /** {@code y * scale + mean} for {@code y (B, ...)} on the statistics' grid, recorded for differentiation. */
    public Tensor decode(Tensor y) {
        return y.mul(scale).add(mean);
    }

    /** The mean per point, shaped as one function ({@code (s...)} or {@code (f, s...)}). */
    public Tensor mean() {
        return mean;
    }

    /** sd + eps per point, shaped as {@link #mean()}. */
    public Tensor scale() {
        return scale;
    }

    /** The shape of one function these statistics fit. */
    public int[] pointShape() {
        return mean.shape();
    }
}
