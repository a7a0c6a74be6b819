package org.xenwb.trace.core.catalog;

import static org.xenwb.trace.core.format.TraceEvents.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Event names and payload layouts of Xen 4.17 ({@code public/trace.h} and the {@code TRACE_*} calls of the
 * hypervisor and its schedulers). Events whose payload layout is not described here still have their name; their
 * words are shown raw.
 *
 * <p>Immutable singleton, thread-safe.</p>
 */
public final class Xen417Layout implements EventLayout {

    /** The shared instance. */
    public static final Xen417Layout INSTANCE = new Xen417Layout();

    private final Map<Integer, EventType> types = new HashMap<>();

    private Xen417Layout() {
        gen();
        sched();
        schedulers();
        dom0Mem();
        pv();
        hvm();
        shadow();
        hw();
    }

    @Override
    public String xenVersion() {
        return "4.17";
    }

    @Override
    public EventType find(int event) {
        EventType t = types.get(event);
        if (t != null) {
            return t;
        }
        if ((event & 0x0ffff00f) == TRC_SCHED_RUNSTATE_CHANGE) {
            return types.get(TRC_SCHED_RUNSTATE_CHANGE); // old/new runstate in bits 9..8 and 5..4
        }
        if (isInClass(event, TRC_HVM) && (event & TRC_HVM_NESTEDFLAG) != 0) {
            return find(event & ~TRC_HVM_NESTEDFLAG);
        }
        if (isInClass(event, TRC_PV) && (event & TRC_64_FLAG) != 0) {
            return types.get(event & ~TRC_64_FLAG);
        }
        return null;
    }

    private void def(int id, String cls, String name, String... fields) {
        List<Field> list = new ArrayList<>();
        int word = 0;
        for (String f : fields) {
            int colon = f.indexOf(':');
            String fname = colon < 0 ? f : f.substring(0, colon);
            String kind = colon < 0 ? "d" : f.substring(colon + 1);
            Field field = new Field(fname, switch (kind) {
                case "d" -> Field.Kind.DEC;
                case "i" -> Field.Kind.INT;
                case "x" -> Field.Kind.HEX;
                case "dv" -> Field.Kind.DOM_VCPU_PACKED;
                case "vd" -> Field.Kind.DOM_LOW_VCPU_HIGH;
                case "q" -> Field.Kind.HEX64;
                case "Q" -> Field.Kind.DEC64;
                default -> throw new IllegalArgumentException(kind);
            }, word);
            word += field.words();
            list.add(field);
        }
        if (types.put(id, new EventType(id, name, cls, list)) != null) {
            throw new IllegalStateException("duplicate event 0x" + Integer.toHexString(id));
        }
    }

    private void gen() {
        def(TRC_LOST_RECORDS, "GEN", "lost_records", "lost", "running:vd", "first_tsc:Q");
        def(TRC_TRACE_WRAP_BUFFER, "GEN", "trace_wrap_buffer");
        def(TRC_TRACE_CPU_CHANGE, "GEN", "cpu_change", "cpu", "window_bytes");
    }

    private void sched() {
        String s = "SCHED";
        def(TRC_SCHED_RUNSTATE_CHANGE, s, "runstate_change", "vcpu:dv");
        def(TRC_SCHED_CONTINUE_RUNNING, s, "continue_running", "vcpu:dv");
        def(TRC_SCHED_DOM_ADD, s, "dom_add", "dom");
        def(TRC_SCHED_DOM_REM, s, "dom_rem", "dom");
        def(TRC_SCHED_SLEEP, s, "sleep", "dom", "vcpu");
        def(TRC_SCHED_WAKE, s, "wake", "dom", "vcpu");
        def(TRC_SCHED_YIELD, s, "yield", "dom", "vcpu");
        def(TRC_SCHED_BLOCK, s, "block", "dom", "vcpu");
        def(TRC_SCHED_SHUTDOWN, s, "shutdown", "dom", "vcpu", "reason");
        def(TRC_SCHED_CTL, s, "sched_ctl");
        def(TRC_SCHED_ADJDOM, s, "adjdom", "dom");
        def(TRC_SCHED_SWITCH, s, "switch", "prev_dom", "prev_vcpu", "next_dom", "next_vcpu");
        def(TRC_SCHED_S_TIMER_FN, s, "s_timer_fn");
        def(TRC_SCHED_T_TIMER_FN, s, "t_timer_fn");
        def(TRC_SCHED_DOM_TIMER_FN, s, "dom_timer_fn");
        def(TRC_SCHED_SWITCH_INFPREV, s, "switch_infprev", "dom", "vcpu", "runtime_ns");
        def(TRC_SCHED_SWITCH_INFNEXT, s, "switch_infnext", "dom", "vcpu", "waited_ns", "slice_ns");
        def(TRC_SCHED_SHUTDOWN_CODE, s, "shutdown_code", "dom", "vcpu", "reason");
        def(TRC_SCHED_SWITCH_INFCONT, s, "switch_infcont", "dom", "vcpu", "runtime_ns", "slice_ns");
    }

    private void schedulers() {
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
        def(schedClassEvent(c, 9), s, "csched:schedule", "cpu_tasklet_idle:x");
        def(schedClassEvent(c, 10), s, "csched:ratelimit", "vcpu:dv", "runtime_us");
        def(schedClassEvent(c, 11), s, "csched:steal_check", "peer_cpu", "checked");
        c = TRC_SCHED_CSCHED2;
        def(schedClassEvent(c, 1), s, "csched2:tick");
        def(schedClassEvent(c, 2), s, "csched2:runq_pos", "vcpu:dv", "pos");
        def(schedClassEvent(c, 3), s, "csched2:credit_burn", "vcpu:dv", "credit:i", "budget:i", "delta:i");
        def(schedClassEvent(c, 4), s, "csched2:credit_add");
        def(schedClassEvent(c, 5), s, "csched2:tickle_check", "vcpu:dv", "credit:i", "score:i");
        def(schedClassEvent(c, 6), s, "csched2:tickle", "cpu_pad:x");
        def(schedClassEvent(c, 7), s, "csched2:credit_reset", "vcpu:dv", "credit_start:i", "credit_end:i");
        def(schedClassEvent(c, 8), s, "csched2:sched_tasklet");
        def(schedClassEvent(c, 9), s, "csched2:update_load");
        def(schedClassEvent(c, 10), s, "csched2:runq_assign");
        def(schedClassEvent(c, 11), s, "csched2:update_vcpu_load", "v_avgload:Q", "vcpu:dv", "shift");
        def(schedClassEvent(c, 12), s, "csched2:update_runq_load", "rq_avgload:Q", "b_avgload:Q",
                "load_rqid_shift:x");
        def(schedClassEvent(c, 13), s, "csched2:tickle_new", "vcpu:dv", "processor", "credit:i");
        def(schedClassEvent(c, 14), s, "csched2:runq_max_weight");
        def(schedClassEvent(c, 15), s, "csched2:migrate");
        def(schedClassEvent(c, 16), s, "csched2:load_check");
        def(schedClassEvent(c, 17), s, "csched2:load_balance");
        def(schedClassEvent(c, 19), s, "csched2:picked_cpu");
        def(schedClassEvent(c, 20), s, "csched2:runq_candidate", "vcpu:dv", "tickled_cpu:i", "credit:i");
        def(schedClassEvent(c, 21), s, "csched2:schedule", "cpu_rqid:x", "flags:x");
        def(schedClassEvent(c, 22), s, "csched2:ratelimit", "vcpu:dv", "runtime_us");
        def(schedClassEvent(c, 23), s, "csched2:runq_cand_check", "vcpu:dv");
        String[] rtds = {null, "tickle", "runq_pick", "budget_burn", "budget_replenish", "sched_tasklet",
            "schedule"};
        for (int i = 1; i < rtds.length; i++) {
            def(schedClassEvent(TRC_SCHED_RTDS, i), s, "rtds:" + rtds[i]);
        }
        String[] snull = {null, "picked_cpu", "vcpu_assign", "vcpu_deassign", "migrate", "schedule", "tasklet"};
        for (int i = 1; i < snull.length; i++) {
            def(schedClassEvent(TRC_SCHED_SNULL, i), s, "null:" + snull[i]);
        }
    }

    private void dom0Mem() {
        def(TRC_DOM0_DOM_ADD, "DOM0OP", "dom0op:dom_add", "dom");
        def(TRC_DOM0_DOM_REM, "DOM0OP", "dom0op:dom_rem", "dom");
        String m = "MEM";
        def(TRC_MEM_PAGE_GRANT_MAP, m, "grant_map", "dom");
        def(TRC_MEM_PAGE_GRANT_UNMAP, m, "grant_unmap", "dom");
        def(TRC_MEM_PAGE_GRANT_TRANSFER, m, "grant_transfer", "dom");
        def(TRC_MEM_SET_P2M_ENTRY, m, "set_p2m_entry");
        def(TRC_MEM_DECREASE_RESERVATION, m, "decrease_reservation");
        def(TRC_MEM_POD_POPULATE, m, "pod_populate");
        def(TRC_MEM_POD_ZERO_RECLAIM, m, "pod_zero_reclaim");
        def(TRC_MEM_POD_SUPERPAGE_SPLINTER, m, "pod_superpage_splinter");
    }

    private void pv() {
        String p = "PV";
        def(TRC_PV_HYPERCALL, p, "pv:hypercall");
        def(TRC_PV_TRAP, p, "pv:trap");
        def(TRC_PV_PAGE_FAULT, p, "pv:page_fault");
        def(TRC_PV_FORCED_INVALID_OP, p, "pv:forced_invalid_op");
        def(TRC_PV_EMULATE_PRIVOP, p, "pv:emulate_privop");
        def(TRC_PV_EMULATE_4GB, p, "pv:emulate_4gb");
        def(TRC_PV_MATH_STATE_RESTORE, p, "pv:math_state_restore");
        def(TRC_PV_PAGING_FIXUP, p, "pv:paging_fixup");
        def(TRC_PV_GDT_LDT_MAPPING_FAULT, p, "pv:gdt_ldt_mapping_fault");
        def(TRC_PV_PTWR_EMULATION, p, "pv:ptwr_emulation");
        def(TRC_PV_PTWR_EMULATION_PAE, p, "pv:ptwr_emulation_pae");
        def(TRC_PV_HYPERCALL_V2, p, "pv:hypercall_v2", "op_args:x");
        def(TRC_PV_HYPERCALL_SUBCALL, p, "pv:hypercall_subcall", "op_args:x");
    }

    private void hvm() {
        String h = "HVM";
        def(TRC_HVM_VMENTRY, h, "hvm:vmentry");
        def(TRC_HVM_VMEXIT, h, "hvm:vmexit", "exit_reason:x", "rip:x");
        def(TRC_HVM_VMEXIT64, h, "hvm:vmexit", "exit_reason:x", "rip:q");
        def(TRC_HVM_PF_XEN, h, "hvm:pf_xen", "error_code:x", "va:x");
        def(TRC_HVM_PF_XEN64, h, "hvm:pf_xen", "error_code:x", "va:q");
        def(TRC_HVM_PF_INJECT, h, "hvm:pf_inject", "error_code:x", "cr2:x");
        def(TRC_HVM_PF_INJECT64, h, "hvm:pf_inject", "error_code:x", "cr2:q");
        def(TRC_HVM_INJ_EXC, h, "hvm:inj_exc", "vector:x", "error_code:x");
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
        def(TRC_HVM_CPUID, h, "hvm:cpuid", "leaf:x", "eax:x", "ebx:x", "ecx:x", "edx:x");
        def(TRC_HVM_INTR, h, "hvm:intr", "vector:x");
        def(TRC_HVM_NMI, h, "hvm:nmi");
        def(TRC_HVM_SMI, h, "hvm:smi");
        def(TRC_HVM_VMMCALL, h, "hvm:vmmcall", "func:x");
        def(TRC_HVM_HLT, h, "hvm:hlt", "intpending");
        def(TRC_HVM_INVLPG, h, "hvm:invlpg", "invlpga", "va:x");
        def(TRC_HVM_INVLPG64, h, "hvm:invlpg", "invlpga", "va:q");
        def(TRC_HVM_MCE, h, "hvm:mce");
        def(TRC_HVM_IOPORT_READ, h, "hvm:ioport_read", "port:x", "data:x");
        def(TRC_HVM_IOPORT_WRITE, h, "hvm:ioport_write", "port:x", "data:x");
        def(TRC_HVM_IOMEM_READ, h, "hvm:iomem_read", "gpa:x");
        def(TRC_HVM_IOMEM_READ | TRC_64_FLAG, h, "hvm:iomem_read", "gpa:q");
        def(TRC_HVM_IOMEM_WRITE, h, "hvm:iomem_write", "gpa:x");
        def(TRC_HVM_IOMEM_WRITE | TRC_64_FLAG, h, "hvm:iomem_write", "gpa:q");
        def(TRC_HVM_CLTS, h, "hvm:clts");
        def(TRC_HVM_LMSW, h, "hvm:lmsw", "value:x");
        def(TRC_HVM_LMSW64, h, "hvm:lmsw", "value:q");
        def(TRC_HVM_RDTSC, h, "hvm:rdtsc", "tsc:q");
        def(TRC_HVM_INTR_WINDOW, h, "hvm:intr_window", "value:x");
        def(TRC_HVM_NPF, h, "hvm:npf", "gpa:q", "mfn:q", "qualification:x", "p2mt:x");
        def(TRC_HVM_REALMODE_EMULATE, h, "hvm:realmode_emulate");
        def(TRC_HVM_TRAP, h, "hvm:trap", "vector:x");
        def(TRC_HVM_TRAP_DEBUG, h, "hvm:trap_debug", "exit_qualification:x");
        def(TRC_HVM_VLAPIC, h, "hvm:vlapic");
        def(TRC_HVM_XCR_READ64, h, "hvm:xcr_read", "index", "value:q");
        def(TRC_HVM_XCR_WRITE64, h, "hvm:xcr_write", "index", "value:q");
        String[] emul = {null, "hpet_start_timer", "pit_start_timer", "rtc_start_timer", "lapic_start_timer",
            "hpet_stop_timer", "pit_stop_timer", "rtc_stop_timer", "lapic_stop_timer", "pit_timer_cb",
            "lapic_timer_cb", "pic_int_output", "pic_kick", "pic_intack", "pic_posedge", "pic_negedge",
            "pic_pend_irq_call", "lapic_pic_intr"};
        for (int i = 1; i < emul.length; i++) {
            def(TRC_HVM_EMUL + i, h, "hvm:emul_" + emul[i]);
        }
    }

    private void shadow() {
        String[] names = {null, "not_shadow", "fast_propagate", "fast_mmio", "false_fast_path", "mmio", "fixup",
            "domf_dying", "emulate", "emulate_unshadow_user", "emulate_unshadow_evtinj",
            "emulate_unshadow_unhandled", "wrmap_bf", "prealloc_unpin", "resync_full", "resync_only"};
        for (int i = 1; i < names.length; i++) {
            def(TRC_SHADOW + i, "SHADOW", "shadow:" + names[i]);
        }
    }

    private void hw() {
        def(TRC_PM_FREQ_CHANGE, "HW", "pm:freq_change", "old_mhz", "new_mhz");
        def(TRC_PM_IDLE_ENTRY, "HW", "pm:idle_entry", "cstate", "acpi_pm_tick", "expected_us", "predicted_us");
        def(TRC_PM_IDLE_EXIT, "HW", "pm:idle_exit", "cstate", "acpi_pm_tick", "irq0", "irq1", "irq2", "irq3");
        def(TRC_HW_IRQ_MOVE_CLEANUP_DELAY, "HW", "irq:move_cleanup_delay", "irq", "vector:x", "cpu");
        def(TRC_HW_IRQ_MOVE_CLEANUP, "HW", "irq:move_cleanup", "irq", "vector:x", "cpu");
        def(TRC_HW_IRQ_BIND_VECTOR, "HW", "irq:bind_vector", "irq", "vector:x", "cpu_mask:x");
        def(TRC_HW_IRQ_CLEAR_VECTOR, "HW", "irq:clear_vector", "irq", "vector:x", "cpu_mask:x");
        def(TRC_HW_IRQ_MOVE_FINISH, "HW", "irq:move_finish", "irq", "vector:x", "cpu");
        def(TRC_HW_IRQ_ASSIGN_VECTOR, "HW", "irq:assign_vector", "irq", "vector:x", "cpu_mask:x");
        def(TRC_HW_IRQ_UNMAPPED_VECTOR, "HW", "irq:unmapped_vector", "vector:x");
        def(TRC_HW_IRQ_HANDLED, "HW", "irq:handled", "irq", "began_us", "ended_us");
    }
}
