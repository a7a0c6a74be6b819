package org.xenwb.cli.trace;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.xenwb.trace.core.format.TraceFormatException;
import org.xenwb.trace.core.xenalyze.XenalyzeAnalysis;

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

    /**
     * Reports what an xenalyze-compatible run left unsaid: records it does not reproduce yet, the file's format
     * problems, and where it stopped like xenalyze stops.
     *
     * <p>A file that merely ends early, inside its last window (what a killed xentrace leaves), gives exit code 0,
     * as xenalyze's: its report covers every record in the file, and the warning on standard error says where the
     * file was cut. Any other problem, and a run stopped where xenalyze stops, give 1.</p>
     *
     * @param analysis the finished analysis
     * @param file the trace
     * @param unsupportedNote the note printed when the trace has records whose analysis is not reproduced yet
     * @param stopped what stopped, for the message ("dump", "analysis")
     * @param err standard error
     * @return the exit code: 0 when the run went through without problems or only ran into the end of a file cut
     *     short, else 1
     */
    static int finish(XenalyzeAnalysis analysis, Path file, String unsupportedNote, String stopped,
            PrintWriter err) {
        if (analysis.hasUnsupportedContent()) {
            err.println("xenwb: note: " + unsupportedNote);
        }
        report(analysis.problems(), err);
        if (analysis.abortReason() != null) {
            err.println("xenwb: " + file + ": " + stopped + " stopped where xenalyze stops: " + analysis.abortReason());
            return 1;
        }
        return analysis.problems().stream().allMatch(TraceFormatException::endOfFile) ? 0 : 1;
    }
}
