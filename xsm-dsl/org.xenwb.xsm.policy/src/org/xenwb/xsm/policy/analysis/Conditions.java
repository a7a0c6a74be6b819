package org.xenwb.xsm.policy.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntPredicate;

import org.xenwb.xsm.policy.BoolDef;
import org.xenwb.xsm.policy.CondExpr;
import org.xenwb.xsm.policy.Policy;
import org.xenwb.xsm.policy.PolicyIndex;

/** Evaluation of conditional expressions (postfix, boolean values as in {@link CondExpr}). Stateless. */
public final class Conditions {

    private Conditions() {
    }

    /**
     * @param expr a postfix expression
     * @param state the value of each boolean (by boolean value)
     * @return the expression's value
     */
    public static boolean evaluate(List<CondExpr> expr, IntPredicate state) {
        Deque<Boolean> stack = new ArrayDeque<>();
        for (CondExpr e : expr) {
            switch (e.type()) {
                case CondExpr.BOOL -> stack.push(state.test(e.bool()));
                case CondExpr.NOT -> stack.push(!stack.pop());
                default -> {
                    boolean b = stack.pop();
                    boolean a = stack.pop();
                    stack.push(switch (e.type()) {
                        case CondExpr.OR -> a || b;
                        case CondExpr.AND -> a && b;
                        case CondExpr.XOR, CondExpr.NEQ -> a != b;
                        default -> a == b;
                    });
                }
            }
        }
        return stack.pop();
    }

    /**
     * @param policy the policy whose booleans' defaults to use
     * @param expr a postfix expression
     * @return its value under the booleans' default states
     */
    public static boolean evaluateDefaults(Policy policy, List<CondExpr> expr) {
        Map<Integer, Boolean> states = new HashMap<>();
        for (BoolDef b : policy.booleans()) {
            states.put(b.value(), b.state());
        }
        return evaluate(expr, v -> states.getOrDefault(v, false));
    }

    /**
     * Whether an expression has the same value for every combination of its booleans (e.g. {@code b && !b}).
     *
     * @param expr a postfix expression over at most 20 booleans
     * @return {@code Boolean.TRUE} or {@code FALSE} when constant, null when it depends on its booleans
     */
    public static Boolean constantValue(List<CondExpr> expr) {
        List<Integer> bools = new ArrayList<>(new TreeSet<>(expr.stream().filter(e -> e.type() == CondExpr.BOOL)
                .map(CondExpr::bool).toList()));
        if (bools.size() > 20) {
            return null;
        }
        Boolean first = null;
        for (int test = 0; test < 1 << bools.size(); test++) {
            int t = test;
            boolean value = evaluate(expr, v -> (t & 1 << bools.indexOf(v)) != 0);
            if (first == null) {
                first = value;
            } else if (first != value) {
                return null;
            }
        }
        return first;
    }

    /**
     * The expression as written in policy.conf, operands in source order, binary sub-expressions parenthesised.
     *
     * @param ix the policy's index (for boolean names)
     * @param expr a postfix expression
     * @return e.g. {@code a && !(b || c)}
     */
    public static String text(PolicyIndex ix, List<CondExpr> expr) {
        Deque<String> stack = new ArrayDeque<>();
        Deque<Boolean> compound = new ArrayDeque<>();
        for (CondExpr e : expr) {
            if (e.type() == CondExpr.BOOL) {
                stack.push(ix.boolName(e.bool()));
                compound.push(false);
            } else if (e.type() == CondExpr.NOT) {
                String operand = stack.pop();
                stack.push("!" + (compound.pop() ? "(" + operand + ")" : operand));
                compound.push(false);
            } else {
                String b = paren(stack.pop(), compound.pop());
                String a = paren(stack.pop(), compound.pop());
                String op = switch (e.type()) {
                    case CondExpr.OR -> "||";
                    case CondExpr.AND -> "&&";
                    case CondExpr.XOR -> "^";
                    case CondExpr.EQ -> "==";
                    default -> "!=";
                };
                stack.push(a + " " + op + " " + b);
                compound.push(true);
            }
        }
        return stack.pop();
    }

    private static String paren(String text, boolean compound) {
        return compound ? "(" + text + ")" : text;
    }
}
