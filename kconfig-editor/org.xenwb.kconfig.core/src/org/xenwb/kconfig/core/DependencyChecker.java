package org.xenwb.kconfig.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Detects recursive dependencies like the C tools' {@code sym_check_deps}: a symbol whose value depends on itself
 * through {@code depends on}, {@code select}, {@code imply}, prompts, defaults or ranges is an error, reported with
 * the same chain of {@code file:line} lines as the C tools.
 */
final class DependencyChecker {
    private enum Via { NONE, DIR_DEP, REV_DEP, IMPLIED, VALUE }

    private static final class Frame {
        final Symbol sym;
        Property prop;
        Via via = Via.NONE;

        Frame(Symbol sym) {
            this.sym = sym;
        }
    }

    private final Kconfig kc;
    private final List<Frame> stack = new ArrayList<>();
    private final StringBuilder report = new StringBuilder();

    private DependencyChecker(Kconfig kc) {
        this.kc = kc;
    }

    static void check(Kconfig kc) {
        DependencyChecker c = new DependencyChecker(kc);
        for (Symbol sym : kc.symbols.all()) {
            if (c.checkDeps(sym) != null) {
                kc.errors.add(c.report.substring(0, c.report.length() - 1));
                c.report.setLength(0);
            }
        }
    }

    private static String name(Symbol s) {
        return s.name != null ? s.name : "<choice>";
    }

    private static String kindName(Property.Kind k) {
        return k.name().toLowerCase(java.util.Locale.ROOT);
    }

    private void printRecursive(Symbol lastSym) {
        Frame cv = null;
        if (lastSym.isChoiceValue()) {
            cv = new Frame(lastSym);
            stack.add(cv);
            lastSym = lastSym.choice();
        }
        int start = -1;
        for (int i = stack.size() - 1; i >= 0; i--) {
            if (stack.get(i).sym == lastSym) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            report.append("unexpected recursive dependency error\n");
        } else {
            for (int i = start; i < stack.size(); i++) {
                Frame f = stack.get(i);
                Symbol sym = f.sym;
                Symbol next = i + 1 < stack.size() ? stack.get(i + 1).sym : lastSym;
                Property prop = f.prop != null ? f.prop : sym.props.isEmpty() ? null : sym.props.get(0);
                MenuNode menu = null;
                if (sym.isChoice() || sym.isChoiceValue()) {
                    for (Property p : sym.props) {
                        prop = p;
                        menu = p.menu;
                        if (p.menu != null) {
                            break;
                        }
                    }
                }
                String at = prop == null ? "?:0" : prop.file + ":" + prop.line;
                if (f.sym == lastSym) {
                    report.append(at).append(":error: recursive dependency detected!\n");
                }
                if (sym.isChoice()) {
                    report.append(menu.file).append(':').append(menu.line).append(":\tchoice ").append(name(sym))
                            .append(" contains symbol ").append(name(next)).append('\n');
                } else if (sym.isChoiceValue()) {
                    report.append(menu.file).append(':').append(menu.line).append(":\tsymbol ").append(name(sym))
                            .append(" is part of choice ").append(name(next)).append('\n');
                } else {
                    String what = switch (f.via) {
                        case DIR_DEP -> "depends on";
                        case REV_DEP -> "is selected by";
                        case IMPLIED -> "is implied by";
                        case VALUE -> kindName(prop.kind) + " value contains";
                        default -> kindName(prop.kind) + " is visible depending on";
                    };
                    report.append(at).append(":\tsymbol ").append(name(sym)).append(' ').append(what).append(' ')
                            .append(name(next)).append('\n');
                }
            }
            report.append("For a resolution refer to Documentation/kbuild/kconfig-language.rst\n"
                    + "subsection \"Kconfig recursive dependency limitations\"\n\n");
        }
        if (cv != null && !stack.isEmpty() && stack.get(stack.size() - 1) == cv) {
            stack.remove(stack.size() - 1);
        }
    }

    private Symbol checkExpr(Expr e) {
        if (e == null) {
            return null;
        }
        switch (e.type) {
            case OR, AND -> {
                Symbol s = checkExpr(e.left);
                return s != null ? s : checkExpr(e.right);
            }
            case NOT -> {
                return checkExpr(e.left);
            }
            case EQUAL, GEQ, GTH, LEQ, LTH, UNEQUAL -> {
                Symbol s = checkDeps(e.leftSym);
                return s != null ? s : checkDeps(e.rightSym);
            }
            case SYMBOL -> {
                return checkDeps(e.leftSym);
            }
            default -> {
                return null;
            }
        }
    }

    private Symbol checkSymDeps(Symbol sym) {
        Frame f = new Frame(sym);
        stack.add(f);
        try {
            f.via = Via.DIR_DEP;
            Symbol s2 = checkExpr(sym.dirDep);
            if (s2 != null) {
                return s2;
            }
            f.via = Via.REV_DEP;
            s2 = checkExpr(sym.revDep);
            if (s2 != null) {
                return s2;
            }
            f.via = Via.IMPLIED;
            s2 = checkExpr(sym.implied);
            if (s2 != null) {
                return s2;
            }
            f.via = Via.NONE;
            for (Property prop : sym.props) {
                if (prop.kind == Property.Kind.CHOICE || prop.kind == Property.Kind.SELECT
                        || prop.kind == Property.Kind.IMPLY) {
                    continue;
                }
                f.prop = prop;
                s2 = checkExpr(prop.visibleExpr);
                if (s2 != null) {
                    return s2;
                }
                if (prop.kind != Property.Kind.DEFAULT || sym.isChoice()) {
                    continue;
                }
                f.via = Via.VALUE;
                s2 = checkExpr(prop.expr);
                if (s2 != null) {
                    return s2;
                }
                f.via = Via.NONE;
            }
            return null;
        } finally {
            stack.remove(stack.size() - 1);
        }
    }

    private Symbol checkChoiceDeps(Symbol choice) {
        Frame f = new Frame(choice);
        stack.add(f);
        List<Symbol> values = choice.choiceValues == null ? List.of() : choice.choiceValues;
        Symbol s2;
        try {
            for (Symbol s : values) {
                s.flags |= Symbol.CHECK | Symbol.CHECKED;
            }
            choice.flags |= Symbol.CHECK | Symbol.CHECKED;
            s2 = checkSymDeps(choice);
            choice.flags &= ~Symbol.CHECK;
            if (s2 == null) {
                for (Symbol s : values) {
                    s2 = checkSymDeps(s);
                    if (s2 != null) {
                        break;
                    }
                }
            }
            for (Symbol s : values) {
                s.flags &= ~Symbol.CHECK;
            }
            if (s2 != null && s2.isChoiceValue() && s2.choice() == choice) {
                s2 = choice;
            }
        } finally {
            stack.remove(stack.size() - 1);
        }
        return s2;
    }

    Symbol checkDeps(Symbol sym) {
        if ((sym.flags & Symbol.CHECK) != 0) {
            printRecursive(sym);
            return sym;
        }
        if ((sym.flags & Symbol.CHECKED) != 0) {
            return null;
        }
        if (sym.isChoiceValue()) {
            stack.add(new Frame(sym));
            try {
                return checkDeps(sym.choice());
            } finally {
                stack.remove(stack.size() - 1);
            }
        }
        if (sym.isChoice()) {
            return checkChoiceDeps(sym);
        }
        sym.flags |= Symbol.CHECK | Symbol.CHECKED;
        Symbol s2 = checkSymDeps(sym);
        sym.flags &= ~Symbol.CHECK;
        return s2;
    }
}
