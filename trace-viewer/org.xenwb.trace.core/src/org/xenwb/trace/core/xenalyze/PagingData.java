package org.xenwb.trace.core.xenalyze;

/**
 * Per-vCPU state of xenalyze's shadow-paging analysis (the page-fault parts of its {@code struct hvm_data} and the
 * vCPU's guest paging levels): the fault of the current exit, what the shadow code did during it (resyncs,
 * pre-allocation unpins, brute-force writable-mapping searches), which page-fault post-processing runs at its end,
 * and the page-fault statistics that {@link PagingReport} prints. Not thread-safe; one instance per HVM vCPU.
 */
final class PagingData {

    /** xenalyze's post-processing functions of page faults, one per kind of record that set it. */
    enum Post { PF_XEN, EMULATE, FIXUP, MMIO, PROPAGATE, FAULT_GENERIC }

    /** xenalyze's PF_XEN_FIXUP_UNSYNC_RESYNC_MAX. */
    static final int UNSYNC_RESYNC_MAX = 2;

    final PageFault fault = new PageFault();
    /** Shadow resyncs during the current exit. */
    int resyncs;
    boolean preallocUnpin;
    boolean wrmapBf;
    /** Which page-fault post-processing runs when the exit closes (with Hvm.Post.PAGING). */
    Post post = Post.PF_XEN;

    final CycleSummary[] pfXen;
    final CycleSummary[] emulate;
    /** Never updated by xenalyze, but part of its report structure. */
    final CycleSummary[] emulateEarlyUnshadow;
    final CycleSummary[] nonEmulate;
    final CycleSummary[] fixup;
    final CycleSummary[] fixupUnsyncResync;

    PagingData(Sampling sampling) {
        pfXen = Model.summaries(PagingReport.PF_XEN_MAX, sampling);
        emulate = Model.summaries(PagingReport.EMUL_NAME.length, sampling);
        emulateEarlyUnshadow = Model.summaries(5, sampling);
        nonEmulate = Model.summaries(PagingReport.NON_EMUL_NAME.length, sampling);
        fixup = Model.summaries(PagingReport.FIXUP_NAME.length, sampling);
        fixupUnsyncResync = Model.summaries(UNSYNC_RESYNC_MAX + 1, sampling);
    }
}
