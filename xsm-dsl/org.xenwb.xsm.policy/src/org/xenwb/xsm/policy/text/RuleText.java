package org.xenwb.xsm.policy.text;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.xenwb.xsm.policy.AvRule;
import org.xenwb.xsm.policy.CondExpr;
import org.xenwb.xsm.policy.PolicyIndex;

/**
 * Text of access-vector and type rules and of conditional expressions as policy.conf writes them. Stateless and
 * thread-safe.
 */
public final class RuleText {

    private RuleText() {
    }

    /**
     * A rule as policy.conf text: {@code allow s t:c { p1 p2 };} (permissions in value order, braces always;
     * {@code self} for an allow-type rule on a type and itself; {@code dontaudit} with the denied permissions).
     *
     * @param ix the policy's index
     * @param r the rule
     * @return the statement
     */
    public static String rule(PolicyIndex ix, AvRule r) {
        String src = ix.typeName(r.source());
        String tgt = ix.typeName(r.target());
        if (r.isAccessVector() && r.source() == r.target() && !ix.isAttribute(r.source())) {
            tgt = "self";
        }
        String head = r.keyword() + " " + src + " " + tgt + ":" + ix.className(r.tclass());
        if (r.isAccessVector()) {
            int data = r.kind() == AvRule.AUDITDENY ? ~r.data() : r.data();
            return head + " { " + String.join(" ", ix.permissionNames(r.tclass(), data)) + " };";
        }
        return head + " " + ix.typeName(r.data()) + ";";
    }

    /**
     * A conditional expression in infix form.
     *
     * @param ix the policy's index
     * @param expr the postfix expression
     * @param binary the format of a binary operation: left, operator, right (e.g. {@code "(%s %s %s)"})
     * @param unary the format of {@code !}: operator, operand (e.g. {@code "%s %s"})
     * @return the text
     */
    public static String condition(PolicyIndex ix, List<CondExpr> expr, String binary, String unary) {
        Deque<String> stack = new ArrayDeque<>();
        for (CondExpr e : expr) {
            switch (e.type()) {
                case CondExpr.BOOL -> stack.push(ix.boolName(e.bool()));
                case CondExpr.NOT -> stack.push(String.format(unary, "!", stack.pop()));
                default -> {
                    String right = stack.pop();
                    String left = stack.pop();
                    String op = switch (e.type()) {
                        case CondExpr.OR -> "||";
                        case CondExpr.AND -> "&&";
                        case CondExpr.XOR -> "^";
                        case CondExpr.EQ -> "==";
                        default -> "!=";
                    };
                    stack.push(String.format(binary, left, op, right));
                }
            }
        }
        return stack.isEmpty() ? "" : stack.pop();
    }
}
