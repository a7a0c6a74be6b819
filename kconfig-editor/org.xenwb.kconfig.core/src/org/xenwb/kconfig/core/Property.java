package org.xenwb.kconfig.core;

/**
 * One attribute of a symbol or menu node ({@code prompt}, {@code default}, {@code select}...), with the condition
 * under which it applies. After finalisation {@link #visibleExpr} includes the dependencies of the enclosing
 * menus, as in the C tools. Not thread-safe: evaluation caches {@link #visibleTri}.
 */
public final class Property {

    /** Property kinds of the C tools. */
    public enum Kind {
        /** {@code prompt} of a symbol or choice. */
        PROMPT,
        /** {@code comment} text. */
        COMMENT,
        /** {@code menu} text, {@code mainmenu} or the prompt of a {@code menuconfig}. */
        MENU,
        /** {@code default}. */
        DEFAULT,
        /** Choice membership (on a choice: the value list; on a value: its choice). */
        CHOICE,
        /** {@code select}. */
        SELECT,
        /** {@code imply}. */
        IMPLY,
        /** {@code range}. */
        RANGE,
        /** The definition site of a symbol. */
        SYMBOL
    }

    Kind kind;
    String text;
    Expr expr;
    Expr visibleExpr;
    int visibleTri;
    MenuNode menu;
    final String file;
    final int line;

    Property(Kind kind, Expr expr, Expr visible, MenuNode menu, String file, int line) {
        this.kind = kind;
        this.expr = expr;
        this.visibleExpr = visible;
        this.menu = menu;
        this.file = file;
        this.line = line;
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return the prompt, comment or menu text, or null */
    public String text() {
        return text;
    }

    /** @return the value expression (default value, selected symbol, range...), or null */
    public Expr expr() {
        return expr;
    }

    /** @return the condition ({@code if ...} plus inherited dependencies), null meaning {@code y} */
    public Expr condition() {
        return visibleExpr;
    }

    /** @return the file as named by {@code source} (relative to the tree) */
    public String file() {
        return file;
    }

    /** @return the line of the statement that defined this property (1-based) */
    public int line() {
        return line;
    }

    /** The symbol of a property whose expression is a single symbol or a choice list, like prop_get_symbol. */
    Symbol symbol() {
        if (expr != null && (expr.type == Expr.Type.SYMBOL || expr.type == Expr.Type.LIST)) {
            return expr.leftSym;
        }
        return null;
    }

    @Override
    public String toString() {
        return kind + (text != null ? " \"" + text + "\"" : "") + (expr != null ? " " + expr : "")
                + (visibleExpr != null ? " if " + visibleExpr : "") + " @" + file + ":" + line;
    }
}
