package org.xenwb.cli.trace;

import java.io.PrintWriter;
import java.util.List;

import org.xenwb.trace.core.format.TraceFormatException;

/** Prints the format problems of a trace as one line each on standard error. */
final class TraceProblems {

    private TraceProblems() {
    }

    /**
     * Reports problems.
     *
     * @param problems the reader's problems
     * @param err standard error
     * @return the exit code: 0 without problems, 1 with
     */
    static int report(List<TraceFormatException> problems, PrintWriter err) {
        for (TraceFormatException p : problems) {
            err.println("xenwb: " + p.getMessage());
        }
        err.flush();
        return problems.isEmpty() ? 0 : 1;
    }
}
