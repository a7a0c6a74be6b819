package org.xenwb.cli.trace;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.xenwb.trace.core.index.LaneSummary;
import org.xenwb.trace.core.state.Runstate;
import org.xenwb.trace.core.state.StateModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code xenwb trace states FILE}: every pCPU and vCPU lane at a resolution, from the index. */
@Command(name = "states", mixinStandardHelpOptions = true,
        description = {"Print the state of every pCPU and vCPU lane between two times at N pixels: the dominant state"
                + " of each pixel, or with --mix the time share of every state in every pixel.",
            "States: R running, r runnable, b blocked, o offline, ? lost, . idle, blank no data."})
final class TraceStatesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private IndexOptions options;

    @Mixin
    private TimeRange range;

    @Option(names = "--pixels", paramLabel = "N", defaultValue = "80", description = "Resolution (default 80).")
    private int pixels;

    @Option(names = "--mix", description = "Print the share of each state per pixel instead of a picture.")
    private boolean mix;

    @Override
    public Integer call() throws IOException {
        if (pixels < 1 || pixels > 100_000) {
            throw new ParameterException(spec.commandLine(), "--pixels must be between 1 and 100000");
        }
        return options.query(range, (idx, a, b) -> {
            StateModel m = idx.model();
            if (Long.compareUnsigned(b, a) <= 0) {
                throw new ParameterException(spec.commandLine(), "--to must be after --from");
            }
            List<LaneSummary> lanes = idx.states(a, b, pixels);
            PrintWriter out = spec.commandLine().getOut();
            double hz = options.hz();
            out.printf(Locale.ROOT, "%.6f s to %.6f s, %d pixels of %.3f us%n", (a - m.firstTsc()) / hz,
                    (b - m.firstTsc()) / hz, pixels, (b - a) / hz / pixels * 1e6);
            for (LaneSummary lane : lanes) {
                if (!mix) {
                    out.printf(Locale.ROOT, "%-10s |%s|%n", lane.id(), lane.picture());
                    continue;
                }
                for (int p = 0; p < pixels; p++) {
                    long total = 0;
                    for (int s = 0; s < Runstate.COUNT; s++) {
                        total += lane.time(p, s);
                    }
                    StringBuilder sb = new StringBuilder();
                    for (int s = 0; s < Runstate.COUNT; s++) {
                        if (lane.time(p, s) > 0) {
                            sb.append(String.format(Locale.ROOT, " %s=%.1f%%", Runstate.name(s),
                                    100.0 * lane.time(p, s) / total));
                        }
                    }
                    out.printf(Locale.ROOT, "%-10s %5d %-8s%s%n", lane.id(), p,
                            lane.dominant()[p] < 0 ? "-" : Runstate.name(lane.dominant()[p]), sb);
                }
            }
            out.flush();
            return 0;
        });
    }
}
