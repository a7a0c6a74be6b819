package org.xenwb.engine.core.ops;

/**
 * A gateway's answer. Immutable.
 *
 * @param allowed whether the operation may proceed
 * @param reason why (shown to the user when denied; e.g. an AVC message), never null
 */
public record Verdict(boolean allowed, String reason) {

    /** @return an allowing verdict with no reason */
    public static Verdict allow() {
        return new Verdict(true, "");
    }

    /**
     * @param reason why
     * @return a denying verdict
     */
    public static Verdict deny(String reason) {
        return new Verdict(false, reason);
    }
}
