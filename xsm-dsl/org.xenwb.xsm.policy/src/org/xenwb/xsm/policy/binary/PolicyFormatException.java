package org.xenwb.xsm.policy.binary;

import java.io.IOException;

/**
 * A binary policy that cannot be read or a policy that cannot be written. The message names the file and the byte
 * offset of the problem.
 */
public final class PolicyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long offset;

    /**
     * @param source the file name or another description of the input
     * @param offset the byte offset of the problem, or -1 when it is not about a position
     * @param message what is wrong
     */
    public PolicyFormatException(String source, long offset, String message) {
        super(source + (offset >= 0 ? ": at byte offset " + offset : "") + ": " + message);
        this.offset = offset;
    }

    /** @return the byte offset of the problem, or -1 */
    public long offset() {
        return offset;
    }
}
