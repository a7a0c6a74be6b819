package org.xenwb.cli.engine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code xenwb engine}: the simulated Xen host. */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Simulate a Xen host: schedulers, cpupools, domains, xl commands, xentrace output.",
        subcommands = {EngineRunCommand.class, EngineShellCommand.class})
public final class EngineCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: see 'xenwb engine --help'.");
    }
}
