package org.xenwb.kconfig.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A growing CNF formula in DIMACS numbering with Tseitin gates and Kconfig's tristate values as pairs of literals.
 *
 * <p>A tristate value {@code v} is the pair {@code {v >= m, v == y}} (so {@code n = {F,F}}, {@code m = {T,F}},
 * {@code y = {T,T}}); {@code and} is the minimum, {@code or} the maximum and {@code not} maps {@code {a,b}} to
 * {@code {!b,!a}}, which is Kconfig's {@code 2 - v}. Gates fold the constants {@link #TRUE} and {@code -TRUE}.
 * Gate definitions are unconditional (they only name sub-formulas); constraint clauses may carry a guard literal so
 * that a group of constraints can be switched off by an assumption. Not thread-safe.</p>
 */
final class Cnf {
    /** The literal that is always true (variable 1). */
    static final int TRUE = 1;

    private final List<int[]> clauses = new ArrayList<>();
    private int vars = 1;

    Cnf() {
        clauses.add(new int[] {TRUE});
    }

    int newVar() {
        return ++vars;
    }

    /** @return the number of variables used so far */
    int vars() {
        return vars;
    }

    /** @return every clause added so far (not copies; do not modify) */
    List<int[]> clauses() {
        return clauses;
    }

    /** Adds {@code guard -> (lits[0] || lits[1] || ...)}; guard 0 means unconditional. */
    void clause(int guard, int... lits) {
        List<Integer> out = new ArrayList<>(lits.length + 1);
        if (guard != 0) {
            out.add(-guard);
        }
        for (int l : lits) {
            if (l == TRUE) {
                return;
            }
            if (l != -TRUE) {
                out.add(l);
            }
        }
        int[] c = new int[out.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = out.get(i);
        }
        clauses.add(c);
    }

    int and(int... lits) {
        List<Integer> ls = new ArrayList<>();
        for (int l : lits) {
            if (l == -TRUE) {
                return -TRUE;
            }
            if (l != TRUE && !ls.contains(l)) {
                ls.add(l);
            }
        }
        if (ls.isEmpty()) {
            return TRUE;
        }
        if (ls.size() == 1) {
            return ls.get(0);
        }
        int g = newVar();
        int[] back = new int[ls.size() + 1];
        int i = 0;
        for (int l : ls) {
            clause(0, -g, l);
            back[i++] = -l;
        }
        back[i] = g;
        clause(0, back);
        return g;
    }

    int or(int... lits) {
        int[] neg = new int[lits.length];
        for (int i = 0; i < lits.length; i++) {
            neg[i] = -lits[i];
        }
        return -and(neg);
    }

    /** @return a literal equal to {@code c ? x : y} */
    int ite(int c, int x, int y) {
        if (c == TRUE || x == y) {
            return x;
        }
        if (c == -TRUE) {
            return y;
        }
        return or(and(c, x), and(-c, y));
    }

    /** @return a literal equal to {@code a <-> b} */
    int iff(int a, int b) {
        return or(and(a, b), and(-a, -b));
    }

    static int[] tri(int value) {
        return switch (value) {
            case 0 -> new int[] {-TRUE, -TRUE};
            case 1 -> new int[] {TRUE, -TRUE};
            default -> new int[] {TRUE, TRUE};
        };
    }

    int[] triAnd(int[] p, int[] q) {
        return new int[] {and(p[0], q[0]), and(p[1], q[1])};
    }

    int[] triOr(int[] p, int[] q) {
        return new int[] {or(p[0], q[0]), or(p[1], q[1])};
    }

    /** @return the tristate {@code c ? p : q} */
    int[] triIte(int c, int[] p, int[] q) {
        return new int[] {ite(c, p[0], q[0]), ite(c, p[1], q[1])};
    }

    static int[] triNot(int[] p) {
        return new int[] {-p[1], -p[0]};
    }

    /** @return a literal that is true when the two tristates are equal */
    int triEqual(int[] p, int[] q) {
        return and(iff(p[0], q[0]), iff(p[1], q[1]));
    }
}
