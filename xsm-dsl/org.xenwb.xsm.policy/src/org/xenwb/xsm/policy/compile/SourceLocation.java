package org.xenwb.xsm.policy.compile;

/**
 * Where a statement comes from, for diagnostics.
 *
 * @param file the file name (for m4 output: the original file named by {@code #line})
 * @param line the 1-based line
 */
public record SourceLocation(String file, int line) {
    /** A location for statements that have none. */
    public static final SourceLocation UNKNOWN = new SourceLocation("<unknown>", 0);

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
