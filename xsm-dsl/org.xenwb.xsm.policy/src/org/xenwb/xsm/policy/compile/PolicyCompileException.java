package org.xenwb.xsm.policy.compile;

/** A policy that cannot be compiled; the message starts with {@code file:line:}. */
public final class PolicyCompileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SourceLocation location;

    /**
     * @param location where the problem is
     * @param message what is wrong
     */
    public PolicyCompileException(SourceLocation location, String message) {
        super(location + ": " + message);
        this.location = location;
    }

    /** @return where the problem is */
    public SourceLocation location() {
        return location;
    }
}
