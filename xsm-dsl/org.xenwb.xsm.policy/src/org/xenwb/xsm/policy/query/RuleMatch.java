package org.xenwb.xsm.policy.query;

import org.xenwb.xsm.policy.AvRule;
import org.xenwb.xsm.policy.Conditional;

/**
 * A rule found by a {@link RuleQuery}.
 *
 * @param rule the rule
 * @param conditional the conditional block holding it, or {@code null} for an unconditional rule
 * @param branch for a conditional rule: true if it is in the block's true list
 */
public record RuleMatch(AvRule rule, Conditional conditional, boolean branch) {
}
