package org.xenwb.xsm.policy;

import java.util.List;

/**
 * A {@code constrain} (or {@code validatetrans}) rule of a class.
 *
 * @param permissions the access vector the constraint applies to (0 for {@code validatetrans})
 * @param expression the expression in postfix order
 */
public record Constraint(int permissions, List<ConstraintExpr> expression) {
    /** Copies the list so the record is immutable. */
    public Constraint {
        expression = List.copyOf(expression);
    }

    /**
     * Whether this constraint involves MLS levels (then it is an {@code mlsconstrain}).
     *
     * @return true when an operand compares levels
     */
    public boolean isMls() {
        return expression.stream().anyMatch(e -> e.attr() >= ConstraintExpr.L1L2);
    }
}
