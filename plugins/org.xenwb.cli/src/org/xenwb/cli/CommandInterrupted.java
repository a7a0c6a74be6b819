package org.xenwb.cli;

/**
 * Thrown by a command whose work a shutdown (Ctrl-C) stopped, after it has said so on standard error: the report
 * has to be written while {@link CancelOnShutdown} still holds the shutdown, because once the work returns the JVM
 * may exit before a message printed later appears. {@link ErrorReporter} turns it into
 * {@link Main#EXIT_INTERRUPTED} without printing anything more.
 */
public final class CommandInterrupted extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what was interrupted and what it left behind (already printed) */
    public CommandInterrupted(String message) {
        super(message);
    }
}
