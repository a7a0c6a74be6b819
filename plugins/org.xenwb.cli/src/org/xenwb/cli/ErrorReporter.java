package org.xenwb.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping from a command into one clear line on standard error and exit code 1.
 *
 * <p>Users never see a stack trace: commands report bad input with exceptions whose message names the file and the
 * line or byte offset; each line of a message (several errors of a policy compilation) gets the prefix. Work
 * stopped by Ctrl-C ({@link CommandInterrupted}) has been reported by the command and gives exit code 130. Setting
 * the environment variable {@code XENWB_DEBUG} prints the stack trace as well, for developers of the workbench
 * itself.</p>
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        if (exception instanceof CommandInterrupted) {
            return Main.EXIT_INTERRUPTED; // the command has reported it
        }
        // one "xenwb: " line per line of the message: a compiler's list of file:line errors reads like one error each
        describe(exception).lines().forEach(line -> commandLine.getErr().println("xenwb: " + line));
        if (System.getenv("XENWB_DEBUG") != null) {
            exception.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        return Main.EXIT_FAILURE;
    }

    /**
     * @param t what went wrong
     * @return its message; for a file system error, which the JDK describes by the file alone, the file and why
     *     (e.g. {@code cfg/d1.cfg: no such file or directory}); an I/O error wrapped with a message keeps both
     */
    static String describe(Throwable t) {
        if (t instanceof FileSystemException f) {
            String reason = t instanceof NoSuchFileException ? "no such file or directory"
                    : t instanceof AccessDeniedException ? "permission denied"
                    : t instanceof NotDirectoryException ? "not a directory"
                    : t instanceof FileAlreadyExistsException ? "already exists"
                    : f.getReason() != null ? f.getReason() : t.getClass().getSimpleName();
            String file = f.getOtherFile() == null ? f.getFile() : f.getFile() + " -> " + f.getOtherFile();
            return file == null ? reason : file + ": " + reason;
        }
        if (t instanceof UncheckedIOException && t.getCause() != null) {
            return t.getMessage() + ": " + describe(t.getCause());
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
