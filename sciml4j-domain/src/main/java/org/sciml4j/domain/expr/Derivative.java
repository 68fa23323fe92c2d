package org.sciml4j.domain.expr;

import java.util.Arrays;

/**
 * A field or one of its partial derivatives, as used by a bound expression.
 *
 * @param field      the field's name
 * @param fieldIndex the field's index in the vocabulary (the network output it is)
 * @param orders     order of differentiation along each variable, in vocabulary order; all zero for the value
 * @param name       canonical name: the field, or the field, '_' and each variable letter repeated by its order in
 *                   vocabulary order ({@code u_xy} for both {@code u_xy} and {@code u_yx})
 */
public record Derivative(String field, int fieldIndex, int[] orders, String name) implements Comparable<Derivative> {

    /** Copies {@code orders}, so the record stays immutable. */
    public Derivative {
        orders = orders.clone();
    }

    /** Order along each variable (a copy). */
    @Override
    public int[] orders() {
        return orders.clone();
    }

    /** Order along variable {@code variable}. */
    public int order(int variable) {
        return orders[variable];
    }

    /** Total order: 0 for the field value, 2 for {@code u_xx} and {@code u_xy}. */
    public int order() {
        return Arrays.stream(orders).sum();
    }

    /** Whether this is the field value itself (no differentiation). */
    public boolean isValue() {
        return order() == 0;
    }

    /** Field index, then total order, then earlier variables first ({@code u_x} before {@code u_y}). */
    @Override
    public int compareTo(Derivative o) {
        int c = Integer.compare(fieldIndex, o.fieldIndex);
        if (c == 0) {
            c = Integer.compare(order(), o.order());
        }
        return c != 0 ? c : Arrays.compare(o.orders, orders);
    }

    /** Equal when field and orders agree. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Derivative d && d.fieldIndex == fieldIndex && d.field.equals(field)
                && Arrays.equals(d.orders, orders);
    }

    /** Hash of field and orders. */
    @Override
    public int hashCode() {
        return 31 * (31 * fieldIndex + field.hashCode()) + Arrays.hashCode(orders);
    }

    /** The canonical name. */
    @Override
    public String toString() {
        return name;
    }
}
