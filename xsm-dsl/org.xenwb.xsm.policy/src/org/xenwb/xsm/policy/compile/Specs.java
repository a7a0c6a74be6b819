package org.xenwb.xsm.policy.compile;

import java.util.List;

/** The source-level values of policy statements, as written (names, not values). */
public final class Specs {

    private Specs() {
    }

    /**
     * A set of types as written: {@code name}, {@code { a b -c }}, {@code *}, {@code ~{ a }}.
     *
     * @param names types, aliases and attributes named
     * @param negated names excluded with {@code -}
     * @param star {@code *}
     * @param complement {@code ~}
     */
    public record TypeSet(List<String> names, List<String> negated, boolean star, boolean complement) {
        /** Copies the lists. */
        public TypeSet {
            names = List.copyOf(names);
            negated = List.copyOf(negated);
        }

        /**
         * @param names plain names
         * @return the set of those names
         */
        public static TypeSet of(String... names) {
            return new TypeSet(List.of(names), List.of(), false, false);
        }
    }

    /**
     * Permissions as written: names, {@code *} or {@code ~{ ... }}.
     *
     * @param names the names
     * @param star {@code *}
     * @param complement {@code ~}
     */
    public record Perms(List<String> names, boolean star, boolean complement) {
        /** Copies the list. */
        public Perms {
            names = List.copyOf(names);
        }
    }

    /**
     * An MLS level: {@code s0} or {@code s0:c0.c7,c9}.
     *
     * @param sensitivity the sensitivity name
     * @param categories category items: names or ranges {@code c0.c7}
     */
    public record Level(String sensitivity, List<String> categories) {
        /** Copies the list. */
        public Level {
            categories = List.copyOf(categories);
        }
    }

    /**
     * A context {@code user:role:type[:low[ - high]]}.
     *
     * @param user the user
     * @param role the role
     * @param type the type
     * @param low the low level, or null without MLS
     * @param high the high level, or null for a single level
     */
    public record Context(String user, String role, String type, Level low, Level high) {
    }

    /**
     * One item of a conditional expression in postfix order.
     *
     * @param type {@link org.xenwb.xsm.policy.CondExpr} type constant
     * @param bool the boolean name for {@code BOOL}, else null
     */
    public record CondItem(int type, String bool) {
    }

    /**
     * One item of a constraint expression in postfix order.
     *
     * @param type {@link org.xenwb.xsm.policy.ConstraintExpr} type constant
     * @param attr operand flags
     * @param op operator
     * @param names for {@code NAMES}: the users, roles or types named
     */
    public record ConstraintItem(int type, int attr, int op, TypeSet names) {
    }
}
