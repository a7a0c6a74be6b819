package org.xenwb.trace.core.xenalyze;

import org.xenwb.trace.core.format.TraceEvents;
import org.xenwb.trace.core.read.TraceReader;

/**
 * Tells from a trace whether its HVM exits are Intel VMX or AMD SVM ones, for our own default output (xenalyze itself
 * needs {@code --svm-mode} to be told).
 *
 * <p><b>Rule.</b> Xen 4.17 to 4.19 trace both vendors' exits with the same event ({@code TRC_HVM_VMEXIT} and its
 * 64-bit form), the exit reason in word 0. Every Intel VMX basic exit reason is at most {@link #VMX_MAX_REASON} (75),
 * while AMD SVM exit codes for interrupts, CPUID, HLT, I/O, MSRs, VMMCALL and nested page faults are 0x60 and above
 * (and every guest runs into some of them), so one exit reason above 75 means SVM. A trace without HVM exits is
 * reported as {@link Vendor#NO_HVM_EXITS} (xenalyze's VMX default then gives the same report either way).</p>
 *
 * <p>Stateless, thread-safe.</p>
 */
public final class VendorDetect {

    /** The largest Intel VMX basic exit reason (SDM vol. 3, appendix C). */
    public static final int VMX_MAX_REASON = 75;

    /** The verdict. */
    public enum Vendor {
        /** Exit reasons are Intel VMX basic exit reasons. */
        VMX,
        /** At least one exit reason is above every VMX one: AMD SVM exit codes. */
        SVM,
        /** The trace has no HVM exit record. */
        NO_HVM_EXITS,
    }

    private VendorDetect() {
    }

    /**
     * Reads a trace to its end (or to its first SVM-only exit reason) and decides.
     *
     * @param reader a reader at its start
     * @return the vendor
     */
    public static Vendor detect(TraceReader reader) {
        boolean any = false;
        while (reader.next()) {
            if (reader.kind() != TraceReader.Kind.RECORD || reader.extraCount() < 1) {
                continue;
            }
            int e = reader.event();
            if (e == TraceEvents.TRC_HVM_VMEXIT || e == TraceEvents.TRC_HVM_VMEXIT64) {
                any = true;
                if (Integer.compareUnsigned(reader.extra(0), VMX_MAX_REASON) > 0) {
                    return Vendor.SVM;
                }
            }
        }
        return any ? Vendor.VMX : Vendor.NO_HVM_EXITS;
    }
}
