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

    /** The statistics part of shadow_emulate_postprocess (the emulate address list aside). */
    void countEmulation(long arc) {
        PageFault e = fault;
        pfXen[PagingReport.EMULATE].update(arc);
        emulate[e.ptLevel].update(arc);
        if (preallocUnpin) {
            emulate[PagingReport.EMUL_PREALLOC_UNPIN].update(arc);
        }
        if (e.flag(PageFault.PREALLOC_UNHOOK)) {
            emulate[PagingReport.EMUL_PREALLOC_UNHOOK].update(arc);
        }
        if (e.flag(PageFault.EARLY_UNSHADOW)) {
            emulate[PagingReport.EMUL_EARLY_UNSHADOW].update(arc);
        }
        emulate[e.flag(PageFault.SET_CHANGED) ? PagingReport.EMUL_SET_CHANGED : PagingReport.EMUL_SET_UNCHANGED]
                .update(arc);
        if (e.flag(PageFault.SET_FLUSH)) {
            emulate[PagingReport.EMUL_SET_FLUSH].update(arc);
        }
        if (e.flag(PageFault.SET_ERROR)) {
            emulate[PagingReport.EMUL_SET_ERROR].update(arc);
        }
        if (e.flag(PageFault.PROMOTE)) {
            emulate[PagingReport.EMUL_PROMOTE].update(arc);
        }
        if (e.flag(PageFault.DEMOTE)) {
            emulate[PagingReport.EMUL_DEMOTE].update(arc);
        }
    }

    /** The statistics of shadow_fixup_postprocess. */
    void countFixup(long arc, java.io.PrintWriter warn) {
        PageFault e = fault;
        pfXen[PagingReport.FIXUP].update(arc);
        if (preallocUnpin) {
            fixup[PagingReport.FIXUP_PREALLOC_UNPIN].update(arc);
        }
        if (e.flag(PageFault.UNSYNC)) {
            fixup[PagingReport.FIXUP_UNSYNC].update(arc);
            fixupUnsyncResync[Math.min(resyncs, UNSYNC_RESYNC_MAX)].update(arc);
        }
        if (e.flag(PageFault.OOS_FIXUP_ADD)) {
            fixup[PagingReport.FIXUP_OOS_ADD].update(arc);
        }
        if (e.flag(PageFault.OOS_FIXUP_EVICT)) {
            fixup[PagingReport.FIXUP_OOS_EVICT].update(arc);
        }
        if (e.flag(PageFault.PROMOTE)) {
            fixup[PagingReport.FIXUP_PROMOTE].update(arc);
        }
        boolean bruteForce = e.flag(PageFault.WRMAP_BRUTE_FORCE) || wrmapBf;
        if (e.flag(PageFault.WRMAP)) {
            fixup[PagingReport.FIXUP_WRMAP].update(arc);
            if (bruteForce) {
                fixup[PagingReport.FIXUP_BRUTE_FORCE].update(arc);
            }
        } else if (bruteForce) {
            warn.print("Strange: wrmap_bf but not wrmap!\n");
        }
        if (!(e.flag(PageFault.PROMOTE) || preallocUnpin || e.flag(PageFault.UNSYNC))) {
            fixup[PagingReport.FIXUP_UPDATE_ONLY].update(arc);
        }
    }
}
