package org.xenwb.kconfig.core;

import java.util.Objects;

/**
 * Value computation with the algorithms of Linux 6.1's {@code symbol.c} and {@code expr_calc_value}: visibility,
 * direct and reverse dependencies, defaults, {@code imply}, ranges, choices and the {@code m}-without-modules rules.
 * Values are cached per symbol (the VALID flag) until {@link #clearAllValid()}. Not thread-safe.
 */
final class Values {
    private static final int NO = 0;
    private static final int MOD = 1;
    private static final int YES = 2;

    private final Kconfig kc;
    private final SymbolTable t;

    Values(Kconfig kc) {
        this.kc = kc;
        this.t = kc.symbols;
    }

    // ---------------------------------------------------------------- types and simple accessors

    SymbolType getType(Symbol sym) {
        SymbolType type = sym.type;
        if (type == SymbolType.TRISTATE) {
            if (sym.isChoiceValue() && sym.visible == YES) {
                type = SymbolType.BOOLEAN;
            } else if (kc.modulesVal == NO) {
                type = SymbolType.BOOLEAN;
            }
        }
        return type;
    }

    int tristateValue(Symbol sym) {
        return sym.currTri;
    }

    String stringValue(Symbol sym) {
        if (sym.type == SymbolType.BOOLEAN || sym.type == SymbolType.TRISTATE) {
            return switch (sym.currTri) {
                case NO -> "n";
                case MOD -> "m";
                default -> "y";
            };
        }
        return sym.currVal instanceof String s ? s : "";
    }

    boolean isChangeable(Symbol sym) {
        return sym.visible > sym.revDepTri;
    }

    private Property defaultProp(Symbol sym) {
        for (Property p : sym.props) {
            if (p.kind == Property.Kind.DEFAULT) {
                p.visibleTri = exprValue(p.visibleExpr);
                if (p.visibleTri != NO) {
                    return p;
                }
            }
        }
        return null;
    }

    Property rangeProp(Symbol sym) {
        for (Property p : sym.props) {
            if (p.kind == Property.Kind.RANGE) {
                p.visibleTri = exprValue(p.visibleExpr);
                if (p.visibleTri != NO) {
                    return p;
                }
            }
        }
        return null;
    }

    long rangeVal(Symbol sym, int base) {
        calcValue(sym);
        if (sym.type == SymbolType.INT) {
            base = 10;
        } else if (sym.type == SymbolType.HEX) {
            base = 16;
        }
        return CNumbers.strtoll(String.valueOf(sym.currVal), base).value();
    }

    private void validateRange(Symbol sym) {
        int base;
        if (sym.type == SymbolType.INT) {
            base = 10;
        } else if (sym.type == SymbolType.HEX) {
            base = 16;
        } else {
            return;
        }
        Property prop = rangeProp(sym);
        if (prop == null) {
            return;
        }
        long val = CNumbers.strtoll(String.valueOf(sym.currVal), base).value();
        Symbol rangeSym = prop.expr.leftSym;
        long val2 = rangeVal(rangeSym, base);
        if (val >= val2) {
            rangeSym = prop.expr.rightSym;
            val2 = rangeVal(rangeSym, base);
            if (val <= val2) {
                return;
            }
        }
        sym.currVal = rangeSym.currVal;
    }

    void setChanged(Symbol sym) {
        sym.flags |= Symbol.CHANGED;
    }

    private void setAllChanged() {
        for (Symbol s : t.all()) {
            setChanged(s);
        }
    }

    // ---------------------------------------------------------------- visibility and values

    void calcVisibility(Symbol sym) {
        Symbol choiceSym = null;
        int tri = NO;
        if (sym.isChoiceValue()) {
            choiceSym = sym.choice();
        }
        for (Property p : sym.props) {
            if (p.text == null) {
                continue;
            }
            p.visibleTri = exprValue(p.visibleExpr);
            if (choiceSym != null && sym.type == SymbolType.TRISTATE && p.visibleTri == MOD
                    && choiceSym.currTri == YES) {
                p.visibleTri = NO;
            }
            tri = Math.max(tri, p.visibleTri);
        }
        if (tri == MOD && (sym.type != SymbolType.TRISTATE || kc.modulesVal == NO)) {
            tri = YES;
        }
        if (sym.visible != tri) {
            sym.visible = tri;
            setChanged(sym);
        }
        if (sym.isChoiceValue()) {
            return;
        }
        tri = YES;
        if (sym.dirDep != null) {
            tri = exprValue(sym.dirDep);
        }
        if (tri == MOD && getType(sym) == SymbolType.BOOLEAN) {
            tri = YES;
        }
        if (sym.dirDepTri != tri) {
            sym.dirDepTri = tri;
            setChanged(sym);
        }
        tri = NO;
        if (sym.revDep != null) {
            tri = exprValue(sym.revDep);
        }
        if (tri == MOD && getType(sym) == SymbolType.BOOLEAN) {
            tri = YES;
        }
        if (sym.revDepTri != tri) {
            sym.revDepTri = tri;
            setChanged(sym);
        }
        tri = NO;
        if (sym.implied != null) {
            tri = exprValue(sym.implied);
        }
        if (tri == MOD && getType(sym) == SymbolType.BOOLEAN) {
            tri = YES;
        }
        if (sym.impliedTri != tri) {
            sym.impliedTri = tri;
            setChanged(sym);
        }
    }

    Symbol choiceDefault(Symbol sym) {
        for (Property p : sym.props) {
            if (p.kind != Property.Kind.DEFAULT) {
                continue;
            }
            p.visibleTri = exprValue(p.visibleExpr);
            if (p.visibleTri == NO) {
                continue;
            }
            Symbol def = p.symbol();
            if (def.visible != NO) {
                return def;
            }
        }
        if (sym.choiceValues != null) {
            for (Symbol def : sym.choiceValues) {
                if (def.visible != NO) {
                    return def;
                }
            }
        }
        return null;
    }

    private Symbol calcChoice(Symbol sym) {
        int flags = sym.flags;
        if (sym.choiceValues != null) {
            for (Symbol def : sym.choiceValues) {
                calcVisibility(def);
                if (def.visible != NO) {
                    flags &= def.flags;
                }
            }
        }
        sym.flags &= flags | ~Symbol.DEF_USER;
        Object user = sym.defVal[Symbol.S_DEF_USER];
        if (user instanceof Symbol def && def.visible != NO) {
            return def;
        }
        Symbol def = choiceDefault(sym);
        if (def == null) {
            sym.currTri = NO;
        }
        return def;
    }

    private void warnUnmetDep(Symbol sym) {
        StringBuilder sb = new StringBuilder();
        sb.append("\nWARNING: unmet direct dependencies detected for ").append(sym.name).append('\n');
        sb.append("  Depends on [").append(sym.dirDepTri == MOD ? 'm' : 'n').append("]: ");
        sb.append(exprWithValues(sym.dirDep)).append('\n');
        revdep(sym.revDep, sb, YES, new String[] {"  Selected by [y]:\n"});
        revdep(sym.revDep, sb, MOD, new String[] {"  Selected by [m]:\n"});
        kc.err.accept(sb.substring(0, sb.length() - 1));
        kc.symWarnings++;
    }

    void revdep(Expr e, StringBuilder sb, int type, String[] title) {
        if (e == null) {
            return;
        }
        if (e.type == Expr.Type.OR) {
            revdep(e.left, sb, type, title);
            revdep(e.right, sb, type, title);
        } else if (exprValue(e) == type) {
            if (title[0] != null) {
                sb.append(title[0]);
                title[0] = null;
            }
            sb.append("  - ").append(exprWithValues(e)).append('\n');
        }
    }

    String exprWithValues(Expr e) {
        StringBuilder sb = new StringBuilder();
        Expr.print(e, (s, text) -> {
            sb.append(text);
            if (s != null && s.type != SymbolType.UNKNOWN) {
                sb.append(" [=").append(stringValue(s)).append(']');
            }
        }, Expr.Type.NONE);
        return sb.toString();
    }

    /**
     * Like {@link #exprWithValues} for people rather than for agreement with the C tools: a constant other than
     * y, m and n is quoted and carries no value ({@code "" = "y"} instead of the C tools' {@code =y [=y]}).
     *
     * @param e an expression
     * @return its text with the values of its symbols
     */
    String readableExprWithValues(Expr e) {
        StringBuilder sb = new StringBuilder();
        Expr.print(e, (s, text) -> {
            boolean tristateConstant = text.equals("y") || text.equals("m") || text.equals("n");
            if (s != null && s.isConstant() && !tristateConstant) {
                sb.append('"').append(text).append('"');
                return;
            }
            sb.append(text);
            if (s != null && s.type != SymbolType.UNKNOWN && !s.isConstant()) {
                sb.append(" [=").append(stringValue(s)).append(']');
            }
        }, Expr.Type.NONE);
        return sb.toString();
    }

    void calcValue(Symbol sym) {
        if (sym == null || (sym.flags & Symbol.VALID) != 0) {
            return;
        }
        if (sym.isChoiceValue() && (sym.flags & Symbol.NEED_SET_CHOICE_VALUES) != 0) {
            sym.flags &= ~Symbol.NEED_SET_CHOICE_VALUES;
            calcValue(sym.choice());
        }
        sym.flags |= Symbol.VALID;
        Object oldVal = sym.currVal;
        int oldTri = sym.currTri;
        Object newVal;
        int newTri;
        switch (sym.type) {
            case INT, HEX, STRING -> {
                newVal = t.empty.currVal;
                newTri = NO;
            }
            case BOOLEAN, TRISTATE -> {
                newVal = "n";
                newTri = NO;
            }
            default -> {
                sym.currVal = sym.name;
                sym.currTri = NO;
                return;
            }
        }
        sym.flags &= ~Symbol.WRITE;
        calcVisibility(sym);
        if (sym.visible != NO) {
            sym.flags |= Symbol.WRITE;
        }
        sym.currVal = newVal;
        sym.currTri = newTri;
        switch (getType(sym)) {
            case BOOLEAN, TRISTATE -> {
                if (sym.isChoiceValue() && sym.visible == YES) {
                    Symbol cs = sym.choice();
                    newTri = cs.currVal == sym ? YES : NO;
                } else {
                    boolean useUser = sym.visible != NO && sym.hasValue();
                    if (useUser) {
                        newTri = Math.min(sym.defTri[Symbol.S_DEF_USER], sym.visible);
                    } else {
                        if (sym.revDepTri != NO) {
                            sym.flags |= Symbol.WRITE;
                        }
                        if (!sym.isChoice()) {
                            Property prop = defaultProp(sym);
                            if (prop != null) {
                                newTri = Math.min(exprValue(prop.expr), prop.visibleTri);
                                if (newTri != NO) {
                                    sym.flags |= Symbol.WRITE;
                                }
                            }
                            if (sym.impliedTri != NO) {
                                sym.flags |= Symbol.WRITE;
                                newTri = Math.max(newTri, sym.impliedTri);
                                newTri = Math.min(newTri, sym.dirDepTri);
                            }
                        }
                    }
                    if (sym.dirDepTri < sym.revDepTri) {
                        warnUnmetDep(sym);
                    }
                    newTri = Math.max(newTri, sym.revDepTri);
                }
                if (newTri == MOD && getType(sym) == SymbolType.BOOLEAN) {
                    newTri = YES;
                }
            }
            case STRING, HEX, INT -> {
                if (sym.visible != NO && sym.hasValue()) {
                    newVal = sym.defVal[Symbol.S_DEF_USER];
                } else {
                    Property prop = defaultProp(sym);
                    if (prop != null) {
                        Symbol ds = prop.symbol();
                        if (ds != null) {
                            sym.flags |= Symbol.WRITE;
                            calcValue(ds);
                            newVal = ds.currVal;
                        }
                    }
                }
            }
            default -> {
            }
        }
        sym.currVal = newVal;
        sym.currTri = newTri;
        if (sym.isChoice() && newTri == YES) {
            sym.currVal = calcChoice(sym);
        }
        validateRange(sym);
        if (!Objects.equals(oldVal, sym.currVal) || oldTri != sym.currTri) {
            setChanged(sym);
            if (kc.modulesSym == sym) {
                setAllChanged();
                kc.modulesVal = kc.modulesSym.currTri;
            }
        }
        if (sym.isChoice()) {
            if (sym.choiceValues != null) {
                for (Symbol cv : sym.choiceValues) {
                    if ((sym.flags & Symbol.WRITE) != 0 && cv.visible != NO) {
                        cv.flags |= Symbol.WRITE;
                    }
                    if ((sym.flags & Symbol.CHANGED) != 0) {
                        setChanged(cv);
                    }
                }
            }
        }
        if ((sym.flags & Symbol.NO_WRITE) != 0) {
            sym.flags &= ~Symbol.WRITE;
        }
        if ((sym.flags & Symbol.NEED_SET_CHOICE_VALUES) != 0) {
            setAllChoiceValues(sym);
        }
    }

    void setAllChoiceValues(Symbol csym) {
        if (csym.choiceValues != null) {
            for (Symbol s : csym.choiceValues) {
                if (!s.hasValue()) {
                    s.defTri[Symbol.S_DEF_USER] = NO;
                }
            }
        }
        csym.flags |= Symbol.DEF_USER;
        csym.flags &= ~(Symbol.VALID | Symbol.NEED_SET_CHOICE_VALUES);
    }

    void clearAllValid() {
        for (Symbol s : t.all()) {
            s.flags &= ~Symbol.VALID;
        }
        kc.changed = true;
        calcValue(kc.modulesSym);
    }

    /** sym_get_string_default: the value the symbol would have without a user value. */
    String stringDefault(Symbol sym) {
        calcVisibility(sym);
        calcValue(kc.modulesSym);
        int val = NO;
        String str = "";
        Property prop = defaultProp(sym);
        if (prop != null) {
            if (sym.type == SymbolType.BOOLEAN || sym.type == SymbolType.TRISTATE) {
                val = Math.min(exprValue(prop.expr), prop.visibleTri);
            } else {
                Symbol ds = prop.symbol();
                if (ds != null) {
                    calcValue(ds);
                    str = String.valueOf(ds.currVal);
                }
            }
        }
        val = Math.max(val, sym.revDepTri);
        if (val == MOD && !sym.isChoiceValue() && kc.modulesSym.currTri == NO) {
            val = YES;
        }
        if (sym.type == SymbolType.BOOLEAN && val == MOD) {
            val = YES;
        }
        if (val < sym.impliedTri) {
            val = sym.impliedTri;
        }
        return switch (sym.type) {
            case BOOLEAN, TRISTATE -> val == NO ? "n" : val == MOD ? "m" : "y";
            case INT, HEX, STRING -> str;
            default -> "";
        };
    }

    // ---------------------------------------------------------------- expressions

    int exprValue(Expr e) {
        if (e == null) {
            return YES;
        }
        switch (e.type) {
            case SYMBOL -> {
                calcValue(e.leftSym);
                return e.leftSym.currTri;
            }
            case AND -> {
                int a = exprValue(e.left);
                int b = exprValue(e.right);
                return Math.min(a, b);
            }
            case OR -> {
                int a = exprValue(e.left);
                int b = exprValue(e.right);
                return Math.max(a, b);
            }
            case NOT -> {
                return 2 - exprValue(e.left);
            }
            case EQUAL, GEQ, GTH, LEQ, LTH, UNEQUAL -> {
                return compare(e);
            }
            default -> {
                return NO;
            }
        }
    }

    private int compare(Expr e) {
        calcValue(e.leftSym);
        calcValue(e.rightSym);
        String str1 = stringValue(e.leftSym);
        String str2 = stringValue(e.rightSym);
        int res;
        CNumbers.Parsed k1 = null;
        CNumbers.Parsed k2 = null;
        if (e.leftSym.type != SymbolType.STRING || e.rightSym.type != SymbolType.STRING) {
            k1 = CNumbers.parseForCompare(str1, e.leftSym.type);
            k2 = CNumbers.parseForCompare(str2, e.rightSym.type);
        }
        if (k1 == null || k2 == null || k1.isString() || k2.isString()) {
            res = CNumbers.strcmp(str1, str2);
        } else if (k1.unsigned() || k2.unsigned()) {
            res = Long.compareUnsigned(k1.value(), k2.value());
        } else {
            res = Long.compare(k1.value(), k2.value());
        }
        return switch (e.type) {
            case EQUAL -> res != 0 ? NO : YES;
            case GEQ -> res >= 0 ? YES : NO;
            case GTH -> res > 0 ? YES : NO;
            case LEQ -> res <= 0 ? YES : NO;
            case LTH -> res < 0 ? YES : NO;
            default -> res != 0 ? YES : NO;
        };
    }

    /** menu_is_visible, including its side effect of marking an invisible symbol with visible children as set. */
    boolean menuIsVisible(MenuNode menu) {
        if (menu.prompt == null) {
            return false;
        }
        if (menu.visibility != null && exprValue(menu.visibility) == NO) {
            return false;
        }
        Symbol sym = menu.sym;
        int visible;
        if (sym != null) {
            calcValue(sym);
            visible = menu.prompt.visibleTri;
        } else {
            visible = exprValue(menu.prompt.visibleExpr);
            menu.prompt.visibleTri = visible;
        }
        if (visible != NO) {
            return true;
        }
        if (sym == null || sym.currTri == NO) {
            return false;
        }
        for (MenuNode child = menu.list; child != null; child = child.next) {
            if (menuIsVisible(child)) {
                sym.flags |= Symbol.DEF_USER;
                return true;
            }
        }
        return false;
    }
}
