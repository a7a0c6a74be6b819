package org.xenwb.xsm.policy;

/**
 * One item of a conditional expression in postfix (reverse Polish) order.
 *
 * @param type {@link #BOOL}, {@link #NOT}, {@link #OR}, {@link #AND}, {@link #XOR}, {@link #EQ} or {@link #NEQ}
 * @param bool the boolean value for {@link #BOOL}, else 0
 */
public record CondExpr(int type, int bool) {
    /** Push a boolean. */
    public static final int BOOL = 1;
    /** {@code !}. */
    public static final int NOT = 2;
    /** {@code ||}. */
    public static final int OR = 3;
    /** {@code &&}. */
    public static final int AND = 4;
    /** {@code ^}. */
    public static final int XOR = 5;
    /** {@code ==}. */
    public static final int EQ = 6;
    /** {@code !=}. */
    public static final int NEQ = 7;
}
