/**
 * Analyses of a compiled policy and of its rules as written: {@link org.xenwb.xsm.policy.analysis.PolicyLint}
 * (unused types, rules that can never apply), {@link org.xenwb.xsm.policy.analysis.AccessCheck} ("can A do P on
 * B?" with the rules, attributes and booleans involved), {@link org.xenwb.xsm.policy.analysis.Interactions} (what
 * each domain type can do to each other) and {@link org.xenwb.xsm.policy.analysis.AvcDenials} with
 * {@link org.xenwb.xsm.policy.analysis.AllowProposal} (audit2allow for Xen's AVC denials). Plain Java, no state
 * shared between calls: every class is safe to use from one thread per instance.
 */
package org.xenwb.xsm.policy.analysis;
