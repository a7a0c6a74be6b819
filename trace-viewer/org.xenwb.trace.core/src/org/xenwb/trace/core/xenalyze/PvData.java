package org.xenwb.trace.core.xenalyze;

/** xenalyze's {@code struct pv_data}: PV event, hypercall and trap counts of one vCPU, and their report. */
final class PvData {

    static final int PV_HYPERCALL = 1;
    static final int PV_TRAP = 3;
    static final int PV_PTWR_EMULATION = 11;
    static final int PV_PTWR_EMULATION_PAE = 12;
    static final int PV_HYPERCALL_V2 = 13;
    static final int PV_HYPERCALL_SUBCALL = 14;
    static final int PV_MAX = 15;
    static final int PV_HYPERCALL_MAX = 56;
    static final int PV_TRAP_MAX = 20;

    static final String[] PV_NAME = {null, "hypercall", null, "trap", "page_fault", "forced_invalid_op",
        "emulate privop", "emulate 4g", "math state restore", "paging fixup", "gdt/ldt mapping fault", "ptwr",
        "ptwr(pae)", "hypercall", "hypercall (subcall)"};

    /**
     * xenalyze's hypercall_name table (38 entries; 11 has no name), then what Debian's xenalyze 4.17 binary prints
     * for hypercall numbers 38..55: it indexes past the end of its table into the next tables in memory. Those
     * names were observed by running /usr/bin/xenalyze on a generated trace (see PvHypercallNamesTest).
     */
    static final String[] HYPERCALL_NAME = {"set_trap_table", "mmu_update", "set_gdt", "stack_switch",
        "set_callbacks", "fpu_taskswitch", "sched_op(compat)", "platform_op", "set_debugreg", "get_debugreg",
        "update_descriptor", null, "memory_op", "multicall", "update_va_mapping", "set_timer_op",
        "evtchn_op(compat)", "xen_version", "console_io", "physdev_op(compat)", "grant_table_op", "vm_assist",
        "update_va_mapping_otherdomain", "iret", "vcpu_op", "set_segment_base", "mmuext_op", "acm_op", "nmi_op",
        "sched_op", "callback_op", "xenoprof_op", "evtchn_op", "physdev_op", "hvm_op", "sysctl", "domctl",
        "kexec_op",
        "vmentry", "vmexit", "handler", null, null, null, null, "wake to halt alone", "wake to halt any",
        "intr to halt", "(no handler)", "pf_xen", "pf_inject", "inj_exc", "inj_virq", "reinj_virq", "io_read",
        "io_write"};

    boolean summaryInfo;
    final int[] count = new int[PV_MAX + 1];
    final int[] hypercallCount = new int[PV_HYPERCALL_MAX];
    final int[] trapCount = new int[PV_TRAP_MAX];

    /**
     * Counts one PV record (xenalyze's pv_process with summary info on).
     *
     * @param event the event id
     * @param extra its extra words
     * @param extraWords their count
     */
    void process(int event, int[] extra, int extraWords) {
        int minor = event & 0xff;
        boolean x64 = (event & 0x100) != 0;
        summaryInfo = true;
        if (minor == PV_PTWR_EMULATION_PAE) {
            count[PV_PTWR_EMULATION]++;
        } else if (minor < count.length) {
            count[minor]++;
        }
        switch (minor) {
            case PV_HYPERCALL -> {
                int eax = x64 ? extra[2] : extra[1];
                if (Integer.compareUnsigned(eax, PV_HYPERCALL_MAX) < 0) {
                    hypercallCount[eax]++;
                }
            }
            case PV_TRAP -> {
                int trapnr = (x64 ? extra[2] : extra[1]) & 0x7fff;
                if (trapnr < PV_TRAP_MAX) {
                    trapCount[trapnr]++;
                }
            }
            case PV_HYPERCALL_V2, PV_HYPERCALL_SUBCALL -> {
                int op = extra[0] & ~0xfff00000;
                if (op < PV_HYPERCALL_MAX) {
                    hypercallCount[op]++;
                }
            }
            default -> {
                // counted above only
            }
        }
    }

    /** xenalyze's pv_summary. */
    void print(StringBuilder out) {
        if (!summaryInfo) {
            return;
        }
        out.append("PV events:\n");
        for (int i = 0; i < PV_MAX; i++) {
            int c = count[i];
            if (i == PV_HYPERCALL_V2) {
                c += count[PV_HYPERCALL_SUBCALL];
            }
            if (c == 0) {
                continue;
            }
            out.append("  ").append(PV_NAME[i] == null ? "(null)" : PV_NAME[i]).append("  ").append(c).append('\n');
            if (i == PV_HYPERCALL || i == PV_HYPERCALL_V2) {
                for (int j = 0; j < PV_HYPERCALL_MAX; j++) {
                    if (hypercallCount[j] != 0) {
                        String name = j < HYPERCALL_NAME.length && HYPERCALL_NAME[j] != null ? HYPERCALL_NAME[j]
                                : "(null)";
                        out.append(String.format("    %-29s[%2d]: %6d\n", name, j, hypercallCount[j]));
                    }
                }
            } else if (i == PV_TRAP) {
                for (int j = 0; j < PV_TRAP_MAX; j++) {
                    if (trapCount[j] != 0) {
                        out.append("    [").append(j).append("] ").append(trapCount[j]).append('\n');
                    }
                }
            }
        }
    }
}
