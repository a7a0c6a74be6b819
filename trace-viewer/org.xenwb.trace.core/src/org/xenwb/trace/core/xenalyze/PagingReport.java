package org.xenwb.trace.core.xenalyze;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The page-fault parts of xenalyze's report: the {@code page_fault} block an exit reason's summary gets once page
 * faults handled by Xen were seen in it (hvm_pf_xen_summary), and each domain's list of guest instruction addresses
 * whose page-table writes Xen emulated (dump_eip of the emulate list). Stateless.
 */
final class PagingReport {

    // xenalyze's pf_case values (indices of PF_XEN_NAME)
    static final int NOT_SHADOW = 1;
    static final int FAST_MMIO = 3;
    static final int MMIO = 5;
    static final int FIXUP = 6;
    static final int EMULATE = 8;
    static final int LAST_FAULT = 11;
    static final int NON_EMULATE = 12;
    static final int PF_XEN_MAX = 14;

    static final String[] PF_XEN_NAME = {null, "propagate", "fast propagate", "fast mmio", "false fast path", "mmio",
        "fixup", "dom dying", "emulate", "unshadow:user-mode", "unshadow:evt inj", "unshadow:unhandled instr",
        "fixup|mmio", "(no handler)"};
    /** Emulation cases: the linear page-table level written, then what the shadow code did. */
    static final String[] EMUL_NAME = {"non-linmap", "linmap l1", "linmap l2", "linmap l3", "linmap l4",
        "early unshadow", "set changed", "set unchanged", "set changed", "set changed", "promote", "demote", "unpin",
        "unhook"};
    static final int EMUL_EARLY_UNSHADOW = 5;
    static final int EMUL_SET_CHANGED = 6;
    static final int EMUL_SET_UNCHANGED = 7;
    static final int EMUL_SET_FLUSH = 8;
    static final int EMUL_SET_ERROR = 9;
    static final int EMUL_PROMOTE = 10;
    static final int EMUL_DEMOTE = 11;
    static final int EMUL_PREALLOC_UNPIN = 12;
    static final int EMUL_PREALLOC_UNHOOK = 13;
    static final String[] NON_EMUL_NAME = {"va user", "va kernel", "eip user", "eip kernel"};
    static final String[] FIXUP_NAME = {"unpin", "unhook", "unsync", "oos-add", "oos-evict", "promote", "update",
        "wrmap", "wrmap-bf"};
    static final int FIXUP_PREALLOC_UNPIN = 0;
    static final int FIXUP_UNSYNC = 2;
    static final int FIXUP_OOS_ADD = 3;
    static final int FIXUP_OOS_EVICT = 4;
    static final int FIXUP_PROMOTE = 5;
    static final int FIXUP_UPDATE_ONLY = 6;
    static final int FIXUP_WRMAP = 7;
    static final int FIXUP_BRUTE_FORCE = 8;

    private PagingReport() {
    }

    /** hvm_pf_xen_summary. */
    static void print(Hvm.Data h, StringBuilder sb, long cpuHz, long totalCycles) {
        PagingData s = h.paging;
        sb.append("   page_fault\n");
        for (int i = 0; i < PF_XEN_MAX; i++) {
            String prefix = PF_XEN_NAME[i] != null ? String.format("     %-25s ", PF_XEN_NAME[i])
                    : String.format("     [%23d] ", i);
            HvmReport.printSummary(sb, s.pfXen[i], prefix, cpuHz, totalCycles);
            switch (i) {
                case NON_EMULATE -> {
                    for (int j = 0; j < NON_EMUL_NAME.length; j++) {
                        HvmReport.printSummary(sb, s.nonEmulate[j], String.format("      *%-13s ", NON_EMUL_NAME[j]),
                                cpuHz, totalCycles);
                    }
                }
                case EMULATE -> {
                    for (int j = 0; j < EMUL_NAME.length; j++) {
                        HvmReport.printSummary(sb, s.emulate[j], String.format("      *%-13s ", EMUL_NAME[j]), cpuHz,
                                totalCycles);
                        if (j == EMUL_EARLY_UNSHADOW) {
                            for (int k = 0; k < 5; k++) {
                                HvmReport.printSummary(sb, s.emulateEarlyUnshadow[k], "        +[" + k + "] ", cpuHz,
                                        totalCycles);
                            }
                        }
                    }
                }
                case FIXUP -> {
                    for (int j = 0; j < FIXUP_NAME.length; j++) {
                        HvmReport.printSummary(sb, s.fixup[j], String.format("      *%-13s ", FIXUP_NAME[j]), cpuHz,
                                totalCycles);
                        if (j == FIXUP_UNSYNC) {
                            for (int k = 0; k < PagingData.UNSYNC_RESYNC_MAX; k++) {
                                HvmReport.printSummary(sb, s.fixupUnsyncResync[k], String.format("       +[%3d] ", k),
                                        cpuHz, totalCycles);
                            }
                            HvmReport.printSummary(sb, s.fixupUnsyncResync[PagingData.UNSYNC_RESYNC_MAX],
                                    "        +[max] ", cpuHz, totalCycles);
                        }
                    }
                }
                default -> {
                    // no breakdown
                }
            }
        }
    }

    /**
     * dump_eip of a domain's emulate list: the addresses by decreasing cycles, then decreasing count (xenalyze's sort
     * is stable, so ties stay in address order), each with its statistics, or with its share of the samples when it
     * has no cycles.
     */
    static void emulateEips(StringBuilder sb, Map<Long, CycleSummary> eips, long cpuHz, long totalCycles,
            SymbolTable symbols) {
        if (eips.isEmpty()) {
            return;
        }
        int total = 0;
        List<Map.Entry<Long, CycleSummary>> sorted = new ArrayList<>(eips.entrySet());
        for (Map.Entry<Long, CycleSummary> e : sorted) {
            total += e.getValue().count;
        }
        sorted.sort((a, b) -> {
            int c = Long.compareUnsigned(b.getValue().cycles, a.getValue().cycles);
            return c != 0 ? c : Integer.compare(b.getValue().count, a.getValue().count);
        });
        sb.append("   Total samples: ").append(total).append('\n');
        for (Map.Entry<Long, CycleSummary> e : sorted) {
            CycleSummary s = e.getValue();
            String prefix = String.format("   %12x%-45s: ", e.getKey(), symbols.find(e.getKey()));
            if (s.cycles != 0) {
                HvmReport.printSummary(sb, s, prefix, cpuHz, totalCycles);
            } else {
                double share = (double) s.count * 100 / total;
                sb.append(prefix).append(String.format(" %7d ", s.count))
                        .append(CycleSummary.pad(Double.isNaN(share) ? "-nan" : CFormat.fixed(share, 2), 5))
                        .append("%\n");
            }
        }
    }
}
