package org.xenwb.cli.trace;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.xenwb.trace.core.format.TraceFormatException;
import org.xenwb.trace.core.index.TraceIndex;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xenwb trace index FILE}: builds the trace's index, or checks that the existing one is up to date. A damaged
 * trace is indexed as far as it can be read; its problems are listed (also when the index is reused) and the exit
 * code is 1, with a line that says so.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Build the index that the states, events and stats commands use (they also build it when it"
                + " is missing or stale).", "Progress goes to standard error; Ctrl-C leaves no half-written file.",
            "A damaged trace is indexed as far as it can be read: its problems are listed with their byte offsets"
                + " and the exit code is 1."})
final class TraceIndexCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private IndexOptions options;

    @Option(names = "--force", description = "Rebuild even when the index is up to date.")
    private boolean force;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        try (TraceIndex idx = options.open(force)) {
            PrintWriter out = spec.commandLine().getOut();
            String what = idx.rebuildReason() == null ? "up to date" : "built (" + idx.rebuildReason() + ")";
            out.printf(java.util.Locale.ROOT, "%s: index %s in %.3f s: %d pCPU lanes, %d vCPU lanes%n",
                    options.file, what, (System.nanoTime() - start) / 1e9, idx.model().pcpuLanes().size(),
                    idx.model().vcpuLanes().size());
            out.flush();
            PrintWriter err = spec.commandLine().getErr();
            int code = TraceProblems.report(idx.problems(), err);
            if (code != 0) {
                boolean cut = idx.problems().stream().allMatch(TraceFormatException::endOfFile);
                err.println("xenwb: " + options.file + ": exit code 1: the trace is " + (cut ? "cut short" : "damaged")
                        + " (see above); the index holds the records that could be read, and states, events and stats"
                        + " answer from them");
                err.flush();
            }
            return code;
        }
    }
}
