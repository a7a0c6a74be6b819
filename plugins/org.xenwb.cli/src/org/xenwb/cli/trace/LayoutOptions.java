package org.xenwb.cli.trace;

import org.xenwb.trace.core.catalog.EventLayout;
import org.xenwb.trace.core.catalog.EventLayouts;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options that choose the event layout (Xen version, SVM exit reasons) for commands that decode records. */
final class LayoutOptions {

    @Option(names = "--svm-mode", description = "HVM exit reasons are AMD SVM ones (Xen 4.17 to 4.19 trace both"
            + " with one event).")
    private boolean svmMode;

    @Option(names = "--xen", paramLabel = "VERSION", defaultValue = "4.17",
            description = "Xen version whose event layouts decode the trace, 4.17 to 4.22 (default 4.17).")
    private String xenVersion;

    /** @return whether HVM exit reasons are to be read as AMD SVM ones */
    boolean svmMode() {
        return svmMode;
    }

    /**
     * @param spec the command, for usage errors
     * @return the layout the options name
     * @throws ParameterException for an unknown Xen version (exit code 2)
     */
    EventLayout layout(CommandSpec spec) {
        try {
            return EventLayouts.forVersion(xenVersion, svmMode);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
