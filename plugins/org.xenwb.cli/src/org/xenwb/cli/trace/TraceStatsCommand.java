package org.xenwb.cli.trace;

import java.io.IOException;
import java.util.concurrent.Callable;

import org.xenwb.trace.core.index.TraceIndex;
import org.xenwb.trace.core.state.StateModel;
import org.xenwb.trace.core.stats.SchedStats;
import org.xenwb.trace.core.stats.StatsReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code xenwb trace stats FILE}: exact scheduling statistics over a time range, from the index. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Print exact scheduling statistics over a time range: time per runstate for each domain and"
                + " vCPU, runs and migrations, wake-to-run latency percentiles, and run-queue lengths."})
final class TraceStatsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private IndexOptions options;

    @Option(names = "--from", paramLabel = "TIME", description = "Start (seconds from the trace start; or 250ms, 40us,"
            + " 1000c). Default: the start.")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End (same units). Default: the end.")
    private String to;

    @Override
    public Integer call() throws IOException {
        try (TraceIndex idx = options.open(false)) {
            Integer empty = options.checkNotEmpty(idx);
            if (empty != null) {
                return empty;
            }
            StateModel m = idx.model();
            long a = options.time(from, "--from", m.firstTsc(), m.firstTsc());
            long b = options.time(to, "--to", m.firstTsc(), m.lastTsc());
            if (b < a) {
                throw new ParameterException(spec.commandLine(), "--to must not be before --from");
            }
            StatsReport.print(SchedStats.compute(m, a, b), m.firstTsc(), options.hz(), spec.commandLine().getOut());
            return TraceProblems.report(idx.problems(), spec.commandLine().getErr());
        }
    }
}
