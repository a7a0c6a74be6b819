package org.xenwb.kconfig.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The bool/tristate symbols that prune holds at their input values so that the comparisons it does not encode
 * keep their input results: always the bool/tristate operands of comparisons other than tristate {@code =}/{@code
 * !=}; and, for the compared int/hex/string symbols whose value a first result changed ({@link Pruner} retries),
 * every bool/tristate symbol their value depends on (dependencies, prompt conditions, default conditions and
 * default values, followed through other int/hex/string symbols). For example on Linux x86 {@code PGTABLE_LEVELS >
 * 2} then holds {@code X86_64} and {@code X86_5LEVEL}, the conditions of {@code PGTABLE_LEVELS}' defaults. Not
 * thread-safe.
 */
final class PruneHolds {

    private PruneHolds() {
    }

    /** @return the int/hex/string (non-constant) symbols compared in the conditions of bool/tristate symbols */
    static Set<Symbol> compared(Kconfig kc, Set<Symbol> encoded) {
        Set<Symbol> compared = new LinkedHashSet<>();
        scanAll(kc, encoded, new LinkedHashMap<>(), compared);
        return compared;
    }

    private static void scanAll(Kconfig kc, Set<Symbol> encoded, Map<Symbol, String> held, Set<Symbol> compared) {
        for (Symbol s : encoded) {
            scan(kc.symbols, s.dirDep, encoded, held, compared);
            scan(kc.symbols, s.revDep, encoded, held, compared);
            scan(kc.symbols, s.implied, encoded, held, compared);
            for (Property p : s.props) {
                scan(kc.symbols, p.visibleExpr, encoded, held, compared);
                scan(kc.symbols, p.expr, encoded, held, compared);
            }
        }
    }

    /**
     * @param kc the tree
     * @param encoded the bool/tristate symbols of the encoding
     * @param fixedValues compared int/hex/string symbols whose inputs are to be held too
     * @return each held symbol and the reason (the comparison or compared symbol that needs it), in symbol order
     */
    static Map<Symbol, String> compute(Kconfig kc, Set<Symbol> encoded, Set<Symbol> fixedValues) {
        Map<Symbol, String> held = new LinkedHashMap<>();
        scanAll(kc, encoded, held, new LinkedHashSet<>());
        Deque<Symbol> work = new ArrayDeque<>(fixedValues);
        Set<Symbol> seen = new LinkedHashSet<>(fixedValues);
        while (!work.isEmpty()) {
            Symbol s = work.pop();
            Set<Symbol> deps = new LinkedHashSet<>();
            symbols(s.dirDep, deps);
            for (Property p : s.props) {
                symbols(p.visibleExpr, deps);
                if (p.kind == Property.Kind.DEFAULT || p.kind == Property.Kind.RANGE) {
                    symbols(p.expr, deps);
                }
            }
            for (Symbol d : deps) {
                if (encoded.contains(d)) {
                    held.putIfAbsent(d, "the value of " + s.name + " depends on it");
                } else if (!d.isConstant() && seen.add(d)) {
                    work.push(d);
                }
            }
        }
        return held;
    }

    private static void scan(SymbolTable t, Expr e, Set<Symbol> encoded, Map<Symbol, String> held,
            Set<Symbol> compared) {
        if (e == null) {
            return;
        }
        switch (e.type) {
            case AND, OR -> {
                scan(t, e.left, encoded, held, compared);
                scan(t, e.right, encoded, held, compared);
            }
            case NOT -> scan(t, e.left, encoded, held, compared);
            case EQUAL, UNEQUAL, LTH, LEQ, GTH, GEQ -> {
                boolean exact = (e.type == Expr.Type.EQUAL || e.type == Expr.Type.UNEQUAL)
                        && tristateOperand(t, e.leftSym, encoded) && tristateOperand(t, e.rightSym, encoded);
                for (Symbol s : new Symbol[] {e.leftSym, e.rightSym}) {
                    if (encoded.contains(s)) {
                        if (!exact) {
                            held.putIfAbsent(s, "compared in " + e);
                        }
                    } else if (s != null && !s.isConstant()) {
                        compared.add(s);
                    }
                }
            }
            default -> {
            }
        }
    }

    /** Mirrors {@link PruneEncoder}'s exact case: bool/tristate symbols and the constants y, m, n. */
    private static boolean tristateOperand(SymbolTable t, Symbol s, Set<Symbol> encoded) {
        return encoded.contains(s) || s == t.yes || s == t.mod || s == t.no;
    }

    private static void symbols(Expr e, Set<Symbol> out) {
        if (e == null) {
            return;
        }
        if (e.leftSym != null) {
            out.add(e.leftSym);
        }
        if (e.rightSym != null) {
            out.add(e.rightSym);
        }
        symbols(e.left, out);
        symbols(e.right, out);
    }
}
