package org.xenwb.xsm.policy;

import java.util.List;

/**
 * The names of Xen's initial SIDs, in the order of {@code xen/xsm/flask/policy/initial_sids} (SID number = index +
 * 1). The list has been the same in every Xen release from 4.3 to 4.22.
 *
 * <p>checkpolicy 3.4 names them with a table shifted by one ({@code -b -F} prints the SID of {@code xenboot} as
 * {@code xen} and the last one as {@code UNKNOWN13}); {@link #CHECKPOLICY_3_4} reproduces that for comparisons.</p>
 */
public final class XenInitialSids {

    /** The correct names, SID 1 first. */
    public static final List<String> NAMES = List.of("xenboot", "xen", "dom0", "domio", "domxen", "unlabeled",
            "security", "ioport", "iomem", "irq", "device", "domU", "domDM");

    /** The names checkpolicy 3.4 prints for SIDs 1..12 (SID 13 and above: {@code UNKNOWN<n>}). */
    public static final List<String> CHECKPOLICY_3_4 = List.of("xen", "dom0", "domio", "domxen", "unlabeled",
            "security", "ioport", "iomem", "irq", "device", "domU", "domDM");

    private XenInitialSids() {
    }

    /**
     * The name of a SID number in a name table.
     *
     * @param names the table, SID 1 first
     * @param sid the SID number
     * @return the name, or {@code UNKNOWN<sid>} when the table has none
     */
    public static String name(List<String> names, int sid) {
        return sid >= 1 && sid <= names.size() ? names.get(sid - 1) : "UNKNOWN" + sid;
    }
}
