package org.xenwb.cli.trace;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.xenwb.trace.core.index.TraceIndex;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code xenwb trace index FILE}: builds the trace's index, or checks that the existing one is up to date. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Build the index that the states, events and stats commands use (they also build it when it"
                + " is missing or stale).", "Progress goes to standard error; Ctrl-C leaves no half-written file."})
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
            return TraceProblems.report(idx.problems(), spec.commandLine().getErr());
        }
    }
}
