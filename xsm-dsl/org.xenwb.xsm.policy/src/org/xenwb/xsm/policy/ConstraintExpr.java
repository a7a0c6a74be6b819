package org.xenwb.xsm.policy;

import java.util.BitSet;

/**
 * One item of a constraint expression in postfix order.
 *
 * @param type {@link #NOT}, {@link #AND}, {@link #OR}, {@link #ATTR} or {@link #NAMES}
 * @param attr the operands: a combination of {@code USER}, {@code ROLE}, {@code TYPE}, {@code TARGET},
 *        {@code XTARGET} or the MLS level pairs {@code L1L2} etc. (libsepol's {@code CEXPR_*} values)
 * @param op the operator: 1 {@code ==}, 2 {@code !=}, 3 {@code dom}, 4 {@code domby}, 5 {@code incomp}
 * @param names for {@link #NAMES}: the users, roles or types compared with (attributes expanded)
 * @param typeNames for {@link #NAMES} on types since version 29: the names as written, else {@code null}
 */
public record ConstraintExpr(int type, int attr, int op, BitSet names, TypeSet typeNames) {
    /** {@code not}. */
    public static final int NOT = 1;
    /** {@code and}. */
    public static final int AND = 2;
    /** {@code or}. */
    public static final int OR = 3;
    /** {@code attr op attr}. */
    public static final int ATTR = 4;
    /** {@code attr op names}. */
    public static final int NAMES = 5;

    /** Operand flag: user. */
    public static final int USER = 1;
    /** Operand flag: role. */
    public static final int ROLE = 2;
    /** Operand flag: type. */
    public static final int TYPE = 4;
    /** Operand flag: the target (u2/r2/t2) rather than the source. */
    public static final int TARGET = 8;
    /** Operand flag: the third context of {@code validatetrans} (u3/r3/t3). */
    public static final int XTARGET = 16;
    /** MLS operands {@code l1 l2}. */
    public static final int L1L2 = 32;
    /** MLS operands {@code l1 h2}. */
    public static final int L1H2 = 64;
    /** MLS operands {@code h1 l2}. */
    public static final int H1L2 = 128;
    /** MLS operands {@code h1 h2}. */
    public static final int H1H2 = 256;
    /** MLS operands {@code l1 h1}. */
    public static final int L1H1 = 512;
    /** MLS operands {@code l2 h2}. */
    public static final int L2H2 = 1024;
}
