package org.sciml4j.dynamics.ode;

import org.sciml4j.tensor.Tensor;

/**
 * Integrates a {@link VectorField} from a batch of initial states and returns the states at requested times. While
 * the engine records, the solution is an ordinary recorded computation, so {@code Autodiff.grad} differentiates it
 * by backpropagation through every step ("direct" gradients); {@link Adjoint} gives the same gradients with memory
 * independent of the number of steps.
 */
public interface OdeSolver {
    /** The method's name as problem files spell it ({@code rk4}, {@code dopri5}, {@code leapfrog}, ...). */
    String name();

    /**
     * @param f     the vector field
     * @param x0    initial states at {@code times[0]}, shape (B, d)
     * @param times output times, strictly increasing or strictly decreasing, at least one
     * @return the states at each time, shape (T, B, d), {@code [0]} equal to {@code x0}
     * @throws IllegalArgumentException if the times are not monotone or not finite, or x0 is not (B, d)
     */
    Tensor solve(VectorField f, Tensor x0, double[] times);

    /** Checks the common arguments and returns the direction of integration (+1 or -1; +1 for a single time). */
    static int checkArguments(Tensor x0, double[] times) {
        if (x0.rank() != 2) {
            throw new IllegalArgumentException("initial states must have shape (B, d), got rank " + x0.rank());
        }
        if (times.length == 0) {
            throw new IllegalArgumentException("no output times given");
        }
        int dir = times.length > 1 && times[1] < times[0] ? -1 : 1;
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(times[i])) {
                throw new IllegalArgumentException("output time " + i + " is " + times[i]);
            }
            if (i > 0 && (times[i] - times[i - 1]) * dir <= 0) {
                throw new IllegalArgumentException("output times must be strictly monotone, but times[" + (i - 1)
                        + "] = " + times[i - 1] + " and times[" + i + "] = " + times[i]);
            }
        }
        return dir;
    }

    /** The solver a problem file names: rk4, dopri5, leapfrog or implicit_midpoint, with a step (fixed-step ones). */
    static OdeSolver named(String name, double step) {
        return switch (name) {
            case "rk4" -> new Rk4(step);
            case "leapfrog" -> new Leapfrog(step);
            case "implicit_midpoint" -> new ImplicitMidpoint(step);
            case "dopri5" -> new DormandPrince(1e-7, 1e-9);
            default -> throw new IllegalArgumentException("unknown integrator '" + name
                    + "'; known: rk4, dopri5, leapfrog, implicit_midpoint");
        };
    }
}
