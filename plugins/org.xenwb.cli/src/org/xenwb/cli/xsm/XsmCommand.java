package org.xenwb.cli.xsm;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code xenwb xsm}: the command group for Xen XSM/FLASK policies. */
@Command(name = "xsm", mixinStandardHelpOptions = true,
        description = "Read, decompile, query, import and compile Xen XSM/FLASK policies.",
        subcommands = {XsmDecompileCommand.class, XsmQueryCommand.class, XsmInfoCommand.class,
            XsmCheckCommand.class, XsmCompileCommand.class, XsmCompileConfCommand.class, XsmImportCommand.class,
            XsmCanCommand.class, XsmInteractionsCommand.class, XsmAudit2AllowCommand.class})
public final class XsmCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: see 'xenwb xsm --help'.");
    }
}
