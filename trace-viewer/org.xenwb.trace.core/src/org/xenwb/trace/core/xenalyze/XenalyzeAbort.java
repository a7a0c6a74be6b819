package org.xenwb.trace.core.xenalyze;

/**
 * Raised where xenalyze itself would stop (its {@code error()} above the default tolerance, or an algorithm that
 * is not reproduced): the analysis cannot go on producing xenalyze's output.
 */
public final class XenalyzeAbort extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what xenalyze would complain about
     */
    public XenalyzeAbort(String message) {
        super(message);
    }
}
