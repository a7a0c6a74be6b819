package org.xenwb.trace.core.xenalyze;

import static org.xenwb.trace.core.xenalyze.Model.*;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;

import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.format.TraceFormatException;
import org.xenwb.trace.core.read.TraceReader;
import org.xenwb.trace.core.xenalyze.Model.Domain;
import org.xenwb.trace.core.xenalyze.Model.Pcpu;
import org.xenwb.trace.core.xenalyze.Model.Vcpu;

/**
 * xenalyze's analysis, reproduced: processes the merged stream of a {@link TraceReader} (which already follows
 * xenalyze's processing order) with xenalyze's scheduling, lost-record, PV, memory and hardware models, and prints
 * either the report of {@code xenalyze --summary} (and {@code --report-pcpu}) with {@link #printTo(PrintWriter)},
 * or, built with {@link #forDumpAll(XenalyzeOptions, Writer)}, the stream of {@code xenalyze --dump-all}.
 *
 * <p>Reproduced byte for byte (checked against /usr/bin/xenalyze on every capture of the shared data and on simulated
 * traces): total time, log volume, per-domain runstates, grant-table and populate-on-demand counts, per-vCPU
 * runstates with the runnable breakdown and CPU affinity, PV events with hypercall and trap counts, HVM exit
 * reasons with their handler statistics (interrupts, HLT, MSR, VMMCALL, RDTSC, I/O ports, MMIO, nested page faults
 * and the generic handlers), the virtual LAPIC's IPIs and EOIs, guest interrupt counts with wake-to-halt times, the
 * I/O address summary, the per-pCPU report, and every line of --dump-all including xenalyze's interleaved diagnostics. The report-shaping options of
 * {@link XenalyzeOptions} are followed (sample sizes, the default domain, interrupt-address, MMIO and CR3
 * enumerations, symbol files, default guest paging levels, and the error tolerance: at each of xenalyze's error
 * sites the analysis carries on as xenalyze does after the call, or stops). CR writes are reproduced with xenalyze's
 * CR3 tracking (per-CR statistics, CR3 switches and flushes, the per-domain CR3 lists with guest and hypervisor
 * time), and so are shadow paging (the shadow records and PF_XEN page faults with their page-fault reports and each
 * domain's emulate address list, see {@link Shadow}), the virtual LAPIC's IPIs ({@link VlapicModel}) and
 * populate-on-demand records ({@link PopulateOnDemand}). Not reproduced: populate-on-demand orders that make
 * xenalyze count outside its tables (Xen never writes them); {@link #hasUnsupportedContent()} tells when a trace has
 * such records.</p>
 *
 * <p>Where xenalyze stops with an error, the analysis stops too ({@link #abortReason()}), so the output stays the
 * same as xenalyze's. Where xenalyze never ends (on some corrupt records at a tolerance of 5 or more it loops on the
 * same record for ever), the analysis goes on to the end of the file. Memory: the reading is constant-size; the
 * summary keeps xenalyze's samples (up to 32M intervals of 8 bytes per statistic, as xenalyze does). Not thread-safe; one instance per run.</p>
 */
public final class XenalyzeAnalysis {

    private static final String[] TOPLEVEL_NAMES = {"gen", "sched", "dom0op", "hvm", "mem", "pv", "shadow", "hw"};
    private static final int CSTATE_MAX = 5;
    private static final int CSTATE_INVALID = CSTATE_MAX + 1;

    private final XenalyzeOptions options;
    private final ErrorLevels errors;
    private final SchedState state;
    private final StringBuilder stdout = new StringBuilder();
    private final PrintWriter warn;
    /** Non-null in --dump-all mode: where the dump (and, as in xenalyze, the warnings) go. */
    private final PrintWriter dump;
    private final long cpuQhz;
    private String header = "";
    private Hvm hvmModel;
    private final PopulateOnDemand pod;
    private long r0Tsc;
    private int currentEvent;
    private int currentExtraCount;
    private final int[] extra = new int[7];
    private long firstTsc;
    private long lastTsc;
    private long totalCycles;
    private boolean unsupported;
    private String aborted;
    private List<TraceFormatException> problems = List.of();
    private int[] powerState = new int[0];

    /**
     * A summary with given options; diagnostics are discarded.
     *
     * @param options xenalyze's options
     */
    public XenalyzeAnalysis(XenalyzeOptions options) {
        this(options, Writer.nullWriter());
    }

    /**
     * A summary with given options.
     *
     * @param options xenalyze's options
     * @param diagnostics where xenalyze's warnings go (its stderr)
     */
    public XenalyzeAnalysis(XenalyzeOptions options, Writer diagnostics) {
        this(options, new PrintWriter(diagnostics), null);
    }

    private XenalyzeAnalysis(XenalyzeOptions options, PrintWriter warn, PrintWriter dump) {
        this.options = options;
        this.warn = warn;
        this.dump = dump;
        this.cpuQhz = (options.cpuHz() << 10) / 1_000_000_000L;
        this.errors = new ErrorLevels(options.effectiveTolerance());
        // xenalyze's standard error is its warning stream in summary mode; --dump-all keeps only standard output
        PrintWriter stderr = dump == null ? warn : new PrintWriter(Writer.nullWriter());
        this.state = new SchedState(warn, dump, dump != null, options.sampling(), errors, stderr,
                options.defaultGuestPagingLevels());
        this.hvmModel = new Hvm(options.svmMode(), warn, stderr, errors, options);
        this.pod = new PopulateOnDemand(warn, dump);
        if (options.tolerance() != XenalyzeOptions.OFF) {
            String line = "Tolerating errors at or below " + options.tolerance() + "\n";
            if (dump != null) {
                dump.print(line);
            } else {
                stdout.append(line);
            }
        }
        this.hvmModel.dump = dump;
        this.hvmModel.summaryInfo = dump == null;
        this.state.hvm = hvmModel;
    }

    /**
     * An analysis that prints what {@code xenalyze --dump-all} prints, while it processes the records: one or more
     * lines per record, and xenalyze's diagnostics interleaved (xenalyze sends them to standard output in this
     * mode). The output is streamed, never accumulated.
     *
     * @param options xenalyze's options ({@link XenalyzeOptions#reportPcpu()} appends the per-pCPU report at the end,
     *        as {@code xenalyze --dump-all --report-pcpu} does)
     * @param out where the dump goes
     * @return the analysis; call {@link #process(TraceReader)}
     */
    public static XenalyzeAnalysis forDumpAll(XenalyzeOptions options, Writer out) {
        PrintWriter w = out instanceof PrintWriter pw ? pw : new PrintWriter(out);
        return new XenalyzeAnalysis(options, w, w);
    }

    /**
     * Consumes the whole stream. Where xenalyze would stop with an error, processing stops too and
     * {@link #abortReason()} says why.
     *
     * @param reader a reader positioned at the start; open it with {@link TraceReader#openLikeXenalyze} to get
     *        xenalyze's output on truncated files too
     */
    public void process(TraceReader reader) {
        try {
            while (reader.next()) {
                switch (reader.kind()) {
                    case PCPU_ACTIVATED -> {
                        warn.print((reader.activatedByCpuChange() ? "process_cpu_change" : "scan_for_new_pcpu")
                                + ": Activating pcpu " + reader.cpu() + " at offset " + reader.offset() + "\n");
                        state.activatePcpu(reader.cpu());
                    }
                    case INITIAL_SCAN_DONE -> warn.print("init_pcpus: through first trace write, done for now.\n");
                    case PCPU_DEACTIVATED -> {
                        if (reader.deactivatedPastLastEpoch()) {
                            warn.print("process_cpu_change: early_eof activated, pcpu " + reader.cpu()
                                    + " past last_epoch_offset " + Long.toHexString(reader.offset())
                                    + ", deactivating.\n");
                        } else {
                            warn.print("read_record: read returned zero, deactivating pcpu " + reader.cpu() + "\n");
                        }
                        state.deactivatePcpu(reader.cpu());
                    }
                    case EARLY_EOF -> warn.print("Short cpu_change window, activating early_eof\n");
                    case XENALYZE_STOPS -> {
                        if (reader.offset() + 4 > reader.fileSize()) {
                            throw new XenalyzeAbort("short read of a record header at byte offset " + reader.offset());
                        }
                        warn.print("scan_for_new_pcpu: Activating pcpu " + reader.cpu() + " at offset "
                                + reader.offset() + "\n");
                        throw new XenalyzeAbort("assertion in record_order_insert: pCPU " + reader.cpu()
                                + " re-activated while still queued (truncated file)");
                    }
                    case PCPU_MARKED_INACTIVE -> {
                        warn.print(" deactivating pid " + reader.cpu() + "\n");
                        state.pcpu(reader.cpu()).active = false;
                    }
                    case RECORD -> record(reader);
                    default -> throw new IllegalStateException();
                }
            }
        } catch (XenalyzeAbort e) {
            aborted = e.getMessage();
            if (dump == null) {
                warn.print("xenalyze would stop here: " + aborted + "\n");
            }
        }
        if (dump != null && aborted == null && options.reportPcpu()) {
            // xenalyze --dump-all --report-pcpu: the per-pCPU report follows the dump
            StringBuilder sb = new StringBuilder();
            reportPcpu(sb);
            dump.print(sb);
        }
        warn.flush();
        problems = reader.problems();
    }

    private void record(TraceReader r) {
        Pcpu p = state.pcpu(r.cpu());
        boolean lostEnd = r.isLostRecordsEnd();
        int event = lostEnd ? TraceEvents.TRC_GEN + 50 : r.event();
        int n = r.extraCount();
        for (int i = 0; i < n; i++) {
            extra[i] = r.extra(i);
        }
        if (dump != null || ((event >>> 16) & 0xff) == 0x10) {
            // xenalyze formats some records (and counts memory records) from a fixed structure: words past the
            // record are the file's next bytes
            for (int i = n; i < extra.length; i++) {
                extra[i] = r.payloadWord(i);
            }
        }
        if (r.hasTsc() && !lostEnd) {
            if (p.firstTsc == 0) {
                p.firstTsc = r.tsc();
            }
            p.lastTsc = r.tsc();
        }
        p.summary = true;
        long tsc = r.tsc();
        if (tsc != 0 && Long.compareUnsigned(tsc, firstTsc) >= 0) {
            long order = r.orderTsc();
            if (firstTsc == 0) {
                firstTsc = order;
            }
            lastTsc = order;
            totalCycles = lastTsc - firstTsc;
        }
        hvmModel.cr3.now = lastTsc;
        if (dump != null) {
            header = createDumpHeader(tsc, p);
            hvmModel.header = header;
        }
        int main = (event >>> 16) & 0xfff;
        if (Integer.bitCount(main & 0xff) != 1) {
            warn.print(String.format("FATAL: unexpected number bits(%d) in evt.main! event %x main %x sub %x minor %x",
                    Integer.bitCount(main & 0xff), event, main, (event >>> 12) & 0xf, event & 0xfff) + "\n");
            errors.error(ErrorLevels.RECORD, String.format("unexpected event class bits in event 0x%x", event));
            return;
        }
        int toplevel = Integer.numberOfTrailingZeros(main);
        currentEvent = event;
        currentExtraCount = n;
        int sub = (event >>> 12) & 0xf;
        if (assertCheck(toplevel, p)) {
            switch (toplevel) {
                case 0 -> {
                    if (event == TraceEvents.TRC_LOST_RECORDS) {
                        state.lostRecords(p, extra, n, header);
                    } else if (lostEnd) {
                        state.lostRecordsEnd(p, tsc);
                    } else if (event != TraceEvents.TRC_TRACE_WRAP_BUFFER) {
                        strictIfGeneric(DumpFormats.generic(header, event, extra, n), event, n);
                        if (dump != null) {
                            dumpLine(DumpFormats.generic(header, event, extra, n));
                        }
                    }
                }
                case 1 -> {
                    if (sub == 1) {
                        state.runstateProcess(p, event, extra, n, tsc, header);
                    } else if (errors.stops(ErrorLevels.STRICT)
                            && !(sub == 0xf && event == TraceEvents.TRC_SCHED_SWITCH)) {
                        strictIfGeneric(DumpFormats.sched(header, event, extra, n), event, n);
                    }
                    if (sub != 1 && dump != null) {
                        if (sub == 0xf && event == TraceEvents.TRC_SCHED_SWITCH) {
                            throw new XenalyzeAbort("legacy sched_switch records are not supported");
                        }
                        if (dump != null) {
                            dumpLine(DumpFormats.sched(header, event, extra, n));
                        }
                    }
                }
                case 3 -> {
                    r0Tsc = tsc;
                    hvm(p, event, n, r.sizeInBytes());
                }
                case 6 -> {
                    setDataType(p.current, DATA_HVM);
                    hvmModel.shadow.shadow(p.current.hvm, event, extra, n);
                }
                case 4 -> {
                    if (PopulateOnDemand.handles(event & 0xfff)) {
                        pod.process(p.current, event & 0xfff, extra, header);
                    } else {
                        mem(p, event, n);
                        if (dump != null) {
                            dumpLine(DumpFormats.mem(header, event, extra, n));
                        }
                    }
                }
                case 5 -> {
                    setDataType(p.current, DATA_PV);
                    p.current.pv.process(event, extra, n);
                    if (dump != null) {
                        dumpLine(DumpFormats.pv(header, event, extra, n));
                    }
                }
                case 7 -> {
                    if (dump != null) {
                        dumpLine(DumpFormats.hw(header, event, extra, n));
                    }
                    hw(p, event, n);
                }
                default -> {
                    if (errors.stops(ErrorLevels.STRICT)) {
                        strictIfGeneric(DumpFormats.dom0(header, event, extra, n), event, n);
                    }
                    if (dump != null) {
                        dumpLine(DumpFormats.dom0(header, event, extra, n));
                    }
                }
            }
        }
        p.volume[toplevel] += r.sizeInBytes();
        if (event == TraceEvents.TRC_LOST_RECORDS && Long.compareUnsigned(tsc, r.orderTsc()) <= 0) {
            // process_records: the second pass of a lost record must come later than the first
            warn.print("Strange, lost_record ri->tsc " + tsc + " !> p->order_tsc " + r.orderTsc() + "!\n");
            errors.error(ErrorLevels.FILE, "lost record TSC " + tsc + " not after its first lost TSC "
                    + r.orderTsc());
        }
        if (toplevel == 1 && sub != 0xf && sub != 1 && sub != 8 && sub != 2) {
            p.volume[TOPLEVEL_NAMES.length] += r.sizeInBytes();
        }
    }

    /**
     * xenalyze's process_generic, for records it has no analysis for: an ERR_STRICT error, which stops it only at
     * {@code --tolerance=0}.
     *
     * @param formatted the record's --dump-all line; process_generic is what prints the generic form
     */
    private void strictIfGeneric(String formatted, int event, int n) {
        if (!errors.stops(ErrorLevels.STRICT)) {
            return;
        }
        String generic = DumpFormats.generic(header, event, extra, n);
        if (generic.equals(formatted)) {
            warn.print(generic);
            errors.error(ErrorLevels.STRICT, String.format("record 0x%x has no analysis (--tolerance=0)", event));
        }
    }

    /** xenalyze's hvm_process. */
    private void hvm(Pcpu p, int event, int n, int size) {
        setDataType(p.current, DATA_HVM);
        hvmModel.vlapic.setClock(lastTsc, firstTsc);
        Hvm.Data h = p.current.hvm;
        if (((event >>> 12) & 0xf) == 2) {
            p.volume[11] += size;
            hvmModel.handler(h, event, extra, n);
        } else if (event == TraceEvents.TRC_HVM_VMEXIT || event == TraceEvents.TRC_HVM_VMEXIT64) {
            p.volume[10] += size;
            hvmModel.vmexit(h, event, extra, n, r0Tsc);
        } else if (event == TraceEvents.TRC_HVM_VMENTRY) {
            p.volume[9] += size;
            hvmModel.vmentry(h, r0Tsc);
        } else {
            warn.print("Unknown hvm event: " + Integer.toHexString(event) + "\n");
        }
    }

    private void dumpLine(String text) {
        if (dump != null && text != null) {
            dump.print(text);
        }
    }

    /** xenalyze's create_dump_header. */
    private String createDumpHeader(long tsc, Pcpu p) {
        StringBuilder sb = new StringBuilder(40);
        long s = 0;
        long ns = 0;
        if (Long.compareUnsigned(tsc, firstTsc) > 0) {
            long time = Long.divideUnsigned((tsc - firstTsc) << 10, cpuQhz);
            s = Long.divideUnsigned(time, 1_000_000_000L) & 0xffffffffL;
            ns = (time - s * 1_000_000_000L) & 0xffffffffL;
            sb.append(String.format("%3d.%09d", s, ns));
        } else {
            sb.append("              ");
        }
        String pcpus = state.pcpuString(p.pid);
        sb.append(' ').append(pcpus);
        hvmModel.timeAndPcpu = String.format("%3d.%09d", s, ns) + " " + pcpus;
        if (p.current != null) {
            sb.append(" d").append(p.current.d.did).append('v').append(p.current.vid);
        } else {
            sb.append(" d?v?");
        }
        return sb.toString();
    }

    private boolean assertCheck(int toplevel, Pcpu p) {
        boolean ok = assertCheck0(toplevel, p);
        if (!ok) {
            warn.print(DumpFormats.generic(header, currentEvent, extra, currentExtraCount));
        }
        return ok;
    }

    private boolean assertCheck0(int toplevel, Pcpu p) {
        if (toplevel != 3 && toplevel != 5 && toplevel != 6) {
            return true;
        }
        if (p.current == null) {
            warn.print("WARNING: p->current null!  Not processing\n");
            return false;
        }
        if (p.current.d.did == IDLE_DOMAIN) {
            warn.print("WARNING: Unexpected record for idle domain! Not processing\n");
            return false;
        }
        int mode = toplevel == 5 ? DATA_PV : DATA_HVM;
        Vcpu v = p.current;
        if (v.dataType != DATA_NONE && v.dataType != mode) {
            warn.print("WARNING: Unexpected vcpu data type for d" + v.d.did + "v" + v.vid + " on proc " + p.pid
                    + "! Expected " + mode + " got " + v.dataType + ". Not processing\n");
            return false;
        }
        return true;
    }

    private void setDataType(Vcpu v, int type) {
        if (v.dataType == DATA_NONE) {
            v.dataType = type;
            if (type == DATA_PV) {
                v.pv = new PvData();
            } else {
                v.hvm = hvmModel.newData(v);
            }
        }
    }

    private void mem(Pcpu p, int event, int n) {
        int minor = event & 0xfff;
        if (MemOps.isHandled(minor) || minor >= MemOps.MEM_MAX || p.current == null) {
            return;
        }
        p.current.d.memDone[minor]++;
        state.domainFind(extra[0]).memDoneFor[minor]++;
    }

    private void hw(Pcpu p, int event, int n) {
        if (powerState.length <= p.pid) {
            int old = powerState.length;
            powerState = java.util.Arrays.copyOf(powerState, p.pid + 1);
            java.util.Arrays.fill(powerState, old, powerState.length, CSTATE_INVALID);
        }
        if (event == TraceEvents.TRC_PM_IDLE_ENTRY) {
            if (Integer.compareUnsigned(extra[0], CSTATE_MAX) <= 0) {
                powerState[p.pid] = extra[0];
                state.draw(p);
            }
        } else if (event == TraceEvents.TRC_PM_IDLE_EXIT) {
            if (powerState[p.pid] != extra[0] && powerState[p.pid] != CSTATE_INVALID) {
                String line = "Strange, pm_idle_end " + extra[0] + ", power_state " + powerState[p.pid] + "!\n";
                if (dump != null) {
                    dump.print(line);
                } else {
                    stdout.append(line);
                }
            }
            powerState[p.pid] = 0;
            state.draw(p);
        }
    }

    /** @return whether the trace has records whose analysis is not reproduced yet (CR writes, LAPIC, PoD) */
    public boolean hasUnsupportedContent() {
        return unsupported || hvmModel.unsupported || pod.unsupported;
    }

    /** @return why xenalyze would have stopped early, or null */
    public String abortReason() {
        return aborted;
    }

    /** @return the reader's format problems */
    public List<TraceFormatException> problems() {
        return problems;
    }

    /** @return the cycles between the first and the last processed TSC, as xenalyze computes them */
    public long totalCycles() {
        return totalCycles;
    }

    /**
     * Prints the report as xenalyze prints it on standard output. Printing computes percentiles, which reorder
     * xenalyze's samples: call it once.
     *
     * @param out destination
     */
    public void printTo(PrintWriter out) {
        StringBuilder sb = new StringBuilder(stdout);
        if (aborted == null) {
            summary(sb);
            if (options.reportPcpu()) {
                reportPcpu(sb);
            }
        }
        out.print(sb);
        out.flush();
    }

    private void summary(StringBuilder sb) {
        sb.append("Total time: ").append(CFormat.fixed(CycleSummary.unsignedToDouble(totalCycles) / options.cpuHz(),
                2)).append(" seconds (using cpu speed ").append(CFormat.cpuHz(options.cpuHz())).append(")\n");
        sb.append("--- Log volume summary ---\n");
        for (Pcpu p : state.pcpus) {
            if (!p.summary) {
                continue;
            }
            sb.append(" - cpu ").append(p.pid).append(" -\n");
            for (int j = 0; j < TOPLEVEL_NAMES.length; j++) {
                if (p.volume[j] != 0) {
                    sb.append(String.format(" %-6s: %10d", TOPLEVEL_NAMES[j], p.volume[j])).append('\n');
                    if (j == 1 && p.volume[TOPLEVEL_NAMES.length] != 0) {
                        sb.append(String.format(" +-verbose: %10d", p.volume[TOPLEVEL_NAMES.length])).append('\n');
                    }
                    if (j == 3) {
                        String[] names = {"vmentry", "vmexit", "handler"};
                        for (int k = 0; k < 3; k++) {
                            if (p.volume[9 + k] != 0) {
                                sb.append(String.format(" +-%-7s: %10d", names[k], p.volume[9 + k])).append('\n');
                            }
                        }
                    }
                }
            }
        }
        if (options.showDefaultDomainSummary()) {
            sb.append("|-- Default domain --|\n");
            for (int i = 0; i < MAX_CPUS; i++) {
                if (state.defaultDomain.vcpu[i] != null) {
                    vcpuSummary(sb, state.defaultDomain.vcpu[i]);
                }
            }
        }
        for (Domain d : state.domains) {
            sb.append("|-- Domain ").append(d.did).append(" --|\n");
            sb.append(" Runstates:\n");
            for (int i = 0; i < DOMAIN_RUNSTATE_MAX; i++) {
                d.runstates[i].printCycleSummary(sb, String.format("  %8s", DOMAIN_RUNSTATE_NAME[i]),
                        options.cpuHz());
            }
            memSummary(sb, d);
            for (int i = 0; i < MAX_CPUS; i++) {
                if (d.vcpu[i] != null) {
                    vcpuSummary(sb, d.vcpu[i]);
                }
            }
            sb.append("Emulate eip list\n");
            PagingReport.emulateEips(sb, d.emulateEips, options.cpuHz(), totalCycles, options.symbols());
            if (options.interruptEipVector() != XenalyzeOptions.OFF) {
                sb.append("Interrupt eip list (vector ").append(options.interruptEipVector()).append(")\n");
                interruptEips(sb, d, options.symbols());
            }
            Cr3Report.print(sb, d, options.cpuHz(), firstTsc, cpuQhz);
        }
    }

    /**
     * xenalyze's dump_eip for an interrupt list: xenalyze counts each interrupted address with no cycles, so every
     * entry is printed as a count and a share of a zero total (which C prints as -nan), in address order (its sort
     * finds them all equal and keeps the list order).
     */
    private static void interruptEips(StringBuilder sb, Domain d, SymbolTable symbols) {
        if (d.interruptEips.isEmpty()) {
            return;
        }
        sb.append("   Total samples: 0\n");
        for (java.util.Map.Entry<Long, Integer> e : d.interruptEips.entrySet()) {
            sb.append(String.format("   %12x%-45s: ", e.getKey(), symbols.find(e.getKey())))
                    .append(String.format(" %7d ", 0))
                    .append(" -nan%\n");
        }
    }

    private static void memSummary(StringBuilder sb, Domain d) {
        sb.append(" Grant table ops:\n");
        sb.append("  Done by:\n");
        for (int i = 0; i < MemOps.MEM_MAX; i++) {
            if (d.memDone[i] != 0) {
                sb.append(String.format("   %-14s: %d", String.valueOf(MemOps.MEM_NAME[i]), d.memDone[i]))
                        .append('\n');
            }
        }
        sb.append("  Done for:\n");
        for (int i = 0; i < MemOps.MEM_MAX; i++) {
            if (d.memDoneFor[i] != 0) {
                sb.append(String.format("   %-14s: %d", String.valueOf(MemOps.MEM_NAME[i]), d.memDoneFor[i]))
                        .append('\n');
            }
        }
        d.pod.print(sb);
    }

    private void vcpuSummary(StringBuilder sb, Vcpu v) {
        sb.append("-- v").append(v.vid).append(" --\n");
        if (v.pcpuTsc != 0) {
            v.cpuAffinityAll.update(lastTsc - v.pcpuTsc);
            v.affinity(v.p.pid).update(lastTsc - v.pcpuTsc);
        }
        sb.append(" Runstates:\n");
        for (int i = 0; i < RUNSTATE_MAX; i++) {
            v.runstates[i].printCycleSummary(sb, String.format("  %8s", RUNSTATE_NAME[i]), options.cpuHz());
            if (i == RUNSTATE_RUNNABLE) {
                for (int j = 0; j < RUNNABLE_STATE_MAX; j++) {
                    if (j != RUNNABLE_STATE_INVALID) {
                        v.runnableStates[j].printCycleSummary(sb, String.format("    %8s",
                                RUNNABLE_STATE_NAME[j]), options.cpuHz());
                    }
                }
            }
        }
        v.cpuAffinityAll.printCpuAffinity(sb, " cpu affinity");
        for (int i = 0; i < MAX_CPUS; i++) {
            if (v.cpuAffinityPcpu[i] != null) {
                v.cpuAffinityPcpu[i].printCpuAffinity(sb, "   [" + i + "]");
            }
        }
        if (v.dataType == DATA_PV) {
            v.pv.print(sb);
        } else if (v.dataType == DATA_HVM) {
            HvmReport.print(v.hvm, sb, options.cpuHz(), totalCycles);
        }
    }

    private void reportPcpu(StringBuilder sb) {
        int active = 0;
        for (Pcpu p : state.pcpus) {
            if (!p.summary) {
                continue;
            }
            sb.append("pcpu ").append(p.pid).append('\n');
            p.timeRunning.printCycleSummary(sb, " running", options.cpuHz());
            p.timeIdle.printCycleSummary(sb, "    idle", options.cpuHz());
            p.timeLost.printCycleSummary(sb, "    lost", options.cpuHz());
            if (p.timeRunning.count != 0) {
                active++;
            }
        }
        sb.append("Total active cpus: ").append(active).append('\n');
    }
}
