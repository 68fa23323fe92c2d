package org.sciml4j.discovery.data;

import java.util.Arrays;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;

/**
 * Integrates x' = f(t, x) with Hipparchus' adaptive Dormand-Prince 8(5,3) and samples the solution at given times
 * through its dense output (so the sampling does not constrain the steps). If the solution blows up (a non-finite
 * derivative, or the integrator fails) the remaining samples are NaN and {@link Result#completed} says how many are
 * valid.
 */
public final class OdeSampler {

    /** The right-hand side. */
    @FunctionalInterface
    public interface Rhs {
        /** Writes f(t, x) into dx. */
        void eval(double t, double[] x, double[] dx);
    }

    /**
     * The sampled trajectory.
     *
     * @param x         the states, shape (n, dim) row-major, NaN after a blow-up
     * @param completed the number of valid samples
     */
    public record Result(double[] x, int completed) {
    }

    private OdeSampler() {
    }

    /**
     * @param f      the right-hand side
     * @param dim    the state dimension
     * @param t      the sample times, shape (n), increasing; the integration starts at t[0]
     * @param x0     the state at t[0], shape (dim)
     * @param relTol the relative tolerance (1e-10 is near the integrator's best in double precision)
     * @param absTol the absolute tolerance
     * @return the samples
     */
    public static Result sample(Rhs f, int dim, double[] t, double[] x0, double relTol, double absTol) {
        int n = t.length;
        double[] out = new double[n * dim];
        Arrays.fill(out, Double.NaN);
        System.arraycopy(x0, 0, out, 0, dim);
        if (n < 2) {
            return new Result(out, n);
        }
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return dim;
            }

            @Override
            public double[] computeDerivatives(double time, double[] y) {
                double[] dy = new double[dim];
                f.eval(time, y, dy);
                for (double v : dy) {
                    if (!Double.isFinite(v)) {
                        throw new BlowUp();
                    }
                }
                return dy;
            }
        };
        double span = t[n - 1] - t[0];
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(span * 1e-14, span, absTol, relTol);
        int[] next = {1};
        integrator.addStepHandler(new ODEStepHandler() {
            @Override
            public void handleStep(ODEStateInterpolator s) {
                double end = s.getCurrentState().getTime();
                while (next[0] < n && t[next[0]] <= end) {
                    double[] y = s.getInterpolatedState(t[next[0]]).getPrimaryState();
                    System.arraycopy(y, 0, out, next[0] * dim, dim);
                    next[0]++;
                }
            }
        });
        try {
            integrator.integrate(ode, new ODEState(t[0], x0.clone()), t[n - 1]);
        } catch (BlowUp | MathRuntimeException e) {
            Arrays.fill(out, next[0] * dim, n * dim, Double.NaN);
        }
        return new Result(out, next[0]);
    }

    /** Thrown inside the integration when f is not finite. */
    private static final class BlowUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BlowUp() {
            super("the solution blew up", null, false, false);
        }
    }
}
