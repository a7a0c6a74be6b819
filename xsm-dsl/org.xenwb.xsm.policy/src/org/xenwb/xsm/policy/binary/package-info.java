/**
 * The binary policy format ("policydb") that {@code checkpolicy -t Xen} writes and Xen's FLASK loads:
 * {@link org.xenwb.xsm.policy.binary.PolicyReader} and {@link org.xenwb.xsm.policy.binary.PolicyWriter}.
 *
 * <p>Supported: the Xen target ({@code XenFlask}), policy versions 24 to 30 (checkpolicy 3.4 writes 24 and 30; Xen's
 * build uses 30). The writer orders symbol tables and the access-vector table the way libsepol's hash tables do, so
 * that a policy read from a checkpolicy-built file is written back byte for byte.</p>
 */
package org.xenwb.xsm.policy.binary;
