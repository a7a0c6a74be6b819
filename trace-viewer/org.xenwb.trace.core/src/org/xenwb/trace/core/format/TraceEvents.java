package org.xenwb.trace.core.format;

/**
 * Event ids of the Xen trace buffer interface, as defined by {@code xen/include/public/trace.h} of Xen 4.17 (the
 * values have been stable since; newer versions only add ids).
 *
 * <p>An event id is the low 28 bits of a record header (see {@link TraceFormat}). Bits 27..16 hold the class
 * (one bit per class, tested by {@link #isInClass(int, int)}), bits 15..12 the subclass and bits 11..0 the event
 * number. The class constants ({@code TRC_GEN}...) carry {@code 0xf000} in the subclass nibble so that a mask of
 * a class also enables all of its subclasses; that is the value passed to {@code xentrace -e}.</p>
 *
 * <p>Scheduler-specific events (credit, credit2, RTDS, null) are built with {@link #schedClassEvent(int, int)} from
 * the scheduler ids {@code TRC_SCHED_CSCHED}... and the event numbers that each scheduler defines privately.</p>
 *
 * <p>This class only holds constants and pure functions; it is thread-safe.</p>
 */
public final class TraceEvents {

    private TraceEvents() {
    }

    /** Number of bits of the event id in a record header. */
    public static final int EVENT_BITS = 28;
    /** Mask of the event id in a record header. */
    public static final int EVENT_MASK = 0x0fffffff;
    /** Shift of the class field of an event id. */
    public static final int TRC_CLS_SHIFT = 16;
    /** Shift of the subclass field of an event id. */
    public static final int TRC_SUBCLS_SHIFT = 12;

    // ---- classes ------------------------------------------------------------------------------------------------
    /** General records written by the trace infrastructure itself. */
    public static final int TRC_GEN = 0x0001f000;
    /** Scheduler. */
    public static final int TRC_SCHED = 0x0002f000;
    /** Domain 0 operations. */
    public static final int TRC_DOM0OP = 0x0004f000;
    /** HVM guests. */
    public static final int TRC_HVM = 0x0008f000;
    /** Memory management. */
    public static final int TRC_MEM = 0x0010f000;
    /** PV guests. */
    public static final int TRC_PV = 0x0020f000;
    /** Shadow paging. */
    public static final int TRC_SHADOW = 0x0040f000;
    /** Hardware: power management and IRQs. */
    public static final int TRC_HW = 0x0080f000;
    /** Records written by guests. */
    public static final int TRC_GUEST = 0x0800f000;
    /** Every class. */
    public static final int TRC_ALL = 0x0ffff000;

    // ---- subclasses ---------------------------------------------------------------------------------------------
    /** HVM: VM entry and exit. */
    public static final int TRC_HVM_ENTRYEXIT = 0x00081000;
    /** HVM: exit handlers. */
    public static final int TRC_HVM_HANDLER = 0x00082000;
    /** HVM: emulated devices. */
    public static final int TRC_HVM_EMUL = 0x00084000;
    /** Scheduler: runstate changes only. */
    public static final int TRC_SCHED_MIN = 0x00021000;
    /** Scheduler: records of a specific scheduler (see {@link #schedClassEvent(int, int)}). */
    public static final int TRC_SCHED_CLASS = 0x00022000;
    /** Scheduler: the verbose, generic scheduling records. */
    public static final int TRC_SCHED_VERBOSE = 0x00028000;
    /** DOM0OP: domain creation and destruction. */
    public static final int TRC_DOM0_DOMOPS = 0x00041000;
    /** HW: power management. */
    public static final int TRC_HW_PM = 0x00801000;
    /** HW: IRQ handling. */
    public static final int TRC_HW_IRQ = 0x00802000;
    /** PV: hypervisor entry points of PV guests. */
    public static final int TRC_PV_ENTRY = 0x00201000;
    /** PV: sub-calls of a multicall. */
    public static final int TRC_PV_SUBCALL = 0x00202000;

    // ---- scheduler-specific encoding ----------------------------------------------------------------------------
    /** Number of bits that identify the scheduler inside a {@link #TRC_SCHED_CLASS} event. */
    public static final int TRC_SCHED_ID_BITS = 3;
    /** Shift of the scheduler id inside a {@link #TRC_SCHED_CLASS} event. */
    public static final int TRC_SCHED_ID_SHIFT = TRC_SUBCLS_SHIFT - TRC_SCHED_ID_BITS;
    /** Mask of the scheduler id inside a {@link #TRC_SCHED_CLASS} event. */
    public static final int TRC_SCHED_ID_MASK = ((1 << TRC_SCHED_ID_BITS) - 1) << TRC_SCHED_ID_SHIFT;
    /** Mask of the scheduler-private event number inside a {@link #TRC_SCHED_CLASS} event. */
    public static final int TRC_SCHED_EVT_MASK = ~TRC_SCHED_ID_MASK;
    /** Scheduler id of credit. */
    public static final int TRC_SCHED_CSCHED = 0;
    /** Scheduler id of credit2. */
    public static final int TRC_SCHED_CSCHED2 = 1;
    /** Scheduler id of ARINC 653. */
    public static final int TRC_SCHED_ARINC653 = 3;
    /** Scheduler id of RTDS. */
    public static final int TRC_SCHED_RTDS = 4;
    /** Scheduler id of the null scheduler. */
    public static final int TRC_SCHED_SNULL = 5;

    // ---- GEN ----------------------------------------------------------------------------------------------------
    /** Xen dropped records because the buffer was full: lost count, domain/vcpu, TSC of the first lost record. */
    public static final int TRC_LOST_RECORDS = TRC_GEN + 1;
    /** Padding that fills the end of a per-CPU buffer before it wraps. */
    public static final int TRC_TRACE_WRAP_BUFFER = TRC_GEN + 2;
    /** Written by xentrace, not Xen: introduces a window of records of one CPU (cpu, window size in bytes). */
    public static final int TRC_TRACE_CPU_CHANGE = TRC_GEN + 3;

    // ---- SCHED --------------------------------------------------------------------------------------------------
    /** A vCPU changed runstate. */
    public static final int TRC_SCHED_RUNSTATE_CHANGE = TRC_SCHED_MIN + 1;
    /** The scheduler kept the current vCPU running. */
    public static final int TRC_SCHED_CONTINUE_RUNNING = TRC_SCHED_MIN + 2;
    /** A domain was added to the scheduler. */
    public static final int TRC_SCHED_DOM_ADD = TRC_SCHED_VERBOSE + 1;
    /** A domain was removed from the scheduler. */
    public static final int TRC_SCHED_DOM_REM = TRC_SCHED_VERBOSE + 2;
    /** A vCPU was put to sleep. */
    public static final int TRC_SCHED_SLEEP = TRC_SCHED_VERBOSE + 3;
    /** A vCPU was woken. */
    public static final int TRC_SCHED_WAKE = TRC_SCHED_VERBOSE + 4;
    /** A vCPU yielded. */
    public static final int TRC_SCHED_YIELD = TRC_SCHED_VERBOSE + 5;
    /** A vCPU blocked. */
    public static final int TRC_SCHED_BLOCK = TRC_SCHED_VERBOSE + 6;
    /** A domain shut down. */
    public static final int TRC_SCHED_SHUTDOWN = TRC_SCHED_VERBOSE + 7;
    /** Scheduler control operation. */
    public static final int TRC_SCHED_CTL = TRC_SCHED_VERBOSE + 8;
    /** Scheduler parameters of a domain adjusted. */
    public static final int TRC_SCHED_ADJDOM = TRC_SCHED_VERBOSE + 9;
    /** Context switch. */
    public static final int TRC_SCHED_SWITCH = TRC_SCHED_VERBOSE + 10;
    /** Scheduler timer fired. */
    public static final int TRC_SCHED_S_TIMER_FN = TRC_SCHED_VERBOSE + 11;
    /** Tick timer fired. */
    public static final int TRC_SCHED_T_TIMER_FN = TRC_SCHED_VERBOSE + 12;
    /** Domain timer fired. */
    public static final int TRC_SCHED_DOM_TIMER_FN = TRC_SCHED_VERBOSE + 13;
    /** Context switch: information on the previous vCPU. */
    public static final int TRC_SCHED_SWITCH_INFPREV = TRC_SCHED_VERBOSE + 14;
    /** Context switch: information on the next vCPU. */
    public static final int TRC_SCHED_SWITCH_INFNEXT = TRC_SCHED_VERBOSE + 15;
    /** A domain shut down, with its reason code. */
    public static final int TRC_SCHED_SHUTDOWN_CODE = TRC_SCHED_VERBOSE + 16;
    /** The scheduler continued running the current vCPU (with its runtime). */
    public static final int TRC_SCHED_SWITCH_INFCONT = TRC_SCHED_VERBOSE + 17;

    // ---- DOM0OP -------------------------------------------------------------------------------------------------
    /** A domain was created. */
    public static final int TRC_DOM0_DOM_ADD = TRC_DOM0_DOMOPS + 1;
    /** A domain was destroyed. */
    public static final int TRC_DOM0_DOM_REM = TRC_DOM0_DOMOPS + 2;

    // ---- MEM ----------------------------------------------------------------------------------------------------
    /** Grant map. */
    public static final int TRC_MEM_PAGE_GRANT_MAP = TRC_MEM + 1;
    /** Grant unmap. */
    public static final int TRC_MEM_PAGE_GRANT_UNMAP = TRC_MEM + 2;
    /** Grant transfer. */
    public static final int TRC_MEM_PAGE_GRANT_TRANSFER = TRC_MEM + 3;
    /** p2m entry set. */
    public static final int TRC_MEM_SET_P2M_ENTRY = TRC_MEM + 4;
    /** Reservation decreased. */
    public static final int TRC_MEM_DECREASE_RESERVATION = TRC_MEM + 5;
    /** Populate-on-demand: populate. */
    public static final int TRC_MEM_POD_POPULATE = TRC_MEM + 16;
    /** Populate-on-demand: zero reclaim. */
    public static final int TRC_MEM_POD_ZERO_RECLAIM = TRC_MEM + 17;
    /** Populate-on-demand: superpage splinter. */
    public static final int TRC_MEM_POD_SUPERPAGE_SPLINTER = TRC_MEM + 18;

    // ---- PV -----------------------------------------------------------------------------------------------------
    /** Hypercall (old format). */
    public static final int TRC_PV_HYPERCALL = TRC_PV_ENTRY + 1;
    /** Trap. */
    public static final int TRC_PV_TRAP = TRC_PV_ENTRY + 3;
    /** Page fault. */
    public static final int TRC_PV_PAGE_FAULT = TRC_PV_ENTRY + 4;
    /** Forced invalid opcode. */
    public static final int TRC_PV_FORCED_INVALID_OP = TRC_PV_ENTRY + 5;
    /** Emulated privileged operation. */
    public static final int TRC_PV_EMULATE_PRIVOP = TRC_PV_ENTRY + 6;
    /** 4 GB segment emulation. */
    public static final int TRC_PV_EMULATE_4GB = TRC_PV_ENTRY + 7;
    /** FPU state restore. */
    public static final int TRC_PV_MATH_STATE_RESTORE = TRC_PV_ENTRY + 8;
    /** Paging fixup. */
    public static final int TRC_PV_PAGING_FIXUP = TRC_PV_ENTRY + 9;
    /** GDT/LDT mapping fault. */
    public static final int TRC_PV_GDT_LDT_MAPPING_FAULT = TRC_PV_ENTRY + 10;
    /** Page-table write emulation. */
    public static final int TRC_PV_PTWR_EMULATION = TRC_PV_ENTRY + 11;
    /** Page-table write emulation, PAE. */
    public static final int TRC_PV_PTWR_EMULATION_PAE = TRC_PV_ENTRY + 12;
    /** Hypercall with its arguments (see {@link #pvHypercallV2ArgBits(int, int)}). */
    public static final int TRC_PV_HYPERCALL_V2 = TRC_PV_ENTRY + 13;
    /** Sub-call of a multicall. */
    public static final int TRC_PV_HYPERCALL_SUBCALL = TRC_PV_SUBCALL + 14;
    /** Flag of PV and HVM events whose addresses are 64-bit. */
    public static final int TRC_64_FLAG = 0x100;
    /** Mask of the argument-presence bits in the first word of {@link #TRC_PV_HYPERCALL_V2}. */
    public static final int TRC_PV_HYPERCALL_V2_ARG_MASK = 0xfff00000;

    // ---- SHADOW -------------------------------------------------------------------------------------------------
    /** Shadow: not a shadow fault. */
    public static final int TRC_SHADOW_NOT_SHADOW = TRC_SHADOW + 1;
    /** Shadow: fast propagate. */
    public static final int TRC_SHADOW_FAST_PROPAGATE = TRC_SHADOW + 2;
    /** Shadow: fast MMIO. */
    public static final int TRC_SHADOW_FAST_MMIO = TRC_SHADOW + 3;
    /** Shadow: false fast path. */
    public static final int TRC_SHADOW_FALSE_FAST_PATH = TRC_SHADOW + 4;
    /** Shadow: MMIO. */
    public static final int TRC_SHADOW_MMIO = TRC_SHADOW + 5;
    /** Shadow: fixup. */
    public static final int TRC_SHADOW_FIXUP = TRC_SHADOW + 6;
    /** Shadow: domain dying. */
    public static final int TRC_SHADOW_DOMF_DYING = TRC_SHADOW + 7;
    /** Shadow: emulate. */
    public static final int TRC_SHADOW_EMULATE = TRC_SHADOW + 8;
    /** Shadow: emulate, unshadow on user access. */
    public static final int TRC_SHADOW_EMULATE_UNSHADOW_USER = TRC_SHADOW + 9;
    /** Shadow: emulate, unshadow on event injection. */
    public static final int TRC_SHADOW_EMULATE_UNSHADOW_EVTINJ = TRC_SHADOW + 10;
    /** Shadow: emulate, unshadow unhandled. */
    public static final int TRC_SHADOW_EMULATE_UNSHADOW_UNHANDLED = TRC_SHADOW + 11;
    /** Shadow: writable-mapping brute force. */
    public static final int TRC_SHADOW_WRMAP_BF = TRC_SHADOW + 12;
    /** Shadow: prealloc unpin. */
    public static final int TRC_SHADOW_PREALLOC_UNPIN = TRC_SHADOW + 13;
    /** Shadow: full resync. */
    public static final int TRC_SHADOW_RESYNC_FULL = TRC_SHADOW + 14;
    /** Shadow: resync only. */
    public static final int TRC_SHADOW_RESYNC_ONLY = TRC_SHADOW + 15;

    // ---- HVM ----------------------------------------------------------------------------------------------------
    /** Flag of HVM events of a nested guest. */
    public static final int TRC_HVM_NESTEDFLAG = 0x400;
    /** VM entry. */
    public static final int TRC_HVM_VMENTRY = TRC_HVM_ENTRYEXIT + 0x01;
    /** VM exit (32-bit RIP). */
    public static final int TRC_HVM_VMEXIT = TRC_HVM_ENTRYEXIT + 0x02;
    /** VM exit (64-bit RIP). */
    public static final int TRC_HVM_VMEXIT64 = TRC_HVM_ENTRYEXIT + TRC_64_FLAG + 0x02;
    /** Page fault handled by Xen. */
    public static final int TRC_HVM_PF_XEN = TRC_HVM_HANDLER + 0x01;
    /** Page fault handled by Xen (64-bit address). */
    public static final int TRC_HVM_PF_XEN64 = TRC_HVM_HANDLER + TRC_64_FLAG + 0x01;
    /** Page fault injected into the guest. */
    public static final int TRC_HVM_PF_INJECT = TRC_HVM_HANDLER + 0x02;
    /** Page fault injected into the guest (64-bit address). */
    public static final int TRC_HVM_PF_INJECT64 = TRC_HVM_HANDLER + TRC_64_FLAG + 0x02;
    /** Exception injected. */
    public static final int TRC_HVM_INJ_EXC = TRC_HVM_HANDLER + 0x03;
    /** Virtual interrupt injected. */
    public static final int TRC_HVM_INJ_VIRQ = TRC_HVM_HANDLER + 0x04;
    /** Virtual interrupt re-injected. */
    public static final int TRC_HVM_REINJ_VIRQ = TRC_HVM_HANDLER + 0x05;
    /** I/O read (old). */
    public static final int TRC_HVM_IO_READ = TRC_HVM_HANDLER + 0x06;
    /** I/O write (old). */
    public static final int TRC_HVM_IO_WRITE = TRC_HVM_HANDLER + 0x07;
    /** Control register read. */
    public static final int TRC_HVM_CR_READ = TRC_HVM_HANDLER + 0x08;
    /** Control register read (64-bit). */
    public static final int TRC_HVM_CR_READ64 = TRC_HVM_HANDLER + TRC_64_FLAG + 0x08;
    /** Control register write. */
    public static final int TRC_HVM_CR_WRITE = TRC_HVM_HANDLER + 0x09;
    /** Control register write (64-bit). */
    public static final int TRC_HVM_CR_WRITE64 = TRC_HVM_HANDLER + TRC_64_FLAG + 0x09;
    /** Debug register read. */
    public static final int TRC_HVM_DR_READ = TRC_HVM_HANDLER + 0x0A;
    /** Debug register write. */
    public static final int TRC_HVM_DR_WRITE = TRC_HVM_HANDLER + 0x0B;
    /** MSR read. */
    public static final int TRC_HVM_MSR_READ = TRC_HVM_HANDLER + 0x0C;
    /** MSR write. */
    public static final int TRC_HVM_MSR_WRITE = TRC_HVM_HANDLER + 0x0D;
    /** CPUID. */
    public static final int TRC_HVM_CPUID = TRC_HVM_HANDLER + 0x0E;
    /** External interrupt. */
    public static final int TRC_HVM_INTR = TRC_HVM_HANDLER + 0x0F;
    /** NMI. */
    public static final int TRC_HVM_NMI = TRC_HVM_HANDLER + 0x10;
    /** SMI. */
    public static final int TRC_HVM_SMI = TRC_HVM_HANDLER + 0x11;
    /** VMMCALL / VMCALL. */
    public static final int TRC_HVM_VMMCALL = TRC_HVM_HANDLER + 0x12;
    /** HLT. */
    public static final int TRC_HVM_HLT = TRC_HVM_HANDLER + 0x13;
    /** INVLPG. */
    public static final int TRC_HVM_INVLPG = TRC_HVM_HANDLER + 0x14;
    /** INVLPG (64-bit). */
    public static final int TRC_HVM_INVLPG64 = TRC_HVM_HANDLER + TRC_64_FLAG + 0x14;
    /** Machine check. */
    public static final int TRC_HVM_MCE = TRC_HVM_HANDLER + 0x15;
    /** I/O port read. */
    public static final int TRC_HVM_IOPORT_READ = TRC_HVM_HANDLER + 0x16;
    /** MMIO read. */
    public static final int TRC_HVM_IOMEM_READ = TRC_HVM_HANDLER + 0x17;
    /** CLTS. */
    public static final int TRC_HVM_CLTS = TRC_HVM_HANDLER + 0x18;
    /** LMSW. */
    public static final int TRC_HVM_LMSW = TRC_HVM_HANDLER + 0x19;
    /** LMSW (64-bit). */
    public static final int TRC_HVM_LMSW64 = TRC_HVM_HANDLER + TRC_64_FLAG + 0x19;
    /** RDTSC. */
    public static final int TRC_HVM_RDTSC = TRC_HVM_HANDLER + 0x1a;
    /** Interrupt window. */
    public static final int TRC_HVM_INTR_WINDOW = TRC_HVM_HANDLER + 0x20;
    /** Nested page fault. */
    public static final int TRC_HVM_NPF = TRC_HVM_HANDLER + 0x21;
    /** Real-mode emulation. */
    public static final int TRC_HVM_REALMODE_EMULATE = TRC_HVM_HANDLER + 0x22;
    /** Trap. */
    public static final int TRC_HVM_TRAP = TRC_HVM_HANDLER + 0x23;
    /** Debug trap. */
    public static final int TRC_HVM_TRAP_DEBUG = TRC_HVM_HANDLER + 0x24;
    /** Virtual local APIC access. */
    public static final int TRC_HVM_VLAPIC = TRC_HVM_HANDLER + 0x25;
    /** XCR read (64-bit). */
    public static final int TRC_HVM_XCR_READ64 = TRC_HVM_HANDLER + TRC_64_FLAG + 0x26;
    /** XCR write (64-bit). */
    public static final int TRC_HVM_XCR_WRITE64 = TRC_HVM_HANDLER + TRC_64_FLAG + 0x27;
    /** I/O port write. */
    public static final int TRC_HVM_IOPORT_WRITE = TRC_HVM_HANDLER + 0x216;
    /** MMIO write. */
    public static final int TRC_HVM_IOMEM_WRITE = TRC_HVM_HANDLER + 0x217;
    /** Emulated HPET: timer started. */
    public static final int TRC_HVM_EMUL_HPET_START_TIMER = TRC_HVM_EMUL + 0x1;
    /** Emulated PIT: timer started. */
    public static final int TRC_HVM_EMUL_PIT_START_TIMER = TRC_HVM_EMUL + 0x2;
    /** Emulated RTC: timer started. */
    public static final int TRC_HVM_EMUL_RTC_START_TIMER = TRC_HVM_EMUL + 0x3;
    /** Emulated local APIC: timer started. */
    public static final int TRC_HVM_EMUL_LAPIC_START_TIMER = TRC_HVM_EMUL + 0x4;
    /** Emulated HPET: timer stopped. */
    public static final int TRC_HVM_EMUL_HPET_STOP_TIMER = TRC_HVM_EMUL + 0x5;
    /** Emulated PIT: timer stopped. */
    public static final int TRC_HVM_EMUL_PIT_STOP_TIMER = TRC_HVM_EMUL + 0x6;
    /** Emulated RTC: timer stopped. */
    public static final int TRC_HVM_EMUL_RTC_STOP_TIMER = TRC_HVM_EMUL + 0x7;
    /** Emulated local APIC: timer stopped. */
    public static final int TRC_HVM_EMUL_LAPIC_STOP_TIMER = TRC_HVM_EMUL + 0x8;
    /** Emulated PIT: timer callback. */
    public static final int TRC_HVM_EMUL_PIT_TIMER_CB = TRC_HVM_EMUL + 0x9;
    /** Emulated local APIC: timer callback. */
    public static final int TRC_HVM_EMUL_LAPIC_TIMER_CB = TRC_HVM_EMUL + 0xA;
    /** Emulated PIC: interrupt output. */
    public static final int TRC_HVM_EMUL_PIC_INT_OUTPUT = TRC_HVM_EMUL + 0xB;
    /** Emulated PIC: kick. */
    public static final int TRC_HVM_EMUL_PIC_KICK = TRC_HVM_EMUL + 0xC;
    /** Emulated PIC: interrupt acknowledge. */
    public static final int TRC_HVM_EMUL_PIC_INTACK = TRC_HVM_EMUL + 0xD;
    /** Emulated PIC: positive edge. */
    public static final int TRC_HVM_EMUL_PIC_POSEDGE = TRC_HVM_EMUL + 0xE;
    /** Emulated PIC: negative edge. */
    public static final int TRC_HVM_EMUL_PIC_NEGEDGE = TRC_HVM_EMUL + 0xF;
    /** Emulated PIC: pending IRQ call. */
    public static final int TRC_HVM_EMUL_PIC_PEND_IRQ_CALL = TRC_HVM_EMUL + 0x10;
    /** Emulated local APIC: PIC interrupt. */
    public static final int TRC_HVM_EMUL_LAPIC_PIC_INTR = TRC_HVM_EMUL + 0x11;

    // ---- HW -----------------------------------------------------------------------------------------------------
    /** CPU frequency change. */
    public static final int TRC_PM_FREQ_CHANGE = TRC_HW_PM + 0x01;
    /** Idle state entry. */
    public static final int TRC_PM_IDLE_ENTRY = TRC_HW_PM + 0x02;
    /** Idle state exit. */
    public static final int TRC_PM_IDLE_EXIT = TRC_HW_PM + 0x03;
    /** IRQ move cleanup delayed. */
    public static final int TRC_HW_IRQ_MOVE_CLEANUP_DELAY = TRC_HW_IRQ + 0x1;
    /** IRQ move cleanup. */
    public static final int TRC_HW_IRQ_MOVE_CLEANUP = TRC_HW_IRQ + 0x2;
    /** IRQ bound to a vector. */
    public static final int TRC_HW_IRQ_BIND_VECTOR = TRC_HW_IRQ + 0x3;
    /** IRQ vector cleared. */
    public static final int TRC_HW_IRQ_CLEAR_VECTOR = TRC_HW_IRQ + 0x4;
    /** IRQ move finished. */
    public static final int TRC_HW_IRQ_MOVE_FINISH = TRC_HW_IRQ + 0x5;
    /** IRQ vector assigned. */
    public static final int TRC_HW_IRQ_ASSIGN_VECTOR = TRC_HW_IRQ + 0x6;
    /** Interrupt on an unmapped vector. */
    public static final int TRC_HW_IRQ_UNMAPPED_VECTOR = TRC_HW_IRQ + 0x7;
    /** IRQ handled. */
    public static final int TRC_HW_IRQ_HANDLED = TRC_HW_IRQ + 0x8;

    /**
     * Builds the event id of a scheduler-specific record.
     *
     * @param schedulerId one of {@code TRC_SCHED_CSCHED}, {@code TRC_SCHED_CSCHED2}, {@code TRC_SCHED_RTDS}...
     * @param event the scheduler-private event number (0..511)
     * @return the event id
     */
    public static int schedClassEvent(int schedulerId, int event) {
        return (TRC_SCHED_CLASS | ((schedulerId << TRC_SCHED_ID_SHIFT) & TRC_SCHED_ID_MASK))
                + (event & TRC_SCHED_EVT_MASK);
    }

    /**
     * The scheduler id of a {@link #TRC_SCHED_CLASS} event.
     *
     * @param event an event id of subclass {@link #TRC_SCHED_CLASS}
     * @return the scheduler id, 0..7
     */
    public static int schedulerIdOf(int event) {
        return (event & TRC_SCHED_ID_MASK) >>> TRC_SCHED_ID_SHIFT;
    }

    /**
     * Tells whether an event passes an event mask such as {@link #TRC_SCHED} or {@link #TRC_HVM_HANDLER}, with the
     * test Xen applies to its trace event mask: some class bit in common and some subclass bit in common.
     *
     * @param event an event id
     * @param mask a class or subclass constant, or a combination as given to {@code xentrace -e}
     * @return true when Xen would record the event under this mask
     */
    public static boolean isInClass(int event, int mask) {
        if ((((mask >>> TRC_CLS_SHIFT) & (event >>> TRC_CLS_SHIFT)) & 0xfff) == 0) {
            return false;
        }
        return (((mask >>> TRC_SUBCLS_SHIFT) & 0xf) & ((event >>> TRC_SUBCLS_SHIFT) & 0xf)) != 0;
    }

    /**
     * The main class of an event: its class bits (27..16) shifted down, e.g. 0x2 for SCHED, 0x8 for HVM.
     *
     * @param event an event id
     * @return the class field
     */
    public static int classOf(int event) {
        return (event >>> TRC_CLS_SHIFT) & 0xfff;
    }

    /**
     * The subclass of an event: bits 15..12.
     *
     * @param event an event id
     * @return the subclass field, 0..15
     */
    public static int subclassOf(int event) {
        return (event >>> TRC_SUBCLS_SHIFT) & 0xf;
    }

    /**
     * The size of argument {@code index} of a {@link #TRC_PV_HYPERCALL_V2} record.
     *
     * @param firstWord the first extra word of the record
     * @param index the argument index, 0..5
     * @return 0 (absent), 1 (32-bit), 2 (64-bit) or 3 (reserved)
     */
    public static int pvHypercallV2ArgBits(int firstWord, int index) {
        return (firstWord >>> (20 + 2 * index)) & 0x3;
    }
}
