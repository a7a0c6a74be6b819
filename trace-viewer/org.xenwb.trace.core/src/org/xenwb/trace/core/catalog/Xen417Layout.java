package org.xenwb.trace.core.catalog;

import static org.xenwb.trace.core.format.TraceEvents.*;

/**
 * Event names and payload layouts of Xen 4.17: {@code public/trace.h} for the ids, and for each payload the C
 * structure or the {@code TRACE_nD} arguments of its call site in the hypervisor (scheduler core and the credit,
 * credit2, RTDS and null schedulers, x86 PV and HVM code, shadow paging, p2m and populate-on-demand, grant tables,
 * IRQ and power management). Every event of the header has a name; payload words no field covers are shown raw.
 *
 * <p>Xen 4.17 traces VMX and SVM exits with the same event, so the exit reason names depend on the host: use
 * {@link #INSTANCE} (Intel VMX, the default, as xenalyze's) or {@link #SVM} (AMD). Immutable, thread-safe.</p>
 */
public class Xen417Layout extends LayoutTable {

    /** The shared instance for Intel VMX hosts. */
    public static final Xen417Layout INSTANCE = new Xen417Layout(false);

    /** The shared instance for AMD SVM hosts (exit reasons are SVM exit codes). */
    public static final Xen417Layout SVM = new Xen417Layout(true);

    private final boolean svm;

    /**
     * A 4.17 table.
     *
     * @param svm whether HVM exit reasons are AMD SVM exit codes (else Intel VMX exit reasons)
     */
    protected Xen417Layout(boolean svm) {
        this.svm = svm;
        alias(0x0ffff00f, TRC_SCHED_RUNSTATE_CHANGE, 0x330); // old and new run state in bits 9..8 and 5..4
        alias(0x0fff0000, TRC_HVM & 0x0fff0000, TRC_HVM_NESTEDFLAG);
        alias(0x0fff0000, TRC_PV & 0x0fff0000, TRC_64_FLAG);
        gen();
        sched();
        credit();
        credit2();
        rtdsAndNull();
        dom0Mem();
        pv();
        hvm();
        hvmEmul();
        shadow();
        hw();
    }

    @Override
    public String xenVersion() {
        return "4.17";
    }

    /** @return whether exit reasons are decoded as AMD SVM exit codes */
    public boolean svm() {
        return svm;
    }

    private void gen() {
        def(TRC_LOST_RECORDS, "GEN", "lost_records", "lost", "running:vd", "first_tsc:Q");
        def(TRC_TRACE_WRAP_BUFFER, "GEN", "trace_wrap_buffer", "padding:pad");
        def(TRC_TRACE_CPU_CHANGE, "GEN", "cpu_change", "cpu", "window_bytes");
    }

    private void sched() {
        String s = "SCHED";
        defWithId(TRC_SCHED_RUNSTATE_CHANGE, s, "runstate_change",
                new String[] {"old[8,2]@runstate", "new[4,2]@runstate"}, "vcpu:dv");
        def(TRC_SCHED_CONTINUE_RUNNING, s, "continue_running", "vcpu:dv");
        def(TRC_SCHED_DOM_ADD, s, "dom_add", "dom");
        def(TRC_SCHED_DOM_REM, s, "dom_rem", "dom");
        def(TRC_SCHED_SLEEP, s, "sleep", "dom", "vcpu");
        def(TRC_SCHED_WAKE, s, "wake", "dom", "vcpu");
        def(TRC_SCHED_YIELD, s, "yield", "dom", "vcpu");
        def(TRC_SCHED_BLOCK, s, "block", "dom", "vcpu");
        def(TRC_SCHED_SHUTDOWN, s, "shutdown", "dom", "vcpu", "reason@shutdown");
        def(TRC_SCHED_CTL, s, "sched_ctl");
        def(TRC_SCHED_ADJDOM, s, "adjdom", "dom");
        def(TRC_SCHED_SWITCH, s, "switch", "prev_dom", "prev_vcpu", "next_dom", "next_vcpu");
        def(TRC_SCHED_S_TIMER_FN, s, "s_timer_fn");
        def(TRC_SCHED_T_TIMER_FN, s, "t_timer_fn");
        def(TRC_SCHED_DOM_TIMER_FN, s, "dom_timer_fn");
        def(TRC_SCHED_SWITCH_INFPREV, s, "switch_infprev", "dom", "vcpu", "runtime_ns");
        def(TRC_SCHED_SWITCH_INFNEXT, s, "switch_infnext", "dom", "vcpu", "waited_ns", "slice_ns:i");
        def(TRC_SCHED_SHUTDOWN_CODE, s, "shutdown_code", "dom", "vcpu", "reason@shutdown");
        def(TRC_SCHED_SWITCH_INFCONT, s, "switch_infcont", "dom", "vcpu", "runtime_ns", "slice_ns:i");
    }

    private void credit() {
        String s = "SCHED";
        int c = TRC_SCHED_CSCHED;
        def(schedClassEvent(c, 1), s, "csched:sched_tasklet");
        def(schedClassEvent(c, 2), s, "csched:account_start", "dom", "vcpu", "active_vcpus");
        def(schedClassEvent(c, 3), s, "csched:account_stop", "dom", "vcpu", "active_vcpus");
        def(schedClassEvent(c, 4), s, "csched:stolen_vcpu", "peer_cpu", "dom", "vcpu");
        def(schedClassEvent(c, 5), s, "csched:picked_cpu", "dom", "vcpu", "cpu");
        def(schedClassEvent(c, 6), s, "csched:tickle", "cpu");
        def(schedClassEvent(c, 7), s, "csched:boost_start", "dom", "vcpu");
        def(schedClassEvent(c, 8), s, "csched:boost_end", "dom", "vcpu");
        def(schedClassEvent(c, 9), s, "csched:schedule", "cpu/16", "tasklet/8", "idle/8");
        def(schedClassEvent(c, 10), s, "csched:ratelimit", "vcpu:dv", "runtime_ns");
        def(schedClassEvent(c, 11), s, "csched:steal_check", "peer_cpu", "checked");
    }

    private void credit2() {
        String s = "SCHED";
        int c = TRC_SCHED_CSCHED2;
        def(schedClassEvent(c, 1), s, "csched2:tick");
        def(schedClassEvent(c, 2), s, "csched2:runq_pos", "vcpu:dv", "pos");
        def(schedClassEvent(c, 3), s, "csched2:credit_burn", "vcpu:dv", "credit:i", "budget:i", "delta:i");
        def(schedClassEvent(c, 4), s, "csched2:credit_add");
        def(schedClassEvent(c, 5), s, "csched2:tickle_check", "vcpu:dv", "credit:i", "score:i");
        def(schedClassEvent(c, 6), s, "csched2:tickle", "cpu/16", "pad/16:x");
        def(schedClassEvent(c, 7), s, "csched2:credit_reset", "vcpu:dv", "credit_start:i", "credit_end:i");
        def(schedClassEvent(c, 8), s, "csched2:sched_tasklet");
        def(schedClassEvent(c, 9), s, "csched2:update_load");
        def(schedClassEvent(c, 10), s, "csched2:runq_assign", "vcpu:dv", "rqi/16");
        def(schedClassEvent(c, 11), s, "csched2:update_vcpu_load", "v_avgload:Q", "vcpu:dv", "shift");
        def(schedClassEvent(c, 12), s, "csched2:update_runq_load", "rq_avgload:Q", "b_avgload:Q", "rq_load/16",
                "rq_id/8", "shift/8", "padding:pad");
        def(schedClassEvent(c, 13), s, "csched2:tickle_new", "vcpu:dv", "processor", "credit:i");
        def(schedClassEvent(c, 14), s, "csched2:runq_max_weight", "rqi/16", "max_weight/16");
        def(schedClassEvent(c, 15), s, "csched2:migrate", "vcpu:dv", "rqi/16", "trqi/16");
        def(schedClassEvent(c, 16), s, "csched2:load_check", "lrq_id/16", "orq_id/16", "load_delta");
        def(schedClassEvent(c, 17), s, "csched2:load_balance", "lb_avgload:Q", "ob_avgload:Q", "lrq_id/16",
                "orq_id/16", "padding:pad");
        def(schedClassEvent(c, 19), s, "csched2:picked_cpu", "b_avgload:Q", "vcpu:dv", "rq_id/16:i",
                "new_cpu/16");
        def(schedClassEvent(c, 20), s, "csched2:runq_candidate", "vcpu:dv", "tickled_cpu:i", "credit:i");
        def(schedClassEvent(c, 21), s, "csched2:schedule", "cpu/16", "rq_id/16", "tasklet/8", "idle/8",
                "smt_idle/8", "tickled/8");
        def(schedClassEvent(c, 22), s, "csched2:ratelimit", "vcpu:dv", "runtime_ns");
        def(schedClassEvent(c, 23), s, "csched2:runq_cand_check", "vcpu:dv");
    }

    private void rtdsAndNull() {
        String s = "SCHED";
        int r = TRC_SCHED_RTDS;
        def(schedClassEvent(r, 1), s, "rtds:tickle", "cpu/16", "pad/16:x");
        def(schedClassEvent(r, 2), s, "rtds:runq_pick", "vcpu:dv", "cur_deadline_ns:Q", "cur_budget_ns:Q");
        def(schedClassEvent(r, 3), s, "rtds:budget_burn", "vcpu:dv", "cur_budget_ns:Q", "delta_ns:i",
                "priority_level", "has_extratime/8");
        def(schedClassEvent(r, 4), s, "rtds:budget_replenish", "vcpu:dv", "priority_level", "cur_deadline_ns:Q",
                "cur_budget_ns:Q");
        def(schedClassEvent(r, 5), s, "rtds:sched_tasklet");
        def(schedClassEvent(r, 6), s, "rtds:schedule", "cpu/16", "tasklet/8", "tickled/4", "idle/4");
        int n = TRC_SCHED_SNULL;
        def(schedClassEvent(n, 1), s, "null:picked_cpu", "vcpu:dv", "new_cpu");
        def(schedClassEvent(n, 2), s, "null:vcpu_assign", "vcpu:dv", "cpu");
        def(schedClassEvent(n, 3), s, "null:vcpu_deassign", "vcpu:dv", "cpu");
        def(schedClassEvent(n, 4), s, "null:migrate", "vcpu:dv", "cpu/16", "new_cpu/16");
        def(schedClassEvent(n, 5), s, "null:schedule", "tasklet/16", "cpu/16", "vcpu/16:i", "dom/16:i");
        def(schedClassEvent(n, 6), s, "null:tasklet");
    }

    private void dom0Mem() {
        def(TRC_DOM0_DOM_ADD, "DOM0OP", "dom0op:dom_add", "dom");
        def(TRC_DOM0_DOM_REM, "DOM0OP", "dom0op:dom_rem", "dom");
        String m = "MEM";
        def(TRC_MEM_PAGE_GRANT_MAP, m, "grant_map", "dom");
        def(TRC_MEM_PAGE_GRANT_UNMAP, m, "grant_unmap", "dom");
        def(TRC_MEM_PAGE_GRANT_TRANSFER, m, "grant_transfer", "dom");
        def(TRC_MEM_SET_P2M_ENTRY, m, "set_p2m_entry", "gfn:q", "mfn:q", "p2mt", "dom/16", "order/16");
        def(TRC_MEM_DECREASE_RESERVATION, m, "decrease_reservation", "gfn:q", "dom/16:i", "order/16:i",
                "padding:pad");
        def(TRC_MEM_POD_POPULATE, m, "pod_populate", "gfn:q", "mfn:q", "dom/16:i", "order/16:i",
                "padding:pad");
        def(TRC_MEM_POD_ZERO_RECLAIM, m, "pod_zero_reclaim", "gfn:q", "mfn:q", "dom/16:i", "order/16:i",
                "padding:pad");
        def(TRC_MEM_POD_SUPERPAGE_SPLINTER, m, "pod_superpage_splinter", "gfn:q", "dom/16:i", "padding:pad");
    }

    /** PV events: the plain id is a 32-bit guest's layout, {@code | TRC_64_FLAG} a 64-bit guest's. */
    private void pv() {
        String p = "PV";
        def(TRC_PV_HYPERCALL, p, "pv:hypercall", "eip:x", "op@hypercall");
        def(TRC_PV_HYPERCALL | TRC_64_FLAG, p, "pv:hypercall", "rip:q", "op@hypercall");
        String[] trap = {"trapnr/15@vector", "use_error_code/1", "error_code/16:x"};
        def(TRC_PV_TRAP, p, "pv:trap", prepend("eip:x", trap));
        def(TRC_PV_TRAP | TRC_64_FLAG, p, "pv:trap", prepend("rip:q", trap));
        def(TRC_PV_PAGE_FAULT, p, "pv:page_fault", "eip:x", "addr:x", "error_code:x");
        def(TRC_PV_PAGE_FAULT | TRC_64_FLAG, p, "pv:page_fault", "rip:q", "addr:q", "error_code:x");
        oneOrTwoAddresses(TRC_PV_FORCED_INVALID_OP, "pv:forced_invalid_op", "ip");
        oneOrTwoAddresses(TRC_PV_EMULATE_PRIVOP, "pv:emulate_privop", "ip");
        oneOrTwoAddresses(TRC_PV_EMULATE_4GB, "pv:emulate_4gb", "ip"); // no 4.17 call site: formats file's layout
        def(TRC_PV_MATH_STATE_RESTORE, p, "pv:math_state_restore");
        oneOrTwoAddresses(TRC_PV_PAGING_FIXUP, "pv:paging_fixup", "ip", "addr");
        oneOrTwoAddresses(TRC_PV_GDT_LDT_MAPPING_FAULT, "pv:gdt_ldt_mapping_fault", "ip", "offset");
        def(TRC_PV_PTWR_EMULATION, p, "pv:ptwr_emulation", "pte:q", "addr:x", "eip:x");
        def(TRC_PV_PTWR_EMULATION | TRC_64_FLAG, p, "pv:ptwr_emulation", "pte:q", "addr:q", "rip:q");
        def(TRC_PV_PTWR_EMULATION_PAE, p, "pv:ptwr_emulation_pae", "pte:q", "addr:x", "eip:x");
        String[] call = {"op/20@hypercall", "argsize/12:x", "args:args"};
        def(TRC_PV_HYPERCALL_V2, p, "pv:hypercall_v2", call);
        def(TRC_PV_HYPERCALL_SUBCALL, p, "pv:hypercall_subcall", call);
    }

    private void oneOrTwoAddresses(int id, String name, String... fields) {
        String[] narrow = new String[fields.length];
        String[] wide = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            narrow[i] = (i == 0 ? "e" : "") + fields[i] + ":x";
            wide[i] = (i == 0 ? "r" : "") + fields[i] + ":q";
        }
        def(id, "PV", name, narrow);
        def(id | TRC_64_FLAG, "PV", name, wide);
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** HVM events: {@code 64} ids carry 64-bit addresses; the nested-guest flag is an alias. */
    private void hvm() {
        String h = "HVM";
        String exit = svm ? "exit_reason@svm_exit" : "exit_reason@vmx_exit";
        def(TRC_HVM_VMENTRY, h, "hvm:vmentry");
        def(TRC_HVM_VMEXIT, h, "hvm:vmexit", exit, "rip:x");
        def(TRC_HVM_VMEXIT64, h, "hvm:vmexit", exit, "rip:q");
        def(TRC_HVM_PF_XEN, h, "hvm:pf_xen", "error_code:x", "va:x");
        def(TRC_HVM_PF_XEN64, h, "hvm:pf_xen", "error_code:x", "va:q");
        def(TRC_HVM_PF_INJECT, h, "hvm:pf_inject", "error_code:x", "cr2:x");
        def(TRC_HVM_PF_INJECT64, h, "hvm:pf_inject", "error_code:x", "cr2:q");
        def(TRC_HVM_INJ_EXC, h, "hvm:inj_exc", "vector@vector", "error_code:x");
        def(TRC_HVM_INJ_VIRQ, h, "hvm:inj_virq", "vector:x", "fake");
        def(TRC_HVM_REINJ_VIRQ, h, "hvm:reinj_virq", "vector:x");
        def(TRC_HVM_IO_READ, h, "hvm:io_read", "port:x", "size");
        def(TRC_HVM_IO_WRITE, h, "hvm:io_write", "port:x", "size");
        def(TRC_HVM_CR_READ, h, "hvm:cr_read", "cr", "value:x");
        def(TRC_HVM_CR_READ64, h, "hvm:cr_read", "cr", "value:q");
        def(TRC_HVM_CR_WRITE, h, "hvm:cr_write", "cr", "value:x");
        def(TRC_HVM_CR_WRITE64, h, "hvm:cr_write", "cr", "value:q");
        def(TRC_HVM_DR_READ, h, "hvm:dr_read");
        def(TRC_HVM_DR_WRITE, h, "hvm:dr_write");
        def(TRC_HVM_MSR_READ, h, "hvm:msr_read", "msr:x", "value:q");
        def(TRC_HVM_MSR_WRITE, h, "hvm:msr_write", "msr:x", "value:q");
        def(TRC_HVM_CPUID, h, "hvm:cpuid", "leaf:x", "subleaf:x", "eax:x", "ebx:x", "ecx:x", "edx:x");
        def(TRC_HVM_INTR, h, "hvm:intr", "vector:x");
        def(TRC_HVM_NMI, h, "hvm:nmi");
        def(TRC_HVM_SMI, h, "hvm:smi");
        def(TRC_HVM_VMMCALL, h, "hvm:vmmcall", "op@hypercall");
        def(TRC_HVM_HLT, h, "hvm:hlt", "intpending");
        def(TRC_HVM_INVLPG, h, "hvm:invlpg", "invlpga", "va:x");
        def(TRC_HVM_INVLPG64, h, "hvm:invlpg", "invlpga", "va:q");
        def(TRC_HVM_MCE, h, "hvm:mce");
        def(TRC_HVM_IOPORT_READ, h, "hvm:ioport_read", "port:x", "data:x");
        def(TRC_HVM_IOPORT_WRITE, h, "hvm:ioport_write", "port:x", "data:x");
        def(TRC_HVM_IOMEM_READ, h, "hvm:iomem_read", "gpa:x", "data:x");
        def(TRC_HVM_IOMEM_READ | TRC_64_FLAG, h, "hvm:iomem_read", "gpa:q", "data:q");
        def(TRC_HVM_IOMEM_WRITE, h, "hvm:iomem_write", "gpa:x", "data:x");
        def(TRC_HVM_IOMEM_WRITE | TRC_64_FLAG, h, "hvm:iomem_write", "gpa:q", "data:q");
        def(TRC_HVM_CLTS, h, "hvm:clts");
        def(TRC_HVM_LMSW, h, "hvm:lmsw", "value:x");
        def(TRC_HVM_LMSW64, h, "hvm:lmsw", "value:q");
        def(TRC_HVM_RDTSC, h, "hvm:rdtsc", "tsc:q");
        def(TRC_HVM_INTR_WINDOW, h, "hvm:intr_window", "vector:x", "source@intr_source", "injecting:i");
        def(TRC_HVM_NPF, h, "hvm:npf", "gpa:q", "mfn:q", "qualification:x", "p2mt");
        def(TRC_HVM_REALMODE_EMULATE, h, "hvm:realmode_emulate");
        def(TRC_HVM_TRAP, h, "hvm:trap", "vector@vector");
        def(TRC_HVM_TRAP_DEBUG, h, "hvm:trap_debug", "exit_qualification:x");
        def(TRC_HVM_VLAPIC, h, "hvm:vlapic");
        def(TRC_HVM_XCR_READ64, h, "hvm:xcr_read", "index", "value:q");
        def(TRC_HVM_XCR_WRITE64, h, "hvm:xcr_write", "index", "value:q");
    }

    /** Device-model events of the emulated timers, PIC and LAPIC ({@code TRC_HVM_EMUL}). */
    private void hvmEmul() {
        String h = "HVM";
        def(TRC_HVM_EMUL_HPET_START_TIMER, h, "hvm:emul_hpet_start_timer", "timer", "irq", "delta_ns:Q",
                "period_ns:Q");
        def(TRC_HVM_EMUL_PIT_START_TIMER, h, "hvm:emul_pit_start_timer", "period_ns", "repeat_period_ns");
        def(TRC_HVM_EMUL_RTC_START_TIMER, h, "hvm:emul_rtc_start_timer", "delta_ns", "period_ns");
        def(TRC_HVM_EMUL_LAPIC_START_TIMER, h, "hvm:emul_lapic_start_timer", "delta_ns:Q", "period_ns:Q", "irq");
        def(TRC_HVM_EMUL_HPET_STOP_TIMER, h, "hvm:emul_hpet_stop_timer", "timer");
        def(TRC_HVM_EMUL_PIT_STOP_TIMER, h, "hvm:emul_pit_stop_timer");
        def(TRC_HVM_EMUL_RTC_STOP_TIMER, h, "hvm:emul_rtc_stop_timer");
        def(TRC_HVM_EMUL_LAPIC_STOP_TIMER, h, "hvm:emul_lapic_stop_timer");
        def(TRC_HVM_EMUL_PIT_TIMER_CB, h, "hvm:emul_pit_timer_cb");
        def(TRC_HVM_EMUL_LAPIC_TIMER_CB, h, "hvm:emul_lapic_timer_cb");
        def(TRC_HVM_EMUL_PIC_INT_OUTPUT, h, "hvm:emul_pic_int_output", "int_output", "is_master", "irq:i");
        def(TRC_HVM_EMUL_PIC_KICK, h, "hvm:emul_pic_kick", "irq");
        def(TRC_HVM_EMUL_PIC_INTACK, h, "hvm:emul_pic_intack", "is_master", "irq");
        def(TRC_HVM_EMUL_PIC_POSEDGE, h, "hvm:emul_pic_posedge", "irq");
        def(TRC_HVM_EMUL_PIC_NEGEDGE, h, "hvm:emul_pic_negedge", "irq");
        def(TRC_HVM_EMUL_PIC_PEND_IRQ_CALL, h, "hvm:emul_pic_pend_irq_call", "accept", "int_output");
        def(TRC_HVM_EMUL_LAPIC_PIC_INTR, h, "hvm:emul_lapic_pic_intr", "target", "accept");
    }

    /**
     * Shadow paging. Most records of {@code mm/shadow/multi.c} carry the guest's paging levels minus 2 in bits 9..8
     * of the id, and their guest entries, addresses and frames are 32 or 64 bits wide accordingly.
     */
    private void shadow() {
        String[] gl1e = {"gl1e:x", "gl1e:q", "gl1e:q"};
        String[] va = {"va:x", "va:x", "va:q"};
        String[] gfn = {"gfn:x", "gfn:q", "gfn:q"};
        for (int level = 0; level < 3; level++) {
            int l = level << 8;
            def(TRC_SHADOW_NOT_SHADOW | l, "SHADOW", "shadow:not_shadow", gl1e[level], va[level], "flags:x");
            def(TRC_SHADOW_FAST_PROPAGATE | l, "SHADOW", "shadow:fast_propagate", va[level]);
            def(TRC_SHADOW_FAST_MMIO | l, "SHADOW", "shadow:fast_mmio", va[level]);
            def(TRC_SHADOW_FALSE_FAST_PATH | l, "SHADOW", "shadow:false_fast_path", va[level]);
            def(TRC_SHADOW_MMIO | l, "SHADOW", "shadow:mmio", va[level]);
            def(TRC_SHADOW_FIXUP | l, "SHADOW", "shadow:fixup", gl1e[level], va[level], "flags:x");
            def(TRC_SHADOW_DOMF_DYING | l, "SHADOW", "shadow:domf_dying", va[level]);
            def(TRC_SHADOW_EMULATE | l, "SHADOW", "shadow:emulate", gl1e[level],
                    gl1e[level].replace("gl1e", "write_val"), va[level], "flags/29:x", "emulation_count/3");
            def(TRC_SHADOW_EMULATE_UNSHADOW_USER | l, "SHADOW", "shadow:emulate_unshadow_user", gfn[level],
                    va[level]);
            def(TRC_SHADOW_EMULATE_UNSHADOW_EVTINJ | l, "SHADOW", "shadow:emulate_unshadow_evtinj", gfn[level],
                    va[level]);
            def(TRC_SHADOW_EMULATE_UNSHADOW_UNHANDLED | l, "SHADOW", "shadow:emulate_unshadow_unhandled",
                    gfn[level], va[level]);
        }
        def(TRC_SHADOW_WRMAP_BF, "SHADOW", "shadow:wrmap_bf", "gfn:q");
        def(TRC_SHADOW_PREALLOC_UNPIN, "SHADOW", "shadow:prealloc_unpin", "gfn:q");
        def(TRC_SHADOW_RESYNC_FULL, "SHADOW", "shadow:resync_full", "gfn:q");
        def(TRC_SHADOW_RESYNC_ONLY, "SHADOW", "shadow:resync_only", "gfn:q");
    }

    private void hw() {
        def(TRC_PM_FREQ_CHANGE, "HW", "pm:freq_change", "old_mhz", "new_mhz");
        def(TRC_PM_IDLE_ENTRY, "HW", "pm:idle_entry", "cstate", "tick", "expected_us", "predicted_us");
        def(TRC_PM_IDLE_EXIT, "HW", "pm:idle_exit", "cstate", "tick", "irq0:i", "irq1:i", "irq2:i", "irq3:i");
        def(TRC_HW_IRQ_MOVE_CLEANUP_DELAY, "HW", "irq:move_cleanup_delay", "irq", "vector:x", "cpu");
        def(TRC_HW_IRQ_MOVE_CLEANUP, "HW", "irq:move_cleanup", "irq", "vector:x", "cpu");
        String[] mask = {"irq/16", "vector/16:x", "cpus0:x", "cpus1:x", "cpus2:x", "cpus3:x", "cpus4:x",
            "cpus5:x"};
        def(TRC_HW_IRQ_BIND_VECTOR, "HW", "irq:bind_vector", mask);
        def(TRC_HW_IRQ_CLEAR_VECTOR, "HW", "irq:clear_vector", mask);
        def(TRC_HW_IRQ_MOVE_FINISH, "HW", "irq:move_finish", "irq", "vector:x", "cpu");
        def(TRC_HW_IRQ_ASSIGN_VECTOR, "HW", "irq:assign_vector", mask);
        def(TRC_HW_IRQ_UNMAPPED_VECTOR, "HW", "irq:unmapped_vector", "vector:x");
        def(TRC_HW_IRQ_HANDLED, "HW", "irq:handled", "irq:i", "tsc_in:x", "tsc_out:x");
    }
}
