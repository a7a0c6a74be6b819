package org.xenwb.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code xenwb} command. Each component registers its command group here, in
 * {@code subcommands}; the groups live in packages {@code org.xenwb.cli.<component>}.
 */
@Command(name = "xenwb",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Xen Workbench: headless tools for Xen hypervisor developers.%n"
                + "Run without a command (./xenwb) to open the workbench.",
        subcommands = {VersionCommand.class, org.xenwb.cli.trace.TraceCommand.class,
                org.xenwb.cli.kconfig.KconfigCommand.class, org.xenwb.cli.xsm.XsmCommand.class,
                org.xenwb.cli.engine.EngineCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure, 2 usage error, 130 interrupted by Ctrl-C."})
public final class XenwbCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: see 'xenwb --help'.");
    }
}
