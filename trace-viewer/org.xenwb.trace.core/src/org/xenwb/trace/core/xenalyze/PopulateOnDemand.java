package org.xenwb.trace.core.xenalyze;

import java.io.PrintWriter;

import org.xenwb.trace.core.xenalyze.Model.Domain;
import org.xenwb.trace.core.xenalyze.Model.Vcpu;

/**
 * xenalyze's populate-on-demand records (MEM minors 16 to 18: populate, zero reclaim, superpage splinter): their
 * --dump-all lines and the per-domain counts of {@link PodCounts}.
 *
 * <p>Xen 4.17 writes populate and zero-reclaim records as {@code {u64 gfn, mfn; int d:16, order:16}} (24 bytes with
 * the padding word) and splinter records as {@code {u64 gfn; int d:16}} (16 bytes); xenalyze reads those
 * structures whatever the record's length, so the caller passes the words past a short record as they are in the
 * file. A zero reclaim's context comes from the current vCPU's exit: EPT violation or exception (fault), VMCALL
 * (balloon), else unknown. xenalyze reads that exit from its HVM data even for a PV vCPU, whose data shares the
 * memory: the exit is then valid when the PV count of minor-0 events is not zero, and its reason is always 0.</p>
 *
 * <p>Counts go to the current vCPU's domain and only when xenalyze gathers summary information. An order that is
 * not 0, 9 or 18 is xenalyze's "non-canonical" order 4 (see {@link PodCounts}). A negative multiple of 9 makes
 * xenalyze count before its tables, in its grant-table counts, which is reproduced down to the first of them;
 * below that {@link #unsupported} is set. One instance per analysis; not thread-safe.</p>
 */
final class PopulateOnDemand {

    static final int POPULATE = 16;
    static final int ZERO_RECLAIM = 17;
    static final int SUPERPAGE_SPLINTER = 18;
    /** VMX exit reasons xenalyze names in its context test (also in SVM mode). */
    private static final int EXCEPTION_NMI = 0;
    private static final int VMCALL = 18;
    private static final int EPT_VIOLATION = 48;

    private final PrintWriter warn;
    /** The --dump-all output, or null. */
    private final PrintWriter dump;
    /** xenalyze's opt.summary_info. */
    private final boolean summaryInfo;
    boolean unsupported;

    /**
     * @param warn xenalyze's warning stream
     * @param dump the --dump-all output, or null for a summary (which gathers the counts)
     */
    PopulateOnDemand(PrintWriter warn, PrintWriter dump) {
        this.warn = warn;
        this.dump = dump;
        this.summaryInfo = dump == null;
    }

    /** @return whether a MEM record's minor is one of this class' */
    static boolean handles(int minor) {
        return minor >= POPULATE && minor <= SUPERPAGE_SPLINTER;
    }

    /**
     * Processes one record.
     *
     * @param current the pCPU's current vCPU, or null
     * @param minor the MEM minor, one of {@link #handles}
     * @param d the record's words, and past its end the file's next words (at least 5)
     * @param header the dump header
     */
    void process(Vcpu current, int minor, int[] d, String header) {
        long gfn = (d[0] & 0xffffffffL) | ((long) d[1] << 32);
        if (minor == SUPERPAGE_SPLINTER) {
            if (dump != null) {
                dump.print(" " + header + " pod_spage_splinter d" + (short) d[2] + " g " + Long.toHexString(gfn)
                        + "\n");
            }
            return;
        }
        long mfn = (d[2] & 0xffffffffL) | ((long) d[3] << 32);
        int dom = (short) d[4];
        int order = (short) (d[4] >>> 16);
        if (minor == POPULATE) {
            if (dump != null) {
                dump.print(" " + header + " pod_populate d" + dom + " o" + order + " g " + Long.toHexString(gfn)
                        + " m " + Long.toHexString(mfn) + "\n");
            }
            if (summaryInfo && current != null) {
                count(current.d, PodCounts.POPULATE_ORDER + canonical(order));
            }
            return;
        }
        int context = context(current);
        if (dump != null) {
            dump.print(" " + header + " pod_zero_reclaim d" + dom + " o" + order + " g " + Long.toHexString(gfn)
                    + " m " + Long.toHexString(mfn) + " ctx " + PodCounts.CONTEXT_NAME[context] + "\n");
        }
        if (summaryInfo && current != null) {
            int o = canonical(order);
            count(current.d, PodCounts.RECLAIM_ORDER + o);
            count(current.d, PodCounts.RECLAIM_CONTEXT + context);
            count(current.d, PodCounts.RECLAIM_CONTEXT_ORDER + context * PodCounts.ORDERS + o);
        }
    }

    /** The reclaim context of mem_pod_zero_reclaim_process. */
    private static int context(Vcpu v) {
        if (v == null) {
            return PodCounts.CONTEXT_UNKNOWN;
        }
        boolean valid;
        int reason;
        if (v.dataType == Model.DATA_HVM) {
            valid = v.hvm.vmexitValid;
            reason = v.hvm.exitReason;
        } else {
            // the HVM fields xenalyze reads overlay the PV counts: the valid flag is the count of minor 0, the
            // reason lies past the PV data and is still zero
            valid = v.dataType == Model.DATA_PV && v.pv.count[0] != 0;
            reason = 0;
        }
        if (!valid) {
            return PodCounts.CONTEXT_UNKNOWN;
        }
        return switch (reason) {
            case EPT_VIOLATION, EXCEPTION_NMI -> PodCounts.CONTEXT_FAULT;
            case VMCALL -> PodCounts.CONTEXT_BALLOON;
            default -> PodCounts.CONTEXT_UNKNOWN;
        };
    }

    /** xenalyze's p2m_canonical_order: 0, 9, 18 (and negative multiples of 9) divided by 9, anything else 4. */
    private int canonical(int order) {
        if (order % 9 != 0 || order / 9 > 2) {
            warn.print("p2m_canonical_order: Strange, non-canonical order " + order + "\n");
            return 4;
        }
        return order / 9;
    }

    /**
     * Counts at an index of xenalyze's pod structure; negative indexes fall in the grant-table counts before it
     * (done, done_interval, done_for, done_for_interval, each {@link MemOps#MEM_MAX} ints), of which the report
     * shows done and done_for.
     */
    private void count(Domain d, int index) {
        if (index >= 0) {
            d.pod.add(index);
            return;
        }
        int fromMemops = index + 4 * MemOps.MEM_MAX;
        if (fromMemops < 0) {
            unsupported = true; // xenalyze writes further before its tables
            return;
        }
        int table = fromMemops / MemOps.MEM_MAX;
        int i = fromMemops % MemOps.MEM_MAX;
        if (table == 0) {
            d.memDone[i]++;
        } else if (table == 2) {
            d.memDoneFor[i]++;
        }
    }
}
