package org.xenwb.trace.core.xenalyze;

import java.io.PrintWriter;

import org.xenwb.trace.core.format.TraceEvents;

/**
 * xenalyze's handling of HVM control-register writes ({@code TRC_HVM_CR_WRITE} and {@code TRC_HVM_CR_WRITE64},
 * {@code hvm_cr_write_process} and {@code hvm_cr_write_postprocess}): the --dump-all line, the per-CR cycle
 * statistics of the exit, the "cr&lt;n&gt;" lines of the summary, and for CR3 the switch or flush that
 * {@link Cr3Tracking} accounts.
 *
 * <p>xenalyze keeps the CR number and value of the exit in the same union as the MSR, I/O port and VMCALL data of
 * the exit, so a record of another kind later in the same exit changes them ({@link Hvm.Data#inflightWord0});
 * its CR statistics array is followed by the CR3 resync array, which is where the "cr9" to "cr15" lines come from
 * ({@link Hvm.Data#crWrite}). CR reads have no analysis of their own (xenalyze counts them as generic handlers).
 * One instance per analysis; not thread-safe.</p>
 */
final class CrWrites {

    /** xenalyze's CR_MAX: CRs with their own statistics. */
    static final int CR_MAX = 9;
    /** xenalyze's RESYNCS_MAX: CR3 writes are counted by the shadow resyncs of their exit up to this many. */
    static final int RESYNCS_MAX = 17;
    /** The size of {@link Hvm.Data#crWrite}: the CR statistics, then the CR3 resync statistics. */
    static final int SUMMARIES = CR_MAX + RESYNCS_MAX + 1;
    /** CR numbers xenalyze has a summary printer for. */
    private static final int PRINTERS = 16;

    private final Cr3Tracking cr3;
    private final PrintWriter warn;
    private final PrintWriter stderr;
    private final ErrorLevels errors;
    /** Whether the printer of a CR is registered: xenalyze does it once per run, for the first exit seen. */
    private final boolean[] printerDone = new boolean[PRINTERS];

    CrWrites(Cr3Tracking cr3, PrintWriter warn, PrintWriter stderr, ErrorLevels errors) {
        this.cr3 = cr3;
        this.warn = warn;
        this.stderr = stderr;
        this.errors = errors;
    }

    /**
     * hvm_cr_write_process: records the CR and value for the exit's postprocessing and prints the dump line.
     * xenalyze reads the record without checking its size.
     *
     * @param dump the --dump-all output, or null
     * @param header the record's dump header
     */
    void process(Hvm.Data h, int event, int[] d, PrintWriter dump, String header) {
        boolean x64 = event == TraceEvents.TRC_HVM_CR_WRITE64;
        int cr = d[0];
        long val = x64 ? (d[1] & 0xffffffffL) | ((long) d[2] << 32) : d[1] & 0xffffffffL;
        h.inflightWord0(cr);
        h.crInflightVal = val;
        if (h.post == Hvm.Post.NONE || h.post == Hvm.Post.GENERIC) {
            h.post = Hvm.Post.CR_WRITE;
        } else {
            warn.print("hvm_cr_write_process: Strange, h->postprocess already set!\n");
        }
        if (dump != null) {
            long old = h.v.cr3.val;
            if (cr == 3 && old != 0) {
                dump.print("]" + header + " cr_write cr3 val " + Long.toHexString(val) + " oval "
                        + Long.toHexString(old) + " " + (old == val ? "flush" : "switch") + "\n");
            } else {
                dump.print(" " + header + " cr_write cr" + cr + " val " + Long.toHexString(val) + "\n");
            }
        }
    }

    /**
     * hvm_cr_write_postprocess, at the end of the exit.
     *
     * @param summaryInfo xenalyze's opt.summary_info
     */
    void postprocess(Hvm.Data h, boolean summaryInfo) {
        int cr = h.crInflight;
        if (cr == 3) {
            long newVal = h.crInflightVal;
            boolean flush = h.v.cr3.val != 0 && newVal == h.v.cr3.val;
            if (flush) {
                cr3.flush(h);
            }
            if (summaryInfo) {
                h.crWrite[CR_MAX + Math.min(h.resyncs, RESYNCS_MAX)].update(h.arcCycles);
                h.crWrite[3].update(h.arcCycles);
                cr3.updateShortSummary(h, Cr3Value.SHORT_CR3);
            }
            if (!flush) {
                cr3.switchTo(h, newVal);
            }
        } else if (summaryInfo && Integer.compareUnsigned(cr, CR_MAX) < 0) {
            h.crWrite[cr].update(h.arcCycles);
        }
        if (Integer.compareUnsigned(h.exitReason, h.exitReasonMax) >= 0) {
            return;
        }
        if (Integer.compareUnsigned(cr, PRINTERS) < 0) {
            if (!printerDone[cr]) {
                h.register(new Hvm.Handler(Hvm.Printer.CR_WRITE, cr));
                printerDone[cr] = true;
            }
        } else {
            stderr.print("Unexpected cr: " + cr + "\n");
            errors.error(ErrorLevels.SANITY, "CR write of unexpected CR " + Integer.toUnsignedString(cr));
        }
    }

    /** hvm_cr_write_summary: a CR's line, and for CR3 its lines by shadow resyncs. */
    static void print(Hvm.Data h, int cr, StringBuilder sb, long cpuHz, long totalCycles) {
        HvmReport.printSummary(sb, h.crWrite[cr], "   cr" + cr + " ", cpuHz, totalCycles);
        if (cr == 3) {
            for (int j = 0; j < RESYNCS_MAX; j++) {
                HvmReport.printSummary(sb, h.crWrite[CR_MAX + j], String.format("     *[%3d] ", j), cpuHz,
                        totalCycles);
            }
            HvmReport.printSummary(sb, h.crWrite[CR_MAX + RESYNCS_MAX], "     *[MAX] ", cpuHz, totalCycles);
        }
    }
}
