package org.xenwb.xsm.policy;

/**
 * One entry of the compiled access-vector table: an {@code allow}, {@code auditallow}, {@code dontaudit},
 * {@code type_transition}, {@code type_member} or {@code type_change} for one source, target and class.
 * Source and target may be attributes (the compiler keeps attributes in rules; the kernel expands them through the
 * type-attribute map).
 *
 * @param source the source type or attribute value
 * @param target the target type or attribute value
 * @param tclass the class value
 * @param specified the kind bits as stored ({@link #ALLOWED} etc., possibly with {@link #ENABLED})
 * @param data the access vector (bit p-1 for permission value p) or the new type's value; for {@code dontaudit}
 *        the stored vector is the complement (auditdeny) of the permissions named in the rule
 */
public record AvRule(int source, int target, int tclass, int specified, int data) {
    /** {@code allow}. */
    public static final int ALLOWED = 0x0001;
    /** {@code auditallow}. */
    public static final int AUDITALLOW = 0x0002;
    /** {@code dontaudit}, stored as an auditdeny vector. */
    public static final int AUDITDENY = 0x0004;
    /** {@code type_transition}. */
    public static final int TRANSITION = 0x0010;
    /** {@code type_member}. */
    public static final int MEMBER = 0x0020;
    /** {@code type_change}. */
    public static final int CHANGE = 0x0040;
    /** Flag of conditional rules that are currently active. */
    public static final int ENABLED = 0x8000;

    /**
     * The rule kind, without the {@link #ENABLED} flag.
     *
     * @return one of the kind constants
     */
    public int kind() {
        return specified & ~ENABLED;
    }

    /**
     * Whether this is an access-vector rule ({@code allow}, {@code auditallow}, {@code dontaudit}).
     *
     * @return true for access-vector rules, false for type rules
     */
    public boolean isAccessVector() {
        return (kind() & (ALLOWED | AUDITALLOW | AUDITDENY)) != 0;
    }

    /**
     * The keyword of the rule kind as written in policy.conf.
     *
     * @return e.g. {@code allow} or {@code type_transition}
     */
    public String keyword() {
        return switch (kind()) {
            case ALLOWED -> "allow";
            case AUDITALLOW -> "auditallow";
            case AUDITDENY -> "dontaudit";
            case TRANSITION -> "type_transition";
            case MEMBER -> "type_member";
            case CHANGE -> "type_change";
            default -> "unknown_rule_0x" + Integer.toHexString(kind());
        };
    }
}
