package org.xenwb.trace.core.xenalyze;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.xenwb.trace.core.catalog.ExitReasonNames;
import org.xenwb.trace.core.format.TraceEvents;

/**
 * xenalyze's HVM model as far as its summary and dump need it: vmexit and vmentry pairing, exit-reason and handler
 * statistics, guest interrupt counts and wake-to-halt intervals, the virtual LAPIC's IPIs and injections
 * ({@link VlapicModel}), the PIO and MMIO address lists, and the HVM lines of --dump-all.
 *
 * <p>CR writes and CR3 tracking are {@link CrWrites}' and {@link Cr3Tracking}'s, and shadow paging (PF_XEN and the
 * shadow records) is {@link Shadow}'s, called from here. xenalyze registers some summary printers once per program
 * run (function-level statics) rather than per vCPU; the flags of this class reproduce that. One instance per
 * analysis; not thread-safe.</p>
 */
final class Hvm {

    static final int HANDLER_MAX = 0x25 + 1;
    static final int GUEST_INTERRUPT_MAX = 350;
    static final int FAKE_VECTOR = 349;
    static final int EXTERNAL_INTERRUPT_MAX = 256;
    /** xenalyze's HVM_EXIT_REASON_MAX (the SVM maximum, the larger one). */
    static final int EXIT_REASON_LIMIT = 1025;
    /** xenalyze's ADDR_SPACE_BITS: guest addresses above them are sign extensions. */
    private static final int ADDR_SPACE_BITS = 48;
    static final String[] HANDLER_NAME = new String[HANDLER_MAX];
    static final String[] CASE_NAME = {null, "wake to halt alone", "wake to halt any  ", "intr to halt      "};
    static final String[] EXTINT_NAME = new String[EXTERNAL_INTERRUPT_MAX];

    static {
        String[] names = {"(no handler)", "pf_xen", "pf_inject", "inj_exc", "inj_virq", "reinj_virq", "io_read",
            "io_write", "cr_read", "cr_write", "dr_read", "dr_write", "msr_read", "msr_write", "cpuid", "intr", "nmi",
            "smi", "vmcall", "hlt", "invlpg", "mce", "io_assist", "mmio_assist", "clts", "lmsw", "rdtsc"};
        System.arraycopy(names, 0, HANDLER_NAME, 0, names.length);
        String[] tail = {"intr_window", "npf", "realmode_emulate", "trap", "trap_debug", "vlapic"};
        System.arraycopy(tail, 0, HANDLER_NAME, 0x20, tail.length);
        // what glibc prints for the NULL names of xenalyze's table
        java.util.Arrays.setAll(HANDLER_NAME, i -> HANDLER_NAME[i] == null ? "(null)" : HANDLER_NAME[i]);
        EXTINT_NAME[0xff] = "SPURIOS_APIC";
        EXTINT_NAME[0xfe] = "ERROR_APIC";
        EXTINT_NAME[0xfd] = "INVALIDATE_TLB";
        EXTINT_NAME[0xfc] = "EVENT_CHECK";
        EXTINT_NAME[0xfb] = "CALL_FUNCTION";
        EXTINT_NAME[0xfa] = "THERMAL_APIC";
        EXTINT_NAME[0xf9] = "LOCAL_TIMER";
    }

    enum Post { NONE, GENERIC, MSR, VMCALL, IO_READ, IO_WRITE, MMIO, PAGING, CR_WRITE }

    enum Printer { GENERIC, INTR, MSR, VMCALL, MMIO, PF_XEN, CR_WRITE }

    /** A registered summary printer of an exit reason. */
    record Handler(Printer printer, int evt) {
    }

    /** Per-vCPU HVM state (xenalyze's struct hvm_data, the parts reproduced). */
    static final class Data {
        final int exitReasonMax;
        final String[] exitReasonName;
        boolean vmexitValid;
        long exitTsc;
        /** The guest instruction pointer of the current exit. */
        long rip;
        long arcCycles;
        long lastRdtsc;
        final Model.Vcpu v;
        int exitReason;
        Post post = Post.NONE;
        int inflightEvent;
        int vmcallEax;
        boolean summaryInfo;
        final CycleSummary[] exitSummary;
        final CycleSummary[] generic;
        final CycleSummary[] vmcall;
        final int[] extint = new int[EXTERNAL_INTERRUPT_MAX + 1];
        final int[] giCount = new int[GUEST_INTERRUPT_MAX + 1];
        final boolean[] giIsWake = new boolean[GUEST_INTERRUPT_MAX + 1];
        final long[] giStartTsc = new long[GUEST_INTERRUPT_MAX + 1];
        final CycleSummary[][] giRuntime = new CycleSummary[GUEST_INTERRUPT_MAX + 1][];
        final List<List<Handler>> handlers = new ArrayList<>();
        int ioPort;
        final CycleSummary[] mmio;
        /** The current exit's MMIO access: its guest physical address, whether it was a write, whether data came. */
        long mmioGpa;
        boolean mmioWrite;
        boolean mmioDataValid;
        /** --with-mmio-enumeration: MMIO addresses (the low 32 bits, as xenalyze keeps them) with read and write
         *  summaries, in increasing order. */
        final java.util.TreeMap<Integer, CycleSummary[]> mmioAddresses =
                new java.util.TreeMap<>(Integer::compareUnsigned);
        /** The guest virtual address (low 32 bits) a shadow MMIO record gave when an MMIO address was first listed. */
        final java.util.Map<Integer, Integer> mmioAddressVa = new java.util.HashMap<>();
        /** The current exit's MMIO virtual address from a shadow MMIO record, 0 without one. */
        long mmioVa;
        /** Page faults handled by Xen (shadow paging). */
        final PagingData paging;
        /** PIO addresses in increasing order, each with read and write summaries (xenalyze's io_address list). */
        final java.util.TreeMap<Integer, CycleSummary[]> pio = new java.util.TreeMap<>(Integer::compareUnsigned);
        boolean waking;
        int wakeVector;
        int interrupts;
        int interruptsWantingTsc;
        /** The TSC of the last vmentry, 0 from the next vmexit on. */
        long entryTsc;
        /** The last handler record's event minus TRC_HVM_HANDLER (xenalyze's event_handler; kept across exits). */
        int eventHandler;
        /** Whether this exit's cycles already went to a short-summary category. */
        boolean shortSummaryDone;
        /** Shadow resyncs in this exit (set by shadow paging; 0 otherwise). */
        int resyncs;
        /** The CR number and value of this exit's CR write (see {@link #inflightWord0}). */
        int crInflight;
        long crInflightVal;
        /** CR write statistics by CR, then CR3 writes by resyncs (see {@link CrWrites}). */
        final CycleSummary[] crWrite;

        Data(boolean svm, Model.Vcpu v) {
            this.v = v;
            exitReasonMax = svm ? 1025 : 56;
            exitReasonName = svm ? ExitReasonNames.svmTable() : ExitReasonNames.vmxTable();
            // sized for every SVM reason in either mode: xenalyze records a VMX trace's out-of-range reasons there
            // when its tolerance lets it carry on after them, and prints only the first exitReasonMax
            exitSummary = Model.summaries(EXIT_REASON_LIMIT, v.d.sampling);
            generic = Model.summaries(HANDLER_MAX, v.d.sampling);
            vmcall = Model.summaries(39, v.d.sampling);
            mmio = Model.summaries(3, v.d.sampling);
            paging = new PagingData(v.d.sampling);
            crWrite = Model.summaries(CrWrites.SUMMARIES, v.d.sampling);
            for (int i = 0; i < exitReasonMax; i++) {
                handlers.add(null);
            }
        }

        /**
         * Writes the first word of xenalyze's per-exit union (h->inflight), which the I/O port (31 bits and a write
         * flag), the MSR address, the VMCALL eax, the generic event and the CR number share: a record later in the
         * same exit changes what an earlier one's postprocess reads.
         */
        void inflightWord0(int word) {
            inflightEvent = word;
            vmcallEax = word;
            ioPort = word & 0x7fffffff;
            crInflight = word;
        }

        CycleSummary runtime(int vector, int kase) {
            if (giRuntime[vector] == null) {
                giRuntime[vector] = Model.summaries(4, v.d.sampling);
            }
            return giRuntime[vector][kase];
        }

        void register(Handler h) {
            if (Integer.compareUnsigned(exitReason, exitReasonMax) < 0) {
                List<Handler> list = handlers.get(exitReason);
                if (list == null) {
                    list = new ArrayList<>();
                    handlers.set(exitReason, list);
                }
                if (!list.contains(h)) {
                    list.add(h);
                }
            }
        }
    }

    private final boolean svm;
    private final PrintWriter warn;
    /** The --dump-all output, or null. */
    PrintWriter dump;
    /** xenalyze's opt.summary_info: on for --summary, off for a bare --dump-all. */
    boolean summaryInfo = true;
    /** Dump header of the current record. */
    String header = "";
    /** "%3u.%09u &lt;pcpu string&gt;" of the current record, for the lines xenalyze prints without a header. */
    String timeAndPcpu = "";
    private static final String[] TRAP_NAME = {"Divide", "RESERVED", "NMI", "Breakpoint", "Overflow", "BOUND",
        "Invalid Op", "Coprocessor not present", "Double Fault", "Coprocessor segment overrun", "TSS",
        "Segment not present", "Stack-segment fault", "GP", "Page fault", "RESERVED", "FPU", "Alignment check",
        "Machine check", "SIMD"};
    private final int[] registered = new int[HANDLER_MAX];
    private final boolean[] warnedMissing = new boolean[1025];
    private final boolean[] warnedTwice = new boolean[1025];
    private boolean intrDone;
    private boolean msrWriteDone;
    private boolean msrReadDone;
    private boolean vmcallDone;
    private final boolean[] mmioDone = new boolean[3];
    private boolean mmioWarned;
    boolean unsupported;
    /** Shadow paging: PF_XEN and shadow records. */
    final Shadow shadow;
    /** CR3 tracking, which shadow paging reads too. */
    final Cr3Tracking cr3;
    private final CrWrites crWrites;
    /** The virtual LAPIC's IPI tracking (its per-vCPU state is {@link Model.Vcpu#vlapic}). */
    final VlapicModel vlapic;

    private final ErrorLevels errors;
    /** The vector of --with-interrupt-eip-enumeration, or {@link XenalyzeOptions#OFF}. */
    private final int interruptEipVector;
    /** check_extra_words's off_by_one: set once a record had one word more than its layout. */
    private boolean offByOne;

    /** What xenalyze prints on standard error rather than its warning stream. */
    private final PrintWriter stderr;

    /** --symbol-file: names for guest addresses in the dump and the address lists. */
    final SymbolTable symbols;
    /** --with-mmio-enumeration and --mmio-enumeration-skip-vga. */
    private final boolean mmioEnumeration;
    private final boolean mmioSkipVga;
    private boolean vgaWarned;

    Hvm(boolean svm, PrintWriter warn, PrintWriter stderr, ErrorLevels errors, XenalyzeOptions options) {
        this.mmioEnumeration = options.mmioEnumeration();
        this.symbols = options.symbols();
        this.mmioSkipVga = options.mmioSkipVga();
        int interruptEipVector = options.interruptEipVector();
        this.svm = svm;
        this.warn = warn;
        this.stderr = stderr;
        this.errors = errors;
        this.interruptEipVector = interruptEipVector;
        this.cr3 = new Cr3Tracking(options.cr3Enumeration(), warn, () -> summaryInfo);
        this.crWrites = new CrWrites(cr3, warn, stderr, errors);
        this.shadow = new Shadow(this, warn, stderr, errors, options);
        this.vlapic = new VlapicModel(this, warn, stderr, options.cpuHz());
    }

    /**
     * xenalyze's check_extra_words: one extra word too many is accepted from the first time it is seen on (a
     * producer bug xenalyze relaxes for); any other count is a record error.
     *
     * @return whether the record must be skipped
     */
    boolean badExtraWords(int event, int[] d, int n, int expected, String record) {
        if (n == expected || offByOne && n == expected + 1) {
            return false;
        }
        if (!offByOne && n == expected + 1) {
            warn.print("Detected off-by-one bug; relaxing expectations\n");
            offByOne = true;
            return false;
        }
        warn.print("ERROR: " + record + " extra_words " + n + ", expected " + expected + "!\n");
        if (errors.stops(ErrorLevels.RECORD)) {
            warn.print(DumpFormats.generic(header, event, d, n));
        }
        errors.error(ErrorLevels.RECORD, record + " record with " + n + " extra words, " + expected + " expected");
        return true;
    }

    Data newData(Model.Vcpu v) {
        return new Data(svm, v);
    }

    private void out(String text) {
        if (dump != null) {
            dump.print(text);
        }
    }

    private String dv(Data h) {
        return "d" + h.v.d.did + "v" + h.v.vid;
    }

    /** hvm_generic_dump. */
    void genericDump(int event, int[] d, int n, String prefix) {
        if (dump == null) {
            return;
        }
        int evt = event - TraceEvents.TRC_HVM_HANDLER;
        boolean is64 = false;
        if ((evt & 0x100) != 0) {
            evt &= ~0x100;
            is64 = true;
        }
        String name = evt < HANDLER_MAX ? String.valueOf(HANDLER_NAME[evt]) : "hvm_handler " + evt;
        StringBuilder sb = new StringBuilder(prefix).append(header).append(' ').append(name).append(is64 ? "64" : "")
                .append(" [");
        for (int i = 0; i < n; i++) {
            sb.append(' ').append(Integer.toHexString(d[i]));
        }
        dump.print(sb.append(" ]\n"));
    }

    /** hvm_vmexit_process. */
    void vmexit(Data h, int event, int[] d, int n, long tsc) {
        if (badExtraWords(event, d, n, event == TraceEvents.TRC_HVM_VMEXIT64 ? 3 : 2, "vmexit")) {
            return;
        }
        h.vmexitValid = true;
        h.inflightWord0(0);
        h.crInflightVal = 0;
        h.mmioGpa = 0;
        h.mmioWrite = false;
        h.mmioDataValid = false;
        h.mmioVa = 0;
        shadow.vmexitStart(h, event == TraceEvents.TRC_HVM_VMEXIT64);
        int reason = d[0];
        long rip = event == TraceEvents.TRC_HVM_VMEXIT64 ? (d[1] & 0xffffffffL) | ((long) d[2] << 32)
                : d[1] & 0xffffffffL;
        if (event == TraceEvents.TRC_HVM_VMEXIT64 && !validAddress64(rip)) {
            warn.print("hvm_vmexit_process: invalid va " + Long.toHexString(rip) + "\n");
        }
        h.rip = rip;
        // xenalyze keeps an out-of-range reason when its tolerance lets it go on (and then indexes its tables with
        // it); reasons past its largest table are clipped here, where xenalyze's behaviour is undefined
        h.exitReason = Integer.compareUnsigned(reason, EXIT_REASON_LIMIT - 1) > 0 ? EXIT_REASON_LIMIT - 1 : reason;
        if (Integer.compareUnsigned(reason, h.exitReasonMax) > 0) {
            warn.print("h->exit_reason " + Integer.toHexString(reason) + " > exit_reason_max "
                    + Integer.toHexString(h.exitReasonMax) + "!\n");
            if (errors.stops(ErrorLevels.RECORD)) {
                warn.print(DumpFormats.generic(header, event, d, n)); // error(ERR_RECORD, ri) dumps the record
            }
            errors.error(ErrorLevels.RECORD, "exit reason 0x" + Integer.toHexString(reason) + " above "
                    + (svm ? "SVM" : "VMX") + " maximum 0x" + Integer.toHexString(h.exitReasonMax)
                    + (svm ? "" : " (an AMD trace needs --svm-mode)"));
            return;
        }
        if (dump != null) {
            String name = Integer.compareUnsigned(reason, h.exitReasonMax) < 0 ? h.exitReasonName[reason] : null;
            out("]" + header + " vmexit exit_reason " + (name != null ? name : Integer.toHexString(reason)) + " eip "
                    + Long.toHexString(rip) + symbols.find(rip) + "\n");
        }
        cr3.vmexit(h, tsc);
        h.exitTsc = tsc;
        shadow.vmexitAccepted(h);
        h.post = Post.GENERIC;
        h.inflightEvent = 0;
    }

    /** hvm_vmentry_process. */
    void vmentry(Data h, long tsc) {
        vlapic.vmentry(h.v, tsc);
        if (h.waking) {
            out(" [w2h] " + dv(h) + " Finishing waking\n");
        }
        h.waking = false;
        if (h.interruptsWantingTsc != 0) {
            for (int i = 0; i < GUEST_INTERRUPT_MAX; i++) {
                if (h.giStartTsc[i] == 1) {
                    out(" [w2h] " + dv(h) + " Setting vec " + i + " tsc to " + tsc + "\n");
                    h.giStartTsc[i] = tsc;
                    h.interruptsWantingTsc--;
                    if (h.interruptsWantingTsc == 0) {
                        break;
                    }
                }
            }
        }
        if (!h.vmexitValid) {
            out("!" + header + " vmentry\n");
            return;
        }
        if (dump != null) {
            long arc = tsc - h.exitTsc;
            out("]" + header + " vmentry cycles " + arc + " " + (Long.compareUnsigned(arc, 10000) > 0 ? "!" : "")
                    + "\n");
        }
        closeVmexit(h, tsc);
        h.entryTsc = tsc;
    }

    /** hvm_close_vmexit. */
    void closeVmexit(Data h, long tsc) {
        if (h.exitTsc != 0) {
            if (Long.compareUnsigned(h.exitTsc, tsc) > 0) {
                h.arcCycles = 0;
            } else {
                h.arcCycles = tsc - h.exitTsc;
                h.exitSummary[h.exitReason].update(h.arcCycles);
                h.summaryInfo = true;
            }
        }
        switch (h.post) {
            case GENERIC -> genericPost(h);
            case PAGING -> shadow.postprocess(h);
            case MSR -> {
                // hvm_msr_*_postprocess registers printers that print nothing
            }
            case IO_READ, IO_WRITE -> h.pio.computeIfAbsent(h.ioPort, k -> Model.summaries(2, h.v.d.sampling))[h.post == Post.IO_WRITE
                    ? 1 : 0].update(h.arcCycles);
            case MMIO -> {
                int reason;
                if (h.exitReason == 1024 || h.exitReason == 48) {
                    reason = 1;
                } else if (h.exitReason == 44) {
                    reason = 0;
                } else {
                    if (!mmioWarned) {
                        warn.print("hvm_mmio_assist_postprocess: Strange, MMIO with unexpected exit reason "
                                + h.exitReason + "\n");
                        mmioWarned = true;
                    }
                    reason = 2;
                }
                if (!mmioDone[reason]) {
                    h.register(new Handler(Printer.MMIO, reason));
                    mmioDone[reason] = true;
                }
                h.mmio[reason].update(h.arcCycles);
                if (mmioEnumeration) {
                    enumerateMmio(h);
                }
            }
            case VMCALL -> {
                h.vmcall[Integer.compareUnsigned(h.vmcallEax, 38) < 0 ? h.vmcallEax : 38].update(h.arcCycles);
                if (!vmcallDone) {
                    h.register(new Handler(Printer.VMCALL, 0));
                    vmcallDone = true;
                }
            }
            case CR_WRITE -> crWrites.postprocess(h, summaryInfo);
            default -> {
                // none
            }
        }
        cr3.closeVmexit(h);
        h.exitTsc = 0;
        h.vmexitValid = false;
        h.post = Post.NONE;
    }

    /** xenalyze's is_valid_addr64: the bits above the 48-bit address space repeat bit 47. */
    private static boolean validAddress64(long va) {
        long upper = va & ~((1L << ADDR_SPACE_BITS) - 1);
        return (va & (1L << 47)) != 0 ? upper == ~((1L << ADDR_SPACE_BITS) - 1) : upper == 0;
    }

    /** xenalyze's enumerate_mmio (also called by the shadow MMIO post-processing). */
    void enumerateMmio(Data h) {
        if (mmioSkipVga && h.mmioGpa >= 0xa0000L && h.mmioGpa < 0xbffffL) {
            if (!vgaWarned) {
                warn.print("WARNING: Not enumerationg MMIO in VGA range.  Use --mmio-enumeration-skip-vga=0 to"
                        + " override.\n");
                vgaWarned = true;
            }
            return;
        }
        if (h.mmioDataValid) {
            h.mmioAddresses.computeIfAbsent((int) h.mmioGpa, k -> {
                h.mmioAddressVa.put(k, (int) h.mmioVa);
                return Model.summaries(2, h.v.d.sampling);
            })[h.mmioWrite ? 1 : 0].update(h.arcCycles);
        }
    }

    private void genericPost(Data h) {
        int evt = 0;
        if (h.inflightEvent != 0) {
            evt = (h.inflightEvent - TraceEvents.TRC_HVM_HANDLER) & ~(0x100 | 0x200);
        } else {
            if (!svm && (h.exitReason == 7 || h.exitReason == 43 || h.exitReason == 54)) {
                return;
            }
            if (!warnedMissing[h.exitReason]) {
                String name = Integer.compareUnsigned(h.exitReason, h.exitReasonMax) > 0 ? "[clipped]"
                        : String.valueOf(h.exitReasonName[h.exitReason]);
                warn.print("hvm_generic_postprocess: Strange, exit " + Integer.toHexString(h.exitReason) + "("
                        + name + ") missing a handler\n");
                warnedMissing[h.exitReason] = true;
            }
        }
        if (!summaryInfo) {
            return;
        }
        if (evt >= HANDLER_MAX || evt < 0) {
            warn.print("hvm_generic_postprocess: invalid hvm event " + Integer.toHexString(evt) + "("
                    + Integer.toHexString(h.inflightEvent) + ")\n");
            errors.error(ErrorLevels.RECORD, "invalid hvm event " + Integer.toHexString(evt));
            return;
        }
        h.generic[evt].update(h.arcCycles);
        if (registered[evt] != 0) {
            if (registered[evt] != h.exitReason + 1 && !warnedTwice[h.exitReason]) {
                warn.print("hvm_generic_postprocess: HVM evt " + Integer.toHexString(evt) + " in "
                        + Integer.toHexString(registered[evt] - 1) + " and " + Integer.toHexString(h.exitReason)
                        + "!\n");
                warnedTwice[h.exitReason] = true;
            }
        } else {
            h.register(new Handler(Printer.GENERIC, evt));
            registered[evt] = h.exitReason + 1;
        }
    }

    /** hvm_handler_process. */
    void handler(Data h, int event, int[] d, int n) {
        switch (event) {
            case TraceEvents.TRC_HVM_PF_INJECT, TraceEvents.TRC_HVM_PF_INJECT64 -> {
                boolean is64 = event == TraceEvents.TRC_HVM_PF_INJECT64;
                long cr2 = is64 ? (d[1] & 0xffffffffL) | ((long) d[2] << 32) : d[1] & 0xffffffffL;
                out(" " + timeAndPcpu + " pf_inject" + (is64 ? "64" : "") + " guest_cr2 " + Long.toHexString(cr2)
                        + "  guest_ec " + Integer.toHexString(d[0]) + "\n");
                return;
            }
            case TraceEvents.TRC_HVM_REINJ_VIRQ -> {
                out(" " + timeAndPcpu + " inj_virq vec " + Integer.toUnsignedString(d[0]) + "\n");
                return;
            }
            case TraceEvents.TRC_HVM_INJ_EXC -> {
                out(" " + timeAndPcpu + " inj_exc trap " + (Integer.compareUnsigned(d[0], 20) < 0 ? TRAP_NAME[d[0]]
                        : Integer.toUnsignedString(d[0])) + " ec " + Integer.toHexString(d[1]) + "\n");
                return;
            }
            case TraceEvents.TRC_HVM_INTR_WINDOW -> {
                String[] src = {"none", "pic", "lapic", "nmi", "mce", "vector"};
                out(" " + header + " intr_window vec " + Integer.toUnsignedString(d[0]) + " src "
                        + Integer.toUnsignedString(d[1]) + "(" + (Integer.compareUnsigned(d[1], 6) < 0 ? src[d[1]]
                        : "?") + ") " + (d[2] > 0 ? "intr " + Integer.toHexString(d[2]) + "\n" : "intr #\n"));
                return;
            }
            case TraceEvents.TRC_HVM_INJ_VIRQ -> {
                injVirq(h, d);
                return;
            }
            case TraceEvents.TRC_HVM_HANDLER + 0x100 -> { // xenalyze's TRC_HVM_OP_DESTROY_PROC
                cr3.destroyProc(h);
                out(" " + timeAndPcpu + " destroy_proc cur_cr3 " + Long.toHexString(h.v.cr3.val) + "\n");
                return;
            }
            default -> {
                // needs a vmexit
            }
        }
        if (!h.vmexitValid) {
            genericDump(event, d, n, "!");
            return;
        }
        h.eventHandler = event - TraceEvents.TRC_HVM_HANDLER;
        switch (event) {
            case TraceEvents.TRC_HVM_INTR -> {
                int vec = svm ? 0 : d[0];
                long top = h.rip >>> ADDR_SPACE_BITS;
                if (top != 0 && top != (-1L >>> ADDR_SPACE_BITS)) {
                    stderr.print("Unexpected rip " + Long.toHexString(h.rip) + " (shift " + Long.toHexString(top)
                            + ")\n");
                    errors.error(ErrorLevels.RECORD, "interrupt with unexpected rip " + Long.toHexString(h.rip));
                }
                if (dump != null) {
                    out(" " + header + " intr vec " + (Integer.compareUnsigned(vec, EXTERNAL_INTERRUPT_MAX) < 0
                            && EXTINT_NAME[vec] != null ? EXTINT_NAME[vec] + "(" + Integer.toHexString(vec) + ")"
                            : Integer.toHexString(vec)) + "\n");
                }
                h.post = Post.NONE;
                if (!intrDone) {
                    h.register(new Handler(Printer.INTR, 0));
                    intrDone = true;
                }
                if (interruptEipVector != XenalyzeOptions.OFF && vec == interruptEipVector) {
                    h.v.d.interruptEips.merge(h.rip & ((1L << ADDR_SPACE_BITS) - 1), 1, Integer::sum);
                }
                h.extint[Integer.compareUnsigned(vec, EXTERNAL_INTERRUPT_MAX) < 0 ? vec : EXTERNAL_INTERRUPT_MAX]++;
            }
            case TraceEvents.TRC_HVM_MSR_WRITE, TraceEvents.TRC_HVM_MSR_READ -> {
                if (badExtraWords(event, d, n, 3, event == TraceEvents.TRC_HVM_MSR_WRITE ? "msr_write"
                        : "msr_read")) {
                    return;
                }
                if (dump != null) {
                    out(" " + header + (event == TraceEvents.TRC_HVM_MSR_WRITE ? " msr_write" : " msr_read")
                            + " addr " + Integer.toHexString(d[0]) + " val "
                            + Long.toHexString((d[1] & 0xffffffffL) | ((long) d[2] << 32)) + "\n");
                }
                h.inflightWord0(d[0]);
                h.crInflightVal = (d[1] & 0xffffffffL) | ((long) d[2] << 32);
                if (h.post == Post.NONE || h.post == Post.GENERIC) {
                    h.post = Post.MSR;
                    boolean write = event == TraceEvents.TRC_HVM_MSR_WRITE;
                    if (write ? !msrWriteDone : !msrReadDone) {
                        h.register(new Handler(Printer.MSR, write ? 1 : 0));
                        if (write) {
                            msrWriteDone = true;
                        } else {
                            msrReadDone = true;
                        }
                    }
                } else {
                    warn.print("hvm_msr_" + (event == TraceEvents.TRC_HVM_MSR_WRITE ? "write" : "read")
                            + "_process: Strange, postprocess already set\n");
                }
            }
            case TraceEvents.TRC_HVM_VMMCALL -> {
                if (dump != null) {
                    out(" " + header + String.format(" vmcall %2x", d[0]) + (Integer.compareUnsigned(d[0], 38) < 0
                            ? " (" + (PvData.HYPERCALL_NAME[d[0]] == null ? "(null)" : PvData.HYPERCALL_NAME[d[0]])
                            + ")" : "") + "\n");
                }
                h.inflightWord0(d[0]);
                if (h.post == Post.NONE || h.post == Post.GENERIC) {
                    h.post = Post.VMCALL;
                } else {
                    warn.print("hvm_vmcall_process: Strange, postprocess already set\n");
                }
            }
            case TraceEvents.TRC_HVM_RDTSC -> {
                long t = (d[0] & 0xffffffffL) | ((long) d[1] << 32);
                out(" " + header + " rdtsc " + Long.toHexString(t) + " " + t + " "
                        + (Long.compareUnsigned(h.lastRdtsc, t) > 0 ? "BACKWARDS" : "") + "\n");
                h.lastRdtsc = t;
            }
            case TraceEvents.TRC_HVM_IOPORT_READ, TraceEvents.TRC_HVM_IOPORT_WRITE -> {
                boolean write = ((event >>> 9) & 3) != 0;
                h.inflightWord0((d[0] & 0x7fffffff) | (write ? 0x80000000 : 0));
                out(" " + header + " io " + (write ? "write" : "read") + " port " + Integer.toHexString(d[0])
                        + " val " + Integer.toHexString(d[1]) + "\n");
                if (h.post == Post.NONE || h.post == Post.GENERIC) {
                    h.post = write ? Post.IO_WRITE : Post.IO_READ;
                } else {
                    warn.print("hvm_io_assist_process: Strange, postprocess already set\n");
                }
            }
            case TraceEvents.TRC_HVM_IOMEM_READ, TraceEvents.TRC_HVM_IOMEM_WRITE,
                    TraceEvents.TRC_HVM_IOMEM_READ | 0x100, TraceEvents.TRC_HVM_IOMEM_WRITE | 0x100 -> {
                boolean x64 = (event & 0x100) != 0;
                long gpa = x64 ? (d[0] & 0xffffffffL) | ((long) d[1] << 32) : d[0] & 0xffffffffL;
                // xenalyze compares the record's size with its C structure's, padded to 16 bytes in the 64-bit case
                boolean valid = n * 4 == (x64 ? 16 : 8);
                int data = x64 ? d[2] : d[1];
                char rw = ((event >>> 9) & 3) != 0 ? 'w' : 'r';
                h.mmioGpa = gpa;
                h.mmioWrite = ((event >>> 9) & 1) != 0;
                h.mmioDataValid = valid;
                out("]" + header + " mmio_assist " + rw + " gpa " + Long.toHexString(gpa)
                        + (valid ? " data " + Integer.toHexString(data) + "\n" : " (no data)\n"));
                if ((gpa & 0xfffff000L) == 0xfee00000L) {
                    vlapic.mmio(h, gpa, h.mmioWrite, data);
                }
                if (h.post == Post.NONE || h.post == Post.GENERIC) {
                    h.post = Post.MMIO;
                }
            }
            case TraceEvents.TRC_HVM_NPF -> {
                out(" " + header + " npf gpa " + Long.toHexString((d[0] & 0xffffffffL) | ((long) d[1] << 32)) + " q "
                        + Integer.toHexString(d[4]) + " mfn " + Long.toHexString((d[2] & 0xffffffffL)
                        | ((long) d[3] << 32)) + " t " + d[5] + "\n");
                genericInit(h, event);
            }
            case TraceEvents.TRC_HVM_PF_XEN, TraceEvents.TRC_HVM_PF_XEN64 -> shadow.pfXen(h, event, d);
            case TraceEvents.TRC_HVM_CR_WRITE, TraceEvents.TRC_HVM_CR_WRITE64 -> crWrites.process(h, event, d, dump,
                    header);
            default -> {
                genericDump(event, d, n, "]");
                genericInit(h, event);
            }
        }
    }

    /** hvm_generic_postprocess_init, which xenalyze calls only when it gathers summary information. */
    private void genericInit(Data h, int event) {
        if (!summaryInfo) {
            return;
        }
        if (h.post != Post.GENERIC) {
            warn.print("hvm_generic_postprocess_init: Strange, h->postprocess set!\n");
        }
        h.inflightWord0(event);
    }

    private void injVirq(Data h, int[] d) {
        int vector = d[0];
        out(" " + header + " inj_virq vec " + Integer.toUnsignedString(vector) + "  " + (d[1] != 0 ? "fake" : "real")
                + "\n");
        int slot = Integer.compareUnsigned(vector, GUEST_INTERRUPT_MAX) >= 0 ? GUEST_INTERRUPT_MAX : vector;
        h.giCount[slot]++;
        if (Integer.compareUnsigned(vector, GUEST_INTERRUPT_MAX) < 0) {
            if (h.waking && h.wakeVector == 0) {
                if (h.giStartTsc[vector] != 0) {
                    warn.print("Strange, d" + h.v.d.did + "v" + h.v.vid + " waking && wake_vector 0 but vec "
                            + vector + " start_tsc " + h.giStartTsc[vector] + "!\n");
                    errors.error(ErrorLevels.WARN, "d" + h.v.d.did + "v" + h.v.vid
                            + " waking with wake_vector 0 but an interrupt already started");
                }
                if (h.interrupts != 0) {
                    warn.print("Strange, waking && wake_vector 0 but interrupts_this_wait_to_halt " + h.interrupts
                            + "!\n");
                }
                out(" [w2h] " + dv(h) + " Setting wake_vector " + vector + "\n");
                h.wakeVector = svm && d[1] != 0 ? FAKE_VECTOR : vector;
                h.giIsWake[vector] = true;
            }
            if (h.giStartTsc[vector] == 0) {
                h.giStartTsc[vector] = 1;
                h.interruptsWantingTsc++;
                h.interrupts++;
                out(" [w2h] " + dv(h) + " Starting vec " + vector + "\n");
            }
        }
        vlapic.inject(h.v, vector);
    }

    /** The HVM part of sched_runstate_process, after the start-of-day check. */
    void runstate(Data h, boolean lost, int oldRunstate, int newRunstate, long tsc) {
        if (newRunstate == Model.RUNSTATE_RUNNABLE && h.vmexitValid) {
            closeVmexit(h, tsc);
        }
        if (lost) {
            return;
        }
        if (newRunstate == Model.RUNSTATE_RUNNABLE && oldRunstate == Model.RUNSTATE_BLOCKED) {
            out(" [w2h] " + dv(h) + " Setting waking\n");
            h.waking = true;
        } else if (newRunstate != Model.RUNSTATE_RUNNING || oldRunstate != Model.RUNSTATE_RUNNABLE) {
            if (h.waking && oldRunstate == Model.RUNSTATE_RUNNING && newRunstate != Model.RUNSTATE_OFFLINE) {
                h.waking = false;
            }
            if (newRunstate == Model.RUNSTATE_BLOCKED && oldRunstate == Model.RUNSTATE_RUNNING
                    && h.interrupts != 0) {
                for (int i = 0; i < GUEST_INTERRUPT_MAX; i++) {
                    long start = h.giStartTsc[i];
                    if (start != 0) {
                        long t = start == 1 ? 0 : tsc - start;
                        out(" [w2h] Halting vec " + i + " is_wake " + (h.giIsWake[i] ? 1 : 0) + " time " + t + "\n");
                        if (t != 0) {
                            if (h.giIsWake[i]) {
                                if (h.interrupts == 1) {
                                    h.runtime(i, 1).update(t);
                                }
                                h.runtime(i, 2).update(t);
                            } else {
                                h.runtime(i, 3).update(t);
                            }
                        }
                        h.giStartTsc[i] = 0;
                        h.giIsWake[i] = false;
                    }
                }
                h.interrupts = 0;
                h.wakeVector = 0;
            }
        }
    }

    /** The HVM part of lose_vcpu. */
    void lose(Data h) {
        out(" [w2h] Clearing w2h state for " + dv(h) + "\n");
        h.vmexitValid = false;
        h.interrupts = 0;
        h.wakeVector = 0;
        h.waking = false;
        for (int i = 0; i < GUEST_INTERRUPT_MAX; i++) {
            if (h.giStartTsc[i] != 0) {
                out("  Interrupt " + i + " clearing start_tsc " + h.giStartTsc[i] + "\n");
            }
            h.giStartTsc[i] = 0;
        }
    }
}
