package org.xenwb.xsm.policy.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

import org.xenwb.xsm.policy.AvRule;
import org.xenwb.xsm.policy.CondExpr;
import org.xenwb.xsm.policy.PolicyIndex;

/**
 * Prints rules the way setools 4.4's {@code sesearch} does: permissions sorted by name, braces only around several,
 * targets never written as {@code self}, and conditional rules followed by {@code [ expression ]:True} or
 * {@code :False}. Stateless.
 */
public final class SesearchFormat {

    private SesearchFormat() {
    }

    /**
     * A conditional expression as setools prints it: binary operators print their right operand first, and
     * parentheses are added when an operator does not bind more weakly than the one before it.
     *
     * @param ix the policy's index
     * @param expr the postfix expression
     * @return the infix text
     */
    public static String condition(PolicyIndex ix, List<CondExpr> expr) {
        Deque<Object> stack = new ArrayDeque<>();
        int previous = 5;
        for (CondExpr e : expr) {
            if (e.type() == CondExpr.BOOL) {
                stack.push(ix.boolName(e.bool()));
                continue;
            }
            List<Object> sub = new ArrayList<>();
            if (e.type() == CondExpr.NOT) {
                Object operand = stack.pop();
                sub.add("!");
                if (operand instanceof List<?>) {
                    sub.addAll(List.of("(", operand, ")"));
                } else {
                    sub.add(operand);
                }
                previous = 5;
            } else {
                Object first = stack.pop();
                Object second = stack.pop();
                int precedence = switch (e.type()) {
                    case CondExpr.OR -> 1;
                    case CondExpr.XOR -> 2;
                    case CondExpr.AND -> 3;
                    default -> 4;
                };
                String op = switch (e.type()) {
                    case CondExpr.OR -> "||";
                    case CondExpr.XOR -> "^";
                    case CondExpr.AND -> "&&";
                    case CondExpr.EQ -> "==";
                    default -> "!=";
                };
                if (previous > precedence) {
                    sub.addAll(List.of(first, op, second));
                } else {
                    sub.addAll(List.of("(", first, op, second, ")"));
                }
                previous = precedence;
            }
            stack.push(sub);
        }
        List<String> tokens = new ArrayList<>();
        List<Object> bottomUp = new ArrayList<>(stack);
        Collections.reverse(bottomUp);
        flatten(bottomUp, tokens);
        return String.join(" ", tokens);
    }

    private static void flatten(Object o, List<String> out) {
        if (o instanceof List<?> list) {
            for (Object x : list) {
                flatten(x, out);
            }
        } else {
            out.add(o.toString());
        }
    }

    /**
     * @param ix the policy's index
     * @param m a found rule
     * @return one sesearch line
     */
    public static String line(PolicyIndex ix, RuleMatch m) {
        AvRule r = m.rule();
        StringBuilder sb = new StringBuilder(r.keyword()).append(' ').append(ix.typeName(r.source())).append(' ')
                .append(ix.typeName(r.target())).append(':').append(ix.className(r.tclass())).append(' ');
        if (r.isAccessVector()) {
            int data = r.kind() == AvRule.AUDITDENY ? ~r.data() : r.data();
            List<String> perms = new ArrayList<>(ix.permissionNames(r.tclass(), data));
            perms.sort(null);
            sb.append(perms.size() == 1 ? perms.get(0) : "{ " + String.join(" ", perms) + " }");
        } else {
            sb.append(ix.typeName(r.data()));
        }
        sb.append(';');
        if (m.conditional() != null) {
            sb.append(" [ ").append(condition(ix, m.conditional().expression())).append(" ]:")
                    .append(m.branch() ? "True" : "False");
        }
        return sb.toString();
    }
}
