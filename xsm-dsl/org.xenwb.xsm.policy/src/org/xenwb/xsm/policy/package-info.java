/**
 * The semantic model of a Xen XSM/FLASK policy in its compiled (kernel) form: classes, commons and permissions,
 * types with their aliases and attributes, roles, users, booleans, access-vector and type rules (unconditional and
 * conditional), constraints, MLS sensitivities, categories, levels and ranges, initial SIDs and Xen's device object
 * contexts ({@code pirqcon}, {@code ioportcon}, {@code iomemcon}, {@code pcidevicecon}, {@code devicetreecon}).
 *
 * <p>Symbols are numbered with the 1-based values the binary format uses; sets of symbols are {@link java.util.BitSet}s
 * whose bit {@code i} stands for value {@code i + 1}. Plain Java, no dependencies beyond the JDK.
 * {@link org.xenwb.xsm.policy.binary.PolicyReader} and {@link org.xenwb.xsm.policy.binary.PolicyWriter} convert to and
 * from the binary policy that {@code checkpolicy -t Xen} writes and Xen loads.</p>
 */
package org.xenwb.xsm.policy;
