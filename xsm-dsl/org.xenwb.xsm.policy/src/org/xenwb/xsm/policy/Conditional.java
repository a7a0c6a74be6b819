package org.xenwb.xsm.policy;

import java.util.List;

/**
 * An {@code if (expr) { ... } else { ... }} block of the compiled policy.
 *
 * @param state the value of the expression under the booleans' default states
 * @param expression the expression in postfix order
 * @param trueRules the rules active when the expression is true, in stored order
 * @param falseRules the rules active when it is false, in stored order
 */
public record Conditional(boolean state, List<CondExpr> expression, List<AvRule> trueRules,
        List<AvRule> falseRules) {
    /** Copies the lists so the record is immutable. */
    public Conditional {
        expression = List.copyOf(expression);
        trueRules = List.copyOf(trueRules);
        falseRules = List.copyOf(falseRules);
    }
}
