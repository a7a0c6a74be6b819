package org.xenwb.kconfig.core;

/**
 * A Kconfig tree or a configuration file that cannot be used. The message names the file and line
 * ({@code path:line: what is wrong}), like the C tools do; several problems are joined by new lines.
 */
public class KconfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the problem, starting with {@code file:line:} where known */
    public KconfigException(String message) {
        super(message);
    }

    /**
     * @param message the problem, starting with {@code file:line:} where known
     * @param cause the underlying I/O or parsing failure
     */
    public KconfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
