package org.xenwb.kconfig.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The finalisation phase of the C tools' {@code menu_finalize}: propagates menu and {@code if} dependencies to
 * nodes and properties, builds reverse dependencies of {@code select} and {@code imply}, types and links choice
 * values, creates the automatic sub-menus below symbols that following entries depend on, and flattens {@code if}
 * blocks.
 *
 * <p>Postcondition: every property's condition includes its enclosing dependencies; the tree has the C tools'
 * shape. Expressions are not simplified (the C tools simplify them, which changes their text but not their
 * value).</p>
 */
final class MenuFinalizer {
    private final Kconfig kc;

    MenuFinalizer(Kconfig kc) {
        this.kc = kc;
    }

    private Expr rewriteM(Expr e) {
        if (e == null) {
            return null;
        }
        switch (e.type) {
            case NOT -> e.left = rewriteM(e.left);
            case OR, AND -> {
                e.left = rewriteM(e.left);
                e.right = rewriteM(e.right);
            }
            case SYMBOL -> {
                if (e.leftSym == kc.symbols.mod) {
                    return Expr.and(e, Expr.symbol(kc.modulesSym));
                }
            }
            default -> {
            }
        }
        return e;
    }

    private static Expr copy(Expr e) {
        return e == null ? null : e.copy();
    }

    private void setType(MenuNode entry, SymbolType type) {
        Symbol sym = entry.sym;
        if (sym.type == type) {
            return;
        }
        if (sym.type == SymbolType.UNKNOWN) {
            sym.type = type;
            return;
        }
        kc.warn(entry.file + ":" + entry.line + ":warning: ignoring type redefinition of '"
                + (sym.name != null ? sym.name : "<choice>") + "' from '" + sym.type.displayName() + "' to '"
                + type.displayName() + "'");
    }

    void finalizeMenu(MenuNode parent) {
        Symbol sym = parent.sym;
        if (parent.list != null) {
            Expr parentdep;
            if (sym != null && sym.isChoice()) {
                if (sym.type == SymbolType.UNKNOWN) {
                    for (MenuNode m = parent.list; m != null; m = m.next) {
                        if (m.sym != null && m.sym.type != SymbolType.UNKNOWN) {
                            setType(parent, m.sym.type);
                            break;
                        }
                    }
                }
                for (MenuNode m = parent.list; m != null; m = m.next) {
                    if (m.sym != null && m.sym.type == SymbolType.UNKNOWN) {
                        setType(m, sym.type);
                    }
                }
                parentdep = Expr.symbol(sym);
            } else {
                parentdep = parent.dep;
            }
            for (MenuNode m = parent.list; m != null; m = m.next) {
                Expr basedep = rewriteM(m.dep);
                basedep = Expr.and(copy(parentdep), basedep);
                m.dep = basedep;
                List<Property> props = m.sym != null ? m.sym.props
                        : m.prompt != null ? List.of(m.prompt) : List.of();
                for (Property prop : props) {
                    if (prop.menu != m) {
                        continue;
                    }
                    Expr dep = rewriteM(prop.visibleExpr);
                    dep = Expr.and(copy(basedep), dep);
                    prop.visibleExpr = dep;
                    if (prop.kind == Property.Kind.SELECT) {
                        Symbol es = prop.symbol();
                        es.revDep = Expr.or(es.revDep, Expr.and(Expr.symbol(m.sym), copy(dep)));
                    } else if (prop.kind == Property.Kind.IMPLY) {
                        Symbol es = prop.symbol();
                        es.implied = Expr.or(es.implied, Expr.and(Expr.symbol(m.sym), copy(dep)));
                    }
                }
            }
            for (MenuNode m = parent.list; m != null; m = m.next) {
                finalizeMenu(m);
            }
        } else if (sym != null) {
            autoSubmenu(parent, sym);
            sym.dirDep = Expr.or(sym.dirDep, parent.dep);
        }
        for (MenuNode m = parent.list; m != null; m = m.next) {
            if (sym != null && sym.isChoice() && m.sym != null && !m.sym.isChoiceValue()) {
                choiceValue(sym, m);
            }
            if (m.list != null && (m.prompt == null || m.prompt.text == null)) {
                MenuNode last = m.list;
                while (true) {
                    last.parent = parent;
                    if (last.next == null) {
                        break;
                    }
                    last = last.next;
                }
                last.next = m.next;
                m.next = m.list;
                m.list = null;
            }
        }
        if (sym != null && (sym.flags & Symbol.WARNED) == 0) {
            if (sym.type == SymbolType.UNKNOWN) {
                kc.warn(parent.file + ":" + parent.line + ":warning: config symbol defined without type");
            }
            if (sym.isChoice() && parent.prompt == null) {
                kc.warn(parent.file + ":" + parent.line + ":warning: choice must have a prompt");
            }
            checkProps(sym);
            sym.flags |= Symbol.WARNED;
        }
        if (sym != null && (sym.flags & Symbol.OPTIONAL) == 0 && parent.prompt != null) {
            sym.revDep = Expr.or(sym.revDep, Expr.and(parent.prompt.visibleExpr, Expr.symbol(kc.symbols.mod)));
        }
    }

    private void choiceValue(Symbol choice, MenuNode m) {
        Symbol value = m.sym;
        value.flags |= Symbol.CHOICEVAL;
        if (m.prompt == null) {
            kc.warn(m.file + ":" + m.line + ":warning: choice value must have a prompt");
        }
        for (Property prop : value.props) {
            if (prop.kind == Property.Kind.DEFAULT) {
                kc.warn(prop.file + ":" + prop.line + ":warning: defaults for choice values not supported");
            }
        }
        if (choice.type == SymbolType.TRISTATE && value.type != SymbolType.TRISTATE) {
            Expr basedep = Expr.comp(Expr.Type.EQUAL, choice, kc.symbols.yes);
            m.dep = Expr.and(basedep, m.dep);
            for (Property prop : value.props) {
                if (prop.menu == m) {
                    prop.visibleExpr = Expr.and(basedep.copy(), prop.visibleExpr);
                }
            }
        }
        value.props.add(new Property(Property.Kind.CHOICE, Expr.symbol(choice), null, m, m.file, m.line));
        if (choice.choiceValues == null) {
            choice.choiceValues = new ArrayList<>();
        }
        choice.choiceValues.add(value);
    }

    private void autoSubmenu(MenuNode parent, Symbol sym) {
        Expr basedep = parent.prompt != null ? parent.prompt.visibleExpr : null;
        MenuNode last = null;
        for (MenuNode m = parent.next; m != null; m = m.next) {
            Expr dep = m.prompt != null ? m.prompt.visibleExpr : m.dep;
            if (!Expr.containsSymbol(dep, sym)) {
                break;
            }
            if (!Expr.dependsSymbol(dep, sym, kc.symbols.yes, kc.symbols.mod, kc.symbols.no)
                    && !superset(dep, basedep)) {
                break;
            }
            finalizeMenu(m);
            m.parent = parent;
            last = m;
        }
        if (last != null) {
            parent.list = parent.next;
            parent.next = last.next;
            last.next = null;
        }
    }

    /** Whether every conjunct of {@code base} is also a conjunct of {@code dep} (expr_eliminate_eq on ands). */
    private static boolean superset(Expr dep, Expr base) {
        if (base == null) {
            return true;
        }
        List<Expr> depTerms = new ArrayList<>();
        conjuncts(dep, depTerms);
        List<Expr> baseTerms = new ArrayList<>();
        conjuncts(base, baseTerms);
        for (Expr b : baseTerms) {
            boolean found = false;
            for (Expr d : depTerms) {
                if (d.sameAs(b)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static void conjuncts(Expr e, List<Expr> out) {
        if (e == null) {
            return;
        }
        if (e.type == Expr.Type.AND) {
            conjuncts(e.left, out);
            conjuncts(e.right, out);
        } else {
            out.add(e);
        }
    }

    private boolean validNumber(Symbol sym, Symbol sym2) {
        return sym2.type == SymbolType.INT || sym2.type == SymbolType.HEX
                || (sym2.type == SymbolType.UNKNOWN && kc.userValues.stringValid(sym, sym2.name));
    }

    private void propWarn(Property p, String message) {
        kc.warn(p.file + ":" + p.line + ":warning: " + message);
    }

    /** sym_check_prop: warnings about properties that do not fit the symbol. */
    private void checkProps(Symbol sym) {
        for (Property prop : sym.props) {
            switch (prop.kind) {
                case DEFAULT -> {
                    if ((sym.type == SymbolType.STRING || sym.type == SymbolType.INT || sym.type == SymbolType.HEX)
                            && prop.expr.type != Expr.Type.SYMBOL) {
                        propWarn(prop, "default for config symbol '" + sym.name + "' must be a single symbol");
                    }
                    if (prop.expr.type != Expr.Type.SYMBOL) {
                        break;
                    }
                    Symbol sym2 = prop.symbol();
                    if ((sym.type == SymbolType.HEX || sym.type == SymbolType.INT) && !validNumber(sym, sym2)) {
                        propWarn(prop, "'" + sym.name + "': number is invalid");
                    }
                    if (sym.isChoice()) {
                        Property cp = sym2.choiceProp();
                        if (cp == null || cp.symbol() != sym) {
                            propWarn(prop, "choice default symbol '" + sym2.name + "' is not contained in the choice");
                        }
                    }
                }
                case SELECT, IMPLY -> {
                    String use = prop.kind == Property.Kind.SELECT ? "select" : "imply";
                    Symbol sym2 = prop.symbol();
                    if (sym.type != SymbolType.BOOLEAN && sym.type != SymbolType.TRISTATE) {
                        propWarn(prop, "config symbol '" + sym.name + "' uses " + use
                                + ", but is not bool or tristate");
                    } else if (sym2.type != SymbolType.UNKNOWN && sym2.type != SymbolType.BOOLEAN
                            && sym2.type != SymbolType.TRISTATE) {
                        propWarn(prop, "'" + sym2.name + "' has wrong type. '" + use
                                + "' only accept arguments of bool and tristate type");
                    }
                }
                case RANGE -> {
                    if (sym.type != SymbolType.INT && sym.type != SymbolType.HEX) {
                        propWarn(prop, "range is only allowed for int or hex symbols");
                    }
                    if (!validNumber(sym, prop.expr.leftSym) || !validNumber(sym, prop.expr.rightSym)) {
                        propWarn(prop, "range is invalid");
                    }
                }
                default -> {
                }
            }
        }
    }
}
