package org.xenwb.xsm.policy.compile;

import java.util.List;

/**
 * A problem the compiler or the policy checks ({@code org.xenwb.xsm.policy.analysis.PolicyLint}) found in a
 * policy's sources. Immutable.
 *
 * @param location the statement the diagnostic is about (for a neverallow violation: the neverallow)
 * @param error true for an error (checkpolicy rejects the policy), false for a warning
 * @param code the issue code, one of the constants of this record, for quick fixes in the editor
 * @param message what is wrong, without the location
 * @param related other statements involved, e.g. the allow rules that violate a neverallow, in source order
 */
public record PolicyDiagnostic(SourceLocation location, boolean error, String code, String message,
        List<SourceLocation> related) {

    /** An allow rule grants what a {@code neverallow} forbids (an error, as in checkpolicy). */
    public static final String NEVERALLOW_VIOLATED = "org.xenwb.xsm.neverallowViolated";
    /** A type or attribute declared again (an error, as in checkpolicy); related: the first declaration. */
    public static final String DUPLICATE_DECLARATION = "org.xenwb.xsm.duplicateDeclaration";
    /** A type that no rule applies to and no initial SID or device context labels (a warning). */
    public static final String UNUSED_TYPE = "org.xenwb.xsm.unusedType";
    /** A rule whose source or target set contains no type, so it can never apply (a warning). */
    public static final String EMPTY_TYPE_SET = "org.xenwb.xsm.emptyTypeSet";
    /** A rule in a branch of a conditional whose expression is constant, so the branch is never taken. */
    public static final String DEAD_BRANCH = "org.xenwb.xsm.deadConditionalBranch";

    /** Copies the list. */
    public PolicyDiagnostic {
        related = List.copyOf(related);
    }

    /** @return {@code file:line: error|warning: message}, followed by {@code (rule at LOCATION)} per related */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(location + ": " + (error ? "error" : "warning") + ": " + message);
        for (SourceLocation r : related) {
            s.append("\n    ").append(r).append(": note: rule involved");
        }
        return s.toString();
    }
}
