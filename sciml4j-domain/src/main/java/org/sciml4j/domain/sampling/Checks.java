package org.sciml4j.domain.sampling;

/** Argument checks shared by the samplers, with messages that name the argument and its value. */
final class Checks {

    /** Largest array length every JVM allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Checks() {
    }

    /** Checks {@code n >= 1}, {@code dim >= 1} and that {@code n * dim} values fit in one array. */
    static void unitCube(String sampler, int n, int dim) {
        if (n < 1) {
            throw new IllegalArgumentException(sampler + ": n must be >= 1, got " + n);
        }
        if (dim < 1) {
            throw new IllegalArgumentException(sampler + ": dim must be >= 1, got " + dim);
        }
        if ((long) n * dim > MAX_ARRAY) {
            throw new IllegalArgumentException(sampler + ": n * dim = " + n + " * " + dim + " = " + (long) n * dim
                    + " values do not fit in one array");
        }
    }

    /** Checks the arguments of {@link Sampler#box} and returns the dimension. */
    static int box(int n, double[] lo, double[] hi) {
        if (n < 1) {
            throw new IllegalArgumentException("box: n must be >= 1, got " + n);
        }
        if (lo == null || hi == null) {
            throw new IllegalArgumentException("box: " + (lo == null ? "lo" : "hi") + " is null");
        }
        if (lo.length != hi.length) {
            throw new IllegalArgumentException("box: lo has " + lo.length + " entries but hi has " + hi.length);
        }
        if (lo.length == 0) {
            throw new IllegalArgumentException("box: lo and hi are empty; a box needs at least one dimension");
        }
        for (int j = 0; j < lo.length; j++) {
            if (!Double.isFinite(lo[j])) {
                throw new IllegalArgumentException("box: lo[" + j + "] = " + lo[j] + " is not finite");
            }
            if (!Double.isFinite(hi[j])) {
                throw new IllegalArgumentException("box: hi[" + j + "] = " + hi[j] + " is not finite");
            }
            if (!(lo[j] < hi[j])) {
                throw new IllegalArgumentException("box: lo[" + j + "] = " + lo[j] + " must be < hi[" + j + "] = "
                        + hi[j]);
            }
            if (!Double.isFinite(hi[j] - lo[j])) {
                throw new IllegalArgumentException("box: the width hi[" + j + "] - lo[" + j + "] = " + hi[j] + " - "
                        + lo[j] + " overflows");
            }
        }
        return lo.length;
    }
}
