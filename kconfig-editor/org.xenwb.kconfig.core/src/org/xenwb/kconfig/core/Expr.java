package org.xenwb.kconfig.core;

/**
 * A node of a Kconfig expression tree, with the node kinds of the C tools ({@code expr.h}).
 *
 * <p>Comparisons hold two symbols, {@code NOT} holds {@link #left}, {@code AND}/{@code OR} hold {@link #left} and
 * {@link #right}; {@code LIST} chains the values of a choice through {@link #left} with the value in
 * {@link #rightSym}. Expressions are built by the parser and finalisation and not changed afterwards.</p>
 */
public final class Expr {

    /** Node kinds. The declaration order is the C enum order (used for printing with parentheses). */
    public enum Type {
        /** No operator (printing context only). */
        NONE,
        /** {@code a || b}. */
        OR,
        /** {@code a && b}. */
        AND,
        /** {@code !a}. */
        NOT,
        /** {@code a = b}. */
        EQUAL,
        /** {@code a != b}. */
        UNEQUAL,
        /** {@code a < b}. */
        LTH,
        /** {@code a <= b}. */
        LEQ,
        /** {@code a > b}. */
        GTH,
        /** {@code a >= b}. */
        GEQ,
        /** Choice value list. */
        LIST,
        /** A single symbol. */
        SYMBOL,
        /** {@code range a b}. */
        RANGE
    }

    final Type type;
    Expr left;
    Expr right;
    Symbol leftSym;
    Symbol rightSym;

    private Expr(Type type) {
        this.type = type;
    }

    static Expr symbol(Symbol sym) {
        Expr e = new Expr(Type.SYMBOL);
        e.leftSym = sym;
        return e;
    }

    static Expr one(Type type, Expr operand) {
        Expr e = new Expr(type);
        e.left = operand;
        return e;
    }

    static Expr two(Type type, Expr a, Expr b) {
        Expr e = new Expr(type);
        e.left = a;
        e.right = b;
        return e;
    }

    static Expr comp(Type type, Symbol a, Symbol b) {
        Expr e = new Expr(type);
        e.leftSym = a;
        e.rightSym = b;
        return e;
    }

    /** {@code a && b} where a missing operand means {@code y}, like {@code expr_alloc_and}. */
    static Expr and(Expr a, Expr b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : two(Type.AND, a, b);
    }

    /** {@code a || b} where a missing operand is dropped, like {@code expr_alloc_or}. */
    static Expr or(Expr a, Expr b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : two(Type.OR, a, b);
    }

    /** @return the node kind */
    public Type type() {
        return type;
    }

    /** @return the symbol of a {@code SYMBOL} node or the left symbol of a comparison, else null */
    public Symbol leftSymbol() {
        return leftSym;
    }

    /** @return the right symbol of a comparison or range, else null */
    public Symbol rightSymbol() {
        return rightSym;
    }

    /** @return the operand of {@code NOT} or the left operand of {@code AND}/{@code OR}, else null */
    public Expr leftExpr() {
        return left;
    }

    /** @return the right operand of {@code AND}/{@code OR}, else null */
    public Expr rightExpr() {
        return right;
    }

    Expr copy() {
        Expr e = new Expr(type);
        e.left = left == null ? null : left.copy();
        e.right = right == null ? null : right.copy();
        e.leftSym = leftSym;
        e.rightSym = rightSym;
        return e;
    }

    /** Structural equality (same operators and same symbol objects). */
    boolean sameAs(Expr o) {
        if (o == null || o.type != type || o.leftSym != leftSym || o.rightSym != rightSym) {
            return false;
        }
        return (left == null ? o.left == null : left.sameAs(o.left))
                && (right == null ? o.right == null : right.sameAs(o.right));
    }

    static boolean containsSymbol(Expr dep, Symbol sym) {
        if (dep == null) {
            return false;
        }
        return switch (dep.type) {
            case AND, OR -> containsSymbol(dep.left, sym) || containsSymbol(dep.right, sym);
            case SYMBOL -> dep.leftSym == sym;
            case EQUAL, GEQ, GTH, LEQ, LTH, UNEQUAL -> dep.leftSym == sym || dep.rightSym == sym;
            case NOT -> containsSymbol(dep.left, sym);
            default -> false;
        };
    }

    static boolean dependsSymbol(Expr dep, Symbol sym, Symbol yes, Symbol mod, Symbol no) {
        if (dep == null) {
            return false;
        }
        return switch (dep.type) {
            case AND -> dependsSymbol(dep.left, sym, yes, mod, no) || dependsSymbol(dep.right, sym, yes, mod, no);
            case SYMBOL -> dep.leftSym == sym;
            case EQUAL -> dep.leftSym == sym && (dep.rightSym == yes || dep.rightSym == mod);
            case UNEQUAL -> dep.leftSym == sym && dep.rightSym == no;
            default -> false;
        };
    }

    private static int compareType(Type t1, Type t2) {
        if (t1 == t2) {
            return 0;
        }
        // mirrors the fall-through chain of the C tools' printer
        int stage = switch (t1) {
            case LEQ, LTH, GEQ, GTH -> 0;
            case EQUAL, UNEQUAL -> 1;
            case NOT -> 2;
            case AND -> 3;
            case OR -> 4;
            case LIST -> 5;
            default -> 6;
        };
        if (stage <= 0 && (t2 == Type.EQUAL || t2 == Type.UNEQUAL)) {
            return 1;
        }
        if (stage <= 1 && t2 == Type.NOT) {
            return 1;
        }
        if (stage <= 2 && t2 == Type.AND) {
            return 1;
        }
        if (stage <= 3 && t2 == Type.OR) {
            return 1;
        }
        if (stage <= 4 && t2 == Type.LIST) {
            return 1;
        }
        if (stage <= 5 && t2 == Type.NONE) {
            return 1;
        }
        return -1;
    }

    /** Callback of {@link #print}: receives text pieces and, for symbol names, the symbol. */
    interface Printer {
        void piece(Symbol sym, String text);
    }

    static void print(Expr e, Printer fn, Type prev) {
        if (e == null) {
            fn.piece(null, "y");
            return;
        }
        boolean paren = compareType(prev, e.type) > 0;
        if (paren) {
            fn.piece(null, "(");
        }
        switch (e.type) {
            case SYMBOL -> fn.piece(e.leftSym.name == null ? null : e.leftSym, nameOf(e.leftSym));
            case NOT -> {
                fn.piece(null, "!");
                print(e.left, fn, Type.NOT);
            }
            case EQUAL, UNEQUAL, LTH, LEQ, GTH, GEQ -> {
                fn.piece(e.leftSym.name == null ? null : e.leftSym, nameOf(e.leftSym));
                fn.piece(null, switch (e.type) {
                    case EQUAL -> "=";
                    case UNEQUAL -> "!=";
                    case LTH -> "<";
                    case LEQ -> "<=";
                    case GTH -> ">";
                    default -> ">=";
                });
                fn.piece(e.rightSym, e.rightSym.name);
            }
            case OR -> {
                print(e.left, fn, Type.OR);
                fn.piece(null, " || ");
                print(e.right, fn, Type.OR);
            }
            case AND -> {
                print(e.left, fn, Type.AND);
                fn.piece(null, " && ");
                print(e.right, fn, Type.AND);
            }
            case LIST -> {
                fn.piece(e.rightSym, e.rightSym.name);
                if (e.left != null) {
                    fn.piece(null, " ^ ");
                    print(e.left, fn, Type.LIST);
                }
            }
            case RANGE -> {
                fn.piece(null, "[");
                fn.piece(e.leftSym, e.leftSym.name);
                fn.piece(null, " ");
                fn.piece(e.rightSym, e.rightSym.name);
                fn.piece(null, "]");
            }
            default -> fn.piece(null, "<unknown type " + e.type.ordinal() + ">");
        }
        if (paren) {
            fn.piece(null, ")");
        }
    }

    private static String nameOf(Symbol s) {
        return s.name == null ? "<choice>" : s.name;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        print(this, (s, t) -> sb.append(t), Type.NONE);
        return sb.toString();
    }
}
