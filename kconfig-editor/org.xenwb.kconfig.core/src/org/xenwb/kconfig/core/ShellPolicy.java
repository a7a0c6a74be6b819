package org.xenwb.kconfig.core;

/**
 * Decides whether the preprocessor may run the command of a {@code $(shell,...)} call.
 *
 * <p>Opening an untrusted tree must not run commands silently, so the engine asks its caller for every call. A call
 * that is not allowed expands to {@link #assumedOutput} instead ({@code n} by default: it keeps
 * {@code def_bool $(success,...)} and numeric defaults parseable and reads as "feature absent"); every call, run or
 * skipped, is recorded in {@link Kconfig#shellCalls()} with the value used. Implementations are called on the
 * parsing thread only.</p>
 */
@FunctionalInterface
public interface ShellPolicy {

    /** Runs every command. */
    ShellPolicy ALLOW_ALL = (command, file, line) -> true;

    /** Runs no command. */
    ShellPolicy DENY_ALL = (command, file, line) -> false;

    /**
     * @param command the command line, after expansion, as {@code /bin/sh -c} would receive it
     * @param file the Kconfig file that contains the call, as named by {@code source}
     * @param line the line of the call (1-based)
     * @return true to run the command
     */
    boolean allow(String command, String file, int line);

    /**
     * The value a skipped call expands to.
     *
     * @param command the command that was not run
     * @return the assumed output; {@code n} unless overridden
     */
    default String assumedOutput(String command) {
        return "n";
    }

    /**
     * One {@code $(shell,...)} call met while parsing.
     *
     * @param file the Kconfig file of the call
     * @param line its line
     * @param command the expanded command
     * @param executed whether it ran
     * @param output the value used: the command's output, or {@link ShellPolicy#assumedOutput} for a skipped call
     */
    record Call(String file, int line, String command, boolean executed, String output) {
    }
}
