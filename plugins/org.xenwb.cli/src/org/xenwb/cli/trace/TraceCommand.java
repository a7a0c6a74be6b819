package org.xenwb.cli.trace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code xenwb trace}: the command group for xentrace files. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Read and analyse xentrace files.",
        subcommands = {TraceDumpCommand.class, TraceSummaryCommand.class, TraceIndexCommand.class,
            TraceStatesCommand.class, TraceEventsCommand.class, TraceStatsCommand.class})
public final class TraceCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: see 'xenwb trace --help'.");
    }
}
