package org.xenwb.cli.trace;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.xenwb.trace.core.catalog.EventFormatter;
import org.xenwb.trace.core.catalog.EventLayout;
import org.xenwb.trace.core.index.EventFilter;
import org.xenwb.trace.core.index.TraceEvent;
import org.xenwb.trace.core.state.StateModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code xenwb trace events FILE}: the records of a time range that pass a filter, from the index. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Print the records between two times that pass a filter, in time order: time (s from the"
                + " trace start), pCPU, owner, event id, event name and decoded fields (as in trace dump), byte"
                + " offset.",
            "Owner: the domain and vCPU the record's own payload names (runstate, wake, credit... records), shown"
                + " d1v0=rec (d1=rec when it names a domain only); else the vCPU running on its pCPU, shown"
                + " d1v0=run (d?v?=run when unknown).",
            "Only the windows of the file that hold the range are read."})
final class TraceEventsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private IndexOptions options;

    @Mixin
    private TimeRange range;

    @Mixin
    private LayoutOptions layoutOptions;

    @Option(names = "--filter", paramLabel = "SPEC", defaultValue = "",
            description = "Comma-separated key=value: event=0x21011, class=NAME (" + EventFilter.CLASS_NAMES
                    + ", or a class number), domain=1, vcpu=0, pcpu=2 (domain and vcpu match the record's owner,"
                    + " see above).")
    private String filter;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
            description = "Print at most the first N records (default 1000).")
    private int limit;

    @Override
    public Integer call() throws IOException {
        EventFilter f;
        try {
            f = EventFilter.parse(filter);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid --filter: " + e.getMessage());
        }
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        EventLayout layout = layoutOptions.layout(spec);
        EventFormatter formatter = new EventFormatter(layout);
        return options.query(range, (idx, a, b) -> {
            StateModel m = idx.model();
            List<TraceEvent> events = idx.events(a, b, f, limit, layout);
            PrintWriter out = spec.commandLine().getOut();
            double hz = options.hz();
            StringBuilder sb = new StringBuilder();
            for (TraceEvent e : events) {
                sb.setLength(0);
                sb.append(String.format(Locale.ROOT, "%.9f p%d ", (e.tsc() - m.firstTsc()) / hz, e.cpu()));
                sb.append(e.ownerText());
                sb.append(String.format(" 0x%08x ", e.event()));
                formatter.append(e.event(), e.extra(), e.extra().length, sb);
                sb.append(" @").append(e.offset());
                out.println(sb);
            }
            out.flush();
            return 0;
        });
    }
}
