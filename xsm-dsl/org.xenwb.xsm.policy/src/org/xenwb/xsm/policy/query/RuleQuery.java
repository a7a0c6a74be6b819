package org.xenwb.xsm.policy.query;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.xenwb.xsm.policy.AvRule;
import org.xenwb.xsm.policy.CondExpr;
import org.xenwb.xsm.policy.Conditional;
import org.xenwb.xsm.policy.PolicyIndex;
import org.xenwb.xsm.policy.SecurityClass;
import org.xenwb.xsm.policy.TypeDef;

/**
 * A search for access-vector and type rules with the matching rules of setools' {@code sesearch}:
 * <ul>
 * <li>source and target: by default a rule matches when the types its source (or target) stands for, attributes
 * expanded, share a type with the types the criterion stands for; with direct matching the rule's source must be the
 * named type or attribute itself;</li>
 * <li>classes: the rule's class is one of those named;</li>
 * <li>permissions: the rule's permissions include any of those named (or all of them with
 * {@link #permissionsEqual(boolean) equality}); type rules never match a permission criterion;</li>
 * <li>booleans: the rule is conditional and its expression uses any of the named booleans.</li>
 * </ul>
 * A query is a mutable builder; {@link #run(PolicyIndex)} does not change it, so one query can be run on several
 * policies. Not thread-safe while being configured.
 */
public final class RuleQuery {

    /** Rule kinds, named as sesearch's options. */
    public enum Kind {
        /** {@code allow} ({@code -A}). */
        ALLOW(AvRule.ALLOWED),
        /** {@code auditallow}. */
        AUDITALLOW(AvRule.AUDITALLOW),
        /** {@code dontaudit}. */
        DONTAUDIT(AvRule.AUDITDENY),
        /** {@code type_transition} ({@code -T}). */
        TYPE_TRANSITION(AvRule.TRANSITION),
        /** {@code type_member}. */
        TYPE_MEMBER(AvRule.MEMBER),
        /** {@code type_change}. */
        TYPE_CHANGE(AvRule.CHANGE);

        private final int specified;

        Kind(int specified) {
            this.specified = specified;
        }

        /** @return the avtab kind bit */
        public int specified() {
            return specified;
        }
    }

    private final Set<Kind> kinds = EnumSet.noneOf(Kind.class);
    private String source;
    private String target;
    private boolean sourceDirect;
    private boolean targetDirect;
    private final Set<String> classes = new LinkedHashSet<>();
    private final Set<String> permissions = new LinkedHashSet<>();
    private boolean permissionsEqual;
    private final Set<String> booleans = new LinkedHashSet<>();
    private String defaultType;

    /**
     * Adds rule kinds to search; with none, nothing matches (as sesearch requires one).
     *
     * @param more kinds
     * @return this query
     */
    public RuleQuery kinds(Kind... more) {
        kinds.addAll(List.of(more));
        return this;
    }

    /**
     * @param name a type or attribute name, or null for any
     * @param direct true to match the name itself instead of expanding attributes (sesearch {@code -ds})
     * @return this query
     */
    public RuleQuery source(String name, boolean direct) {
        this.source = name;
        this.sourceDirect = direct;
        return this;
    }

    /**
     * @param name a type or attribute name, or null for any
     * @param direct true to match the name itself (sesearch {@code -dt})
     * @return this query
     */
    public RuleQuery target(String name, boolean direct) {
        this.target = name;
        this.targetDirect = direct;
        return this;
    }

    /**
     * @param names class names, any of which matches
     * @return this query
     */
    public RuleQuery classes(List<String> names) {
        classes.addAll(names);
        return this;
    }

    /**
     * @param names permission names
     * @return this query
     */
    public RuleQuery permissions(List<String> names) {
        permissions.addAll(names);
        return this;
    }

    /**
     * @param equal true to require the rule's permissions to equal the named set (sesearch {@code -ep})
     * @return this query
     */
    public RuleQuery permissionsEqual(boolean equal) {
        this.permissionsEqual = equal;
        return this;
    }

    /**
     * @param names boolean names, any of which a matching conditional rule's expression uses
     * @return this query
     */
    public RuleQuery booleans(List<String> names) {
        booleans.addAll(names);
        return this;
    }

    /**
     * @param name the new type of type rules (attributes expanded), or null for any
     * @return this query
     */
    public RuleQuery defaultType(String name) {
        this.defaultType = name;
        return this;
    }

    /**
     * Runs the query.
     *
     * @param ix the policy's index
     * @return the matching rules: unconditional ones first, then conditional ones, each in stored order
     * @throws IllegalArgumentException if a named type, attribute, class, permission or boolean does not exist
     */
    public List<RuleMatch> run(PolicyIndex ix) {
        BitSet sourceTypes = criterion(ix, source, "source");
        BitSet targetTypes = criterion(ix, target, "target");
        BitSet defaultTypes = criterion(ix, defaultType, "default");
        Integer sourceValue = source == null ? null : ix.type(source).value();
        Integer targetValue = target == null ? null : ix.type(target).value();
        Set<Integer> classValues = new LinkedHashSet<>();
        for (String c : classes) {
            SecurityClass sc = ix.securityClass(c);
            if (sc == null) {
                throw new IllegalArgumentException("no class named " + c);
            }
            classValues.add(sc.value());
        }
        Set<Integer> boolValues = new LinkedHashSet<>();
        for (String b : booleans) {
            if (ix.bool(b) == null) {
                throw new IllegalArgumentException("no boolean named " + b);
            }
            boolValues.add(ix.bool(b).value());
        }
        checkPermissions(ix, classValues);
        List<RuleMatch> out = new ArrayList<>();
        Filter filter = new Filter(ix, sourceTypes, sourceValue, targetTypes, targetValue, defaultTypes,
                classValues);
        if (boolValues.isEmpty()) {
            for (AvRule r : ix.policy().rules()) {
                if (filter.matches(r)) {
                    out.add(new RuleMatch(r, null, false));
                }
            }
        }
        for (Conditional c : ix.policy().conditionals()) {
            if (!boolValues.isEmpty() && c.expression().stream()
                    .noneMatch(e -> e.type() == CondExpr.BOOL && boolValues.contains(e.bool()))) {
                continue;
            }
            for (AvRule r : c.trueRules()) {
                if (filter.matches(r)) {
                    out.add(new RuleMatch(r, c, true));
                }
            }
            for (AvRule r : c.falseRules()) {
                if (filter.matches(r)) {
                    out.add(new RuleMatch(r, c, false));
                }
            }
        }
        return out;
    }

    private void checkPermissions(PolicyIndex ix, Set<Integer> classValues) {
        for (String perm : permissions) {
            boolean known = false;
            for (SecurityClass c : ix.policy().classes()) {
                if (classValues.isEmpty() || classValues.contains(c.value())) {
                    known |= ix.permissionBit(c.value(), perm) != 0;
                }
            }
            if (!known) {
                throw new IllegalArgumentException("no permission named " + perm
                        + (classValues.isEmpty() ? "" : " in the classes searched"));
            }
        }
    }

    private static BitSet criterion(PolicyIndex ix, String name, String what) {
        if (name == null) {
            return null;
        }
        TypeDef t = ix.type(name);
        if (t == null) {
            throw new IllegalArgumentException("no type or attribute named " + name + " (" + what + ")");
        }
        return ix.expand(t.value());
    }

    /** The per-rule test, with everything resolved to values. */
    private final class Filter {
        private final PolicyIndex ix;
        private final BitSet sourceTypes;
        private final Integer sourceValue;
        private final BitSet targetTypes;
        private final Integer targetValue;
        private final BitSet defaultTypes;
        private final Set<Integer> classValues;

        Filter(PolicyIndex ix, BitSet sourceTypes, Integer sourceValue, BitSet targetTypes, Integer targetValue,
                BitSet defaultTypes, Set<Integer> classValues) {
            this.ix = ix;
            this.sourceTypes = sourceTypes;
            this.sourceValue = sourceValue;
            this.targetTypes = targetTypes;
            this.targetValue = targetValue;
            this.defaultTypes = defaultTypes;
            this.classValues = classValues;
        }

        boolean matches(AvRule r) {
            if (kinds.stream().noneMatch(k -> k.specified() == r.kind())) {
                return false;
            }
            if (!typeMatches(r.source(), sourceTypes, sourceValue, sourceDirect)
                    || !typeMatches(r.target(), targetTypes, targetValue, targetDirect)) {
                return false;
            }
            if (!classValues.isEmpty() && !classValues.contains(r.tclass())) {
                return false;
            }
            if (!permissions.isEmpty()) {
                if (!r.isAccessVector()) {
                    return false;
                }
                int data = r.kind() == AvRule.AUDITDENY ? ~r.data() : r.data();
                Set<String> rulePerms = new LinkedHashSet<>(ix.permissionNames(r.tclass(), data));
                if (permissionsEqual ? !rulePerms.equals(permissions)
                        : permissions.stream().noneMatch(rulePerms::contains)) {
                    return false;
                }
            }
            if (defaultTypes != null) {
                if (r.isAccessVector() || !ix.expand(r.data()).intersects(defaultTypes)) {
                    return false;
                }
            }
            return true;
        }

        private boolean typeMatches(int ruleType, BitSet criterion, Integer criterionValue, boolean direct) {
            if (criterion == null) {
                return true;
            }
            if (direct) {
                return ruleType == criterionValue;
            }
            return ix.expand(ruleType).intersects(criterion);
        }
    }
}
