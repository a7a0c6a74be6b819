package org.xenwb.trace.core.xenalyze;

/**
 * xenalyze's {@code enum error_level} and its {@code error()}: an error at or below the tolerance
 * ({@code --tolerance}, default {@link XenalyzeOptions#DEFAULT_TOLERANCE}) lets the analysis carry on the way
 * xenalyze does after the call; an error above it stops the analysis with a {@link XenalyzeAbort}. Levels above
 * {@link #LIMIT} (assertions, system errors) always stop.
 */
final class ErrorLevels {

    /** Unreasonably picky: records xenalyze only dumps generically. */
    static final int STRICT = 1;
    /** Something mildly unexpected. */
    static final int WARN = 2;
    /** Sanity checks. */
    static final int SANITY = 3;
    /** Something that keeps a record from being processed. */
    static final int RECORD = 4;
    /** Probably a corrupt file. */
    static final int FILE = 5;
    /** Exceeded limits; data will be lost. */
    static final int LIMIT = 6;
    /** An algorithm assertion: always fatal. */
    static final int ASSERT = 7;

    private final int tolerance;

    /** @param tolerance the highest level to carry on after */
    ErrorLevels(int tolerance) {
        this.tolerance = tolerance;
    }

    /** @return the tolerance */
    int tolerance() {
        return tolerance;
    }

    /**
     * xenalyze's {@code error(level, ...)}.
     *
     * @param level the error's level
     * @param reason what went wrong, for {@link XenalyzeAnalysis#abortReason()}
     * @throws XenalyzeAbort when the level is above the tolerance
     */
    void error(int level, String reason) {
        if (level > tolerance) {
            throw new XenalyzeAbort(reason);
        }
    }

    /**
     * @param level an error level
     * @return whether an error at that level stops the analysis
     */
    boolean stops(int level) {
        return level > tolerance;
    }
}
