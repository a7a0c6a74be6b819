package org.xenwb.xsm.policy.compile;

import java.util.List;
import java.util.stream.Collectors;

/** A policy that cannot be compiled; the message starts with {@code file:line:}. */
public final class PolicyCompileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SourceLocation location;
    private final transient List<PolicyDiagnostic> diagnostics;

    /**
     * @param location where the problem is
     * @param message what is wrong
     */
    public PolicyCompileException(SourceLocation location, String message) {
        super(location + ": " + message);
        this.location = location;
        this.diagnostics = List.of(new PolicyDiagnostic(location, true, null, message, List.of()));
    }

    /**
     * Several errors found together (e.g. every neverallow violation, as checkpolicy reports them all).
     *
     * @param diagnostics the errors, at least one
     */
    public PolicyCompileException(List<PolicyDiagnostic> diagnostics) {
        super(diagnostics.stream().map(d -> d.location() + ": " + d.message())
                .collect(Collectors.joining("\n")) + (diagnostics.size() > 1
                        ? "\n" + diagnostics.size() + " errors" : ""));
        this.location = diagnostics.get(0).location();
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** @return each error with its location, code and related statements (one for single-error exceptions) */
    public List<PolicyDiagnostic> diagnostics() {
        return diagnostics;
    }

    /** @return where the problem is */
    public SourceLocation location() {
        return location;
    }
}
