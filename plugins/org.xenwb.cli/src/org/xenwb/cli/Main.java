package org.xenwb.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;

import picocli.CommandLine;

/**
 * Entry point of the headless {@code xenwb} command line.
 *
 * <p>The command line runs on a plain class path made of the same core bundle jars that the workbench loads
 * under OSGi, so it starts in a fraction of a second. Exit codes follow the convention of the project:
 * {@code 0} success, {@code 1} failure, {@code 2} usage error.</p>
 */
public final class Main {

    /** Exit code of a command that ran and succeeded. */
    public static final int EXIT_OK = 0;
    /** Exit code of a command that ran and failed (bad input, failed analysis, missing file...). */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of a command line that could not be parsed. */
    public static final int EXIT_USAGE = 2;
    /** Exit code of work stopped by Ctrl-C (128 + SIGINT, as shells report it). */
    public static final int EXIT_INTERRUPTED = 130;

    private Main() {
    }

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the arguments, without the program name
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line without exiting the JVM, for tests and for embedding in the workbench console.
     *
     * @param args the arguments, without the program name
     * @param out where the command's normal output goes
     * @param err where diagnostics and errors go
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, null, out, err);
    }

    /**
     * Runs the command line with its input lines taken from a reader instead of standard input (see
     * {@link CommandInput}), for the workbench's command console.
     *
     * @param args the arguments, without the program name
     * @param in where commands that read input lines read them; {@code null} for standard input
     * @param out where the command's normal output goes
     * @param err where diagnostics and errors go
     * @return the exit code
     */
    public static int run(String[] args, BufferedReader in, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = newCommandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        CommandInput.supply(in);
        try {
            return commandLine.execute(args);
        } finally {
            CommandInput.supply(null);
            out.flush();
            err.flush();
        }
    }

    /**
     * Creates the fully configured command tree, with the project's exit codes and error reporting.
     *
     * @return a new command line, not yet executed
     */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new XenwbCommand());
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        commandLine.setParameterExceptionHandler(new ShortUsageErrors());
        shareVersion(commandLine, commandLine.getCommandSpec().versionProvider());
        commandLine.getCommandSpec().exitCodeOnUsageHelp(EXIT_OK);
        commandLine.getCommandSpec().exitCodeOnInvalidInput(EXIT_USAGE);
        commandLine.getCommandSpec().exitCodeOnExecutionException(EXIT_FAILURE);
        return commandLine;
    }

    /** Gives every sub-command the top-level version, so that {@code -V} prints it at every level. */
    private static void shareVersion(CommandLine command, CommandLine.IVersionProvider version) {
        command.getCommandSpec().versionProvider(version);
        for (CommandLine sub : command.getSubcommands().values()) {
            shareVersion(sub, version);
        }
    }
}
