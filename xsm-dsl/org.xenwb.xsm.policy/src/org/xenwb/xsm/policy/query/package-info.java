/**
 * Questions about a compiled policy, with the semantics of setools 4.4: {@link org.xenwb.xsm.policy.query.RuleQuery}
 * finds access-vector and type rules like {@code sesearch}, {@link org.xenwb.xsm.policy.query.PolicyStatistics}
 * counts components like {@code seinfo}.
 */
package org.xenwb.xsm.policy.query;
