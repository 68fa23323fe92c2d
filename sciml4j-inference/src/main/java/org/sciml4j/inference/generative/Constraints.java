package org.sciml4j.inference.generative;

import java.util.List;
import java.util.Set;
import org.sciml4j.tensor.Tensor;

/**
 * The constraints a problem file names: conserved quantities of a field u on a periodic grid of spacing dx.
 * <ul>
 * <li>{@code mass}: sum_i u_i dx - target (linear);</li>
 * <li>{@code energy}: sum_i u_i^2 dx - target (quadratic);</li>
 * <li>{@code variation}: sum_i (u_{i+1} - u_i)^2 / dx - target, periodic differences (quadratic: the discrete
 * Dirichlet energy, for data from a file that fix it; the generators do not).</li>
 * </ul>
 */
public final class Constraints {
    /** The names {@link #of} knows. */
    public static final Set<String> NAMES = Set.of("mass", "energy", "variation");

    private Constraints() {
    }

    /**
     * The named constraint with its target.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Constraint of(String name, double target, double dx) {
        return switch (name) {
            case "mass" -> new Quantity(name, true, target, u -> u.sum(1).mul(dx));
            case "energy" -> new Quantity(name, false, target, u -> u.square().sum(1).mul(dx));
            case "variation" -> new Quantity(name, false, target, u -> {
                int n = u.size(1);
                Tensor shifted = Tensor.concat(1, u.slice(1, 1, n), u.slice(1, 0, 1));
                return shifted.sub(u).square().sum(1).div(dx);
            });
            default -> throw new IllegalArgumentException("unknown constraint '" + name + "'; known: "
                    + List.copyOf(new java.util.TreeSet<>(NAMES)));
        };
    }

    /** The value of the named quantity (the residual with target 0) for each of B fields in {@code u} (B, n). */
    public static double[] values(String name, double dx, double[] u, int b, int n) {
        return of(name, 0, dx).residual(Tensor.of(u, b, n)).toArray();
    }

    /** A quantity Q(u) computed by engine operations; the residual is Q(u) - target. */
    private record Quantity(String name, boolean linear, double target,
                            java.util.function.UnaryOperator<Tensor> quantity) implements Constraint {
        @Override
        public Tensor residual(Tensor u) {
            return quantity.apply(u).sub(target);
        }
    }
}
