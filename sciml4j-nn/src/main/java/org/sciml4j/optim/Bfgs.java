package org.sciml4j.optim;

/**
 * BFGS with a dense inverse-Hessian approximation (Nocedal and Wright, Algorithm 6.1) and a {@link StrongWolfe}
 * line search, for small parameter counts: it stores {@code n^2} doubles and spends {@code O(n^2)} per iteration.
 * <p>
 * {@code H} starts as the identity; before the first update it is rescaled to {@code (s'y / y'y) I} (eq. 6.20).
 * The update is {@code H+ = (I - rho s y') H (I - rho y s') + rho s s'}, {@code rho = 1 / s'y}, and a pair with
 * {@code s'y <= eps y'y} (eps the machine epsilon) is skipped. The first iteration (and any after a reset) goes
 * along {@code -g} with initial step {@code min(1, 1/|g|_2)}, later ones start the line search at 1. If the line
 * search finds no decrease along a quasi-Newton direction, {@code H} is reset and the steepest descent is tried
 * before giving up.
 * <p>
 * Immutable and shareable; each run ({@link #minimize}, {@link #start}, {@link #restore}) keeps its own matrix. A
 * run's {@link SteppingMinimizer.Run#state() state} holds, besides the entries listed at {@link #restore},
 * {@code bfgs.h} of shape {@code (n, n)} and {@code bfgs.empty} of shape {@code ()}: 1 while no pair has been
 * taken ({@code H} is then the identity, not yet rescaled), else 0.
 */
public final class Bfgs extends QuasiNewton {
    /** Largest dimension accepted ({@code n^2} must fit in an array). */
    public static final int MAX_DIMENSION = 46_340;

    private Bfgs(Builder b) {
        super(b);
    }

    /** BFGS with all defaults ({@link StoppingCriteria#defaults()}, {@link StrongWolfe#defaults()}). */
    public static Bfgs create() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    String name() {
        return "BFGS";
    }

    @Override
    InverseHessian approximation(int n) {
        return new DenseInverseHessian(n, DenseInverseHessian.Update.BFGS);
    }

    @Override
    public String toString() {
        return "Bfgs[" + stopping() + ", lineSearch c1=" + lineSearch().c1() + " c2=" + lineSearch().c2() + "]";
    }

    /** Builder of {@link Bfgs}; the stopping and line-search settings are those of every quasi-Newton minimiser. */
    public static final class Builder extends QuasiNewton.Builder<Builder, Bfgs> {
        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** The minimiser. */
        @Override
        public Bfgs build() {
            return new Bfgs(this);
        }
    }
}
