package org.xenwb.engine.core.xl;

/** An {@code xl} command failed; the message is what xl would print (one line). */
public final class XlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong */
    public XlException(String message) {
        super(message);
    }
}
