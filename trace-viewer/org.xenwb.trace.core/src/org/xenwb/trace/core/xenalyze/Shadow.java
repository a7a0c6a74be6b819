package org.xenwb.trace.core.xenalyze;

import java.io.PrintWriter;
import java.util.List;

import org.xenwb.trace.core.format.TraceEvents;

/**
 * xenalyze's analysis of page faults that Xen handles for HVM guests with shadow paging: the {@code TRC_SHADOW}
 * records (shadow_process and its handlers) and the HVM {@code PF_XEN} records (hvm_pf_xen_process), their lines of
 * --dump-all and warnings, the post-processing that classifies each faulting exit when it closes, and the per-domain
 * emulate address list. Record layouts are xenalyze's: a shadow event's bits 8-11 give the guest paging levels minus
 * 2, and a record whose size does not match xenalyze's (padded) structure for them is an error of level RECORD, as it
 * is for some records Xen 4.17 really writes (4-level fixup, propagate and emulate, 3-level unshadow records).
 *
 * <p>Called by {@link Hvm} (vmexit, PF_XEN, close of the exit) and by {@link XenalyzeAnalysis} (shadow records). The
 * summary printers are registered once per program run per call site, as xenalyze does with function statics. Not
 * thread-safe; one instance per analysis.</p>
 */
final class Shadow {

    private static final int SHADOW_WRMAP_BF = 12;
    private static final int SHADOW_PREALLOC_UNPIN = 13;
    private static final int SHADOW_RESYNC_FULL = 14;
    private static final int SHADOW_RESYNC_ONLY = 15;
    /** xenalyze's error number of a duplicate summary handler (-EBUSY) and of an exit reason out of range. */
    private static final int EBUSY = 16;
    private static final int EINVAL = 22;

    private final Hvm hvm;
    private final PrintWriter warn;
    private final PrintWriter stderr;
    private final ErrorLevels errors;
    private final boolean mmioEnumeration;
    /** The function statics of xenalyze's two call sites that register the page-fault summary printer. */
    private boolean shadowSummaryRegistered;
    private boolean pfXenSummaryRegistered;
    private boolean warnedGeneric;

    /** --with-cr3-enumeration: prealloc-unpin records mark the enumerated CR3 root ({@link Cr3Tracking}). */
    private final boolean cr3Enumeration;
    /** --default-guest-paging-levels. */
    private final int defaultPagingLevels;

    Shadow(Hvm hvm, PrintWriter warn, PrintWriter stderr, ErrorLevels errors, XenalyzeOptions options) {
        this.hvm = hvm;
        this.warn = warn;
        this.stderr = stderr;
        this.errors = errors;
        this.mmioEnumeration = options.mmioEnumeration();
        this.cr3Enumeration = options.cr3Enumeration();
        this.defaultPagingLevels = options.defaultGuestPagingLevels();
    }

    private void out(String text) {
        if (hvm.dump != null) {
            hvm.dump.print(text);
        }
    }

    /**
     * The page-fault part of hvm_vmexit_process before its exit-reason check: the in-flight fault is cleared and the
     * guest paging levels follow the record's width (64-bit: 4 levels; 32-bit after 4 levels: the default, 2 when
     * that is 4).
     */
    void vmexitStart(Hvm.Data h, boolean is64) {
        PagingData s = h.paging;
        s.fault.clear();
        if (is64) {
            h.v.guestPagingLevels = 4;
        } else if (h.v.guestPagingLevels == 4) {
            h.v.guestPagingLevels = defaultPagingLevels == 4 ? 2 : defaultPagingLevels; // xenalyze's wild guess
        }
    }

    /** The page-fault part of hvm_vmexit_process once the exit is accepted. */
    void vmexitAccepted(Hvm.Data h) {
        h.paging.resyncs = 0;
        h.paging.preallocUnpin = false;
        h.paging.wrmapBf = false;
    }

    /** hvm_set_postprocess for the page-fault functions. */
    private boolean setPost(Hvm.Data h, PagingData.Post post) {
        if (h.post == Hvm.Post.NONE || h.post == Hvm.Post.GENERIC) {
            h.post = Hvm.Post.PAGING;
            h.paging.post = post;
            return true;
        }
        return false;
    }

    private void setPost(Hvm.Data h, PagingData.Post post, String function) {
        if (!setPost(h, post)) {
            warn.print(function + ": Strange, postprocess already set\n");
        }
    }

    /** hvm_set_summary_handler for the page-fault summary: once per call site, into the current exit reason. */
    private void registerSummary(Hvm.Data h, String caller) {
        int ret = 0;
        if (Integer.compareUnsigned(h.exitReason, h.exitReasonMax) >= 0) {
            ret = -EINVAL;
        } else {
            List<Hvm.Handler> list = h.handlers.get(h.exitReason);
            Hvm.Handler handler = new Hvm.Handler(Hvm.Printer.PF_XEN, 0);
            if (list != null && list.contains(handler)) {
                stderr.print("__hvm_set_summary_handler: Unexpected duplicate handler hvm_pf_xen_summary,(nil)\n");
                errors.error(ErrorLevels.STRICT, "page fault summary registered twice for exit reason "
                        + h.exitReason);
                ret = -EBUSY;
            } else {
                h.register(handler);
            }
        }
        if (ret != 0) {
            stderr.print(caller + ": hvm_set_summary_handler returned " + ret + "\n");
        }
    }

    // ---- PF_XEN ---------------------------------------------------------------------------------------------------

    /** hvm_pf_xen_process, for a PF_XEN or PF_XEN64 record during an exit. */
    void pfXen(Hvm.Data h, int event, int[] d) {
        PagingData s = h.paging;
        PageFault e = s.fault;
        boolean is64 = event == TraceEvents.TRC_HVM_PF_XEN64;
        if (is64 && h.v.guestPagingLevels != 4) {
            warn.print("Strange, PF_XEN64 but guest_paging_levels " + h.v.guestPagingLevels + "!\n");
        } else if (!is64 && h.v.guestPagingLevels == 4) {
            warn.print("Strange, PF_XEN but guest_paging_levels " + h.v.guestPagingLevels + "!\n");
        }
        // hvm_pf_xen_preprocess: xenalyze reads the address first, the error code after it
        if (is64) {
            e.va = u32(d[0]) | (long) d[1] << 32;
            if (!PageFault.validAddress64(e.va)) {
                warn.print("hvm_pf_xen_preprocess: invalid va " + Long.toHexString(e.va));
            }
            e.errorCode = d[2];
        } else {
            e.va = u32(d[0]);
            e.errorCode = d[1];
        }
        if (h.mmioDataValid) {
            e.pfCase = PagingReport.MMIO;
        } else {
            e.preprocess(h.v.guestPagingLevels, warn);
            e.pfCase = e.ptLevel > 0 ? PagingReport.EMULATE : PagingReport.NON_EMULATE;
        }
        if (hvm.dump != null) {
            String idx = "[" + e.ptIndex[0] + " " + e.ptIndex[1] + " " + e.ptIndex[2] + " " + e.ptIndex[3] + " "
                    + e.ptIndex[4] + "]";
            if (e.pfCase == PagingReport.EMULATE) {
                out("]" + hvm.header + " pf_xen:emulate va " + hex(e.va) + " ec " + Integer.toHexString(e.errorCode)
                        + " level " + e.ptLevel + " corr " + hex(e.corrVa) + " e->pt_index" + idx + "\n");
            } else {
                out("]" + hvm.header + " pf_xen va " + hex(e.va) + " ec " + Integer.toHexString(e.errorCode)
                        + " e->pt_index" + idx + "\n");
            }
        }
        setPost(h, PagingData.Post.PF_XEN, "hvm_pf_xen_process");
    }

    // ---- TRC_SHADOW -----------------------------------------------------------------------------------------------

    /**
     * shadow_process, for a record of the shadow class on a pCPU running an HVM vCPU.
     *
     * @param h the vCPU's HVM data
     * @param event the record's event
     * @param d the record's words; in --dump-all mode the words past them are the file's next bytes, as xenalyze
     *        reads them
     * @param n the number of extra words of the record
     */
    void shadow(Hvm.Data h, int event, int[] d, int n) {
        int minor = event & 0xff;
        int levels = (event >>> 8) & 0xf;
        int gpl = levels + 2;
        if (!h.vmexitValid) {
            if (hvm.dump != null) {
                out(faultGenericDump(event, d, "!"));
            }
            return;
        }
        PagingData s = h.paging;
        if (minor <= PagingReport.NOT_SHADOW && h.v.guestPagingLevels != gpl) {
            warn.print("shadow_process: Changing guest paging levels to " + gpl + "\n");
            h.v.guestPagingLevels = gpl;
        }
        if (minor <= PagingReport.LAST_FAULT) {
            s.fault.pfCase = minor;
            if (hvm.summaryInfo && !shadowSummaryRegistered) {
                registerSummary(h, "shadow_process");
                shadowSummaryRegistered = true;
            }
        }
        switch (minor) {
            case PagingReport.NOT_SHADOW -> propagate(h, event, d, n);
            case PagingReport.EMULATE -> emulate(h, event, d, n);
            case PagingReport.FIXUP -> fixup(h, event, d, n);
            case PagingReport.MMIO, PagingReport.FAST_MMIO -> mmio(h, event, d, n);
            case 9, 10, 11 -> emulateOther(h, event, d, n);
            case SHADOW_RESYNC_FULL, SHADOW_RESYNC_ONLY -> {
                out(" " + hvm.header + " oos resync " + (event == TraceEvents.TRC_SHADOW_RESYNC_FULL ? "full" : "only")
                        + " gfn " + hex(u64(d, 0)) + "\n");
                s.resyncs++;
            }
            case SHADOW_PREALLOC_UNPIN -> {
                out(" " + hvm.header + " prealloc-unpin gfn " + hex(u64(d, 0)) + "\n");
                if (s.preallocUnpin) {
                    warn.print("Strange, more than one prealloc_unpin per arc!\n");
                }
                s.preallocUnpin = true;
                if (cr3Enumeration) {
                    hvm.cr3.preallocUnpin(h.v, u64(d, 0), hvm.dump);
                }
            }
            case SHADOW_WRMAP_BF -> {
                out(" " + hvm.header + " wrmap-bf gfn " + hex(u64(d, 0)) + "\n");
                s.wrmapBf = true;
            }
            default -> {
                if (minor <= PagingReport.LAST_FAULT) {
                    if (hvm.dump != null) {
                        out(faultGenericDump(event, d, "]"));
                    }
                    s.fault.pfCase = minor;
                    setPost(h, PagingData.Post.FAULT_GENERIC, "shadow_fault_generic_process");
                } else {
                    if (!warnedGeneric) {
                        warn.print("Warning: processing shadow as generic\n");
                        warnedGeneric = true;
                    }
                    String generic = DumpFormats.generic(hvm.header, event, d, n);
                    if (errors.stops(ErrorLevels.STRICT)) {
                        warn.print(generic);
                    }
                    errors.error(ErrorLevels.STRICT, String.format("shadow record 0x%x has no analysis", event));
                    out(generic);
                }
            }
        }
    }

    /** shadow_fault_generic_dump: xenalyze prints the first four words whatever the record's size. */
    private String faultGenericDump(int event, int[] d, String prefix) {
        int minor = event & 0xff;
        String name = minor < PagingReport.PF_XEN_MAX && PagingReport.PF_XEN_NAME[minor] != null
                ? PagingReport.PF_XEN_NAME[minor] : String.valueOf(minor);
        return prefix + hvm.header + " shadow " + name + " gl " + ((event >>> 8) & 0xf) + " [ "
                + Integer.toHexString(d[0]) + " " + Integer.toHexString(d[1]) + " " + Integer.toHexString(d[2]) + " "
                + Integer.toHexString(d[3]) + " ]\n";
    }

    /**
     * The common start of the shadow handlers: the record's paging levels become the guest's.
     *
     * @return the record's guest paging levels
     */
    private int recordLevels(Hvm.Data h, int event, String function) {
        int gpl = ((event >>> 8) & 0xf) + 2;
        if (gpl != h.v.guestPagingLevels) {
            warn.print(function + ": record paging levels " + gpl + ", guest paging levels " + h.v.guestPagingLevels
                    + ".  Switching.\n");
            h.v.guestPagingLevels = gpl;
        }
        return gpl;
    }

    /**
     * The size check of the shadow handlers against xenalyze's structure for the paging levels.
     *
     * @return whether the record must be skipped
     */
    private boolean badSize(int event, int[] d, int n, int expectedBytes, int gpl, String function) {
        if (n * 4 == expectedBytes) {
            return false;
        }
        warn.print(function + ": expected " + expectedBytes + " bytes for " + gpl + "-level guest, got " + n * 4
                + "!\n");
        if (errors.stops(ErrorLevels.RECORD)) {
            warn.print(DumpFormats.generic(hvm.header, event, d, n));
        }
        errors.error(ErrorLevels.RECORD, String.format("shadow record 0x%x with %d bytes, %d expected for %d-level"
                + " guests", event, n * 4, expectedBytes, gpl));
        return true;
    }

    /**
     * Reads the {gl1e, va, flags} record of fixups and propagations.
     *
     * @return whether the record must be skipped
     */
    private boolean readFixupLayout(Hvm.Data h, int event, int[] d, int n, int gpl, String function) {
        PageFault e = h.paging.fault;
        switch (gpl) {
            case 2 -> {
                if (badSize(event, d, n, 12, gpl, function)) {
                    return true;
                }
                e.gl1e = u32(d[0]);
                e.va = u32(d[1]);
                e.flags = d[2];
            }
            case 3 -> {
                if (badSize(event, d, n, 16, gpl, function)) {
                    return true;
                }
                e.gl1e = u64(d, 0);
                e.va = u32(d[2]);
                e.flags = d[3];
            }
            case 4 -> {
                if (badSize(event, d, n, 24, gpl, function)) {
                    return true;
                }
                e.gl1e = u64(d, 0);
                e.va = u64(d, 2);
                e.flags = d[4];
            }
            default -> {
                // xenalyze has no layout: the fault keeps what it had
            }
        }
        return false;
    }

    /** shadow_propagate_process. */
    private void propagate(Hvm.Data h, int event, int[] d, int n) {
        int gpl = recordLevels(h, event, "shadow_propagate_process");
        if (readFixupLayout(h, event, d, n, gpl, "shadow_propagate_process")) {
            return;
        }
        PageFault e = h.paging.fault;
        out("]" + hvm.header + " propagate va " + hex(e.va) + " gl1e " + hex(e.gl1e) + " flags ("
                + Integer.toHexString(e.flags) + ")" + e.flagString() + "\n");
        setPost(h, PagingData.Post.PROPAGATE, "shadow_propagate_process");
    }

    /** shadow_fixup_process. */
    private void fixup(Hvm.Data h, int event, int[] d, int n) {
        int gpl = recordLevels(h, event, "shadow_fixup_process");
        if (readFixupLayout(h, event, d, n, gpl, "shadow_fixup_process")) {
            return;
        }
        PageFault e = h.paging.fault;
        e.preprocess(gpl, warn);
        if (e.flag(PageFault.UNSYNC)) {
            out("]" + hvm.header + " fixup:unsync va " + hex(e.va) + " gl1e " + hex(e.gl1e) + " corr "
                    + hex(e.corrVa) + " flags (" + Integer.toHexString(e.flags) + ")" + e.flagString() + "\n");
        } else {
            out("]" + hvm.header + " fixup va " + hex(e.va) + " gl1e " + hex(e.gl1e) + " flags ("
                    + Integer.toHexString(e.flags) + ")" + e.flagString() + "\n");
        }
        setPost(h, PagingData.Post.FIXUP, "shadow_fixup_process");
    }

    /** shadow_emulate_process: {gl1e, write value, va, flags:29 and an emulation count:3}. */
    private void emulate(Hvm.Data h, int event, int[] d, int n) {
        String function = "shadow_emulate_process";
        int gpl = recordLevels(h, event, function);
        PageFault e = h.paging.fault;
        switch (gpl) {
            case 2 -> {
                if (badSize(event, d, n, 16, gpl, function)) {
                    return;
                }
                e.gl1e = u32(d[0]);
                e.wval = u32(d[1]);
                e.va = u32(d[2]);
                e.flags = d[3] & 0x1fffffff;
            }
            case 3 -> {
                if (badSize(event, d, n, 24, gpl, function)) {
                    return;
                }
                e.gl1e = u64(d, 0);
                e.wval = u64(d, 2);
                e.va = u32(d[4]);
                e.flags = d[5] & 0x1fffffff;
            }
            case 4 -> {
                if (badSize(event, d, n, 32, gpl, function)) {
                    return;
                }
                e.gl1e = u64(d, 0);
                e.wval = u64(d, 2);
                e.va = u64(d, 4);
                e.flags = d[6] & 0x1fffffff;
            }
            default -> {
                // xenalyze has no layout: the fault keeps what it had
            }
        }
        e.preprocess(gpl, warn);
        out("]" + hvm.header + " emulate va " + hex(e.va) + " gl1e " + String.format("%8x", e.gl1e) + " wval "
                + String.format("%8x", e.wval) + " flags " + e.flagString() + "(" + Integer.toHexString(e.flags)
                + ") pt_level " + e.ptLevel + " corr " + String.format("%8x", e.corrVa) + "\n");
        setPost(h, PagingData.Post.EMULATE, function);
    }

    /**
     * shadow_emulate_other_process with shadow_parse_other: {gfn, va}. Where xenalyze's parser gives up (a size
     * mismatch it tolerates, or paging levels it has no layout for), xenalyze goes on with uninitialised values; zeros
     * are used here.
     */
    private void emulateOther(Hvm.Data h, int event, int[] d, int n) {
        String function = "shadow_parse_other";
        int gpl = recordLevels(h, event, function);
        long gfn = 0;
        long va = 0;
        switch (gpl) {
            case 2 -> {
                if (!badSize(event, d, n, 8, gpl, function)) {
                    va = u32(d[1]);
                    gfn = u32(d[0]);
                }
            }
            case 3 -> {
                if (!badSize(event, d, n, 16, gpl, function)) {
                    va = u32(d[2]);
                    gfn = u64(d, 0);
                }
            }
            case 4 -> {
                if (!badSize(event, d, n, 16, gpl, function)) {
                    va = u64(d, 2);
                    gfn = u64(d, 0);
                }
            }
            default -> {
                // uninitialised in xenalyze
            }
        }
        PagingData s = h.paging;
        PageFault e = s.fault;
        int minor = event & 0xff;
        e.gfn = gfn;
        e.va = va;
        e.pfCase = minor;
        e.preprocess(h.v.guestPagingLevels, warn);
        out("]" + hvm.header + " shadow " + PagingReport.PF_XEN_NAME[minor] + " gfn " + hex(e.gfn) + " va "
                + hex(e.va) + "\n");
        setPost(h, PagingData.Post.FAULT_GENERIC, "shadow_emulate_other_process");
    }

    /** shadow_mmio_process: the faulting address only. */
    private void mmio(Hvm.Data h, int event, int[] d, int n) {
        String function = "shadow_mmio_process";
        int gpl = recordLevels(h, event, function);
        PageFault e = h.paging.fault;
        switch (gpl) {
            case 2, 3 -> {
                if (badSize(event, d, n, 4, gpl, function)) {
                    return;
                }
                e.va = u32(d[0]);
                h.mmioVa = e.va;
            }
            case 4 -> {
                if (badSize(event, d, n, 8, gpl, function)) {
                    return;
                }
                e.va = u64(d, 0);
                h.mmioVa = e.va;
            }
            default -> {
                // xenalyze has no layout: the fault keeps what it had
            }
        }
        out("]" + hvm.header + " " + (e.pfCase == PagingReport.FAST_MMIO ? "fast " : "") + "mmio va " + hex(e.va)
                + "\n");
        setPost(h, PagingData.Post.MMIO, function);
    }

    // ---- post-processing ------------------------------------------------------------------------------------------

    /** The page-fault post-processing functions of xenalyze, run when an exit whose post-processing they are closes. */
    void postprocess(Hvm.Data h) {
        PagingData s = h.paging;
        PageFault e = s.fault;
        switch (s.post) {
            case PF_XEN -> pfXenPost(h);
            case EMULATE -> {
                if (hvm.summaryInfo) {
                    emulateEip(h);
                    s.countEmulation(h.arcCycles);
                }
            }
            case FIXUP -> fixupPost(h);
            case MMIO -> {
                if (hvm.summaryInfo) {
                    pfCase(h);
                }
                if (mmioEnumeration) {
                    hvm.enumerateMmio(h);
                }
            }
            case PROPAGATE -> {
                if (hvm.summaryInfo) {
                    pfCase(h);
                }
            }
            case FAULT_GENERIC -> {
                if (e.pfCase < PagingReport.NOT_SHADOW || e.pfCase > PagingReport.LAST_FAULT) {
                    warn.print("shadow_fault_generic_postprocess: Strange, unexpected case " + e.pfCase + "\n");
                    return;
                }
                if (hvm.summaryInfo) {
                    s.pfXen[e.pfCase].update(h.arcCycles);
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Counts the exit under its fault case. */
    private void pfCase(Hvm.Data h) {
        int c = h.paging.fault.pfCase;
        if (c != 0) {
            // a case out of xenalyze's table would be undefined behaviour there; it cannot come from a record
            h.paging.pfXen[c].update(h.arcCycles);
        } else {
            warn.print("Strange, pf_case 0!\n");
        }
    }

    /** hvm_pf_xen_postprocess. */
    private void pfXenPost(Hvm.Data h) {
        if (!hvm.summaryInfo) {
            return;
        }
        PagingData s = h.paging;
        PageFault e = s.fault;
        pfCase(h);
        if (e.pfCase == PagingReport.EMULATE) {
            emulateEip(h);
        } else if (e.pfCase == PagingReport.NON_EMULATE) {
            s.nonEmulate[PageFault.isKernel(h.v.guestPagingLevels, h.rip) ? 3 : 2].update(h.arcCycles);
            s.nonEmulate[PageFault.isKernel(h.v.guestPagingLevels, e.va) ? 1 : 0].update(h.arcCycles);
        }
        if (!pfXenSummaryRegistered) {
            registerSummary(h, "hvm_pf_xen_postprocess");
            pfXenSummaryRegistered = true;
        }
    }

    /** shadow_fixup_postprocess. */
    private void fixupPost(Hvm.Data h) {
        if (hvm.summaryInfo) {
            h.paging.countFixup(h.arcCycles, warn);
        }
    }

    /** update_eip of the domain's emulate list. */
    private static void emulateEip(Hvm.Data h) {
        h.v.d.emulateEips.computeIfAbsent(h.rip, k -> new CycleSummary(h.v.d.sampling)).update(h.arcCycles);
    }

    private static long u32(int v) {
        return v & 0xffffffffL;
    }

    private static long u64(int[] d, int i) {
        return u32(d[i]) | (long) d[i + 1] << 32;
    }

    private static String hex(long v) {
        return Long.toHexString(v);
    }
}
