package org.xenwb.kconfig.core;

/**
 * Validation and setting of user values, as the C tools' front ends do it ({@code sym_set_tristate_value},
 * {@code sym_set_string_value}, {@code sym_string_valid}, {@code sym_string_within_range}): a value outside the
 * range the symbol's visibility and reverse dependencies allow is refused, and setting a choice value selects it
 * in its choice. Setting a value invalidates all computed values. Not thread-safe.
 */
final class UserValues {
    private static final int NO = 0;
    private static final int MOD = 1;
    private static final int YES = 2;

    private final Kconfig kc;
    private final Values v;

    UserValues(Kconfig kc) {
        this.kc = kc;
        this.v = kc.values;
    }


    boolean tristateWithinRange(Symbol sym, int val) {
        SymbolType type = v.getType(sym);
        if (sym.visible == NO) {
            return false;
        }
        if (type != SymbolType.BOOLEAN && type != SymbolType.TRISTATE) {
            return false;
        }
        if (type == SymbolType.BOOLEAN && val == MOD) {
            return false;
        }
        if (sym.visible <= sym.revDepTri) {
            return false;
        }
        if (sym.isChoiceValue() && sym.visible == YES) {
            return val == YES;
        }
        return val >= sym.revDepTri && val <= sym.visible;
    }

    boolean setTristateValue(Symbol sym, int val) {
        int oldVal = sym.currTri;
        if (oldVal != val && !tristateWithinRange(sym, val)) {
            return false;
        }
        if ((sym.flags & Symbol.DEF_USER) == 0) {
            sym.flags |= Symbol.DEF_USER;
            v.setChanged(sym);
        }
        if (sym.isChoiceValue() && val == YES) {
            Symbol cs = sym.choice();
            cs.defVal[Symbol.S_DEF_USER] = sym;
            cs.flags |= Symbol.DEF_USER;
            for (Symbol v : cs.choiceValues) {
                if (v.visible != NO) {
                    v.flags |= Symbol.DEF_USER;
                }
            }
        }
        sym.defTri[Symbol.S_DEF_USER] = val;
        if (oldVal != val) {
            v.clearAllValid();
        }
        return true;
    }

    boolean stringValid(Symbol sym, String str) {
        switch (sym.type) {
            case STRING -> {
                return true;
            }
            case INT -> {
                int i = 0;
                if (i < str.length() && str.charAt(i) == '-') {
                    i++;
                }
                if (i >= str.length() || !isDigit(str.charAt(i))) {
                    return false;
                }
                if (str.charAt(i) == '0' && i + 1 < str.length()) {
                    return false;
                }
                for (i++; i < str.length(); i++) {
                    if (!isDigit(str.charAt(i))) {
                        return false;
                    }
                }
                return true;
            }
            case HEX -> {
                int i = 0;
                if (str.length() >= 2 && str.charAt(0) == '0' && (str.charAt(1) == 'x' || str.charAt(1) == 'X')) {
                    i = 2;
                }
                if (i >= str.length()) {
                    return false;
                }
                for (; i < str.length(); i++) {
                    if (!CNumbers.isXDigit(str.charAt(i))) {
                        return false;
                    }
                }
                return true;
            }
            case BOOLEAN, TRISTATE -> {
                return !str.isEmpty() && "yYmMnN".indexOf(str.charAt(0)) >= 0;
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    boolean stringWithinRange(Symbol sym, String str) {
        switch (sym.type) {
            case STRING -> {
                return stringValid(sym, str);
            }
            case INT, HEX -> {
                if (!stringValid(sym, str)) {
                    return false;
                }
                Property prop = v.rangeProp(sym);
                if (prop == null) {
                    return true;
                }
                int base = sym.type == SymbolType.INT ? 10 : 16;
                long val = CNumbers.strtoll(str, base).value();
                return val >= v.rangeVal(prop.expr.leftSym, base) && val <= v.rangeVal(prop.expr.rightSym, base);
            }
            case BOOLEAN, TRISTATE -> {
                if (str.isEmpty()) {
                    return false;
                }
                return switch (str.charAt(0)) {
                    case 'y', 'Y' -> tristateWithinRange(sym, YES);
                    case 'm', 'M' -> tristateWithinRange(sym, MOD);
                    case 'n', 'N' -> tristateWithinRange(sym, NO);
                    default -> false;
                };
            }
            default -> {
                return false;
            }
        }
    }

    boolean setStringValue(Symbol sym, String newVal) {
        if (sym.type == SymbolType.BOOLEAN || sym.type == SymbolType.TRISTATE) {
            if (newVal.isEmpty()) {
                return false;
            }
            return switch (newVal.charAt(0)) {
                case 'y', 'Y' -> setTristateValue(sym, YES);
                case 'm', 'M' -> setTristateValue(sym, MOD);
                case 'n', 'N' -> setTristateValue(sym, NO);
                default -> false;
            };
        }
        if (!stringWithinRange(sym, newVal)) {
            return false;
        }
        if ((sym.flags & Symbol.DEF_USER) == 0) {
            sym.flags |= Symbol.DEF_USER;
            v.setChanged(sym);
        }
        Object old = sym.defVal[Symbol.S_DEF_USER];
        String val;
        if (sym.type == SymbolType.HEX && !(newVal.length() >= 2 && newVal.charAt(0) == '0'
                && (newVal.charAt(1) == 'x' || newVal.charAt(1) == 'X'))) {
            val = "0x" + newVal;
        } else if (old == null || !old.equals(newVal)) {
            val = newVal;
        } else {
            return true;
        }
        sym.defVal[Symbol.S_DEF_USER] = val;
        v.clearAllValid();
        return true;
    }
}
