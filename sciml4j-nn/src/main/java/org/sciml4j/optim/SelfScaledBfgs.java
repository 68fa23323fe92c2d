package org.sciml4j.optim;

/**
 * Self-scaled BFGS (SSBFGS): a dense quasi-Newton method with a {@link StrongWolfe} line search whose
 * inverse-Hessian approximation is rescaled before every update ({@link DenseInverseHessian} gives the formulas, after
 * Urbán, Stefanou and Pons 2025 and Kiyani et al. 2025), which keeps the approximation's eigenvalues near the
 * Hessian's as the loss falls by many orders, where plain BFGS and L-BFGS stall; for PINNs of up to a few thousand
 * parameters trained to high accuracy. Stores {@code n^2} doubles; a run's state holds, besides the entries listed
 * at {@link QuasiNewton#restore}, {@code ssbfgs.h} (n, n) and {@code ssbfgs.empty} ().
 * <p>
 * Immutable and shareable; each run keeps its own matrix.
 */
public final class SelfScaledBfgs extends QuasiNewton {

    private SelfScaledBfgs(Builder b) {
        super(b);
    }

    /** A builder starting from {@link StoppingCriteria#defaults()} and {@link StrongWolfe#defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    String name() {
        return "SSBFGS";
    }

    @Override
    InverseHessian approximation(int n) {
        return new DenseInverseHessian(n, DenseInverseHessian.Update.SSBFGS);
    }

    @Override
    public String toString() {
        return "SelfScaledBfgs[" + stopping() + ", lineSearch c1=" + lineSearch().c1() + " c2=" + lineSearch().c2() + "]";
    }

    /** Builder of {@link SelfScaledBfgs}. */
    public static final class Builder extends QuasiNewton.Builder<Builder, SelfScaledBfgs> {
        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        public SelfScaledBfgs build() {
            return new SelfScaledBfgs(this);
        }
    }
}
