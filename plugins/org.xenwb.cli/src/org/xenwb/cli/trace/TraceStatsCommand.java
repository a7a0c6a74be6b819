package org.xenwb.cli.trace;

import java.io.IOException;
import java.util.concurrent.Callable;

import org.xenwb.trace.core.state.StateModel;
import org.xenwb.trace.core.stats.SchedStats;
import org.xenwb.trace.core.stats.StatsReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Mixin
    private TimeRange range;

    @Override
    public Integer call() throws IOException {
        return options.query(range, (idx, a, b) -> {
            StateModel m = idx.model();
            StatsReport.print(SchedStats.compute(m, a, b), m.firstTsc(), options.hz(), spec.commandLine().getOut());
            return 0;
        });
    }
}
