package org.xenwb.trace.core.catalog;

import java.io.IOException;

import org.xenwb.trace.core.SharedData;
import org.xenwb.trace.core.Xenalyze;

/** The layout that fits a shared capture: all are Xen 4.17; those xenalyze reads with --svm-mode are AMD SVM. */
public final class TraceLayouts {

    private TraceLayouts() {
    }

    /**
     * @param name a capture folder name
     * @return whether the capture's HVM exits are AMD SVM ones
     * @throws IOException when its README cannot be read
     */
    public static boolean svm(String name) throws IOException {
        return Xenalyze.options(SharedData.trace(name).getParent()).contains("--svm-mode");
    }

    /**
     * @param name a capture folder name
     * @return the 4.17 layout with the capture's exit reason flavour
     * @throws IOException when its README cannot be read
     */
    public static Xen417Layout forTrace(String name) throws IOException {
        return svm(name) ? Xen417Layout.SVM : Xen417Layout.INSTANCE;
    }
}
