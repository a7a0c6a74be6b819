package org.xenwb.engine.core.config;

/**
 * A non-fatal finding about a configuration file, such as a key the engine does not know.
 *
 * @param severity how serious the finding is
 * @param code a stable issue code (constants in this class) that tools can key quick fixes on
 * @param file the file name as given by the user
 * @param line the 1-based line
 * @param message the text shown to the user, without the location
 */
public record Diagnostic(Severity severity, String code, String file, int line, String message) {

    /** A key that is not an {@code xl.cfg(5)} key the engine knows (probably a typo). */
    public static final String UNKNOWN_KEY = "unknown-key";
    /** A real {@code xl.cfg(5)} key that has no effect on the simulated host. */
    public static final String IGNORED_KEY = "ignored-key";
    /** A value the engine accepts but adjusts (for example clamped to the host). */
    public static final String ADJUSTED_VALUE = "adjusted-value";

    /** How serious a diagnostic is. */
    public enum Severity {
        /** Informational: the input is valid, the engine just does not model it. */
        INFO,
        /** Probably a mistake, but the file can still be used. */
        WARNING
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message
                + " [" + code + "]";
    }
}
