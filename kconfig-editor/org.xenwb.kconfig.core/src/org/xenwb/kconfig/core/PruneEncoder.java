package org.xenwb.kconfig.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes the fixed points of {@code conf --olddefconfig} into CNF, with {@code MODULES} held at the input's value:
 * one variable per bool/tristate symbol, true when the symbol is enabled ({@code y} or {@code m}) in the written
 * {@code .config}; with loadable modules on, each tristate symbol outside choices has a second variable, true when
 * it is {@code y} (so {@code m} is only possible with MODULES on, and {@code y -> enabled}).
 *
 * <p>For each symbol, with {@code vis} the or of its prompts' conditions, {@code rev} its reverse dependencies
 * ({@code select}), {@code dir} its direct dependencies and {@code imp} its {@code imply}s (all evaluated as in
 * {@code sym_calc_value} in tristate logic; for a bool symbol, or any symbol without modules, an {@code m} counts
 * as {@code y}):</p>
 * <ul>
 * <li>a visible symbol takes the user's value, capped by {@code vis} and raised to {@code rev}: constraint
 * {@code rev <= x <= max(vis, rev)} (for bool symbols {@code rev -> x});</li>
 * <li>an invisible one is computed: {@code x = max(imp ? min(max(firstDefault, imp), dir) : firstDefault, rev)}
 * where the first default is {@code min(expr, cond)} of the first default whose condition is not {@code n}
 * (choices have no defaults);</li>
 * <li>a choice is computed like a symbol without defaults, then stays on only when one of its values is visible;
 * an enabled choice has exactly one enabled value, which must be visible (the user's pick); an invisible choice
 * value is off.</li>
 * </ul>
 * <p>Expressions are encoded in tristate logic ({@link Cnf}); comparisons between bool/tristate symbols and
 * {@code y/m/n} are exact, other comparisons and the values of int/hex/string symbols are taken from the current
 * configuration (recorded in {@link #approximations()}), their bool/tristate inputs held at their input values
 ({@link PruneHolds}, recorded in {@link #holds}); the caller checks the result against the engine. Every
 * symbol's rule and every choice's rule is guarded by a selector literal so that an unsatisfiable keep set can be
 * explained by the rules involved. A tristate choice value is visible in a {@code y} choice only where its prompt
 * condition is {@code y}, as in {@code sym_calc_visibility}; a tristate choice with modules on may be {@code m}
 * (see {@link #encodeChoice}); a bool value in a tristate choice is refused by {@link Pruner}. Not thread-safe.</p>
 */
final class PruneEncoder {

    /** A guarded group of constraints: its selector literal and a description naming its source. */
    record Group(int selector, String description) {
    }

    final Cnf cnf = new Cnf();
    private final Kconfig kc;
    private final Values v;
    /** Bool/tristate symbols and their "enabled" variables (y or m), in the C tools' symbol order. */
    final Map<Symbol, Integer> vars = new LinkedHashMap<>();
    /** With modules on: tristate symbols outside choices and their "is y" variables. */
    final Map<Symbol, Integer> yes = new LinkedHashMap<>();
    /** Whether loadable modules are on (MODULES=y in the input; held there). */
    final boolean modules;
    private final Set<Symbol> fixedValues;
    final List<Group> groups = new ArrayList<>();
    private final Set<String> approximations = new LinkedHashSet<>();
    /** Symbols held at their input values ({@link PruneHolds}) and why. */
    Map<Symbol, String> holds = Map.of();
    /** Variables standing for a symbol instead of its own while encoding (a choice during its value search). */
    private final Map<Symbol, int[]> override = new LinkedHashMap<>();

    /**
     * @param kc the tree with the input configuration loaded
     * @param modules whether MODULES is y in the input (it is held at that value)
     * @param fixedValues compared int/hex/string symbols whose bool/tristate inputs are held ({@link PruneHolds})
     */
    PruneEncoder(Kconfig kc, boolean modules, Set<Symbol> fixedValues) {
        this.kc = kc;
        this.v = kc.values;
        this.modules = modules;
        this.fixedValues = fixedValues;
    }

    /**
     * Whether a symbol can be {@code m} in this encoding: with modules on, a tristate symbol, choice or value of a
     * tristate choice (values of a bool choice are bool).
     */
    boolean canBeModule(Symbol s) {
        return modules && s.type == SymbolType.TRISTATE
                && (!s.isChoiceValue() || s.choice().type == SymbolType.TRISTATE);
    }

    /** @return the symbol's value as a tristate pair: {enabled, is y} */
    int[] pair(Symbol s) {
        int x = vars.get(s);
        Integer y = yes.get(s);
        return new int[] {x, y == null ? x : y};
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
                int x = cnf.newVar();
                vars.put(s, x);
                if (canBeModule(s)) {
                    int y = cnf.newVar();
                    yes.put(s, y);
                    cnf.clause(0, -y, x);
                }
            }
        }
        holds = PruneHolds.compute(kc, vars.keySet(), fixedValues);
        for (Map.Entry<Symbol, String> h : holds.entrySet()) {
            Symbol s = h.getKey();
            int value = s.currTri;
            int g = group(s.name + " held at its input value " + "nmy".charAt(value) + " (" + h.getValue() + ")");
            int[] x = pair(s);
            cnf.clause(g, value == 0 ? -x[0] : x[0]);
            cnf.clause(g, value == 2 ? x[1] : -x[1]);
        }
        for (Symbol s : vars.keySet()) {
            if (s.isChoiceValue()) {
                continue;
            }
            if (s.isChoice()) {
                int[] pre = {cnf.newVar(), 0};
                pre[1] = pre[0];
                if (canBeModule(s)) {
                    pre[1] = cnf.newVar();
                    cnf.clause(0, -pre[1], pre[0]);
                }
                encodeSymbol(s, pre);
                encodeChoice(s, pre);
            } else {
                encodeSymbol(s, pair(s));
            }
        }
        Symbol m = kc.modulesSym;
        if (vars.containsKey(m)) {
            int g = group(m.name + " stays " + (modules ? "on" : "off") + " as in the input (prune holds it)");
            cnf.clause(g, modules ? vars.get(m) : -vars.get(m));
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

    /** @return the or of the symbol's prompt conditions, as a tristate pair */
    private int[] visiblePair(Symbol s) {
        int[] vis = Cnf.tri(0);
        for (Property p : s.props) {
            if (p.text != null) {
                vis = cnf.triOr(vis, tri(p.visibleExpr));
            }
        }
        return vis;
    }

    /**
     * @return a literal true when the symbol is visible; a tristate choice value with modules on needs a {@code y}
     *         prompt condition (an {@code m} one is cleared while its choice is {@code y}, and the choice is bool)
     */
    private int visible(Symbol s) {
        int[] vis = visiblePair(s);
        return modules && s.isChoiceValue() && s.type == SymbolType.TRISTATE ? vis[1] : vis[0];
    }

    /**
     * Encodes the value rule of a symbol (of a choice: its value before a visible choice value is looked for), whose
     * value is the pair {@code x}; a bool pair has both literals equal and then only the first of each pair counts.
     */
    private void encodeSymbol(Symbol s, int[] x) {
        int[] vis = visiblePair(s);
        int[] rev = s.revDep == null ? Cnf.tri(0) : tri(s.revDep);
        int[] computed;
        if (s.isChoice()) {
            computed = rev;
        } else {
            int[] def = Cnf.tri(0);
            List<Property> defaults = new ArrayList<>();
            for (Property p : s.props) {
                if (p.kind == Property.Kind.DEFAULT) {
                    defaults.add(p);
                }
            }
            for (int i = defaults.size() - 1; i >= 0; i--) {
                Property p = defaults.get(i);
                int[] cond = tri(p.visibleExpr);
                def = cnf.triIte(cond[0], cnf.triAnd(tri(p.expr), cond), def);
            }
            int[] imp = s.implied == null ? Cnf.tri(0) : tri(s.implied);
            int[] dir = tri(s.dirDep);
            computed = cnf.triOr(cnf.triIte(imp[0], cnf.triAnd(cnf.triOr(def, imp), dir), def), rev);
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
        int shown = vis[0];
        cnf.clause(g, -shown, -rev[0], x[0]);
        cnf.clause(g, shown, -x[0], computed[0]);
        cnf.clause(g, shown, x[0], -computed[0]);
        if (x[1] != x[0]) {
            cnf.clause(g, -shown, -rev[1], x[1]);
            cnf.clause(g, -shown, -x[1], vis[1], rev[1]);
            cnf.clause(g, shown, -x[1], computed[1]);
            cnf.clause(g, shown, x[1], -computed[1]);
        }
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
     * The choice rule, with {@code pre} the choice's value before a visible value is looked for: a {@code y} choice
     * needs a value visible at {@code y} (evaluated with the choice at {@code pre}, as {@code sym_calc_value} does)
     * and has exactly one {@code y} value, a visible one, and no {@code m} values; an {@code m} choice (tristate
     * choices with modules on) has values that are each {@code m} or {@code n} within their visibility; an enabled
     * value needs an enabled choice.
     */
    private void encodeChoice(Symbol c, int[] pre) {
        int[] xc = pair(c);
        boolean tristate = xc[0] != xc[1];
        List<Symbol> vals = new ArrayList<>();
        StringBuilder names = new StringBuilder();
        for (Symbol val : c.choiceValues == null ? List.<Symbol>of() : c.choiceValues) {
            if (vars.containsKey(val)) {
                vals.add(val);
                names.append(names.length() == 0 ? "" : ", ").append(val.name);
            }
        }
        int g = group("choice at " + site(c) + ": when y, exactly one visible value of " + names + " is y"
                + (tristate ? "; when m, each is m or n" : ""));
        int[] any = new int[vals.size() + 1];
        for (int i = 0; i < vals.size(); i++) {
            int[] xv = pair(vals.get(i));
            cnf.clause(g, -xv[0], xc[0]);
            cnf.clause(g, -xv[1], xc[1]);
            cnf.clause(g, -xv[1], visible(vals.get(i)));
            if (tristate) {
                cnf.clause(g, -xv[0], xv[1], visiblePair(vals.get(i))[0]);
                cnf.clause(g, -xc[1], -xv[0], xv[1]);
            }
            any[i] = xv[1];
            for (int j = i + 1; j < vals.size(); j++) {
                cnf.clause(g, -xv[1], -pair(vals.get(j))[1]);
            }
        }
        any[vals.size()] = -xc[1];
        cnf.clause(g, any);
        override.put(c, pre);
        List<Integer> vis = new ArrayList<>();
        for (Symbol val : c.choiceValues == null ? List.<Symbol>of() : c.choiceValues) {
            vis.add(visible(val));
        }
        override.remove(c);
        int anyVisible = cnf.or(vis.stream().mapToInt(Integer::intValue).toArray());
        int y = cnf.and(pre[1], anyVisible);
        int on = cnf.and(pre[0], cnf.or(-pre[1], anyVisible));
        cnf.clause(g, -xc[1], y);
        cnf.clause(g, xc[1], -y);
        if (tristate) {
            cnf.clause(g, -xc[0], on);
            cnf.clause(g, xc[0], -on);
        }
    }

    private boolean isTristateOperand(Symbol s) {
        return vars.containsKey(s) || s == kc.symbols.yes || s == kc.symbols.mod || s == kc.symbols.no;
    }

    private int[] symbolValue(Symbol s) {
        if (override.containsKey(s)) {
            return override.get(s);
        }
        if (vars.containsKey(s)) {
            return pair(s);
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
