package org.xenwb.trace.core.catalog;

import java.util.List;

/**
 * Chooses the event layout for a Xen version: the one place that knows which tables exist.
 *
 * <p>Stateless, thread-safe.</p>
 */
public final class EventLayouts {

    /** Versions accepted by {@link #forVersion(String, boolean)}, oldest first. */
    public static final List<String> VERSIONS = List.of("4.17", "4.18", "4.19", "4.20", "4.21", "4.22");

    private EventLayouts() {
    }

    /**
     * The layout of a Xen version.
     *
     * @param version {@code "4.17"} to {@code "4.22"}; 4.17 to 4.19 share a table, 4.20 and newer another
     * @param svm for 4.17 to 4.19: decode HVM exit reasons as AMD SVM exit codes (ignored from 4.20 on, where SVM
     *        exits have their own event)
     * @return the layout
     * @throws IllegalArgumentException when the version is not supported, with a message listing the supported ones
     */
    public static EventLayout forVersion(String version, boolean svm) {
        int index = VERSIONS.indexOf(version);
        if (index < 0) {
            throw new IllegalArgumentException("unsupported Xen version '" + version + "': use one of "
                    + String.join(", ", VERSIONS));
        }
        if (index >= VERSIONS.indexOf("4.20")) {
            return Xen420Layout.INSTANCE;
        }
        return svm ? Xen417Layout.SVM : Xen417Layout.INSTANCE;
    }
}
