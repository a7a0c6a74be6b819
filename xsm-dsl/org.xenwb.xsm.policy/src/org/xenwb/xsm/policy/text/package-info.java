/**
 * Policy text: {@link org.xenwb.xsm.policy.text.ConfWriter} turns a compiled policy back into policy.conf text,
 * statement for statement what {@code checkpolicy -b -F} prints (the form conformance tests compare, sorted line by
 * line).
 */
package org.xenwb.xsm.policy.text;
