package org.xenwb.engine.core.config;

/**
 * Bad input in a configuration file. The message always starts with {@code file:line:} (and a column when
 * known), so a command line can print it as one line.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String problem;

    /**
     * @param file the file name as the user gave it
     * @param line the 1-based line, or 0 when the problem concerns the whole file
     * @param message what is wrong, without the location
     */
    public ConfigException(String file, int line, String message) {
        super(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
        this.file = file;
        this.line = line;
        this.problem = message;
    }

    /** @return the file name as given by the user */
    public String file() {
        return file;
    }

    /** @return the 1-based line, or 0 for the whole file */
    public int line() {
        return line;
    }

    /** @return what is wrong, without the location */
    public String problem() {
        return problem;
    }
}
