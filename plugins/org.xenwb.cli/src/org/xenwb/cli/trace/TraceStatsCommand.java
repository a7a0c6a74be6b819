package org.xenwb.cli.trace;

import java.io.IOException;
import java.util.concurrent.Callable;

import org.xenwb.trace.core.state.StateModel;
import org.xenwb.trace.core.read.TraceReader;
import org.xenwb.trace.core.stats.RunQueues;
import org.xenwb.trace.core.stats.SchedStats;
import org.xenwb.trace.core.stats.StatsReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code xenwb trace stats FILE}: exact scheduling statistics over a time range, from the index. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Print exact scheduling statistics over a time range: time per runstate for each domain and"
                + " vCPU, runs and migrations, wake-to-run latency percentiles, and run-queue lengths.",
            "Run queues (seconds at each length): 'host' counts the runnable, not running vCPUs of real domains"
                + " (from the runstate records, exact). On credit2 traces each waiting vCPU is also placed where the"
                + " scheduler queued it: 'rqN' per runqueue and 'pN' per pCPU, from the csched2 tickle_new record"
                + " after each runqueue insertion (its processor; the runqueue from csched2 schedule records) and"
                + " csched2 migrate records; 'unq' counts waiting vCPUs not yet queued (all of them on credit traces,"
                + " which do not trace insertions). host = unq + the rq lines at every instant."})
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
            RunQueues queues;
            try (TraceReader r = TraceReader.open(options.file)) {
                queues = RunQueues.compute(m, r);
            }
            StatsReport.print(SchedStats.compute(m, a, b), queues, m.firstTsc(), options.hz(),
                    spec.commandLine().getOut());
            return 0;
        });
    }
}
