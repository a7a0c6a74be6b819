package org.xenwb.trace.core.xenalyze;

import org.xenwb.trace.core.format.TraceEvents;

/**
 * The per-event lines of {@code xenalyze --dump-all} for the non-HVM classes: scheduler (generic, credit, credit2,
 * RTDS, null), PV, memory, hardware and DOM0 operations, and xenalyze's generic fallback line. Each method returns
 * the complete text (lines end with {@code \n}) for one record, given its dump header.
 *
 * <p>Stateless and thread-safe.</p>
 */
final class DumpFormats {

    private DumpFormats() {
    }

    private static long u32(int w) {
        return w & 0xffffffffL;
    }

    private static long u64(int[] d, int i) {
        return (d[i] & 0xffffffffL) | ((long) d[i + 1] << 32);
    }

    private static String us(int w) {
        long v = u32(w);
        return (v / 1000) + "." + (v % 1000);
    }

    /** C's {@code %4.3f}. */
    private static String f43(double v) {
        return CycleSummary.pad(CFormat.fixed(v, 3), 4);
    }

    /** xenalyze's dump_generic. */
    static String generic(String header, int event, int[] d, int n) {
        StringBuilder sb = new StringBuilder("]").append(header).append(' ');
        sb.append(String.format("%7x(%x:%x:%x) %d [", event, (event >>> 16) & 0xfff, (event >>> 12) & 0xf,
                event & 0xfff, n));
        for (int i = 0; i < n; i++) {
            sb.append(' ').append(Integer.toHexString(d[i]));
        }
        return sb.append(" ]\n").toString();
    }

    /**
     * Lines of a scheduler record other than runstate changes.
     *
     * @return the text, or null when xenalyze prints nothing for it
     */
    static String sched(String h, int event, int[] d, int n) {
        int sub = (event >>> 12) & 0xf;
        if (sub == 8) {
            return schedVerbose(h, event, d, n);
        }
        if (sub == 2) {
            return schedClass(h, event, d, n);
        }
        return generic(h, event, d, n);
    }

    private static String schedVerbose(String h, int event, int[] d, int n) {
        switch (event) {
            case TraceEvents.TRC_SCHED_DOM_ADD:
                return " " + h + " sched_init_domain d" + u32(d[0]) + "\n";
            case TraceEvents.TRC_SCHED_DOM_REM:
                return " " + h + " sched_destroy_domain d" + u32(d[0]) + "\n";
            case TraceEvents.TRC_SCHED_SLEEP:
                return action(h, "vcpu_sleep", d);
            case TraceEvents.TRC_SCHED_WAKE:
                return action(h, "vcpu_wake", d);
            case TraceEvents.TRC_SCHED_YIELD:
                return action(h, "vcpu_yield", d);
            case TraceEvents.TRC_SCHED_BLOCK:
                return action(h, "vcpu_block", d);
            case TraceEvents.TRC_SCHED_SHUTDOWN:
            case TraceEvents.TRC_SCHED_SHUTDOWN_CODE:
                return " " + h + " " + (event == TraceEvents.TRC_SCHED_SHUTDOWN ? "sched_shutdown"
                        : "sched_shutdown_code") + " d" + u32(d[0]) + "v" + u32(d[1]) + ", reason = " + u32(d[2])
                        + "\n";
            case TraceEvents.TRC_SCHED_ADJDOM:
                return " " + h + " sched_adjust d" + u32(d[0]) + "\n";
            case TraceEvents.TRC_SCHED_SWITCH:
                return " " + h + " sched_switch prev d" + u32(d[0]) + "v" + u32(d[1]) + " next d" + u32(d[2]) + "v"
                        + u32(d[3]) + "\n";
            case TraceEvents.TRC_SCHED_SWITCH_INFPREV:
                return " " + h + " sched_switch prev d" + u32(d[0]) + "v" + d[1] + ", run for " + us(d[2])
                        + "us\n";
            case TraceEvents.TRC_SCHED_SWITCH_INFNEXT: {
                StringBuilder sb = new StringBuilder(" " + h + " sched_switch next d" + u32(d[0]) + "v" + u32(d[1]));
                if (d[2] != 0) {
                    sb.append(", was runnable for ").append(us(d[2])).append("us");
                }
                if (d[3] > 0) {
                    sb.append(", next slice ").append(us(d[3])).append("us");
                }
                return sb.append('\n').toString();
            }
            case TraceEvents.TRC_SCHED_SWITCH_INFCONT: {
                StringBuilder sb = new StringBuilder(" " + h + " sched_switch continue d" + u32(d[0]) + "v"
                        + u32(d[1]) + ", run for " + us(d[2]) + "us");
                if (d[3] > 0) {
                    sb.append(", next slice ").append(us(d[3])).append("us");
                }
                return sb.append('\n').toString();
            }
            case TraceEvents.TRC_SCHED_CTL:
            case TraceEvents.TRC_SCHED_S_TIMER_FN:
            case TraceEvents.TRC_SCHED_T_TIMER_FN:
            case TraceEvents.TRC_SCHED_DOM_TIMER_FN:
                return null;
            default:
                return generic(h, event, d, n);
        }
    }

    private static String action(String h, String action, int[] d) {
        return " " + h + " " + action + " d" + u32(d[0]) + "v" + u32(d[1]) + "\n";
    }

    private static String dv(int w) {
        return "d" + (w >>> 16) + "v" + (w & 0xffff);
    }

    private static String schedClass(String h, int event, int[] d, int n) {
        int sched = TraceEvents.schedulerIdOf(event);
        int e = event & 0x1ff;
        String p = " " + h + " ";
        if (sched == TraceEvents.TRC_SCHED_CSCHED) {
            switch (e) {
                case 1: return p + "csched:sched_tasklet\n";
                case 2: case 3:
                    return p + "csched:acct_" + (e == 2 ? "start" : "stop") + " d" + u32(d[0]) + "v" + u32(d[1])
                            + ", active_vcpus " + u32(d[2]) + "\n";
                case 4: return p + "csched:stolen_vcpu d" + u32(d[1]) + "v" + u32(d[2]) + " from cpu " + u32(d[0])
                        + "\n";
                case 5: return p + "csched:pick_cpu " + u32(d[2]) + " for d" + u32(d[0]) + "v" + u32(d[1]) + "\n";
                case 6: return p + "csched:runq_tickle, cpu " + u32(d[0]) + "\n";
                case 7: return p + "csched: d" + u32(d[0]) + "v" + u32(d[1]) + " boosted\n";
                case 8: return p + "csched: d" + u32(d[0]) + "v" + u32(d[1]) + " unboosted\n";
                case 9: return p + "csched:schedule cpu " + (d[0] & 0xffff)
                        + (((d[0] >>> 16) & 0xff) != 0 ? ", tasklet scheduled" : "")
                        + (((d[0] >>> 24) & 0xff) != 0 ? ", idle" : ", busy") + "\n";
                case 10: return p + "csched:ratelimit, " + dv(d[0]) + " run only " + us(d[1]) + "us\n";
                case 11: return p + "csched:load_balance " + (d[1] != 0 ? "checking" : "skipping") + " "
                        + u32(d[0]) + "\n";
                default: return generic(h, event, d, n);
            }
        }
        if (sched == TraceEvents.TRC_SCHED_CSCHED2) {
            switch (e) {
                case 1: case 4: return null;
                case 2: return p + "csched2:runq_insert " + dv(d[0]) + ", position " + u32(d[1]) + "\n";
                case 3: return p + "csched2:burn_credits " + dv(d[0]) + ", credit = " + d[1] + ", "
                        + (d[2] != Integer.MIN_VALUE ? "budget = " + d[2] + ", " : "") + "delta = " + d[3] + "\n";
                case 5: return p + "csched2:tickle_check " + dv(d[0]) + ", credit = " + d[1] + ", score = " + d[2]
                        + "\n\n";
                case 6: return p + "csched2:runq_tickle cpu " + (d[0] & 0xffff) + "\n";
                case 7: return p + "csched2:reset_credits " + dv(d[0]) + ", credit_start = " + d[1]
                        + ", credit_end = " + d[2] + "\n";
                case 8: return p + "csched2:sched_tasklet\n";
                case 9: return p + "csched2:update_load\n";
                case 10: return p + "csched2:runq_assign " + dv(d[0]) + " on rq# " + (d[1] & 0xffff) + "\n";
                case 11: {
                    long load = u64(d, 0);
                    double pct = (unsigned(load) * 100.0) / unsigned(1L << (d[3] & 63));
                    return p + "csched2:update_vcpu_load " + dv(d[2]) + ", vcpu_load = " + f43(pct) + "% ("
                            + Long.toUnsignedString(load) + ")\n";
                }
                case 12: {
                    long avg = u64(d, 0);
                    long bavg = u64(d, 2);
                    int shift = (d[4] >>> 24) & 0xff;
                    double div = unsigned(1L << (shift & 63));
                    return p + "csched2:update_rq_load rq# " + ((d[4] >>> 16) & 0xff) + ", load = " + (d[4] & 0xffff)
                            + ", avgload = " + f43(unsigned(avg) * 100.0 / div) + "% (" + Long.toUnsignedString(avg)
                            + "), b_avgload = " + f43(unsigned(bavg) * 100.0 / div) + "% ("
                            + Long.toUnsignedString(bavg) + ")\n";
                }
                case 13: return p + "csched2:runq_tickle_new " + dv(d[0]) + ", processor = " + u32(d[1])
                        + ", credit = " + d[2] + "\n";
                case 14: return p + "csched2:update_max_weight rq# " + (d[0] & 0xffff) + ", max_weight = "
                        + (d[0] >>> 16) + "\n";
                case 15: return p + "csched2:migrate " + dv(d[0]) + " rq# " + (d[1] & 0xffff) + " --> rq# "
                        + (d[1] >>> 16) + "\n";
                case 16: return p + "csched2:load_balance_check lrq# " + (d[0] & 0xffff) + ", orq# " + (d[0] >>> 16)
                        + ", delta = " + u32(d[1]) + "\n";
                case 17: return p + "csched2:load_balance_begin lrq# " + (d[4] & 0xffff) + ", avg_load = "
                        + Long.toUnsignedString(u64(d, 0)) + " -- orq# " + (d[4] >>> 16) + ", avg_load = "
                        + Long.toUnsignedString(u64(d, 2)) + "\n";
                case 19: return p + "csched2:picked_cpu " + dv(d[2]) + ", rq# " + (d[3] & 0xffff) + ", cpu "
                        + (d[3] >>> 16) + "\n";
                case 20: return p + "csched2:runq_candidate " + dv(d[0]) + ", credit = " + d[2] + ", "
                        + (d[1] == -1 ? "no cpu was tickled\n" : "cpu " + u32(d[1]) + " was tickled\n");
                case 21: {
                    int idle = (d[1] >>> 8) & 0xff;
                    return p + "csched2:schedule cpu " + (d[0] & 0xffff) + ", rq# " + (d[0] >>> 16)
                            + ((d[1] & 0xff) != 0 ? ", tasklet scheduled" : "") + (idle != 0 ? ", idle" : ", busy")
                            + (idle != 0 ? (((d[1] >>> 16) & 0xff) != 0 ? ", SMT idle" : ", SMT busy") : "")
                            + (((d[1] >>> 24) & 0xff) != 0 ? ", tickled" : ", not tickled") + "\n";
                }
                case 22: return p + "csched2:ratelimit, " + dv(d[0]) + " run only " + us(d[1]) + "us\n";
                case 23: return p + "csched2:runq_cand_check " + dv(d[0]) + "\n";
                default: return generic(h, event, d, n);
            }
        }
        if (sched == TraceEvents.TRC_SCHED_RTDS) {
            switch (e) {
                case 1: return p + "rtds:runq_tickle cpu " + (d[0] & 0xffff) + "\n";
                case 2: return p + "rtds:runq_pick " + dv(d[0]) + ", deadline = " + Long.toUnsignedString(u64(d, 1))
                        + ", budget = " + Long.toUnsignedString(u64(d, 3)) + "\n";
                case 3: return p + "rtds:burn_budget " + dv(d[0]) + ", budget = " + Long.toUnsignedString(u64(d, 1))
                        + ", delta = " + d[3] + "\n";
                case 4: return p + "rtds:repl_budget " + dv(d[0]) + ", deadline = "
                        + Long.toUnsignedString(u64(d, 1)) + ", budget = " + Long.toUnsignedString(u64(d, 3)) + "\n";
                case 5: return p + "rtds:sched_tasklet\n";
                case 6: return p + "rtds:schedule cpu " + (d[0] & 0xffff) + ", "
                        + (((d[0] >>> 16) & 0xff) != 0 ? ", tasklet scheduled" : "")
                        + (((d[0] >>> 24) & 0xf) != 0 ? ", idle" : ", busy")
                        + (((d[0] >>> 28) & 0xf) != 0 ? ", tickled" : ", not tickled") + "\n";
                default: return generic(h, event, d, n);
            }
        }
        if (sched == TraceEvents.TRC_SCHED_SNULL) {
            switch (e) {
                case 1: return p + "null:picked_cpu " + dv(d[0]) + ", cpu " + u32(d[1]) + "\n";
                case 2: return p + "null:vcpu_assign " + dv(d[0]) + " to cpu " + u32(d[1]) + "\n";
                case 3: return p + "null:vcpu_deassign " + dv(d[0]) + " from cpu " + u32(d[1]) + "\n";
                case 4: return p + "null:migrate " + dv(d[0]) + ", cpu " + (d[1] & 0xffff) + ", new_cpu "
                        + (d[1] >>> 16) + "\n";
                case 5: {
                    short vcpu = (short) d[1];
                    short dom = (short) (d[1] >>> 16);
                    return p + "null:schedule cpu " + (d[0] >>> 16) + ((d[0] & 0xffff) != 0 ? ", tasklet scheduled"
                            : "") + (vcpu != -1 ? ", vcpu d" + u32(dom) + "v" + vcpu + "\n" : ", no vcpu\n");
                }
                case 6: return p + "null:sched_tasklet\n";
                default: return generic(h, event, d, n);
            }
        }
        return generic(h, event, d, n);
    }

    private static double unsigned(long v) {
        return CycleSummary.unsignedToDouble(v);
    }

    // ---- PV ------------------------------------------------------------------------------------------------------

    private static final String[] GRANT_TABLE_OP = {"map_grant_ref", "unmap_grant_ref", "setup_table",
        "dump_table", "transfer", "copy", "query_size", "unmap_and_replace", "set_version", "get_status_frames",
        "get_version", "swap_grant_ref"};
    private static final String[] VCPU_OP = {"initialise", "up", "down", "is_up", "get_runstate_info",
        "register_runstate_memory_area", "set_periodic_timer", "stop_periodic_timer", "set_singleshot_timer",
        "stop_singleshot_timer", "register_vcpu_info", "send_nmi", "get_physid", "register_vcpu_time_memory_area"};
    private static final String[] SCHED_OP = {"yield", "block", "shutdown", "poll", "remote_shutdown",
        "shutdown_code", "watchdog"};

    private static String cmd(String[] names, long cmd) {
        return Long.compareUnsigned(cmd & 0xffffffffL, names.length) < 0 ? names[(int) cmd]
                : "unknown (" + (int) cmd + ")";
    }

    private static String hypercallName(int op) {
        String name = op < PvData.HYPERCALL_NAME.length ? PvData.HYPERCALL_NAME[op] : null;
        return name == null ? "(null)" : name;
    }

    /** Lines of a PV record (pv_process). */
    static String pv(String h, int event, int[] d, int n) {
        int minor = event & 0xff;
        boolean x64 = (event & 0x100) != 0;
        String p = " " + h + " ";
        switch (minor) {
            case PvData.PV_HYPERCALL: {
                long eip = x64 ? u64(d, 0) : u32(d[0]);
                int eax = x64 ? d[2] : d[1];
                if (Integer.compareUnsigned(eax, 38) < 0) {
                    return p + String.format("hypercall %2x (%s) eip %x", eax, hypercallName(eax), eip) + "\n";
                }
                return p + "hypercall " + Integer.toHexString(eax) + " eip " + Long.toHexString(eip) + "\n";
            }
            case PvData.PV_TRAP: {
                long eip = x64 ? u64(d, 0) : u32(d[0]);
                int w = x64 ? d[2] : d[1];
                int trapnr = w & 0x7fff;
                boolean useEc = ((w >>> 15) & 1) != 0;
                return p + "trap " + Integer.toHexString(trapnr) + " eip " + Long.toHexString(eip)
                        + (useEc ? " ec " + Integer.toHexString(w >>> 16) + "\n" : "\n");
            }
            case PvData.PV_PTWR_EMULATION:
            case PvData.PV_PTWR_EMULATION_PAE: {
                long pte = u64(d, 0);
                long addr;
                long eip;
                if (minor == PvData.PV_PTWR_EMULATION_PAE) {
                    addr = u32(d[2]);
                    eip = u32(d[3]);
                } else {
                    addr = u64(d, 2);
                    eip = u64(d, 4);
                }
                return p + "ptwr l1e " + Long.toHexString(pte) + " eip " + Long.toHexString(eip) + " addr "
                        + Long.toHexString(addr) + "\n";
            }
            case PvData.PV_HYPERCALL_V2:
            case PvData.PV_HYPERCALL_SUBCALL:
                return hypercallV2(h, d, n, minor == PvData.PV_HYPERCALL_SUBCALL ? " " : "");
            default: {
                StringBuilder sb = new StringBuilder(" ").append(h);
                if (minor < PvData.PV_MAX && PvData.PV_NAME[minor] != null) {
                    sb.append(' ').append(PvData.PV_NAME[minor]);
                } else {
                    sb.append(" PV-").append(minor).append(' ');
                }
                if (n > 0) {
                    sb.append("[ ");
                    for (int i = 0; i < n; i++) {
                        sb.append(Integer.toHexString(d[i])).append(' ');
                    }
                    sb.append(']');
                }
                return sb.append('\n').toString();
            }
        }
    }

    private static String hypercallV2(String h, int[] d, int n, String indent) {
        int op = d[0] & ~TraceEvents.TRC_PV_HYPERCALL_V2_ARG_MASK;
        StringBuilder sb = new StringBuilder(" ").append(h).append(indent);
        if (op < 38) {
            sb.append(String.format(" hypercall %2x (%s)", op, hypercallName(op)));
        } else {
            sb.append(String.format(" hypercall %2x", op));
        }
        long[] args = new long[6];
        switch (op) {
            case 1 -> { // mmu_update
                gather(d, n, args);
                sb.append(' ').append((int) args[1] & ~0x80000000)
                        .append((args[1] & 0x80000000L) != 0 ? " updates (preempted)" : " updates");
            }
            case 13 -> { // multicall
                gather(d, n, args);
                sb.append(' ').append((int) args[1]).append(" calls");
            }
            case 20 -> { // grant_table_op
                gather(d, n, args);
                sb.append(' ').append(cmd(GRANT_TABLE_OP, args[0])).append(' ').append((int) args[2]).append(" ops");
            }
            case 24 -> { // vcpu_op
                gather(d, n, args);
                sb.append(' ').append(cmd(VCPU_OP, args[0])).append(" vcpu ").append((int) args[1]);
            }
            case 26 -> { // mmuext_op
                gather(d, n, args);
                sb.append(' ').append((int) args[1]).append(" ops");
            }
            case 29 -> { // sched_op
                gather(d, n, args);
                sb.append(' ').append(cmd(SCHED_OP, args[0]));
            }
            default -> {
                for (int i = 0, word = 1; i < 6 && word < n; i++) {
                    int present = TraceEvents.pvHypercallV2ArgBits(d[0], i);
                    switch (present) {
                        case 0 -> sb.append(" ??");
                        case 1 -> sb.append(String.format(" %08x", d[word]));
                        case 2 -> sb.append(String.format(" %016d", word + 1 < n ? u64(d, word) : u32(d[word])));
                        default -> {
                            // reserved: printed as nothing
                        }
                    }
                    word += present;
                }
            }
        }
        return sb.append('\n').toString();
    }

    private static void gather(int[] d, int n, long[] args) {
        for (int i = 0, word = 1; i < 6 && word < n; i++) {
            int present = TraceEvents.pvHypercallV2ArgBits(d[0], i);
            if (present == 1) {
                args[i] = u32(d[word]);
            } else if (present == 2) {
                args[i] = u64(d, word);
            }
            word += present;
        }
    }

    // ---- MEM, HW, DOM0OP -------------------------------------------------------------------------------------

    /** Lines of a memory record, or null when xenalyze prints nothing. */
    static String mem(String h, int event, int[] d, int n) {
        int minor = event & 0xfff;
        String p = " " + h + " ";
        switch (minor) {
            case 1: case 2: case 3:
                return p + MemOps.MEM_NAME[(event & 0xff)] + " domain " + u32(d[0]) + "\n";
            case 4: return p + "set_p2m_entry d" + (d[5] & 0xffff) + " o" + (d[5] >>> 16) + " t " + u32(d[4])
                    + " g " + Long.toHexString(u64(d, 0)) + " m " + Long.toHexString(u64(d, 2)) + "\n";
            case 5: return p + "decrease_reservation d" + (short) d[2] + " o" + (short) (d[2] >>> 16) + " g "
                    + Long.toHexString(u64(d, 0)) + "\n";
            default:
                return generic(h, event, d, n);
        }
    }

    /** Lines of a hardware record (pm_process, irq_process). */
    static String hw(String h, int event, int[] d, int n) {
        String p = " " + h + " ";
        switch (event) {
            case TraceEvents.TRC_PM_FREQ_CHANGE: return p + "pm_freq_change o" + d[0] + " n" + d[1] + "\n";
            case TraceEvents.TRC_PM_IDLE_ENTRY: return p + "pm_idle_start c" + d[0] + "\n";
            case TraceEvents.TRC_PM_IDLE_EXIT: return p + "pm_idle_end c" + d[0] + "\n";
            case TraceEvents.TRC_HW_IRQ_BIND_VECTOR:
            case TraceEvents.TRC_HW_IRQ_ASSIGN_VECTOR:
                return p + (event == TraceEvents.TRC_HW_IRQ_BIND_VECTOR ? "irq_bind_vector" : "irq_assign_vector")
                        + " irq " + Integer.toHexString(d[0]) + " vec " + Integer.toHexString(d[1])
                        + String.format(" mask %04x %04x %04x %04x", d[5], d[4], d[3], d[2]) + "\n";
            case TraceEvents.TRC_HW_IRQ_HANDLED:
                return p + "irq_handled irq " + Integer.toHexString(d[0]) + " " + (d[2] - d[1]) + " (" + d[1] + ","
                        + d[2] + ")\n";
            case TraceEvents.TRC_HW_IRQ_MOVE_CLEANUP_DELAY:
                return p + "irq_move_cleanup_delay irq " + Integer.toHexString(d[0]) + " vec "
                        + Integer.toHexString(d[1]) + " cpu " + d[2] + "\n";
            case TraceEvents.TRC_HW_IRQ_MOVE_CLEANUP:
                return p + "irq_move_cleanup irq " + Integer.toHexString(d[0]) + " vec " + Integer.toHexString(d[1])
                        + " cpu " + d[2] + "\n";
            case TraceEvents.TRC_HW_IRQ_UNMAPPED_VECTOR:
                return p + "irq_unmapped_vector vec " + Integer.toHexString(d[0]) + "\n";
            default:
                return (event & 0xf000) == 0x1000 || (event & 0xf000) == 0x2000 ? generic(h, event, d, n) : null;
        }
    }

    /** Lines of a DOM0OP record. */
    static String dom0(String h, int event, int[] d, int n) {
        if (((event >>> 12) & 0xf) == 1) {
            return " " + h + " " + (event == TraceEvents.TRC_DOM0_DOM_ADD ? "creating" : "destroying") + " domain d"
                    + u32(d[0]) + "\n";
        }
        return generic(h, event, d, n);
    }
}
