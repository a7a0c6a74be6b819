package org.xenwb.kconfig.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The extended help of a menu entry as the C tools print it ({@code menu_get_ext_help} of Linux 6.1): the help
 * text (or the no-help sentence), then the symbol's name, value, type and range, each definition with its prompt,
 * dependencies, visibility and menu location, its selects and implies and what selects or implies it, with the
 * current values. Evaluating menu locations has the side effects of {@code menu_is_visible}, as in the C tools.
 * Not thread-safe.
 */
final class HelpText {
    private static final String NO_HELP = "There is no help available for this option.";

    private final Kconfig kc;
    private final Values v;

    HelpText(Kconfig kc) {
        this.kc = kc;
        this.v = kc.values;
    }

    /** @return menu_get_ext_help's text for a menu entry */
    String extended(MenuNode menu) {
        StringBuilder sb = new StringBuilder();
        Symbol sym = menu.sym;
        String help = NO_HELP;
        if (menu.help != null) {
            if (sym.name != null) {
                sb.append(new ConfigFiles(kc).prefix()).append(sym.name).append(":\n\n");
            }
            help = menu.help;
        }
        sb.append(help).append('\n');
        if (sym != null) {
            symbol(sb, sym);
        }
        return sb.toString();
    }

    private void symbol(StringBuilder sb, Symbol sym) {
        if (sym.name != null) {
            v.calcValue(sym);
            sb.append("Symbol: ").append(sym.name).append(" [=").append(v.stringValue(sym)).append("]\n");
            sb.append("Type  : ").append(sym.type.displayName()).append('\n');
            if (sym.type == SymbolType.INT || sym.type == SymbolType.HEX) {
                Property range = v.rangeProp(sym);
                if (range != null) {
                    sb.append("Range : ").append(v.exprWithValues(range.expr)).append('\n');
                }
            }
        }
        for (Property p : sym.props) {
            if (p.kind == Property.Kind.SYMBOL && p.menu.prompt != null) {
                sb.append("Defined at ").append(p.menu.file).append(':').append(p.menu.line).append('\n');
                prompt(sb, p.menu.prompt);
            }
        }
        for (Property p : sym.props) {
            if (p.kind == Property.Kind.SYMBOL && p.menu.prompt == null) {
                sb.append("Defined at ").append(p.menu.file).append(':').append(p.menu.line).append('\n');
                dependency(sb, withoutDuplicates(transform(p.menu.dep)), "  Depends on: ");
            }
        }
        properties(sb, sym, Property.Kind.SELECT, "Selects: ");
        Expr rev = finalisedTerms(sym.revDep);
        Expr imp = finalisedTerms(sym.implied);
        if (sym.revDep != null) {
            v.revdep(rev, sb, 2, new String[] {"Selected by [y]:\n"});
            v.revdep(rev, sb, 1, new String[] {"Selected by [m]:\n"});
            v.revdep(rev, sb, 0, new String[] {"Selected by [n]:\n"});
        }
        properties(sb, sym, Property.Kind.IMPLY, "Implies: ");
        if (sym.implied != null) {
            v.revdep(imp, sb, 2, new String[] {"Implied by [y]:\n"});
            v.revdep(imp, sb, 1, new String[] {"Implied by [m]:\n"});
            v.revdep(imp, sb, 0, new String[] {"Implied by [n]:\n"});
        }
        sb.append("\n\n");
    }

    private void dependency(StringBuilder sb, Expr e, String prefix) {
        if (!isYes(e)) {
            sb.append(prefix).append(v.exprWithValues(e)).append('\n');
        }
    }

    private boolean isYes(Expr e) {
        return e == null || (e.type == Expr.Type.SYMBOL && e.leftSym == kc.symbols.yes);
    }

    private void prompt(StringBuilder sb, Property prop) {
        sb.append("  Prompt: ").append(prop.text).append('\n');
        Expr dep = withoutDuplicates(transform(prop.menu.dep));
        Expr visible = withoutDuplicates(transform(prop.visibleExpr));
        dependency(sb, dep, "  Depends on: ");
        if (!same(dep, visible)) {
            dependency(sb, visible, "  Visible if: ");
        }
        List<MenuNode> path = new ArrayList<>();
        for (MenuNode m = prop.menu; m != kc.rootMenu && path.size() < 8; m = m.parent) {
            v.menuIsVisible(m);
            path.add(m);
        }
        sb.append("  Location:\n");
        int indent = 4;
        for (int i = path.size() - 1; i >= 0; i--, indent += 2) {
            MenuNode m = path.get(i);
            sb.append(" ".repeat(indent)).append("-> ").append(m.promptText());
            if (m.sym != null) {
                v.calcValue(m.sym);
                sb.append(" (").append(m.sym.name != null ? m.sym.name : "<choice>").append(" [=")
                        .append(v.stringValue(m.sym)).append("])");
            }
            sb.append('\n');
        }
    }

    private void properties(StringBuilder sb, Symbol sym, Property.Kind kind, String prefix) {
        boolean hit = false;
        for (Property p : sym.props) {
            if (p.kind == kind) {
                sb.append(hit ? " && " : prefix).append(v.exprWithValues(p.expr));
                hit = true;
            }
        }
        if (hit) {
            sb.append('\n');
        }
    }

    /** expr_eq: equality up to the order of the operands of and/or chains. */
    private boolean same(Expr a, Expr b) {
        if (a == null || b == null) {
            return isYes(a) && isYes(b);
        }
        if (a.type != b.type) {
            return false;
        }
        switch (a.type) {
            case EQUAL, UNEQUAL, LTH, LEQ, GTH, GEQ -> {
                return a.leftSym == b.leftSym && a.rightSym == b.rightSym;
            }
            case SYMBOL -> {
                return a.leftSym == b.leftSym;
            }
            case NOT -> {
                return same(a.left, b.left);
            }
            case AND, OR -> {
                List<Expr> x = new ArrayList<>();
                List<Expr> y = new ArrayList<>();
                chain(a, a.type, x);
                chain(b, a.type, y);
                for (int i = x.size() - 1; i >= 0; i--) {
                    for (int j = 0; j < y.size(); j++) {
                        if (same(x.get(i), y.get(j))) {
                            x.remove(i);
                            y.remove(j);
                            break;
                        }
                    }
                }
                if (x.isEmpty() && y.isEmpty()) {
                    return true;
                }
                return x.size() == 1 && y.size() == 1 && x.get(0).type == Expr.Type.SYMBOL
                        && y.get(0).type == Expr.Type.SYMBOL && x.get(0).leftSym == y.get(0).leftSym;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * The terms of a reverse dependency ({@code SELECTOR && condition}) with the condition as the C tools finalise
     * it (transformed, duplicates eliminated).
     */
    private Expr finalisedTerms(Expr e) {
        if (e == null) {
            return null;
        }
        if (e.type == Expr.Type.OR) {
            return Expr.two(Expr.Type.OR, finalisedTerms(e.left), finalisedTerms(e.right));
        }
        if (e.type == Expr.Type.AND && e.left.type == Expr.Type.SYMBOL) {
            return Expr.two(Expr.Type.AND, e.left, withoutDuplicates(transform(e.right)));
        }
        return withoutDuplicates(transform(e));
    }

    /**
     * expr_transform, which the C tools apply to dependencies when finalising menus (values are the same): bool
     * comparisons with y/n become symbols or negations, double negations and negated comparisons are simplified,
     * negated and/or follow De Morgan. Returns a new expression; the argument is not changed.
     */
    private Expr transform(Expr e) {
        if (e == null) {
            return null;
        }
        Symbol yes = kc.symbols.yes;
        Symbol mod = kc.symbols.mod;
        Symbol no = kc.symbols.no;
        switch (e.type) {
            case AND, OR -> {
                return Expr.two(e.type, transform(e.left), transform(e.right));
            }
            case EQUAL, UNEQUAL -> {
                if (e.leftSym.type != SymbolType.BOOLEAN) {
                    return e;
                }
                boolean eq = e.type == Expr.Type.EQUAL;
                if (e.rightSym == no) {
                    return eq ? Expr.one(Expr.Type.NOT, Expr.symbol(e.leftSym)) : Expr.symbol(e.leftSym);
                }
                if (e.rightSym == mod) {
                    return Expr.symbol(eq ? no : yes);
                }
                if (e.rightSym == yes) {
                    return eq ? Expr.symbol(e.leftSym) : Expr.one(Expr.Type.NOT, Expr.symbol(e.leftSym));
                }
                return e;
            }
            case NOT -> {
                return negate(transform(e.left));
            }
            default -> {
                return e;
            }
        }
    }

    /** The NOT case of expr_transform, on an already transformed operand. */
    private Expr negate(Expr a) {
        switch (a.type) {
            case NOT -> {
                return transform(a.left);
            }
            case EQUAL, UNEQUAL -> {
                return Expr.comp(a.type == Expr.Type.EQUAL ? Expr.Type.UNEQUAL : Expr.Type.EQUAL, a.leftSym,
                        a.rightSym);
            }
            case LEQ, GEQ -> {
                return Expr.comp(a.type == Expr.Type.LEQ ? Expr.Type.GTH : Expr.Type.LTH, a.leftSym, a.rightSym);
            }
            case LTH, GTH -> {
                return Expr.comp(a.type == Expr.Type.LTH ? Expr.Type.GEQ : Expr.Type.LEQ, a.leftSym, a.rightSym);
            }
            case OR, AND -> {
                Expr.Type t = a.type == Expr.Type.OR ? Expr.Type.AND : Expr.Type.OR;
                return transform(Expr.two(t, Expr.one(Expr.Type.NOT, a.left), Expr.one(Expr.Type.NOT, a.right)));
            }
            case SYMBOL -> {
                if (a.leftSym == kc.symbols.yes) {
                    return Expr.symbol(kc.symbols.no);
                }
                if (a.leftSym == kc.symbols.mod) {
                    return a;
                }
                if (a.leftSym == kc.symbols.no) {
                    return Expr.symbol(kc.symbols.yes);
                }
                return Expr.one(Expr.Type.NOT, a);
            }
            default -> {
                return Expr.one(Expr.Type.NOT, a);
            }
        }
    }

    /**
     * expr_eliminate_dups, which the C tools apply to dependencies when finalising menus (the engine keeps them,
     * which gives the same values): every pair of operands of the top and/or chain that joins into one
     * (expr_join_and/or: equal operands, {@code a && a=y}, {@code a && a!=n}, {@code a && a!=m},
     * {@code !a || a}, {@code a=X || a=Y} on tristates) is replaced by the join in the later position, then the
     * neutral constants are dropped.
     */
    private Expr withoutDuplicates(Expr e) {
        if (e == null || (e.type != Expr.Type.AND && e.type != Expr.Type.OR)) {
            return e;
        }
        boolean and = e.type == Expr.Type.AND;
        Symbol neutral = and ? kc.symbols.yes : kc.symbols.no;
        List<Expr> ops = new ArrayList<>();
        chain(e, e.type, ops);
        boolean changed = false;
        for (int i = 0; i < ops.size(); i++) {
            Expr a = ops.get(i);
            if ((a.type == Expr.Type.AND || a.type == Expr.Type.OR) && a.type != e.type) {
                Expr inner = withoutDuplicates(a);
                changed |= inner != a;
                ops.set(i, inner);
            }
        }
        for (int i = 0; i < ops.size(); i++) {
            for (int j = 0; j < ops.size(); j++) {
                Expr a = ops.get(i);
                Expr b = ops.get(j);
                if (i == j) {
                    continue;
                }
                Expr joined = and ? joinAnd(a, b) : joinOr(a, b);
                if (joined != null) {
                    ops.set(i, Expr.symbol(neutral));
                    ops.set(j, joined);
                    changed = true;
                }
            }
        }
        if (!changed) {
            return e;
        }
        ops.removeIf(op -> isConstant(op, neutral));
        if (ops.isEmpty()) {
            return Expr.symbol(neutral);
        }
        Expr out = ops.get(0);
        for (int i = 1; i < ops.size(); i++) {
            out = Expr.two(e.type, out, ops.get(i));
        }
        return out;
    }

    private static boolean isConstant(Expr e, Symbol c) {
        return e.type == Expr.Type.SYMBOL && e.leftSym == c;
    }

    /** The symbol of a symbol, comparison or negated symbol operand, else null (as expr_join_and/or). */
    private static Symbol operandSymbol(Expr e, boolean allowNegatedComparison) {
        return switch (e.type) {
            case EQUAL, UNEQUAL, SYMBOL -> e.leftSym;
            case NOT -> e.left.type == Expr.Type.SYMBOL || allowNegatedComparison
                    && (e.left.type == Expr.Type.EQUAL || e.left.type == Expr.Type.UNEQUAL) ? e.left.leftSym : null;
            default -> null;
        };
    }

    private Expr joinAnd(Expr a, Expr b) {
        if (same(a, b)) {
            return a;
        }
        Symbol s = operandSymbol(a, true);
        if (s == null || s != operandSymbol(b, false)
                || (s.type != SymbolType.BOOLEAN && s.type != SymbolType.TRISTATE)) {
            return null;
        }
        Expr sym = a.type == Expr.Type.SYMBOL ? a : b.type == Expr.Type.SYMBOL ? b : null;
        Expr cmp = sym == a ? b : a;
        if (sym == null || sym == cmp) {
            return null;
        }
        if (cmp.type == Expr.Type.EQUAL && cmp.rightSym == kc.symbols.yes) {
            return Expr.comp(Expr.Type.EQUAL, s, kc.symbols.yes);
        }
        if (cmp.type == Expr.Type.UNEQUAL && cmp.rightSym == kc.symbols.no) {
            return Expr.symbol(s);
        }
        if (cmp.type == Expr.Type.UNEQUAL && cmp.rightSym == kc.symbols.mod) {
            return Expr.comp(Expr.Type.EQUAL, s, kc.symbols.yes);
        }
        return null;
    }

    private Expr joinOr(Expr a, Expr b) {
        if (same(a, b)) {
            return a;
        }
        Symbol s = operandSymbol(a, true);
        if (s == null || s != operandSymbol(b, false)) {
            return null;
        }
        if (s.type == SymbolType.TRISTATE && a.type == Expr.Type.EQUAL && b.type == Expr.Type.EQUAL) {
            // (a=X) || (a=Y) -> a != the third value
            List<Symbol> third = new ArrayList<>(List.of(kc.symbols.yes, kc.symbols.mod, kc.symbols.no));
            if (a.rightSym != b.rightSym && third.remove(a.rightSym) && third.remove(b.rightSym)) {
                return Expr.comp(Expr.Type.UNEQUAL, s, third.get(0));
            }
            return null;
        }
        if (s.type != SymbolType.BOOLEAN) {
            return null;
        }
        boolean negatedAndPlain = a.type == Expr.Type.NOT && a.left.type == Expr.Type.SYMBOL
                && b.type == Expr.Type.SYMBOL || b.type == Expr.Type.NOT && b.left.type == Expr.Type.SYMBOL
                && a.type == Expr.Type.SYMBOL;
        return negatedAndPlain ? Expr.symbol(kc.symbols.yes) : null;
    }

    private static void chain(Expr e, Expr.Type type, List<Expr> out) {
        if (e.type == type) {
            chain(e.left, type, out);
            chain(e.right, type, out);
        } else {
            out.add(e);
        }
    }
}
