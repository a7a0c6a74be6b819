package org.xenwb.xsm.policy.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

import org.xenwb.xsm.policy.Constraint;
import org.xenwb.xsm.policy.ConstraintExpr;
import org.xenwb.xsm.policy.MlsLevel;
import org.xenwb.xsm.policy.MlsRange;
import org.xenwb.xsm.policy.PolicyIndex;
import org.xenwb.xsm.policy.SecurityContext;

/** Text of levels, ranges, contexts and constraint expressions, in checkpolicy's notation. Stateless. */
final class MlsText {

    private MlsText() {
    }

    static String level(PolicyIndex ix, MlsLevel level) {
        String sens = ix.sensitivityName(level.sensitivity());
        BitSet cats = level.categories();
        if (cats.isEmpty()) {
            return sens;
        }
        StringBuilder sb = new StringBuilder(sens).append(':');
        boolean first = true;
        for (int i = cats.nextSetBit(0); i >= 0; ) {
            int end = cats.nextClearBit(i) - 1;
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(ix.categoryName(i + 1));
            if (end > i) {
                sb.append(end == i + 1 ? ',' : '.').append(ix.categoryName(end + 1));
            }
            i = cats.nextSetBit(end + 1);
        }
        return sb.toString();
    }

    static String range(PolicyIndex ix, MlsRange range) {
        return level(ix, range.low()) + " - " + level(ix, range.high());
    }

    static String context(PolicyIndex ix, SecurityContext c) {
        String base = ix.userName(c.user()) + ":" + ix.roleName(c.role()) + ":" + ix.typeName(c.type());
        return ix.policy().mls() ? base + ":" + range(ix, c.range()) : base;
    }

    /**
     * Whether a constraint compares MLS levels. (checkpolicy 3.4's {@code -F} also counts {@code u3}/{@code r3}/
     * {@code t3} operands as MLS and prints such a {@code validatetrans} as {@code mlsvalidatetrans}, which it then
     * rejects in a policy without MLS; this writer does not copy that.)
     */
    static boolean usesMls(Constraint c) {
        for (ConstraintExpr e : c.expression()) {
            if ((e.type() == ConstraintExpr.ATTR || e.type() == ConstraintExpr.NAMES)
                    && e.attr() >= ConstraintExpr.L1L2) {
                return true;
            }
        }
        return false;
    }

    private static String[] operands(int attr) {
        return switch (attr) {
            case ConstraintExpr.USER -> new String[] {"u1", "u2"};
            case ConstraintExpr.USER | ConstraintExpr.TARGET -> new String[] {"u2", ""};
            case ConstraintExpr.USER | ConstraintExpr.XTARGET -> new String[] {"u3", ""};
            case ConstraintExpr.ROLE -> new String[] {"r1", "r2"};
            case ConstraintExpr.ROLE | ConstraintExpr.TARGET -> new String[] {"r2", ""};
            case ConstraintExpr.ROLE | ConstraintExpr.XTARGET -> new String[] {"r3", ""};
            case ConstraintExpr.TYPE -> new String[] {"t1", "t2"};
            case ConstraintExpr.TYPE | ConstraintExpr.TARGET -> new String[] {"t2", ""};
            case ConstraintExpr.TYPE | ConstraintExpr.XTARGET -> new String[] {"t3", ""};
            case ConstraintExpr.L1L2 -> new String[] {"l1", "l2"};
            case ConstraintExpr.L1H2 -> new String[] {"l1", "h2"};
            case ConstraintExpr.H1L2 -> new String[] {"h1", "l2"};
            case ConstraintExpr.H1H2 -> new String[] {"h1", "h2"};
            case ConstraintExpr.L1H1 -> new String[] {"l1", "h1"};
            case ConstraintExpr.L2H2 -> new String[] {"l2", "h2"};
            default -> new String[] {"<operand " + attr + ">", ""};
        };
    }

    private static String operator(int op) {
        return switch (op) {
            case 1 -> "==";
            case 2 -> "!=";
            case 3 -> "dom";
            case 4 -> "domby";
            case 5 -> "incomp";
            default -> "<op " + op + ">";
        };
    }

    static String constraint(PolicyIndex ix, Constraint c) {
        Deque<String> stack = new ArrayDeque<>();
        for (ConstraintExpr e : c.expression()) {
            switch (e.type()) {
                case ConstraintExpr.NOT -> stack.push("not (" + stack.pop() + ")");
                case ConstraintExpr.AND, ConstraintExpr.OR -> {
                    String right = stack.pop();
                    String left = stack.pop();
                    stack.push("(" + left + (e.type() == ConstraintExpr.AND ? " and " : " or ") + right + ")");
                }
                default -> {
                    String[] ops = operands(e.attr());
                    String op = operator(e.op());
                    if (e.type() == ConstraintExpr.ATTR) {
                        stack.push(ops[0] + " " + op + " " + ops[1]);
                    } else {
                        String names = names(ix, e);
                        stack.push(ops[0] + " " + op + " " + (names.contains(" ") ? "{ " + names + " }" : names));
                    }
                }
            }
        }
        return stack.isEmpty() ? "" : stack.pop();
    }

    private static String names(PolicyIndex ix, ConstraintExpr e) {
        List<String> list = new ArrayList<>();
        BitSet set = (e.attr() & ConstraintExpr.TYPE) != 0 && e.typeNames() != null ? e.typeNames().types()
                : e.names();
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            if ((e.attr() & ConstraintExpr.TYPE) != 0) {
                list.add(ix.typeName(i + 1));
            } else if ((e.attr() & ConstraintExpr.USER) != 0) {
                list.add(ix.userName(i + 1));
            } else {
                list.add(ix.roleName(i + 1));
            }
        }
        list.sort(null);
        return list.isEmpty() ? "NO_IDENTIFIER" : String.join(" ", list);
    }
}
