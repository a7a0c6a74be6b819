package org.xenwb.trace.core.format;

import java.io.IOException;

/**
 * Bad bytes in a trace: names the byte offset where the problem starts and what was wrong.
 *
 * <p>The message has the form {@code "<source>: byte offset <n>: <reason>"} (the source part only when known), fit
 * to be shown to a user as one line.</p>
 */
public final class TraceFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long offset;
    private final String reason;
    private final boolean endOfFile;

    /**
     * Creates the exception.
     *
     * @param source the file or stream name, or null when unknown
     * @param offset the byte offset (from the start of the file) where the bad data starts
     * @param reason what was wrong, without the offset
     */
    public TraceFormatException(String source, long offset, String reason) {
        this(source, offset, reason, false);
    }

    /**
     * Creates the exception.
     *
     * @param source the file or stream name, or null when unknown
     * @param offset the byte offset (from the start of the file) where the bad data starts
     * @param reason what was wrong, without the offset
     * @param endOfFile whether the problem is only that the file ends early (see {@link #endOfFile()})
     */
    public TraceFormatException(String source, long offset, String reason, boolean endOfFile) {
        super((source == null ? "" : source + ": ") + "byte offset " + offset + ": " + reason);
        this.source = source;
        this.offset = offset;
        this.reason = reason;
        this.endOfFile = endOfFile;
    }

    /**
     * @return whether the problem is only that the file ends early, inside its last window (a capture cut short,
     *     as a killed xentrace leaves it): every record before the cut is whole and readable
     */
    public boolean endOfFile() {
        return endOfFile;
    }

    /** @return the file or stream name, or null when unknown */
    public String source() {
        return source;
    }

    /** @return the byte offset from the start of the file where the bad data starts */
    public long offset() {
        return offset;
    }

    /** @return what was wrong, without source and offset */
    public String reason() {
        return reason;
    }

    /**
     * The same problem, attributed to a named source.
     *
     * @param newSource the file name
     * @return a new exception with the same offset and reason
     */
    public TraceFormatException withSource(String newSource) {
        TraceFormatException e = new TraceFormatException(newSource, offset, reason, endOfFile);
        e.initCause(this);
        return e;
    }
}
