package org.xenwb.cli.trace;

import org.xenwb.trace.core.state.StateModel;

import picocli.CommandLine.Option;

/** The {@code --from}/{@code --to} options of the index queries, as times relative to the trace's start. */
final class TimeRange {

    @Option(names = "--from", paramLabel = "TIME", description = "Start (seconds from the trace start; or 250ms, 40us,"
            + " 1000c). Default: the start.")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End (same units). Default: the end.")
    private String to;

    /** @return the --from text, or "0" (the start) when not given */
    String from() {
        return from == null ? "0" : from;
    }

    /**
     * @param options the index options (for the TSC frequency and messages)
     * @param m the trace's model
     * @return {from, to} in TSC cycles
     */
    long[] resolve(IndexOptions options, StateModel m) {
        return new long[] {options.time(from, "--from", m.firstTsc(), m.firstTsc()),
            options.time(to, "--to", m.firstTsc(), m.lastTsc())};
    }
}
