package org.xenwb.xsm.policy.analysis;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.xenwb.xsm.policy.DeviceContext;
import org.xenwb.xsm.policy.InitialSid;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.PolicyIndex;
import org.xenwb.xsm.policy.TypeDef;
import org.xenwb.xsm.policy.compile.PolicyBuilder;
import org.xenwb.xsm.policy.compile.PolicyBuilder.Compilation;
import org.xenwb.xsm.policy.compile.PolicyDiagnostic;
import org.xenwb.xsm.policy.compile.SourceLocation;
import org.xenwb.xsm.policy.compile.SourceRule;

/**
 * Warnings about a policy that compiles (checkpolicy 3.4 accepts all of these silently):
 * <ul>
 * <li>{@link PolicyDiagnostic#EMPTY_TYPE_SET}: an {@code allow}, {@code auditallow}, {@code dontaudit} or type rule
 * whose source set, or target set without {@code self}, contains no type once attributes are expanded and
 * {@code -}/{@code ~} applied (e.g. an attribute no type has): the rule can never apply.</li>
 * <li>{@link PolicyDiagnostic#DEAD_BRANCH}: a rule in the branch of a conditional that is never taken because the
 * condition has the same value for every combination of its booleans (e.g. {@code b && !b}).</li>
 * <li>{@link PolicyDiagnostic#UNUSED_TYPE}: a type (not an attribute) that no {@code allow}, {@code auditallow},
 * {@code dontaudit} or type rule names as source, target or new type (directly, through an attribute or
 * {@code self}) and that no initial SID or device context labels. Neverallow rules and roles do not count.</li>
 * </ul>
 * Stateless; {@link #check} is safe to call from several threads on different compilations.
 */
public final class PolicyLint {

    private PolicyLint() {
    }

    /**
     * @param c a compilation
     * @return the warnings, rule warnings in rule order, then unused types in declaration order
     */
    public static List<PolicyDiagnostic> check(Compilation c) {
        Policy policy = c.policy();
        PolicyIndex ix = policy.index();
        List<PolicyDiagnostic> out = new ArrayList<>();
        BitSet used = new BitSet();
        for (SourceRule r : c.rules()) {
            if (r.kind() == PolicyBuilder.NEVERALLOW) {
                continue;
            }
            if (r.sources().isEmpty()) {
                out.add(warning(r.location(), PolicyDiagnostic.EMPTY_TYPE_SET,
                        "rule can never apply: its source " + r.sourceText() + " stands for no type"));
            } else if (r.targets().isEmpty() && !r.self()) {
                out.add(warning(r.location(), PolicyDiagnostic.EMPTY_TYPE_SET,
                        "rule can never apply: its target " + r.targetText() + " stands for no type"));
            }
            if (r.conditional()) {
                Boolean constant = Conditions.constantValue(r.condition());
                if (constant != null && constant != r.branch()) {
                    out.add(warning(r.location(), PolicyDiagnostic.DEAD_BRANCH, "rule can never apply: the condition "
                            + Conditions.text(ix, r.condition()) + " is always " + constant
                            + ", so the " + (r.branch() ? "if" : "else") + " branch is never taken"));
                }
            }
            used.or(r.sources());
            used.or(r.targets());
            if (PolicyBuilder.isTypeRuleKind(r.kind())) {
                r.data().values().forEach(v -> used.set(v - 1));
            }
        }
        for (InitialSid sid : policy.initialSids()) {
            used.set(sid.context().type() - 1);
        }
        for (DeviceContext d : policy.deviceContexts()) {
            used.set(d.context().type() - 1);
        }
        for (TypeDef t : policy.types()) {
            if (t.kind() == TypeDef.Kind.TYPE && !used.get(t.value() - 1)) {
                SourceLocation at = c.declarations().getOrDefault(t.name(), SourceLocation.UNKNOWN);
                out.add(warning(at, PolicyDiagnostic.UNUSED_TYPE, "type " + t.name()
                        + " is never used: no rule applies to it and no initial SID or device context labels it"));
            }
        }
        return out;
    }

    private static PolicyDiagnostic warning(SourceLocation at, String code, String message) {
        return new PolicyDiagnostic(at, false, code, message, List.of());
    }
}
