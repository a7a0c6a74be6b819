package org.xenwb.kconfig.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes the fixed points of {@code conf --olddefconfig} on a tree without loadable modules into CNF: one variable
 * per bool/tristate symbol, true when the symbol is enabled in the written {@code .config}.
 *
 * <p>For each symbol, with {@code vis} the or of its prompts' conditions, {@code rev} its reverse dependencies
 * ({@code select}), {@code dir} its direct dependencies and {@code imp} its {@code imply}s (all evaluated as in
 * {@code sym_calc_value}, an {@code m} counting as enabled because the tree has no modules):</p>
 * <ul>
 * <li>a visible symbol takes the user's value raised to {@code rev}: constraint {@code rev -> x};</li>
 * <li>an invisible one is computed: {@code x = (imp ? dir : firstDefault) || rev} (choices have no defaults);</li>
 * <li>a choice is computed like a symbol without defaults, then stays on only when one of its values is visible;
 * an enabled choice has exactly one enabled value, which must be visible (the user's pick); an invisible choice
 * value is off.</li>
 * </ul>
 * <p>Expressions are encoded in tristate logic ({@link Cnf}); comparisons between bool/tristate symbols and
 * {@code y/m/n} are exact, other comparisons and the values of int/hex/string symbols are taken from the current
 * configuration (recorded in {@link #approximations()}; the caller checks the result against the engine). Every
 * symbol's rule and every choice's rule is guarded by a selector literal so that an unsatisfiable keep set can be
 * explained by the rules involved. Not thread-safe.</p>
 */
final class PruneEncoder {

    /** A guarded group of constraints: its selector literal and a description naming its source. */
    record Group(int selector, String description) {
    }

    final Cnf cnf = new Cnf();
    private final Kconfig kc;
    private final Values v;
    /** Bool/tristate symbols and their variables, in the C tools' symbol order. */
    final Map<Symbol, Integer> vars = new LinkedHashMap<>();
    final List<Group> groups = new ArrayList<>();
    private final Set<String> approximations = new LinkedHashSet<>();
    /** Variables standing for a symbol instead of its own while encoding (a choice during its value search). */
    private final Map<Symbol, Integer> override = new LinkedHashMap<>();

    PruneEncoder(Kconfig kc) {
        this.kc = kc;
        this.v = kc.values;
    }

    static boolean encodable(Symbol s) {
        return !s.isConstant() && (s.type == SymbolType.BOOLEAN || s.type == SymbolType.TRISTATE);
    }

    static boolean hasPrompt(Symbol s) {
        for (Property p : s.props) {
            if (p.text != null) {
                return true;
            }
        }
        return false;
    }

    /** @return descriptions of comparisons evaluated with current values rather than encoded */
    Set<String> approximations() {
        return approximations;
    }

    void encode() {
        for (Symbol s : kc.symbols.all()) {
            v.calcValue(s);
            if (encodable(s)) {
                vars.put(s, cnf.newVar());
            }
        }
        for (Symbol s : vars.keySet()) {
            if (s.isChoiceValue()) {
                continue;
            }
            if (s.isChoice()) {
                int pre = cnf.newVar();
                encodeSymbol(s, pre);
                encodeChoice(s, pre);
            } else {
                encodeSymbol(s, vars.get(s));
            }
        }
        Symbol modules = kc.modulesSym;
        if (vars.containsKey(modules)) {
            int g = group("MODULES stays off (pruning supports trees without loadable modules)");
            cnf.clause(g, -vars.get(modules));
        }
    }

    private int group(String description) {
        int sel = cnf.newVar();
        groups.add(new Group(sel, description));
        return sel;
    }

    static String site(Symbol s) {
        if (s.menus.isEmpty()) {
            return "(undefined)";
        }
        MenuNode m = s.menus.get(0);
        return m.file + ":" + m.line;
    }

    private int visible(Symbol s) {
        List<Integer> vis = new ArrayList<>();
        for (Property p : s.props) {
            if (p.text != null) {
                vis.add(tri(p.visibleExpr)[0]);
            }
        }
        return cnf.or(vis.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Encodes the value rule of a symbol (of a choice: its value before a visible choice value is looked for). */
    private void encodeSymbol(Symbol s, int x) {
        int vis = visible(s);
        int rev = s.revDep == null ? -Cnf.TRUE : tri(s.revDep)[0];
        int computed;
        if (s.isChoice()) {
            computed = rev;
        } else {
            int def = -Cnf.TRUE;
            List<Property> defaults = new ArrayList<>();
            for (Property p : s.props) {
                if (p.kind == Property.Kind.DEFAULT) {
                    defaults.add(p);
                }
            }
            for (int i = defaults.size() - 1; i >= 0; i--) {
                Property p = defaults.get(i);
                int cond = tri(p.visibleExpr)[0];
                def = cnf.ite(cond, tri(p.expr)[0], def);
            }
            int imp = s.implied == null ? -Cnf.TRUE : tri(s.implied)[0];
            int dir = tri(s.dirDep)[0];
            computed = cnf.or(cnf.ite(imp, dir, def), rev);
        }
        String what = s.isChoice() ? "choice at " + site(s) : s.name + " (" + site(s) + ")";
        StringBuilder d = new StringBuilder(what).append(": ");
        if (hasPrompt(s)) {
            d.append("settable when ").append(promptConditions(s)).append("; otherwise ");
        }
        d.append("computed from ");
        d.append(s.dirDep == null ? "" : "depends on " + s.dirDep + ", ");
        d.append(s.revDep == null ? "no select" : "selected by " + s.revDep);
        int g = group(d.toString());
        cnf.clause(g, -vis, -rev, x);
        cnf.clause(g, vis, -x, computed);
        cnf.clause(g, vis, x, -computed);
    }

    private static String promptConditions(Symbol s) {
        StringBuilder sb = new StringBuilder();
        for (Property p : s.props) {
            if (p.text != null) {
                sb.append(sb.length() == 0 ? "" : " or ").append(p.visibleExpr == null ? "y" : p.visibleExpr);
            }
        }
        return sb.toString();
    }

    /**
     * The choice rule: {@code x_C = pre && (some value visible)}, where value visibility is evaluated with the choice
     * at {@code pre} as {@code sym_calc_value} does; an enabled choice has exactly one enabled value, a visible one.
     */
    private void encodeChoice(Symbol c, int pre) {
        int xc = vars.get(c);
        List<Integer> values = new ArrayList<>();
        StringBuilder names = new StringBuilder();
        for (Symbol val : c.choiceValues == null ? List.<Symbol>of() : c.choiceValues) {
            Integer xv = vars.get(val);
            if (xv != null) {
                values.add(xv);
                names.append(names.length() == 0 ? "" : ", ").append(val.name);
            }
        }
        int g = group("choice at " + site(c) + ": when enabled, exactly one visible value of " + names + " is on");
        for (Symbol val : c.choiceValues == null ? List.<Symbol>of() : c.choiceValues) {
            Integer xv = vars.get(val);
            if (xv == null) {
                continue;
            }
            cnf.clause(g, -xv, xc);
            cnf.clause(g, -xv, visible(val));
        }
        int[] any = new int[values.size() + 1];
        for (int i = 0; i < values.size(); i++) {
            any[i] = values.get(i);
            for (int j = i + 1; j < values.size(); j++) {
                cnf.clause(g, -values.get(i), -values.get(j));
            }
        }
        any[values.size()] = -xc;
        cnf.clause(g, any);
        override.put(c, pre);
        List<Integer> vis = new ArrayList<>();
        for (Symbol val : c.choiceValues == null ? List.<Symbol>of() : c.choiceValues) {
            vis.add(visible(val));
        }
        override.remove(c);
        int anyVisible = cnf.or(vis.stream().mapToInt(Integer::intValue).toArray());
        int on = cnf.and(pre, anyVisible);
        cnf.clause(g, -xc, on);
        cnf.clause(g, xc, -on);
    }

    private boolean isTristateOperand(Symbol s) {
        return vars.containsKey(s) || s == kc.symbols.yes || s == kc.symbols.mod || s == kc.symbols.no;
    }

    private int[] symbolValue(Symbol s) {
        Integer x = override.containsKey(s) ? override.get(s) : vars.get(s);
        if (x != null) {
            return new int[] {x, x};
        }
        v.calcValue(s);
        return Cnf.tri(s.currTri);
    }

    /** Encodes an expression in tristate logic; null means y. */
    int[] tri(Expr e) {
        if (e == null) {
            return Cnf.tri(2);
        }
        return switch (e.type) {
            case SYMBOL -> symbolValue(e.leftSym);
            case AND -> cnf.triAnd(tri(e.left), tri(e.right));
            case OR -> cnf.triOr(tri(e.left), tri(e.right));
            case NOT -> Cnf.triNot(tri(e.left));
            case EQUAL, UNEQUAL -> {
                if (isTristateOperand(e.leftSym) && isTristateOperand(e.rightSym)
                        && (vars.containsKey(e.leftSym) || vars.containsKey(e.rightSym))) {
                    int eq = cnf.triEqual(symbolValue(e.leftSym), symbolValue(e.rightSym));
                    int r = e.type == Expr.Type.EQUAL ? eq : -eq;
                    yield new int[] {r, r};
                }
                yield current(e);
            }
            case LTH, LEQ, GTH, GEQ -> current(e);
            default -> Cnf.tri(0);
        };
    }

    private int[] current(Expr e) {
        if (vars.containsKey(e.leftSym) || vars.containsKey(e.rightSym)) {
            approximations.add(e.toString());
        }
        return Cnf.tri(v.exprValue(e));
    }
}
