package org.xenwb.trace.core.catalog;

import static org.xenwb.trace.core.format.TraceEvents.TRC_64_FLAG;
import static org.xenwb.trace.core.format.TraceEvents.TRC_HVM_ENTRYEXIT;

/**
 * Event names and payload layouts of Xen 4.20 and newer (checked against 4.22): the 4.17 table, except that VMX
 * and SVM exits became separate events ({@code TRC_HVM_VMX_EXIT} keeps the old id, {@code TRC_HVM_SVM_EXIT} is
 * {@code TRC_HVM_ENTRYEXIT + 3}), so the exit reason names no longer depend on an option. The other payloads kept
 * their layouts when 4.19 moved the call sites to {@code TRACE_TIME}/{@code trace_time}.
 *
 * <p>Immutable singleton, thread-safe.</p>
 */
public final class Xen420Layout extends Xen417Layout {

    /** The shared instance. */
    public static final Xen420Layout INSTANCE = new Xen420Layout();

    /** {@code TRC_HVM_SVM_EXIT} of Xen 4.20. */
    public static final int TRC_HVM_SVM_EXIT = TRC_HVM_ENTRYEXIT + 0x03;

    private Xen420Layout() {
        super(false);
        def(TRC_HVM_SVM_EXIT, "HVM", "hvm:vmexit", "exit_reason@svm_exit", "rip:x");
        def(TRC_HVM_SVM_EXIT | TRC_64_FLAG, "HVM", "hvm:vmexit", "exit_reason@svm_exit", "rip:q");
    }

    @Override
    public String xenVersion() {
        return "4.20";
    }
}
