package org.xenwb.xsm.policy.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.xenwb.xsm.policy.AvRule;
import org.xenwb.xsm.policy.Conditional;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.PolicyIndex;
import org.xenwb.xsm.policy.SecurityClass;
import org.xenwb.xsm.policy.TypeDef;
import org.xenwb.xsm.policy.compile.PolicyBuilder;
import org.xenwb.xsm.policy.compile.SourceLocation;
import org.xenwb.xsm.policy.compile.SourceRule;
import org.xenwb.xsm.policy.query.RuleMatch;
import org.xenwb.xsm.policy.query.RuleQuery;
import org.xenwb.xsm.policy.query.SesearchFormat;

/**
 * "Can type A do permission P of class C on type B?" with the explanation: the compiled rules that decide it (the
 * rules {@code sesearch -A --auditallow --dontaudit -s A -t B -c C -p P} lists), whether each is active under the
 * booleans' defaults, and, when the rules as written are known, the statements behind them and the neverallow
 * rules that forbid it. Stateless.
 */
public final class AccessCheck {

    /** The decision. */
    public enum Verdict {
        /** An unconditional allow, or a conditional allow in the branch the defaults select. */
        ALLOWED,
        /** Only conditional allows in branches the defaults do not select: allowed under other boolean values. */
        ALLOWED_UNDER_OTHER_BOOLEANS,
        /** No allow rule. */
        DENIED
    }

    /**
     * A compiled rule that matches.
     *
     * @param rule the rule
     * @param line the rule in sesearch's format (with its condition)
     * @param active whether it applies under the booleans' defaults
     * @param condition the condition as written with the branch's required value, or null
     * @param via how the rule reaches A and B, e.g. {@code source domain_type: an attribute of dom0_t}; empty when it
     *        names both directly
     */
    public record Grant(AvRule rule, String line, boolean active, String condition, String via) {
    }

    /**
     * A statement of the sources that matches.
     *
     * @param rule the statement, resolved
     * @param active whether it applies under the booleans' defaults (neverallow: always)
     */
    public record Statement(SourceRule rule, boolean active) {
    }

    /**
     * The answer.
     *
     * @param source the source type
     * @param target the target type
     * @param className the class
     * @param permission the permission
     * @param verdict the decision under the booleans' defaults
     * @param logged whether a denial would be logged (no active dontaudit), or whether an allowed access is audited
     *        (an active auditallow)
     * @param grants matching compiled allow, auditallow and dontaudit rules
     * @param statements matching statements of the sources (allow, auditallow, dontaudit, neverallow); empty for a
     *        binary policy
     * @param otherPermissions permissions of C that A already has on B (what the allow rules do grant)
     */
    public record Answer(String source, String target, String className, String permission, Verdict verdict,
            boolean logged, List<Grant> grants, List<Statement> statements, List<String> otherPermissions) {
        /** Copies the lists. */
        public Answer {
            grants = List.copyOf(grants);
            statements = List.copyOf(statements);
            otherPermissions = List.copyOf(otherPermissions);
        }
    }

    private AccessCheck() {
    }

    /**
     * @param policy the compiled policy
     * @param rules the rules as written (from a compilation), or null for a binary policy
     * @param source a type or alias name
     * @param target a type or alias name
     * @param className a class name
     * @param permission a permission of the class
     * @return the answer
     * @throws IllegalArgumentException naming what does not exist (type, attribute given as type, class,
     *         permission)
     */
    public static Answer check(Policy policy, List<SourceRule> rules, String source, String target,
            String className, String permission) {
        PolicyIndex ix = policy.index();
        TypeDef s = typeNamed(ix, source);
        TypeDef t = typeNamed(ix, target);
        SecurityClass c = ix.securityClass(className);
        if (c == null) {
            throw new IllegalArgumentException("no class named " + className);
        }
        int bit = ix.permissionBit(c.value(), permission);
        if (bit == 0) {
            throw new IllegalArgumentException("permission " + permission + " is not defined for class " + className);
        }
        List<RuleMatch> matches = new RuleQuery().kinds(RuleQuery.Kind.ALLOW, RuleQuery.Kind.AUDITALLOW,
                RuleQuery.Kind.DONTAUDIT).source(s.name(), false).target(t.name(), false).classes(List.of(className))
                .permissions(List.of(permission)).run(ix);
        List<Grant> grants = new ArrayList<>();
        boolean allowed = false;
        boolean conditionallyAllowed = false;
        boolean dontaudit = false;
        boolean auditallow = false;
        for (RuleMatch m : matches) {
            boolean active = m.conditional() == null || m.conditional().state() == m.branch();
            String condition = m.conditional() == null ? null : conditionText(ix, m.conditional(), m.branch());
            grants.add(new Grant(m.rule(), SesearchFormat.line(ix, m), active, condition,
                    via(ix, m.rule(), s, t)));
            switch (m.rule().kind()) {
                case AvRule.ALLOWED -> {
                    allowed |= active;
                    conditionallyAllowed |= !active;
                }
                case AvRule.AUDITALLOW -> auditallow |= active;
                default -> dontaudit |= active;
            }
        }
        Verdict verdict = allowed ? Verdict.ALLOWED
                : conditionallyAllowed ? Verdict.ALLOWED_UNDER_OTHER_BOOLEANS : Verdict.DENIED;
        List<Statement> statements = new ArrayList<>();
        if (rules != null) {
            for (SourceRule r : rules) {
                Integer data = r.data().get(c.value());
                if (data != null && !PolicyBuilder.isTypeRuleKind(r.kind()) && r.covers(s.value(), t.value())
                        && (data & bit) != 0) {
                    boolean active = !r.conditional()
                            || Conditions.evaluateDefaults(policy, r.condition()) == r.branch();
                    statements.add(new Statement(r, active));
                }
            }
        }
        int granted = 0;
        for (RuleMatch m : new RuleQuery().kinds(RuleQuery.Kind.ALLOW).source(s.name(), false)
                .target(t.name(), false).classes(List.of(className)).run(ix)) {
            if (m.conditional() == null || m.conditional().state() == m.branch()) {
                granted |= m.rule().data();
            }
        }
        return new Answer(s.name(), t.name(), className, permission, verdict, allowed ? auditallow : !dontaudit,
                grants, statements, ix.permissionNames(c.value(), granted & ~bit));
    }

    private static TypeDef typeNamed(PolicyIndex ix, String name) {
        TypeDef d = ix.type(name);
        if (d == null) {
            throw new IllegalArgumentException("no type named " + name);
        }
        if (d.kind() == TypeDef.Kind.ATTRIBUTE) {
            throw new IllegalArgumentException(name + " is an attribute; give a type");
        }
        return d;
    }

    private static String conditionText(PolicyIndex ix, Conditional c, boolean branch) {
        return Conditions.text(ix, c.expression()) + " is " + branch;
    }

    private static String via(PolicyIndex ix, AvRule r, TypeDef s, TypeDef t) {
        List<String> parts = new ArrayList<>();
        if (r.source() != s.value()) {
            parts.add("source " + ix.typeName(r.source()) + ": an attribute of " + s.name());
        }
        if (r.target() != t.value()) {
            parts.add("target " + ix.typeName(r.target()) + ": an attribute of " + t.name());
        }
        return String.join("; ", parts);
    }

    /**
     * The answer as text: the verdict, each compiled rule with why it matches, each statement with its origin,
     * and for a denial what is missing.
     *
     * @param a an answer
     * @param where describes a statement's location (e.g. with its macro call chain)
     * @return lines, each ending in a newline
     */
    public static String format(Answer a, Function<SourceLocation, String> where) {
        StringBuilder out = new StringBuilder();
        String access = a.source() + " " + a.target() + ":" + a.className() + " " + a.permission();
        out.append(access).append(": ").append(switch (a.verdict()) {
            case ALLOWED -> "allowed" + (a.logged() ? " (audited: auditallow)" : "");
            case ALLOWED_UNDER_OTHER_BOOLEANS -> "denied under the booleans' defaults, allowed under other values"
                    + (a.logged() ? "" : " (denial not logged: dontaudit)");
            case DENIED -> "denied" + (a.logged() ? "" : " (denial not logged: dontaudit)");
        }).append('\n');
        if (!a.grants().isEmpty()) {
            out.append("  compiled rules:\n");
        }
        for (Grant g : a.grants()) {
            out.append("    ").append(g.line()).append(g.active() ? "" : "   (inactive)").append('\n');
            if (!g.via().isEmpty()) {
                out.append("        via ").append(g.via()).append('\n');
            }
            if (g.condition() != null) {
                out.append("        applies when ").append(g.condition()).append('\n');
            }
        }
        if (!a.statements().isEmpty()) {
            out.append("  statements:\n");
        }
        for (Statement st : a.statements()) {
            SourceRule r = st.rule();
            String keyword = r.kind() == PolicyBuilder.NEVERALLOW ? "neverallow" : new AvRule(0, 0, 0, r.kind(), 0)
                    .keyword();
            out.append("    ").append(where.apply(r.location())).append(": ").append(keyword).append(' ')
                    .append(r.sourceText()).append(' ').append(r.targetText()).append(':').append(a.className())
                    .append(' ').append(a.permission()).append(st.active() ? "" : "   (inactive)").append('\n');
        }
        if (a.verdict() != Verdict.ALLOWED) {
            out.append("  missing: allow ").append(a.source()).append(' ').append(a.target()).append(':')
                    .append(a.className()).append(' ').append(a.permission()).append(";\n");
            if (!a.otherPermissions().isEmpty()) {
                out.append("  (").append(a.source()).append(" already has { ")
                        .append(String.join(" ", a.otherPermissions())).append(" } on ").append(a.target())
                        .append(':').append(a.className()).append(")\n");
            }
            for (Statement st : a.statements()) {
                if (st.rule().kind() == PolicyBuilder.NEVERALLOW) {
                    out.append("  adding it violates the neverallow at ").append(where.apply(st.rule().location()))
                            .append('\n');
                }
            }
        }
        return out.toString();
    }
}
