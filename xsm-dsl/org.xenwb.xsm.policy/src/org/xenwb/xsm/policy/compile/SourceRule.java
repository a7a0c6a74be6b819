package org.xenwb.xsm.policy.compile;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

import org.xenwb.xsm.policy.CondExpr;

/**
 * A rule as written in the sources, with its type sets resolved against the compiled policy: what origin tracking
 * and the analyses ({@code org.xenwb.xsm.policy.analysis}) need to say which statement grants what. Immutable
 * apart from the bit sets, which callers must not change.
 *
 * @param location where the rule is written
 * @param kind {@link org.xenwb.xsm.policy.AvRule#ALLOWED} etc., or {@link PolicyBuilder#NEVERALLOW}
 * @param sourceText the source set as written (e.g. {@code domain_type} or <code>{ a -b }</code>)
 * @param targetText the target set as written, including {@code self}
 * @param sources the source types (bit {@code v - 1} for type value {@code v}), attributes expanded
 * @param targets the target types, attributes expanded, without {@code self}
 * @param self whether the targets include {@code self}
 * @param data by class value: the permission bits the rule stands for (a {@code ~} set complemented, {@code *}
 *        all), or for type rules the new type's value
 * @param condition the conditional's expression in postfix order with boolean values, empty when unconditional
 * @param branch for a conditional rule, whether it is in the {@code if} (true) or {@code else} (false) branch
 */
public record SourceRule(SourceLocation location, int kind, String sourceText, String targetText, BitSet sources,
        BitSet targets, boolean self, Map<Integer, Integer> data, List<CondExpr> condition, boolean branch) {

    /** Copies the collections. */
    public SourceRule {
        data = Map.copyOf(data);
        condition = List.copyOf(condition);
    }

    /** @return whether the rule is inside a conditional */
    public boolean conditional() {
        return !condition.isEmpty();
    }

    /**
     * Whether the rule names a source type and a target type (directly, through an attribute, or as {@code self}).
     *
     * @param source a type value
     * @param target a type value
     * @return true when the pair is covered
     */
    public boolean covers(int source, int target) {
        return sources.get(source - 1) && (targets.get(target - 1) || self && source == target);
    }

    static String text(Specs.TypeSet set, boolean self) {
        StringBuilder s = new StringBuilder();
        if (set.star()) {
            s.append("* ");
        }
        set.names().forEach(n -> s.append(n).append(' '));
        set.negated().forEach(n -> s.append('-').append(n).append(' '));
        if (self) {
            s.append("self ");
        }
        String items = s.toString().strip();
        boolean many = items.contains(" ");
        return (set.complement() ? "~" : "") + (many ? "{ " + items + " }" : items);
    }
}
