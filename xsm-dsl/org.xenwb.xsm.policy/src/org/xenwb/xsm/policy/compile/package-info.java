/**
 * Compiling policy source to the binary model: {@link org.xenwb.xsm.policy.compile.PolicyBuilder} takes the
 * statements of the FLASK policy language (as the xsm-dsl language or a policy.conf produces them), assigns values
 * and expands attributes, rules, conditionals and constraints the way checkpolicy 3.4 does, and yields a
 * {@link org.xenwb.xsm.policy.Policy}; {@link org.xenwb.xsm.policy.compile.ConfParser} reads policy.conf text
 * (the m4 output of Xen's build) into a builder.
 */
package org.xenwb.xsm.policy.compile;
