package org.xenwb.trace.core.xenalyze;

/**
 * One guest page-table root of a domain as xenalyze's {@code --with-cr3-enumeration} accounts it (its
 * {@code struct cr3_value_struct}): the time spent with it loaded, split into guest and hypervisor time, the short
 * summary of the exits taken under it, and its switch, flush, unpin and destroy counters. Created and updated by
 * {@link Cr3Tracking} only; times are absolute TSC values, durations are cycles. Not thread-safe.
 */
final class Cr3Value {

    /** xenalyze's HVM short-summary categories, the index into {@link #shortSummary}. */
    static final int SHORT_EMULATE = 0;
    static final int SHORT_UNSYNC = 1;
    static final int SHORT_FIXUP = 2;
    static final int SHORT_MMIO = 3;
    static final int SHORT_PROPAGATE = 4;
    static final int SHORT_CR3 = 5;
    static final int SHORT_VMCALL = 6;
    static final int SHORT_INTERRUPT = 7;
    static final int SHORT_HLT = 8;
    static final int SHORT_OTHER = 9;
    static final String[] SHORT_NAME = {"emulate", "unsync", "fixup", "mmio", "propagate", "cr3", "vmcall", "intr",
        "hlt", "other"};

    /** The guest frame number of the root (CR3 shifted right by 12). */
    final long gmfn;
    /** The order in which the run first saw it, over all domains, from 0. */
    final int id;
    /** The TSC when it was first loaded. */
    final long firstTime;
    /** The TSC when a vCPU last switched away from it, 0 before that. */
    long lastTime;
    /** Cycles of guest and hypervisor time under it (the percentages' base); wraps as xenalyze's does. */
    long runTime;
    final CycleSummary totalTime;
    final CycleSummary guestTime;
    final CycleSummary hvTime;
    final CycleSummary[] shortSummary;
    int switchCount;
    int flushCount;
    /** Shadow paging's pre-allocation unpin: whether it is unpinned now, and how often it was. */
    boolean preallocUnpinNow;
    int preallocUnpinCount;
    /** Whether a guest told Xen (TRC_HVM_OP_DESTROY_PROC) that the process with this root is exiting. */
    boolean destroyCallback;
    /** Counters after that call; the last two are shadow paging's. */
    int destroyFlushCount;
    int destroySwitchCount;
    int destroyFixupUser;
    int destroyEmulateCorrUser;

    Cr3Value(long gmfn, int id, long firstTime, Sampling sampling) {
        this.gmfn = gmfn;
        this.id = id;
        this.firstTime = firstTime;
        totalTime = new CycleSummary(sampling);
        guestTime = new CycleSummary(sampling);
        hvTime = new CycleSummary(sampling);
        shortSummary = Model.summaries(SHORT_NAME.length, sampling);
    }
}
