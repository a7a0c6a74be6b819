package org.xenwb.trace.core.xenalyze;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;

/**
 * xenalyze's CR3 tracking of HVM vCPUs: the current CR3 of each vCPU ({@link VcpuCr3}, kept always, since the
 * --dump-all lines of CR3 writes show the old value), and with {@code --with-cr3-enumeration} the per-domain list of
 * page-table roots ({@link Cr3Value}) with the time spent under each, split at vmexit and vmentry into guest and
 * hypervisor time, and the short summary of the exits taken under it.
 *
 * <p>What other analyses may rely on (shadow paging reads them as xenalyze's {@code v->cr3} does):
 * {@code v.cr3.val} is the last CR3 value a CR3 write switched to (0 after lost records); {@code v.cr3.data} is its
 * {@link Cr3Value} with the enumeration on and a non-zero frame, null otherwise; {@link #updateShortSummary} is
 * xenalyze's {@code hvm_update_short_summary}; {@link #preallocUnpin} is its {@code cr3_prealloc_unpin}. Times are
 * {@link #now}, xenalyze's {@code P.now}: the order TSC of the record being processed, which the analysis sets
 * before each record. One instance per analysis; not thread-safe.</p>
 */
final class Cr3Tracking {

    /** The CR3 state of one vCPU (xenalyze's {@code vcpu_data.cr3}). */
    static final class VcpuCr3 {
        /** The current CR3 value, 0 when unknown. */
        long val;
        /** The TSC when {@link #data} was loaded. */
        long startTime;
        /** The enumerated root now loaded, or null. */
        Cr3Value data;
    }

    /** xenalyze's P.now: the order TSC of the record being processed. */
    long now;
    private final boolean enumeration;
    private final PrintWriter warn;
    /** xenalyze's opt.summary_info, read when needed (the analysis sets it after construction). */
    private final BooleanSupplier summaryInfo;
    /** The id of the next new root (xenalyze's P.cr3.id), over all domains. */
    private int nextId;

    Cr3Tracking(boolean enumeration, PrintWriter warn, BooleanSupplier summaryInfo) {
        this.enumeration = enumeration;
        this.warn = warn;
        this.summaryInfo = summaryInfo;
    }

    /**
     * xenalyze's cr3_switch: the vCPU now runs with CR3 {@code val} (0 when it is not known any more, after lost
     * records). The root it leaves gets the time since it was loaded.
     */
    void switchTo(Hvm.Data h, long val) {
        Model.Vcpu v = h.v;
        VcpuCr3 c = v.cr3;
        if (enumeration) {
            if (c.data != null) {
                if (summaryInfo.getAsBoolean()) {
                    c.data.totalTime.update(now - c.startTime);
                }
                c.data.lastTime = now;
            }
            long gmfn = val >>> 12;
            if (gmfn != 0) {
                Cr3Value p = find(v.d, gmfn);
                if (p == null) {
                    p = new Cr3Value(gmfn, nextId++, now, v.d.sampling);
                    v.d.cr3Values.add(p);
                }
                if (p.preallocUnpinNow) {
                    warn.print("Re-promoting previously unpinned cr3 " + Long.toHexString(p.gmfn) + "!\n");
                    p.preallocUnpinNow = false;
                }
                c.startTime = now;
                p.switchCount++;
                if (p.destroyCallback) {
                    p.destroySwitchCount++;
                }
                c.data = p;
            } else {
                c.data = null;
            }
        }
        c.val = val;
    }

    /**
     * xenalyze's cr3_prealloc_unpin, for shadow paging's TRC_SHADOW_PREALLOC_UNPIN: marks an enumerated root of the
     * vCPU's domain as unpinned.
     *
     * @param dump the --dump-all output, or null
     */
    void preallocUnpin(Model.Vcpu v, long gmfn, PrintWriter dump) {
        Cr3Value p = find(v.d, gmfn);
        if (p == null) {
            return;
        }
        if (p.preallocUnpinNow) {
            warn.print("Strange, gmfn " + Long.toHexString(gmfn) + " multiple unpins w/o access!\n");
        }
        p.preallocUnpinNow = true;
        p.preallocUnpinCount++;
        if (dump != null) {
            dump.print(" cr3 " + Long.toHexString(gmfn) + " unpinned " + p.preallocUnpinCount + " times\n");
        }
    }

    private static Cr3Value find(Model.Domain d, long gmfn) {
        for (Cr3Value p : d.cr3Values) {
            if (p.gmfn == gmfn) {
                return p;
            }
        }
        return null;
    }

    /** The CR3 part of a CR3 write that loads the value already loaded: a TLB flush. */
    void flush(Hvm.Data h) {
        Cr3Value p = h.v.cr3.data;
        if (p != null) {
            p.flushCount++;
            if (p.destroyCallback) {
                p.destroyFlushCount++;
            }
        }
    }

    /** xenalyze's hvm_update_short_summary: the exit's cycles go to a category of the root loaded. */
    void updateShortSummary(Hvm.Data h, int element) {
        if (h.v.cr3.data != null) {
            h.v.cr3.data.shortSummary[element].update(h.arcCycles);
        }
        h.shortSummaryDone = true;
    }

    /** The CR3 part of hvm_vmexit_process: the guest ran under the loaded root since the last vmentry. */
    void vmexit(Hvm.Data h, long tsc) {
        Cr3Value p = h.v.cr3.data;
        if (p != null && h.entryTsc != 0) {
            p.guestTime.update(tsc - h.entryTsc);
            p.runTime += tsc - h.entryTsc;
        }
        h.entryTsc = 0;
        h.resyncs = 0;
        h.shortSummaryDone = false;
    }

    /**
     * The end of hvm_close_vmexit, after the exit's postprocessing: the exit's cycles go to the short summary
     * (by the last handler record, unless a postprocess already filed them) and to the hypervisor time of the root.
     */
    void closeVmexit(Hvm.Data h) {
        if (h.arcCycles == 0) {
            return;
        }
        if (summaryInfo.getAsBoolean() && !h.shortSummaryDone) {
            updateShortSummary(h, switch (h.eventHandler) {
                case 0x12 -> Cr3Value.SHORT_VMCALL;
                case 0x0f -> Cr3Value.SHORT_INTERRUPT;
                case 0x13 -> Cr3Value.SHORT_HLT;
                default -> Cr3Value.SHORT_OTHER;
            });
        }
        Cr3Value p = h.v.cr3.data;
        if (p != null) {
            p.runTime += h.arcCycles;
            if (summaryInfo.getAsBoolean()) {
                p.hvTime.update(h.arcCycles);
            }
        }
    }

    /** The CR3 part of TRC_HVM_OP_DESTROY_PROC: the guest says the process of the loaded root exits. */
    void destroyProc(Hvm.Data h) {
        Cr3Value p = h.v.cr3.data;
        if (p != null) {
            if (p.destroyCallback) {
                warn.print("Strange, double callback for cr3 gmfn " + Long.toHexString(p.gmfn) + "!\n");
            }
            p.destroyCallback = true;
        } else if (enumeration) {
            warn.print("Warning: destroy_proc: don't know current cr3\n");
        }
    }
}
