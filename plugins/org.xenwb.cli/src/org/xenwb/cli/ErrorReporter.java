package org.xenwb.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping from a command into one clear line on standard error and exit code 1.
 *
 * <p>Users never see a stack trace: commands report bad input with exceptions whose message names the file and the
 * line or byte offset. Setting the environment variable {@code XENWB_DEBUG} prints the stack trace as well, for
 * developers of the workbench itself.</p>
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        String message = exception.getMessage();
        if (message == null || message.isBlank()) {
            message = exception.getClass().getSimpleName();
        }
        commandLine.getErr().println("xenwb: " + message);
        if (System.getenv("XENWB_DEBUG") != null) {
            exception.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        return Main.EXIT_FAILURE;
    }
}
